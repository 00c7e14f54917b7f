/**
 * The buffer of the server's own events (modules/insights/event-buffer.ts): searches are recorded
 * without a write per request, and no event is lost or counted twice on the way: reports, personal-data
 * requests and close write what waits, a full buffer holds searches back, and an erasure reaches events
 * still waiting in this or another process.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mock, test } from 'node:test'
import { buildApp } from '../../../src/app.ts'
import { createEventBuffer } from '../../../src/modules/insights/event-buffer.ts'
import { toRow } from '../../../src/modules/insights/service.ts'
import { appendEvents, volumeByBucket } from '../../../src/modules/insights/store.ts'
import { connectDatabase } from '../../../src/platform/db/connect.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { daysSince, eventually, headersFor, testApp, testConfig, usingPostgres } from '../../helpers.ts'
import { makeProduct, staffHeaders } from '../catalog/fixtures.ts'

/** The searches a volume report counts, over all its days. */
function searchesIn(report: { points: { search: number }[] }): number {
  return report.points.reduce((sum, point) => sum + point.search, 0)
}

async function storedSearches(app: App) {
  return app.backroom.database.db
    .selectFrom('event')
    .select(['query', 'customer_id', 'result_count'])
    .where('type', '=', 'search')
    .orderBy('id')
    .execute()
}

const search = (app: App, q: string, headers: Record<string, string> = {}) =>
  app.inject({ url: `/store/search?q=${encodeURIComponent(q)}`, headers })

function searchEvent(query: string, customerId: string | null = null) {
  return {
    type: 'search' as const,
    anonymousId: 'storefront',
    occurredAt: Date.now(),
    properties: { query, resultCount: 0 },
    customerId,
  }
}

test('searches wait in memory, and reports count every one of them', async (t) => {
  const started = Date.now()
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  await makeProduct(app, staff, { handle: 'wool-scarf', title: 'Wool Scarf' })
  for (const q of ['scarf', 'scarf', 'umbrella', 'Umbrella ', 'scarf'])
    assert.equal((await search(app, q)).statusCode, 200)
  assert.equal((await storedSearches(app)).length, 0, 'no write per request')
  assert.equal(app.backroom.events.stats().waiting, 5)

  // A report writes what waits, then folds it into the rollups: nothing missing, nothing twice.
  const zero = await app.inject({ url: `/reports/searches/zero-results?${daysSince(started)}`, headers: staff })
  assert.equal(zero.statusCode, 200, zero.body)
  assert.deepEqual(
    zero.json().items.map((i: { query: string; count: number }) => [i.query, i.count]),
    [['umbrella', 2]],
  )
  const volume = await app.inject({ url: `/reports/events/volume?${daysSince(started)}`, headers: staff })
  assert.equal(searchesIn(volume.json()), 5)
  assert.equal((await storedSearches(app)).length, 5)
  assert.deepEqual(app.backroom.events.stats(), { waiting: 0, written: 5, dropped: 0, failures: 0 })

  const metrics = (await app.inject({ url: '/metrics' })).body
  assert.match(metrics, /insights_events_written_total 5\b/)
  assert.match(metrics, /insights_events_buffered 0\b/)
})

test('a full batch is written without waiting for the timer; the timer writes the rest', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const buffer = createEventBuffer({ db, intervalMs: 200, batch: 3, max: 100 })
  t.after(() => buffer.close())
  const count = async () => (await db.selectFrom('event').select('id').execute()).length
  for (const q of ['a', 'b', 'c']) await buffer.record(searchEvent(q))
  await eventually(async () => (await count()) === 3)
  await buffer.record(searchEvent('d'))
  mock.timers.enable({ apis: ['setInterval'] })
  t.after(() => mock.timers.reset())
  buffer.start()
  assert.equal(await count(), 3)
  mock.timers.tick(200)
  await eventually(async () => (await count()) === 4)
})

