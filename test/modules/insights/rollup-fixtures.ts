/**
 * What the event rollup tests share: a seeded generator, event rows in the shape `POST /events` stores
 * them, appending them with their rollup queue rows, emptying the event tables, and the exactness check
 * (every events report from the rollups equals the same report computed from the event log).
 */
import assert from 'node:assert/strict'
import { random as seededRandom } from '../../../src/modules/catalog/demo.ts'
import { funnelFromUnions } from '../../../src/modules/insights/funnel-spans.ts'
import * as rollups from '../../../src/modules/insights/rollup-store.ts'
import type { EventInput, EventType } from '../../../src/modules/insights/schemas.ts'
import { toRow } from '../../../src/modules/insights/service.ts'
import * as store from '../../../src/modules/insights/store.ts'
import type { Db } from '../../../src/platform/db/types.ts'
import { DAY_MS } from '../../../src/platform/reports.ts'

export const EVENT_TYPES: readonly EventType[] = [
  'page_view',
  'product_view',
  'search',
  'add_to_cart',
  'checkout_started',
  'order_placed',
]

/** mulberry32 (the demo data's generator): the same seed gives the same run. */
export function prng(seed: number): () => number {
  return seededRandom(seed).next
}

export interface EventSpec {
  type: EventType
  visitor: number | string
  occurredAt: number
  /** For a search: its query, and whether it found nothing. */
  query?: string
  zero?: boolean
  /** When the server received it (ids sort by it); the event's own time by default. */
  receivedAt?: number
}

/** One event row as `POST /events` stores it (the service's own `toRow`). */
export function eventRow(e: EventSpec): store.EventTable {
  const properties =
    e.type === 'search'
      ? { query: e.query ?? 'query', resultCount: e.zero ? 0 : 2 }
      : e.type === 'page_view'
        ? { path: '/' }
        : e.type === 'order_placed'
          ? { orderId: 'ord_1', currency: 'EUR', total: 100 }
          : { productId: 'prod_1', quantity: 1 }
  const input = { type: e.type, anonymousId: `visitor_${e.visitor}`, occurredAt: e.occurredAt, properties }
  return toRow(input as EventInput, null, 'client', e.receivedAt ?? e.occurredAt)
}

/** Appends events and queues them for the rollups in one transaction, as `POST /events` does. */
export async function appendEvents(db: Db, rows: store.EventTable[]): Promise<void> {
  await db.transaction().execute((trx) => store.insertEvents(trx, rows))
}

/** Empties the event log, its rollup queue and every event rollup. */
export async function clearEvents(db: Db): Promise<void> {
  for (const table of [
    'event',
    'event_rollup_pending',
    'event_volume_day',
    'search_zero_day',
    'funnel_visit',
    'funnel_span',
    'funnel_from',
  ] as const) {
    await db.deleteFrom(table).execute()
  }
}

/** Rows as comparable strings: every non-string value as a number (int8 may come back as text or bigint). */
export const comparable = (rows: object[]) =>
  rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])))

/**
 * Every events report over each inclusive day range, from the rollups and straight from the events,
 * must agree: the funnel, volume by day and by week, and the top `zeroLimit` zero-result searches.
 */
export async function assertEventReportsExact(
  db: Db,
  ranges: readonly (readonly [number, number])[],
  zeroLimit = 4,
): Promise<void> {
  for (const [fromDay, toDay] of ranges) {
    const [startMs, endMs] = [fromDay * DAY_MS, (toDay + 1) * DAY_MS]
    const unions = await rollups.funnelUnions(db, fromDay, toDay)
    assert.deepEqual(
      funnelFromUnions(new Map(unions.map((u) => [Number(u.steps), Number(u.visitors)]))),
      await store.funnelCounts(db, startMs, endMs),
      `funnel ${fromDay}..${toDay}`,
    )
    for (const granularity of ['day', 'week'] as const) {
      assert.deepEqual(
        comparable(await rollups.volumeByBucket(db, fromDay, toDay, granularity)).sort(),
        comparable(await store.volumeByBucket(db, startMs, endMs, granularity)).sort(),
        `volume by ${granularity} ${fromDay}..${toDay}`,
      )
    }
    assert.deepEqual(
      comparable(await rollups.zeroResultSearches(db, fromDay, toDay, zeroLimit)),
      comparable(await store.zeroResultSearches(db, startMs, endMs, zeroLimit)),
      `zero-result searches ${fromDay}..${toDay}`,
    )
  }
}
