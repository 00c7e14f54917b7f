/**
 * CSV exports off the event loop (issue 11), on a SQLite file or on PostgreSQL: the worker thread
 * reads and formats, so the main thread's event loop stays free during a large export; chunks come
 * one at a time (bounded memory); a client that goes away stops the worker and frees its connection.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import { buildApp } from '../../src/app.ts'
import type { CsvField } from '../../src/platform/csv-format.ts'
import { createHeavyReads } from '../../src/platform/db/read-worker.ts'
import type { Db } from '../../src/platform/db/types.ts'
import type { App } from '../../src/platform/http/types.ts'
import { eventually, headersFor, testConfig, usingPostgres } from '../helpers.ts'

const DAY = '2026-01-01'
const START_MS = Date.parse(`${DAY}T00:00:00Z`)
const URL = `/exports/events?from=${DAY}&to=${DAY}`

/** `count` events on one day with some text to format, in one INSERT … SELECT (both dialects). */
async function seedEvents(db: Db, count: number) {
  await sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(count)})
    insert into event (id, type, anonymous_id, customer_id, source, occurred_at, received_at, properties)
    select 'evt_' || i, 'search', 'anon_' || (i % 997), null, 'client',
      ${sql.lit(START_MS)} + i, ${sql.lit(START_MS)} + i + 20, '{"query":"=linen, \"shirt\"","resultCount":0}'
    from n`.execute(db)
}

async function appOnFile(t: { after: (fn: () => unknown) => void }): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-csv-'))
  const env: Record<string, string> = usingPostgres ? {} : { DATABASE_URL: `sqlite:${join(dir, 'shop.db')}` }
  const app = await buildApp(testConfig({}, env))
  t.after(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return app
}

test('a 50k-event export leaves the event loop free', async (t) => {
  const app = await appOnFile(t)
  await seedEvents(app.backroom.database.db, 50_000)
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'staff' })
  await app.inject({ url: `/exports/events?from=2020-01-01&to=2020-01-01`, headers: staff }) // starts the worker

  // The longest gap between ticks of a 5 ms timer, up to the answer (monitorEventLoopDelay records
  // nothing when the loop is held from start to end), and the share of the time the loop was busy.
  let last = performance.now()
  let maxMs = 0
  const ticks = setInterval(() => {
    maxMs = Math.max(maxMs, performance.now() - last)
    last = performance.now()
  }, 5)
  const elu = performance.eventLoopUtilization()
  const res = await app.inject({ url: URL, headers: staff })
  maxMs = Math.max(maxMs, performance.now() - last)
  const busy = performance.eventLoopUtilization(elu).utilization
  clearInterval(ticks)
  assert.equal(res.statusCode, 200)
  assert.equal(res.body.trimEnd().split('\r\n').length, 50_001)
  // Reading and formatting on the main thread held it for 2.5-4 s (SQLite) or up to ~200 ms at a time
  // with the loop busy 94 % of the export (PostgreSQL) on a loaded 2-core machine; handing over ready
  // chunks measured 20-85 ms and 7-17 % there; the bound leaves room for a full suite on a busy machine.
  assert.ok(maxMs < 300, `the event loop was held for ${maxMs.toFixed(0)} ms during the export`)
  assert.ok(busy < 0.5, `the event loop was busy ${(busy * 100).toFixed(0)} % of the export`)
})

test('an export streams a chunk at a time; a client that goes away stops the worker', async (t) => {
  const app = await appOnFile(t)
  // What Node does when a client's socket closes: the response is destroyed (Fastify then destroys the body).
  let response: { destroy(): void } | undefined
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/exports/')) response = reply.raw
  })
  await seedEvents(app.backroom.database.db, 30_000)
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'staff' })
  const reads = app.backroom.reads

  await t.test('the worker stays at most one chunk ahead of a slow reader', async () => {
    const res = await app.inject({ url: URL, headers: staff, payloadAsStream: true })
    assert.equal(res.statusCode, 200)
    let bytes = 0
    let biggest = 0
    for await (const chunk of res.stream()) {
      bytes += (chunk as Buffer).length
      biggest = Math.max(biggest, (chunk as Buffer).length)
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve)) // a slow client
      assert.ok(reads.stats().ahead <= 1, `${reads.stats().ahead} chunks waiting`)
    }
    assert.ok(bytes > 1_500_000, `${bytes} bytes`)
    assert.ok(biggest <= 512 * 1024, `a chunk of ${biggest} bytes`)
    assert.equal(reads.stats().running, 0)
  })

  await t.test('a client that goes away mid-export ends the read and frees its slot', async () => {
    const res = await app.inject({ url: URL, headers: staff, payloadAsStream: true })
    const body = res.stream()
    body.on('error', () => {}) // the cut-short body errors, as a socket would
    for await (const _ of body) break // one chunk, then the client hangs up
    assert.equal(reads.stats().running, 1)
    response?.destroy()
    await eventually(() => reads.stats().running === 0)
    assert.equal(reads.stats().ahead, 0)
    const again = await app.inject({ url: URL, headers: staff })
    assert.equal(again.statusCode, 200, 'the worker thread serves the next export')
    assert.equal(again.body.trimEnd().split('\r\n').length, 30_001)
    assert.equal(reads.stats().threads, 1, 'the same worker, reused')
  })
})

test('createHeavyReads on PostgreSQL: a stopped export closes its worker connection', {
  skip: !usingPostgres,
}, async (t) => {
  const app = await appOnFile(t)
  const db = app.backroom.database.db
  await seedEvents(db, 20_000)
  const config = testConfig()
  const applicationName = `backroom-test-${randomBytes(4).toString('hex')}`
  const reads = createHeavyReads({
    postgres: {
      url: config.database.url,
      schema: (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0].s,
      applicationName,
    },
    maxRunning: 1,
  })
  t.after(() => reads.close())
  const connections = async () =>
    Number(
      (
        await sql<{
          n: number
        }>`select count(*) as n from pg_stat_activity where application_name = ${applicationName}`.execute(db)
      ).rows[0].n,
    )
  const fields: CsvField[] = [
    { header: 'id', column: 'id' },
    { header: 'at', column: 'occurred_at', as: 'time' },
  ]
  const query = () => db.selectFrom('event').select(['id', 'occurred_at']).orderBy('occurred_at')

  const chunks = reads.csv(query(), fields, 1000)
  const first = await chunks.next()
  assert.match(String(first.value), /^id,at\r\nevt_1,2026-01-01T00:00:00.001Z\r\n/)
  assert.equal(await connections(), 1, 'the worker reads on a connection of its own')
  await chunks.return?.(undefined)
  assert.equal(reads.stats().running, 0)
  await eventually(async () => (await connections()) === 0)

  let lines = 0
  for await (const chunk of reads.csv(query(), fields)) lines += chunk.toString().split('\r\n').length - 1
  assert.equal(lines, 20_001)
  await eventually(async () => (await connections()) === 0)
})
