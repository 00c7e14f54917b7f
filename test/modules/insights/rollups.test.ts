/**
 * The rollups answer exactly what a direct computation over the event log answers, on random data,
 * for random ranges: after catching up in small batches between writes, after a catch-up that dies
 * before committing, with two runners at once, and after a rebuild from the event log.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { random as seededRandom } from '../../../src/modules/catalog/demo.ts'
import { funnelFromUnions } from '../../../src/modules/insights/funnel-spans.ts'
import * as rollups from '../../../src/modules/insights/rollup-store.ts'
import { catchUpEvents } from '../../../src/modules/insights/rollups.ts'
import type { EventInput, EventType } from '../../../src/modules/insights/schemas.ts'
import { toRow } from '../../../src/modules/insights/service.ts'
import * as store from '../../../src/modules/insights/store.ts'
import type { Db } from '../../../src/platform/db/types.ts'
import { DAY_MS, type Granularity } from '../../../src/platform/reports.ts'
import { testApp } from '../../helpers.ts'

const DAY0 = Date.UTC(2026, 0, 1) / DAY_MS
const SPREAD = 60 // days of data
const TYPES: EventType[] = ['page_view', 'product_view', 'search', 'add_to_cart', 'checkout_started', 'order_placed']

/** mulberry32 (the demo data's generator): the same seed gives the same run. */
function prng(seed: number): () => number {
  return seededRandom(seed).next
}

function randomEvents(random: () => number, n: number): store.EventTable[] {
  return Array.from({ length: n }, () => {
    const type = TYPES[Math.floor(random() * TYPES.length)]
    const occurredAt = (DAY0 + Math.floor(random() * SPREAD)) * DAY_MS + Math.floor(random() * DAY_MS)
    const anonymousId = `visitor_${Math.floor(random() * 40)}`
    const properties =
      type === 'search'
        ? { query: `  Query ${Math.floor(random() * 6)} `, resultCount: random() < 0.5 ? 0 : 3 }
        : type === 'page_view'
          ? { path: '/' }
          : type === 'order_placed'
            ? { orderId: 'ord_1', currency: 'EUR', total: 100 }
            : { productId: 'prod_1', quantity: 1 }
    return toRow({ type, anonymousId, occurredAt, properties } as EventInput, null, 'client', occurredAt)
  })
}

async function append(db: Db, rows: store.EventTable[]) {
  await db.transaction().execute((trx) => store.insertEvents(trx, rows))
}

function randomRanges(random: () => number, count: number): [number, number][] {
  const out: [number, number][] = [
    [DAY0, DAY0 + SPREAD - 1],
    [DAY0 - 3, DAY0 - 1],
  ]
  while (out.length < count) {
    const from = DAY0 - 2 + Math.floor(random() * (SPREAD + 4))
    out.push([from, from + Math.floor(random() * 30)])
  }
  return out
}

const sorted = <T>(rows: T[]) =>
  rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))).sort()

/** Every events report over each range, from the rollups and straight from the events, must agree. */
async function assertSameAnswers(db: Db, ranges: [number, number][]) {
  for (const [fromDay, toDay] of ranges) {
    const [startMs, endMs] = [fromDay * DAY_MS, (toDay + 1) * DAY_MS]
    const unions = await rollups.funnelUnions(db, fromDay, toDay)
    assert.deepEqual(
      funnelFromUnions(new Map(unions.map((u) => [Number(u.steps), Number(u.visitors)]))),
      await store.funnelCounts(db, startMs, endMs),
      `funnel ${fromDay}..${toDay}`,
    )
    for (const granularity of ['day', 'week'] as Granularity[]) {
      const norm = (rows: { bucket: number; type: string; count: number }[]) =>
        sorted(rows.map((r) => ({ bucket: Number(r.bucket), type: r.type, count: Number(r.count) })))
      assert.deepEqual(
        norm(await rollups.volumeByBucket(db, fromDay, toDay, granularity)),
        norm(await store.volumeByBucket(db, startMs, endMs, granularity)),
        `volume by ${granularity} ${fromDay}..${toDay}`,
      )
    }
    const zero = (rows: { query: string | null; count: number; lastSeenAt: number }[]) =>
      rows.map((r) => ({ query: r.query, count: Number(r.count), lastSeenAt: Number(r.lastSeenAt) }))
    assert.deepEqual(
      zero(await rollups.zeroResultSearches(db, fromDay, toDay, 4)),
      zero(await store.zeroResultSearches(db, startMs, endMs, 4)),
      `zero-result searches ${fromDay}..${toDay}`,
    )
  }
}

test('event rollups equal a direct computation on random data', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const random = prng(20261203)

  await t.test('caught up in small batches between appends, events arriving out of order', async () => {
    for (let round = 0; round < 6; round++) {
      await append(db, randomEvents(random, 150))
      await catchUpEvents(db, { batch: 70 })
    }
    await assertSameAnswers(db, randomRanges(random, 12))
  })

  await t.test(
    'a catch-up that dies before committing leaves everything pending, the next one counts it once',
    async () => {
      await append(db, randomEvents(random, 300))
      await assert.rejects(
        catchUpEvents(db, {
          batch: 120,
          beforeCommit: () => {
            throw new Error('crash')
          },
        }),
        /crash/,
      )
      const pending = await db
        .selectFrom('event_rollup_pending')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
      assert.equal(Number(pending?.n), 300)
      assert.equal(await catchUpEvents(db, { batch: 120 }), 300)
      assert.equal(await catchUpEvents(db), 0) // nothing twice
      await assertSameAnswers(db, randomRanges(random, 8))
    },
  )

  await t.test('two runners at once (two nodes) count every event once', async () => {
    await append(db, randomEvents(random, 400))
    const [a, b] = await Promise.all([catchUpEvents(db, { batch: 50 }), catchUpEvents(db, { batch: 50 })])
    const left = await catchUpEvents(db)
    assert.equal(a + b + left, 400)
    await assertSameAnswers(db, randomRanges(random, 6))
  })

  await t.test('the rebuild from the event log (the migration backfill) gives the same answers', async () => {
    await append(db, randomEvents(random, 200)) // left pending: the rebuild takes them in
    await rollups.rebuildEventRollups(db)
    assert.equal(await catchUpEvents(db), 0)
    await assertSameAnswers(db, randomRanges(random, 8))
    await append(db, randomEvents(random, 200)) // and incremental catch-up goes on from the rebuilt state
    await catchUpEvents(db, { batch: 64 })
    await assertSameAnswers(db, randomRanges(random, 8))
  })
})
