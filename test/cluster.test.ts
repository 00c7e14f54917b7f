/**
 * `backroom serve` on several processes (issue 11, WEB_CONCURRENCY): a real child process, forked by
 * node:cluster into two servers on one port and one database (a SQLite file, or a throw-away schema of
 * the PostgreSQL in DATABASE_URL). A session made by one process is honoured by the other, and SIGTERM
 * to the primary drains both: every process exits 0, having written the search events it buffered.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { test } from 'node:test'
import pg from 'pg'
import { eventually, TEST_PASSWORD, usingPostgres } from './helpers.ts'

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

test('WEB_CONCURRENCY=2: two server processes share the port and the database; SIGTERM drains both', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-cluster-'))
  const schema = `t_${randomBytes(6).toString('hex')}`
  const databaseUrl = usingPostgres
    ? `${process.env.DATABASE_URL}${process.env.DATABASE_URL?.includes('?') ? '&' : '?'}schema=${schema}`
    : `sqlite:${join(dir, 'shop.db')}`
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

  const admin = run(['create-admin', '--email', 'ada@example.test', '--password', TEST_PASSWORD], env)
  assert.equal(await exited(admin), 0)

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
  let searches: number
  if (usingPostgres) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await client.connect()
    const { rows } = await client.query(`select count(*)::int as n from ${schema}.event where type = 'search'`)
    await client.end()
    searches = rows[0].n
  } else {
    const file = new DatabaseSync(join(dir, 'shop.db'), { readOnly: true })
    searches = Number((file.prepare(`select count(*) as n from event where type = 'search'`).get() as { n: number }).n)
    file.close()
  }
  assert.equal(searches, 8)
  const drained = server.lines().filter((l) => l.msg === 'server process exited')
  assert.deepEqual(
    drained.map((l) => l.code),
    [0, 0],
  )
})
