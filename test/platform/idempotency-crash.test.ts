/**
 * issue 11.2: a request killed with SIGKILL while it holds an Idempotency-Key does not hold the key for
 * 24 hours. A real server process (fixtures/crash-server.ts) is killed mid-checkout, once its stock is
 * reserved; a new process answers the retry with the same key, and exactly one order exists. On SQLite
 * the killed run's transaction is still open and dies with it, so the retry reserves afresh; on
 * PostgreSQL reserve's batch (one statement, no BEGIN) has committed the key's claim and the pending
 * order before `held` is printed, so the retry takes the dead run's key over and resumes its order.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import { buildApp } from '../../src/app.ts'
import { testConfig, usingPostgres } from '../helpers.ts'
import { ADDRESS, cardToken, guestCart, seedShop } from '../modules/orders/fixtures.ts'

const PORT = usingPostgres ? 31111 : 31110
const KEYS = `crash:${randomBytes(32).toString('base64')}`

function databaseUrl(t: { after: (fn: () => void | Promise<void>) => void }): string {
  if (usingPostgres) {
    const url = new URL(process.env.DATABASE_URL as string)
    url.searchParams.set('schema', `crash_${randomBytes(5).toString('hex')}`)
    return url.toString()
  }
  const dir = mkdtempSync(join(tmpdir(), 'backroom-crash-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return `sqlite:${join(dir, 'shop.db')}`
}

/** Starts the server; resolves once it printed `ready`, and exposes a promise for `held`. */
async function startServer(url: string, hold: boolean) {
  const child = spawn(process.execPath, ['test/platform/fixtures/crash-server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: url,
      PORT: String(PORT),
      ENCRYPTION_KEYS: KEYS,
      BACKROOM_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      SEED_DEMO_DATA: 'false',
      RATE_LIMIT_SCALE: '1000',
      LOG_LEVEL: 'silent',
      MAIL_DISPATCH_INTERVAL_MS: '0',
      HOLD_CHECKOUT: hold ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = (word: string) =>
    new Promise<void>((resolve, reject) => {
      let out = ''
      child.stdout?.on('data', (chunk) => {
        out += chunk
        if (out.split('\n').includes(word)) resolve()
      })
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before "${word}"`)))
    })
  const held = lines('held')
  held.catch(() => {})
  await lines('ready')
  return { child, held }
}

function exited(child: ChildProcess) {
  return new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
}

test('a checkout killed with SIGKILL mid-flight: the retry with its key takes the key over, one order', async (t) => {
  const url = databaseUrl(t)
  // Seed through an app of this process on the same database, then close it.
  const config = testConfig({}, { DATABASE_URL: url, ENCRYPTION_KEYS: KEYS })
  config.database.dropSchemaOnClose = false
  config.database.schema = usingPostgres ? (new URL(url).searchParams.get('schema') ?? undefined) : undefined
  const seeder = await buildApp(config)
  const shop = await seedShop(seeder, [{ handle: 'kettle', price: 2900, stock: 5 }])
  const variantId = shop.products[0].variants[0].id as string
  const { cartId, headers } = await guestCart(seeder, variantId)
  const payload = {
    cartId,
    email: 'crash@example.test',
    shippingAddress: ADDRESS,
    shippingMethodId: shop.shippingMethodId,
    payment: { token: await cardToken(seeder) },
  }
  await seeder.close()
  t.after(async () => {
    if (!usingPostgres) return
    const cleaner = await buildApp({ ...config, database: { ...config.database, dropSchemaOnClose: true } })
    await cleaner.close()
  })

  const checkout = () =>
    fetch(`http://127.0.0.1:${PORT}/checkout`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': 'crash-key-1' },
      body: JSON.stringify(payload),
    })

  const first = await startServer(url, true)
  t.after(() => void first.child.kill('SIGKILL'))
  const inFlight = checkout().catch((error: Error) => error) // its connection dies with the server
  await first.held
  const gone = exited(first.child)
  first.child.kill('SIGKILL')
  assert.equal(await gone, 'SIGKILL')
  assert.ok((await inFlight) instanceof Error, 'the killed request never answered')

  const second = await startServer(url, false)
  t.after(() => void second.child.kill('SIGKILL'))
  const retry = await checkout()
  const body = await retry.text()
  assert.equal(retry.status, 201, body)
  assert.equal(retry.headers.get('idempotent-replayed'), null, 'the handler ran (the dead run stored no reply)')
  const again = await checkout()
  assert.equal(again.status, 201)
  assert.equal(again.headers.get('idempotent-replayed'), 'true')
  assert.equal(await again.text(), body)
  const stopped = exited(second.child)
  second.child.kill('SIGTERM')
  await stopped

  const reader = await buildApp(config)
  t.after(() => reader.close())
  const db = reader.backroom.database.db
  const orders = await sql<{ n: number }>`select count(*) as n from shop_order`.execute(db)
  assert.equal(Number(orders.rows[0].n), 1, 'exactly one order')
  const stock = await reader.backroom.catalog.getSellableVariant(db, variantId, 'EUR')
  // Reserved once: the killed run's reservation rolled back with its transaction (SQLite), or was
  // committed and the retry resumed that order instead of reserving again (PostgreSQL).
  assert.equal(stock.stock, 4, 'stock reserved once')
})
