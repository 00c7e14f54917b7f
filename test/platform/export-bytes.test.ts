/**
 * The CSV exports' bytes (issue 11): produced in a worker thread (a SQLite file, PostgreSQL) or on
 * the main thread (in-memory SQLite), every path writes exactly the bytes the exports wrote before
 * they moved off the event loop: quotes, embedded line breaks, formula-injection cells, unicode,
 * empty and null cells, ISO times and integer minor units. EXPECTED_* were recorded from the code
 * before the change.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildApp } from '../../src/app.ts'
import type { Db } from '../../src/platform/db/types.ts'
import type { App } from '../../src/platform/http/types.ts'
import { headersFor, testConfig, usingPostgres } from '../helpers.ts'

const T = Date.parse('2026-01-05T10:00:00.000Z')

async function seed(db: Db) {
  const event = (i: number, values: Record<string, unknown>) => ({
    id: `evt_fx${i}`,
    type: 'page_view' as const,
    anonymous_id: `anon_fx${i}`,
    customer_id: null,
    source: 'client' as const,
    occurred_at: T + i * 1001,
    received_at: T + i * 1001 + 37,
    product_id: null,
    query: null,
    result_count: null,
    properties: '{}',
    ...values,
  })
  await db
    .insertInto('event')
    .values([
      event(1, { type: 'search', properties: '{"query":"=HYPERLINK(\\"http://evil\\")","resultCount":0}' }),
      event(2, { anonymous_id: '=1+2', customer_id: '+cmd', source: '@SUM(A1)' as 'client', properties: '-5' }),
      event(3, { properties: '{"note":"line1\nline2\r\nline3, with \\"quotes\\" and, commas"}' }),
      event(4, { anonymous_id: 'ünïcødé_🛒', properties: '{"q":"naïve café — 東京 🎉"}' }),
      event(5, { customer_id: '', properties: '\t=1' }),
      event(6, { properties: '"already quoted"' }),
    ])
    .execute()
  const user = (id: string, email: string, verified: number | null) => ({
    id,
    email,
    password_hash: 'x',
    role: 'customer',
    email_verified_at: verified,
    disabled_at: null,
    mfa_enabled: 0,
    totp_secret: null,
    totp_pending_secret: null,
    totp_last_step: null,
    created_at: T - 86_400_000,
    updated_at: T,
  })
  await db
    .insertInto('app_user')
    .values([user('usr_fx1', '-1+1@example.test', null), user('usr_fx2', 'zoë "z", o@example.test', T + 1)])
    .execute()
  const order = (id: string, values: Record<string, unknown>) => ({
    id,
    status: 'paid' as const,
    customer_id: null,
    email: 'buyer@example.test',
    currency: 'EUR',
    subtotal: 12345,
    discount: 0,
    discount_code: null,
    shipping: 495,
    shipping_method_id: 'shm_1',
    shipping_method_name: 'Standard',
    tax: 2100,
    tax_included: 1,
    total: 14940,
    amount_refunded: 0,
    item_count: 3,
    payment_id: null,
    cart_id: null,
    ship_country: 'DE',
    ship_region: null,
    ship_name_enc: 'x',
    ship_line1_enc: 'x',
    ship_line2_enc: null,
    ship_city_enc: 'x',
    ship_postcode_enc: 'x',
    ship_phone_enc: null,
    created_at: T,
    updated_at: T,
    ...values,
  })
  await db
    .insertInto('shop_order')
    .values([
      order('ord_fx1', { email: '=HYPERLINK("x")@evil.test', discount_code: '@promo', discount: 1234 }),
      order('ord_fx2', {
        email: 'zoë "z", o@example.test',
        customer_id: 'usr_fx2',
        amount_refunded: 500,
        created_at: T + 60_000,
        total: 9_007_199_254,
      }),
    ])
    .execute()
}

async function exportsOf(app: App) {
  await seed(app.backroom.database.db)
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'admin' })
  const get = async (url: string) => {
    const res = await app.inject({ url, headers: staff })
    assert.equal(res.statusCode, 200, res.body)
    return res.rawPayload.toString('utf8')
  }
  return {
    events: await get('/exports/events?from=2026-01-05&to=2026-01-05'),
    orders: await get('/exports/orders?from=2026-01-05&to=2026-01-05'),
    customers: await get('/exports/customers'),
  }
}

async function appWith(t: { after: (fn: () => unknown) => void }, onFile: boolean): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-bytes-'))
  const env: Record<string, string> = onFile && !usingPostgres ? { DATABASE_URL: `sqlite:${join(dir, 'shop.db')}` } : {}
  const app = await buildApp(testConfig({}, env))
  t.after(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return app
}

for (const [name, onFile] of [
  [usingPostgres ? 'PostgreSQL (worker thread)' : 'SQLite file (worker thread)', true],
  ['in-memory SQLite (main thread)', false],
] as const) {
  test(`export bytes are unchanged: ${name}`, { skip: usingPostgres && !onFile }, async (t) => {
    const out = await exportsOf(await appWith(t, onFile))
    if (process.env.PRINT_EXPORTS) console.log(JSON.stringify(out))
    assert.equal(out.events, EXPECTED_EVENTS)
    assert.equal(out.orders, EXPECTED_ORDERS)
    assert.equal(out.customers, EXPECTED_CUSTOMERS)
  })
}

const EXPECTED_EVENTS = [
  'id,type,occurredAt,receivedAt,anonymousId,customerId,source,properties\r\n',
  'evt_fx1,search,2026-01-05T10:00:01.001Z,2026-01-05T10:00:01.038Z,anon_fx1,,client,"{""query"":""=HYPERLINK(\\""http://evil\\"")"",""resultCount"":0}"\r\n',
  "evt_fx2,page_view,2026-01-05T10:00:02.002Z,2026-01-05T10:00:02.039Z,'=1+2,'+cmd,'@SUM(A1),'-5\r\n",
  'evt_fx3,page_view,2026-01-05T10:00:03.003Z,2026-01-05T10:00:03.040Z,anon_fx3,,client,"{""note"":""line1\nline2\r\n',
  'line3, with \\""quotes\\"" and, commas""}"\r\n',
  'evt_fx4,page_view,2026-01-05T10:00:04.004Z,2026-01-05T10:00:04.041Z,ünïcødé_🛒,,client,"{""q"":""naïve café — 東京 🎉""}"\r\n',
  "evt_fx5,page_view,2026-01-05T10:00:05.005Z,2026-01-05T10:00:05.042Z,anon_fx5,,client,'\t=1\r\n",
  'evt_fx6,page_view,2026-01-05T10:00:06.006Z,2026-01-05T10:00:06.043Z,anon_fx6,,client,"""already quoted"""\r\n',
].join('')
const EXPECTED_ORDERS = [
  'id,createdAt,status,email,customerId,currency,subtotal,discount,discountCode,shipping,tax,total,refunded,items,country\r\n',
  'ord_fx1,2026-01-05T10:00:00.000Z,paid,"\'=HYPERLINK(""x"")@evil.test",,EUR,12345,1234,\'@promo,495,2100,14940,0,3,DE\r\n',
  'ord_fx2,2026-01-05T10:01:00.000Z,paid,"zoë ""z"", o@example.test",usr_fx2,EUR,12345,0,,495,2100,9007199254,500,3,DE\r\n',
].join('')
const EXPECTED_CUSTOMERS = [
  'id,email,createdAt,emailVerifiedAt,orders\r\n',
  "usr_fx1,'-1+1@example.test,2026-01-04T10:00:00.000Z,,0\r\n",
  'usr_fx2,"zoë ""z"", o@example.test",2026-01-04T10:00:00.000Z,2026-01-05T10:00:00.001Z,1\r\n',
].join('')