test('close drains the buffer: a stopped server has written every search it answered', async (t) => {
  let config = testConfig()
  if (!usingPostgres) {
    const dir = mkdtempSync(join(tmpdir(), 'backroom-events-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    config = testConfig({ database: { ...config.database, sqlitePath: join(dir, 'shop.db') } })
  }
  const first = await buildApp({ ...config, database: { ...config.database, dropSchemaOnClose: false } })
  for (let i = 0; i < 7; i++) await search(first, `query ${i}`)
  assert.equal(first.backroom.events.stats().waiting, 7)
  await first.close()
  const second = await buildApp({ ...config, database: { ...config.database, migrateOnStart: false } })
  t.after(() => second.close())
  // Ids order by millisecond only: searches answered within one millisecond may be stored in any order.
  assert.deepEqual(
    (await storedSearches(second)).map((e) => e.query).sort(),
    Array.from({ length: 7 }, (_, i) => `query ${i}`),
  )
})

test('a flood is bounded: past the limit a search waits for the write, and nothing is lost', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const buffer = createEventBuffer({ db, intervalMs: 0, batch: 1000, max: 10 })
  let most = 0
  await Promise.all(
    Array.from({ length: 95 }, async (_, i) => {
      await buffer.record(searchEvent(`flood ${i}`))
      most = Math.max(most, buffer.stats().waiting)
    }),
  )
  assert.ok(most <= 10, `at most 10 waiting, saw ${most}`)
  await buffer.close()
  assert.equal((await db.selectFrom('event').select('id').execute()).length, 95)
  assert.deepEqual(buffer.stats(), { waiting: 0, written: 95, dropped: 0, failures: 0 })
})

test('while the database refuses writes, the buffer keeps what it holds and drops (and counts) the rest', async (t) => {
  // A database without the event tables: every write fails, as when the database is unreachable.
  const config = testConfig()
  const empty = await connectDatabase({ ...config.database, dropSchemaOnClose: true })
  t.after(() => empty.close())
  const buffer = createEventBuffer({ db: empty.db, intervalMs: 0, batch: 1000, max: 4 })
  for (let i = 0; i < 4; i++) await buffer.record(searchEvent(`kept ${i}`))
  await assert.rejects(buffer.flush())
  await buffer.record(searchEvent('dropped'))
  assert.deepEqual(buffer.stats(), { waiting: 4, written: 0, dropped: 1, failures: 1 })
})

test('a retried write stores and counts nothing twice', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const now = Date.now()
  const rows = [1, 2, 3].map((i) => toRow(searchEvent(`retry ${i}`), null, 'server', now))
  assert.equal(await db.transaction().execute((trx) => appendEvents(trx, rows)), 3)
  // The commit happened but its answer was lost: the same rows again.
  assert.equal(await db.transaction().execute((trx) => appendEvents(trx, rows)), 0)
  assert.equal((await db.selectFrom('event_rollup_pending').select('event_id').execute()).length, 3)
  await app.backroom.events.flush()
  const staff = await staffHeaders(app)
  const volume = await app.inject({ url: `/reports/events/volume?${daysSince(now)}`, headers: staff })
  const direct = await volumeByBucket(db, now - 86_400_000, now + 86_400_000, 'day')
  assert.equal(searchesIn(volume.json()), 3)
  assert.equal(Number(direct[0].count), 3)
})

test('personal data: the download and the erasure find searches still waiting in the buffer', async (t) => {
  const app = await testApp(t)
  const erin = await headersFor(app, { email: 'erin@example.test' })
  const admin = await headersFor(app, { email: 'privacy-admin@example.test', role: 'admin' })
  const me = (await app.inject({ url: '/auth/me', headers: erin })).json()
  await search(app, 'red scarf', erin)
  assert.equal(app.backroom.events.stats().waiting, 1)

  const download = await app.inject({ url: '/me/personal-data', headers: erin })
  assert.equal(download.statusCode, 200, download.body)
  assert.deepEqual(
    download.json().sections.events.map((e: { type: string }) => e.type),
    ['search'],
  )

  // Another process (a second buffer on the same database) still holds one of Erin's searches.
  const elsewhere = createEventBuffer({ db: app.backroom.database.db, intervalMs: 0, batch: 1000, max: 100 })
  await elsewhere.record(searchEvent('blue hat', me.id))
  await search(app, 'green gloves', erin) // waiting in this node's buffer
  const erased = await app.inject({ method: 'POST', url: `/admin/customers/${me.id}/erasure`, headers: admin })
  assert.equal(erased.statusCode, 200, erased.body)
  await elsewhere.close() // written after the erasure
  await search(app, 'late search', { 'x-anonymous-id': 'anon_late_0001' })
  await app.backroom.events.flush()
  const events = await storedSearches(app)
  assert.deepEqual(events.map((e) => e.query).sort(), ['blue hat', 'green gloves', 'late search', 'red scarf'])
  assert.deepEqual(
    events.filter((e) => e.customer_id !== null),
    [],
    'no stored event points at the erased account',
  )
})
