/**
 * `backroom serve` on several processes (issue 11, WEB_CONCURRENCY): a real child process, forked by
 * node:cluster into two servers on one port and one database (a SQLite file, or a throw-away schema of
 * the PostgreSQL in DATABASE_URL). A session made by one process is honoured by the other, and SIGTERM
 * to the primary drains both: every process exits 0, having written the search events it buffered. A
 * checkout in flight at SIGTERM finishes (paid) before its process exits; a server process killed
 * outright is replaced.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { type TestContext, test } from 'node:test'
import pg from 'pg'
import { buildApp } from '../src/app.ts'
import { eventually, TEST_PASSWORD, testConfig, usingPostgres } from './helpers.ts'
import { ADDRESS, seedShop } from './modules/orders/fixtures.ts'

const PORT = usingPostgres ? 31212 : 31211
const CLI = new URL('../src/cli.ts', import.meta.url).pathname

/** One request on a fresh connection (no keep-alive), so the cluster may hand it to either process. */
function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  return new Promise<{ status: number; json: () => Record<string, unknown> }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request(
      {
        host: '127.0.0.1',
        port: PORT,
        method,
        path,
        agent: false,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => {
          text += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text) }))
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess & { lines: () => Record<string, unknown>[] } {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout?.on('data', (chunk) => {
    out += chunk
  })
  child.stderr?.on('data', (chunk) => {
    out += chunk
  })
  return Object.assign(child, {
    lines: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  })
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })

/**
 * A database of its own (a SQLite file, or a throw-away schema of DATABASE_URL's PostgreSQL), the
 * environment `backroom` runs with on it, and `rows(sql, params)` to read it from the test
 * (placeholders `$1`, `$2`…).
 */
async function clusterDatabase(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-cluster-'))
  const file = join(dir, 'shop.db')
  const schema = `t_${randomBytes(6).toString('hex')}`
  const databaseUrl = usingPostgres
    ? `${process.env.DATABASE_URL}${process.env.DATABASE_URL?.includes('?') ? '&' : '?'}schema=${schema}`
    : `sqlite:${file}`
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(PORT),
    LOG_LEVEL: 'info',
    SEED_DEMO_DATA: 'false',
    MAIL_DISPATCH_INTERVAL_MS: '0',
    EVENT_FLUSH_INTERVAL_MS: '0', // search events stay buffered until the drain
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  }
  t.after(async () => {
    rmSync(dir, { recursive: true, force: true })
    if (usingPostgres) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await client.connect()
      await client.query(`drop schema if exists ${schema} cascade`)
      await client.end()
    }
  })
  async function rows(query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    if (usingPostgres) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await client.connect()
      try {
        await client.query(`set search_path to ${schema}`)
        return (await client.query(query, params)).rows
      } finally {
        await client.end()
      }
    }
    const db = new DatabaseSync(file, { readOnly: true })
    try {
      return db.prepare(query.replace(/\$\d+/g, '?')).all(...(params as string[])) as Record<string, unknown>[]
    } finally {
      db.close()
    }
  }
  /** The same database in this process (migrated), for seeding through the services before `serve`. */
  async function inProcess() {
    const config = testConfig({}, { ENCRYPTION_KEYS: String(env.ENCRYPTION_KEYS) })
    const database = usingPostgres
      ? { ...config.database, schema, dropSchemaOnClose: false }
      : { ...config.database, url: databaseUrl, sqlitePath: file }
    return buildApp({ ...config, database })
  }
  return { env, rows, inProcess }
}

/** `backroom serve` with WEB_CONCURRENCY=2; `listening()`: the pids that logged they listen. */
async function startCluster(t: TestContext, env: NodeJS.ProcessEnv) {
  const server = run(['serve'], { ...env, WEB_CONCURRENCY: '2' })
  t.after(() => {
    if (server.exitCode === null) server.kill('SIGKILL')
  })
  const listening = () =>
    new Set(
      server
        .lines()
        .filter((l) => /listening/i.test(String(l.msg)))
        .map((l) => l.pid),
    )
  await eventually(() => listening().size === 2, 60_000)
  assert.equal((await call('GET', '/healthz')).status, 200)
  return Object.assign(server, { listening })
}

