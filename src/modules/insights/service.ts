import type { Config } from '../../platform/config.ts'
import type { CsvField } from '../../platform/csv-format.ts'
import { newId } from '../../platform/db/ids.ts'
import type { HeavyReads } from '../../platform/db/read-worker.ts'
import type { Db } from '../../platform/db/types.ts'
import { invalid } from '../../platform/errors.ts'
import { type DateRange, dayNumbers, parseRange, type RangeQuery, zeroFilled } from '../../platform/reports.ts'
import type { Actor } from '../../platform/security/actor.ts'
import { funnelFromUnions } from './funnel-spans.ts'
import * as rollups from './rollup-store.ts'
import { catchUpEvents, pruneVisits, REPORT_WAIT_MS } from './rollups.ts'
import {
  EVENT_TYPES,
  type EventBatchBody,
  type EventBatchView,
  type EventInput,
  type EventType,
  FUNNEL_STEPS,
  type FunnelView,
  type VolumePoint,
  type VolumeQuery,
  type VolumeView,
  type ZeroResultQuery,
  type ZeroResultView,
} from './schemas.ts'
import * as store from './store.ts'

/** How far a client clock may be off: events from further back or ahead are refused. */
export const MAX_PAST_MS = 7 * 86_400_000
export const MAX_FUTURE_MS = 86_400_000

/** A server-side event: the same shapes, with the customer named by the calling module. */
export type ServerEvent = EventInput & { customerId?: string | null }

/**
 * Records one event from server code (a search with its result count, an order placed), inside the
 * caller's transaction when `db` is one. Appends; never updates.
 */
export async function record(db: Db, event: ServerEvent, now: number = Date.now()): Promise<void> {
  await inTransaction(db, (trx) => store.insertEvents(trx, [toRow(event, event.customerId ?? null, 'server', now)]))
}

/** The caller's transaction when `db` is one, else a new one. */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}

/** The comparable form of a search query: trimmed, inner spaces collapsed, lower case. */
export function normalizeQuery(query: string): string {
  return query.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, 200)
}

/** Indexes of events whose client time is implausible (more than 7 days old or 24 hours ahead). */
export function outOfRange(events: readonly { occurredAt: number }[], now: number): number[] {
  const out: number[] = []
  events.forEach((e, i) => {
    if (e.occurredAt < now - MAX_PAST_MS || e.occurredAt > now + MAX_FUTURE_MS) out.push(i)
  })
  return out
}

/** The stored row of an event. `customerId` comes from the signed-in actor or the server, never the body. */
export function toRow(
  event: EventInput,
  customerId: string | null,
  source: 'client' | 'server',
  now: number,
): store.EventTable {
  const p = event.properties as Record<string, unknown>
  const isSearch = event.type === 'search'
  return {
    id: newId('evt', now),
    type: event.type,
    anonymous_id: event.anonymousId,
    customer_id: customerId,
    source,
    occurred_at: event.occurredAt,
    received_at: now,
    product_id: typeof p.productId === 'string' ? p.productId : null,
    query: isSearch ? normalizeQuery(String(p.query)) : null,
    result_count: isSearch && typeof p.resultCount === 'number' ? p.resultCount : null,
    properties: JSON.stringify(event.properties),
  }
}

/** The funnel's steps with conversion from the step before (null where it would divide by zero). */
export function funnelSteps(counts: store.FunnelCounts): FunnelView['steps'] {
  return FUNNEL_STEPS.map((step, i) => {
    const previous = i === 0 ? 0 : counts.reached[i - 1]
    return {
      step,
      visitors: counts.visitors[i],
      reached: counts.reached[i],
      conversion: i === 0 || previous === 0 ? null : Math.round((counts.reached[i] / previous) * 10_000) / 10_000,
    }
  })
}

