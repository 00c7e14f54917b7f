/**
 * issue 12.1: after an erasure, the person's email, name, street and phone are nowhere in the raw
 * database bytes: the SQLite file and its WAL, or a pg_dump of the PostgreSQL schema. The customer has
 * every kind of data first: an address book entry, orders (one under another email), an
 * Idempotency-Key checkout, webhook deliveries still pending (order.paid and customer.created), mail.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildApp } from '../../../src/app.ts'
import { TEST_PASSWORD, testConfig, usingPostgres } from '../../helpers.ts'
import { ADDRESS, cardToken, seedShop } from '../orders/fixtures.ts'

const PERSON = {
  email: 'zephyrine.quill@example.test',
  otherEmail: 'zq.elsewhere@example.test',
  name: 'Zephyrine Quillfeather',
  street: '93 Obscurity Lane',
  phone: '+353 1 555 7788',
}
const PG_DUMP = '/usr/lib/postgresql/15/bin/pg_dump'

function configFor(t: { after: (fn: () => void) => void }) {
  if (usingPostgres) return testConfig()
  const dir = mkdtempSync(join(tmpdir(), 'backroom-erasure-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return testConfig({}, { DATABASE_URL: `sqlite:${join(dir, 'shop.db')}` })
}

/** Every byte the database holds at rest: the SQLite file and its -wal, or a pg_dump of the schema. */
function rawBytes(config: ReturnType<typeof testConfig>): Buffer {
  if (config.database.kind === 'sqlite') {
    const files = [config.database.sqlitePath, `${config.database.sqlitePath}-wal`].filter((f) => existsSync(f))
    return Buffer.concat(files.map((f) => readFileSync(f)))
  }
  return execFileSync(PG_DUMP, ['--schema', String(config.database.schema), config.database.url], {
    maxBuffer: 256 * 1024 * 1024,
  })
}

function found(bytes: Buffer): string[] {
  const needles = [PERSON.email, PERSON.otherEmail, PERSON.name, PERSON.street, PERSON.phone]
  return needles.filter(
    (needle) => bytes.includes(Buffer.from(needle)) || bytes.includes(Buffer.from(needle, 'utf16le')),
  )
}

test('erasure leaves none of the person in the raw database bytes', async (t) => {
  const config = configFor(t)
  const app = await buildApp(config)
  t.after(() => app.close())
  const shop = await seedShop(app, [{ handle: 'lamp', price: 4100, stock: 10 }])
  const variantId = shop.products[0].variants[0].id

  // A receiver that is down: deliveries stay pending (the dispatcher is off in tests anyway).
  const hook = await app.inject({
    method: 'POST',
    url: '/webhooks/endpoints',
    headers: shop.admin,
    payload: { url: 'http://127.0.0.1:1/hooks', events: ['order.paid', 'customer.created'] },
  })
  assert.equal(hook.statusCode, 201, hook.body)

  // Sign-up through the route: a customer.created delivery and a verification mail.
  const signUp = await app.inject({
    method: 'POST',
    url: '/auth/sign-up',
    payload: { email: PERSON.email, password: TEST_PASSWORD },
  })
  assert.ok(signUp.statusCode < 300, signUp.body)
  const signIn = await app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { email: PERSON.email, password: TEST_PASSWORD },
  })
  assert.equal(signIn.statusCode, 200, signIn.body)
  const me = { authorization: `Bearer ${signIn.json().token}` }
  const address = await app.inject({
    method: 'POST',
    url: '/me/addresses',
    headers: me,
    payload: { ...ADDRESS, name: PERSON.name, line1: PERSON.street, phone: PERSON.phone },
  })
  assert.equal(address.statusCode, 201, address.body)

  const checkout = async (email: string, key: string) => {
    const { cart } = (
      await app.inject({ method: 'POST', url: '/carts', headers: me, payload: { currency: 'EUR' } })
    ).json()
    await app.inject({
      method: 'POST',
      url: `/carts/${cart.id}/items`,
      headers: me,
      payload: { variantId, quantity: 1 },
    })
    const res = await app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { ...me, 'idempotency-key': key },
      payload: {
        cartId: cart.id,
        email,
        addressId: address.json().id,
        shippingMethodId: shop.shippingMethodId,
        payment: { token: await cardToken(app) },
      },
    })
    assert.equal(res.statusCode, 201, res.body)
    assert.match(res.body, new RegExp(PERSON.street)) // the stored reply holds the address
    return res.json().order
  }
  const order = await checkout(PERSON.email, 'erasure-checkout-1')
  await checkout(PERSON.otherEmail, 'erasure-checkout-2')
  // Staff capture with their own key: that stored reply names the customer too.
  const captured = await app.inject({
    method: 'POST',
    url: `/orders/${order.id}/capture`,
    headers: { ...shop.staff, 'idempotency-key': 'staff-capture-1' },
  })
  assert.equal(captured.statusCode, 200, captured.body)

  const db = app.backroom.database.db
  const count = async (table: 'webhook_delivery' | 'mail_outbox' | 'idempotency_key') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const before = {
    deliveries: await count('webhook_delivery'),
    mail: await count('mail_outbox'),
    keys: await count('idempotency_key'),
  }
  assert.ok(before.deliveries >= 3, 'customer.created and two order.paid deliveries are pending')
  assert.ok(before.mail >= 3, 'verification and two confirmations')
  assert.ok(before.keys >= 3)
  // Sealed at rest even before erasure: only the columns that must stay readable hold the email.
  const early = found(rawBytes(config))
  assert.ok(early.includes(PERSON.email), 'the scan sees what is there: the account email is readable')
  assert.ok(
    !early.includes(PERSON.street) && !early.includes(PERSON.phone) && !early.includes(PERSON.name),
    early.join(),
  )

  const erased = await app.inject({
    method: 'POST',
    url: '/me/personal-data/erasure',
    headers: me,
    payload: { password: TEST_PASSWORD },
  })
  assert.equal(erased.statusCode, 200, erased.body)

  assert.equal(await count('webhook_delivery'), before.deliveries - 3, 'pending deliveries for the person are dropped')
  assert.equal(await count('mail_outbox'), before.mail - 3)
  assert.equal(await count('idempotency_key'), before.keys - 3, "the person's replies and staff's reply naming them")
  assert.deepEqual(found(rawBytes(config)), [])
})