test('WEB_CONCURRENCY=2: two server processes share the port and the database; SIGTERM drains both', async (t) => {
  const { env, rows } = await clusterDatabase(t)
  const admin = run(['create-admin', '--email', 'ada@example.test', '--password', TEST_PASSWORD], env)
  assert.equal(await exited(admin), 0)

  const server = await startCluster(t, env)

  // Sign in on one process; the session works on both (same secret, same database).
  const signIn = await call('POST', '/auth/sign-in', {}, { email: 'ada@example.test', password: TEST_PASSWORD })
  assert.equal(signIn.status, 200)
  const auth = { authorization: `Bearer ${signIn.json().token}` }
  for (let i = 0; i < 6; i++) assert.equal((await call('GET', '/auth/me', auth)).status, 200)
  const answeredBy = new Set(
    server
      .lines()
      .filter((l) => l.msg === 'request')
      .map((l) => l.pid),
  )
  assert.equal(answeredBy.size, 2, 'both processes answered')
  for (let i = 0; i < 8; i++) assert.equal((await call('GET', `/store/search?q=drain${i}`)).status, 200)

  server.kill('SIGTERM')
  assert.equal(await exited(server), 0)
  // Each process wrote the search events it still held when it was told to stop.
  const [{ n: searches }] = await rows(`select count(*) as n from event where type = 'search'`)
  assert.equal(Number(searches), 8)
  const drained = server.lines().filter((l) => l.msg === 'server process exited')
  assert.deepEqual(
    drained.map((l) => l.code),
    [0, 0],
  )
})

test('WEB_CONCURRENCY=2: SIGTERM lets a checkout in flight finish paid, then the port is closed', async (t) => {
  const { env, rows, inProcess } = await clusterDatabase(t)
  const app = await inProcess()
  const shop = await seedShop(app, [{ handle: 'mug', price: 1250, stock: 5 }])
  const variantId = shop.products[0].variants[0].id as string
  await app.close()
  // The provider answers after 5 s: the checkout is still waiting for it when SIGTERM comes, even when
  // a loaded CI machine takes a while to see the order pending and to deliver the signal.
  const server = await startCluster(t, { ...env, PAYMENT_TEST_LATENCY_MS: '5000' })

  const created = await call('POST', '/carts', {}, { currency: 'EUR' })
  assert.equal(created.status, 201)
  const cartId = String((created.json().cart as { id: string }).id)
  const cartHeaders = { 'x-cart-token': String(created.json().token) }
  assert.equal((await call('POST', `/carts/${cartId}/items`, cartHeaders, { variantId, quantity: 1 })).status, 200)
  const card = await call(
    'POST',
    '/payments/test/cards',
    {},
    {
      cardNumber: '4242424242424242',
      expMonth: 12,
      expYear: new Date().getUTCFullYear() + 2,
      cvc: '123',
      cardHolder: 'Ada Lovelace',
    },
  )
  assert.equal(card.status, 201)
  const checkout = call(
    'POST',
    '/checkout',
    { ...cartHeaders, 'idempotency-key': 'drain-checkout' },
    {
      cartId,
      email: 'ada@example.test',
      shippingAddress: ADDRESS,
      shippingMethodId: shop.shippingMethodId,
      payment: { token: card.json().token },
    },
  )
  // The order is reserved (pending): a server process has the request and is at the provider.
  const orderOfCart = async () => (await rows('select status from shop_order where cart_id = $1', [cartId]))[0]
  await eventually(async () => (await orderOfCart())?.status === 'pending')
  server.kill('SIGTERM')

  const answered = await checkout
  assert.equal(answered.status, 201, JSON.stringify(answered.json()))
  assert.equal((answered.json().order as { status: string }).status, 'paid')
  assert.equal(await exited(server), 0)
  assert.equal((await orderOfCart())?.status, 'paid')
  // It was answered during its process's drain, not before the signal reached it.
  const lines = server.lines()
  const answer = lines.findIndex((l) => l.msg === 'request' && l.url === '/checkout')
  const draining = lines.findIndex(
    (l) => l.msg === 'shutting down: draining in-flight requests' && l.pid === lines[answer].pid,
  )
  assert.ok(draining >= 0 && draining < answer, 'the checkout finished after its process began draining')
  await assert.rejects(call('GET', '/healthz'), { code: 'ECONNREFUSED' })
})

test('WEB_CONCURRENCY=2: a server process killed outright is replaced', async (t) => {
  const { env } = await clusterDatabase(t)
  const server = await startCluster(t, env)
  const [victim] = [...server.listening()]
  process.kill(Number(victim), 'SIGKILL')

  await eventually(() => server.lines().some((l) => l.msg === 'server process died; replacing it' && l.pid === victim))
  await eventually(() => server.listening().size === 3, 60_000)
  const [replacement] = [...server.listening()].slice(2)
  // The replacement takes its share of the connections; the survivor still answers too.
  const answeredBy = () =>
    new Set(
      server
        .lines()
        .filter((l) => l.msg === 'request')
        .map((l) => l.pid),
    )
  await eventually(async () => {
    assert.equal((await call('GET', '/store/search?q=replaced')).status, 200)
    return answeredBy().has(replacement)
  })

  server.kill('SIGTERM')
  assert.equal(await exited(server), 0)
  assert.deepEqual(
    server
      .lines()
      .filter((l) => l.msg === 'server process exited')
      .map((l) => [l.code, l.pid === victim]),
    [
      [0, false],
      [0, false],
    ],
  )
})
