/**
 * Heavy reads (issue 11): exports stream off the event loop (a worker thread with its own connection,
 * on SQLite and PostgreSQL), /healthz answers while one runs, and one export too many is a 503 problem with
 * Retry-After. Runs on a SQLite file (a worker cannot open ':memory:') or on PostgreSQL.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { buildApp } from '../../src/app.ts'
import { createHeavyReads } from '../../src/platform/db/read-worker.ts'
import { openSqlite } from '../../src/platform/db/sqlite.ts'
import type { Db } from '../../src/platform/db/types.ts'
import type { App } from '../../src/platform/http/types.ts'
import { headersFor, testConfig, usingPostgres } from '../helpers.ts'

const DAY = '2026-01-01'
const START_MS = Date.parse(`${DAY}T00:00:00Z`)

/** `count` events on one day, in one INSERT … SELECT over a recursive CTE (both dialects). */
async function seedEvents(db: Db, count: number) {
  await sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(count)})
    insert into event (id, type, anonymous_id, customer_id, source, occurred_at, received_at, properties)
    select 'evt_' || i, 'product_view', 'anon_' || (i % 997), null, 'client',
      ${sql.lit(START_MS)} + i * 100, ${sql.lit(START_MS)} + i * 100, '{}'
    from n`.execute(db)
}

async function appOnFile(t: { after: (fn: () => unknown) => void }, maxHeavyReads = 2): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-heavy-'))
  const env: Record<string, string> = usingPostgres ? {} : { DATABASE_URL: `sqlite:${join(dir, 'shop.db')}` }
  const base = testConfig({}, env)
  const app = await buildApp({ ...base, load: { ...base.load, maxHeavyReads } })
  t.after(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return app
}

test('/healthz answers while a 100k-event export streams', async (t) => {
  const app = await appOnFile(t)
  await seedEvents(app.backroom.database.db, 100_000)
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'staff' })

  let finished = false
  const exporting = app.inject({ url: `/exports/events?from=${DAY}&to=${DAY}`, headers: staff }).finally(() => {
    finished = true
  })
  let answeredDuringExport = 0
  while (!finished) {
    await new Promise((resolve) => setImmediate(resolve)) // as requests off a socket do, let I/O in between
    const health = await app.inject({ url: '/healthz' })
    assert.equal(health.statusCode, 200)
    if (!finished) answeredDuringExport++
  }
  const res = await exporting
  assert.equal(res.statusCode, 200)
  const lines = res.body.trimEnd().split('\r\n')
  assert.equal(lines.length, 100_001) // header + every event, none lost to chunking
  assert.match(lines[1], /^evt_1,product_view,/)
  assert.match(lines[100_000], /^evt_100000,/)
  assert.ok(answeredDuringExport > 0, 'no /healthz answer arrived while the export was running')
  assert.equal(app.backroom.reads.stats().running, 0)
})

test('one export too many is a 503 problem with Retry-After; the slot frees when the first ends', async (t) => {
  const app = await appOnFile(t, 1)
  await seedEvents(app.backroom.database.db, 20_000)
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'staff' })
  const url = `/exports/events?from=${DAY}&to=${DAY}`

  const first = await app.inject({ url, headers: staff, payloadAsStream: true })
  assert.equal(first.statusCode, 200)
  assert.equal(app.backroom.reads.stats().running, 1)

  const busy = await app.inject({ url, headers: staff })
  assert.equal(busy.statusCode, 503)
  assert.ok(Number(busy.headers['retry-after']) >= 1)
  assert.match(String(busy.headers['content-type']), /^application\/problem\+json/)
  assert.equal(busy.json().type, '/problems/server-busy')
  const orders = await app.inject({ url: `/exports/orders?from=${DAY}&to=${DAY}`, headers: staff })
  assert.equal(orders.statusCode, 503, 'the bound covers every export')
  const admin = await headersFor(app, { email: 'ada@example.test', role: 'admin' })
  const catalog = await app.inject({ url: '/admin/catalog/export', headers: admin })
  assert.equal(catalog.statusCode, 503, 'the catalog export too')

  let bytes = 0
  for await (const chunk of first.stream()) bytes += (chunk as Buffer).length
  assert.ok(bytes > 20_000)
  assert.equal(app.backroom.reads.stats().running, 0)
  assert.equal((await app.inject({ url, headers: staff })).statusCode, 200)
  const again = await app.inject({ url: '/admin/catalog/export', headers: admin })
  assert.equal(again.statusCode, 200)
  assert.match(again.body, /^handle,/)
  assert.equal(app.backroom.reads.stats().running, 0)
})

test('createHeavyReads on a SQLite file: a worker snapshot, back-pressure and slots', {
  skip: usingPostgres,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-reads-'))
  const database = openSqlite(join(dir, 'r.db'))
  const db = new Kysely<{ n: { i: number } }>({ dialect: new SqliteDialect({ database }) })
  const reads = createHeavyReads({ sqlitePath: join(dir, 'r.db'), maxRunning: 1 })
  t.after(async () => {
    await reads.close()
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  })
  await sql`create table n (i integer primary key)`.execute(db)
  await sql`with recursive s(i) as (select 1 union all select i + 1 from s where i < 5000) insert into n select i from s`.execute(
    db,
  )
  const query = () => db.selectFrom('n').select('i').orderBy('i')

  await t.test('rows arrive in order; the writer is not blocked and the reader keeps its snapshot', async () => {
    const rows = reads.stream(query(), 100)
    const seen: number[] = []
    for await (const row of rows) {
      seen.push(row.i)
      if (row.i === 50) await db.insertInto('n').values({ i: 10_000 }).execute() // commits at once (WAL)
    }
    assert.equal(seen.length, 5000)
    assert.deepEqual(seen.slice(0, 3), [1, 2, 3])
    assert.equal(
      (
        await db
          .selectFrom('n')
          .select((eb) => eb.fn.countAll().as('c'))
          .executeTakeFirstOrThrow()
      ).c,
      5001,
    )
  })

  await t.test('a second heavy read while one runs is refused with server-busy', async () => {
    const rows = reads.stream(query(), 100)
    assert.equal((await rows.next()).value?.i, 1)
    assert.throws(() => reads.stream(query()), { code: 'server-busy', kind: 'unavailable' })
    await rows.return?.()
    assert.equal(reads.stats().running, 0)
  })

  await t.test('stopping before the first row frees the slot; the thread is reused', async () => {
    await reads.stream(query()).return?.()
    assert.equal(reads.stats().running, 0)
    let count = 0
    for await (const _ of reads.stream(query(), 999)) count++
    assert.equal(count, 5001)
    assert.equal(reads.stats().threads, 1)
  })

  await t.test('a failing query rejects and frees the slot', async () => {
    const bad = db.selectFrom('n').select(sql<number>`no_such_function(i)`.as('x'))
    await assert.rejects(async () => {
      for await (const _ of reads.stream(bad)) {
      }
    }, /no_such_function/)
    assert.equal(reads.stats().running, 0)
  })
})