export function createInsightsService(deps: {
  db: Db
  config: Config['insights']
  reads: HeavyReads
  /** This node's buffered server events (event-buffer.ts): written before a report reads the rollups. */
  buffer?: { flush(): Promise<unknown> }
}) {
  const { db, config, reads } = deps
  return {
    collect,
    record: (event: ServerEvent) => record(db, event),
    catchUp: () => catchUpEvents(db),
    pruneVisits: (now?: number) => pruneVisits(db, now),
    funnel,
    zeroResultSearches,
    volume,
    exportCsv,
  }

  async function collect(actor: Actor, body: EventBatchBody, now: number = Date.now()): Promise<EventBatchView> {
    const { events } = body
    if (events.length > config.eventsMaxBatch) {
      throw invalid('event-batch-too-large', `A batch holds at most ${config.eventsMaxBatch} events`, {
        maxBatch: config.eventsMaxBatch,
      })
    }
    const late = outOfRange(events, now)
    if (late.length > 0) {
      throw invalid('event-time-out-of-range', 'occurredAt must be within the last 7 days and the next 24 hours', {
        errors: late.map((i) => ({ in: 'body', pointer: `/events/${i}/occurredAt`, detail: 'out of range' })),
        receivedAt: now,
      })
    }
    const customerId = actor.kind === 'user' ? actor.customerId : null
    const rows = events.map((event) => toRow(event, customerId, 'client', now))
    await db.transaction().execute((trx) => store.insertEvents(trx, rows))
    return { accepted: events.length, receivedAt: now }
  }

  async function funnel(query: RangeQuery): Promise<FunnelView> {
    const range = parseRange(query)
    await caughtUp()
    const unions = await rollups.funnelUnions(db, ...dayNumbers(range))
    const counts = funnelFromUnions(new Map(unions.map((u) => [Number(u.steps), Number(u.visitors)])))
    return { from: range.from, to: range.to, steps: funnelSteps(counts) }
  }

  async function zeroResultSearches(query: ZeroResultQuery): Promise<ZeroResultView> {
    const range = parseRange(query)
    await caughtUp()
    const items = await rollups.zeroResultSearches(db, ...dayNumbers(range), query.limit ?? 100)
    return {
      from: range.from,
      to: range.to,
      items: items.map((r) => ({ query: r.query, count: Number(r.count), lastSeenAt: Number(r.lastSeenAt) })),
    }
  }

  async function volume(query: VolumeQuery): Promise<VolumeView> {
    const range = parseRange(query)
    const granularity = query.granularity ?? 'day'
    await caughtUp()
    const rows = await rollups.volumeByBucket(db, ...dayNumbers(range), granularity)
    const byBucket = new Map<number, { bucket: number; counts: Partial<Record<EventType, number>> }>()
    for (const row of rows) {
      const bucket = Number(row.bucket)
      const entry = byBucket.get(bucket) ?? { bucket, counts: {} }
      entry.counts[row.type] = Number(row.count)
      byBucket.set(bucket, entry)
    }
    const points = zeroFilled(range, granularity, [...byBucket.values()], (date, row) => volumePoint(date, row?.counts))
    return { from: range.from, to: range.to, granularity, points }
  }

  /** Events buffered on this node written, then every pending event folded into the rollups. */
  async function caughtUp(): Promise<void> {
    await deps.buffer?.flush()
    await catchUpEvents(db, { waitMs: REPORT_WAIT_MS }) // every event committed before this request
  }

  /**
   * The events of a range as CSV with `fields`, read and formatted off the event loop (throws
   * server-busy when too many heavy reads run).
   */
  function exportCsv(
    query: RangeQuery,
    fields: readonly CsvField[],
  ): { range: DateRange; chunks: AsyncIterable<Buffer> } {
    const range = parseRange(query)
    return { range, chunks: reads.csv(store.exportQuery(db, range.startMs, range.endMs), fields) }
  }
}
export type InsightsService = ReturnType<typeof createInsightsService>

/** A range as inclusive day numbers, the rollups' key. */
function volumePoint(date: string, counts: Partial<Record<EventType, number>> = {}): VolumePoint {
  const point = { date, total: 0 } as VolumePoint
  for (const type of EVENT_TYPES) {
    point[type] = counts[type] ?? 0
    point.total += point[type]
  }
  return point
}

export const insightsProblems = {
  'event-batch-too-large': {
    title: 'Event batch too large',
    description: 'A batch holds at most EVENTS_MAX_BATCH events (`maxBatch`); send several batches.',
  },
  'event-time-out-of-range': {
    title: 'Event time out of range',
    description:
      "An event's occurredAt is more than 7 days old or more than 24 hours ahead of the server clock (`receivedAt`); `errors` lists them.",
  },
}
