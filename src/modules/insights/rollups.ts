/**
 * The event rollups' catch-up (docs/INSIGHTS.md, "Rollups"). Appending an event also writes a
 * pending row in the same transaction; this job folds pending events into the per-day tables and
 * deletes their pending rows in one transaction, so an event is counted once: a crash before the
 * commit leaves it pending, after the commit it is gone from the queue. One runner at a time across
 * nodes (`withJobLock`), which is what lets the funnel's per-visitor read-then-write stay exact.
 */
import { type CatchUpOptions, catchUpQueue, type PendingQueue, withJobLock } from '../../platform/db/job-lock.ts'
import type { Db } from '../../platform/db/types.ts'
import { DAY_MS, MAX_RANGE_DAYS } from '../../platform/reports.ts'
import { addVisits, fromCounts, type SpanDeltas, STEP_BITS } from './funnel-spans.ts'
import * as rollups from './rollup-store.ts'
import type { EventType } from './schemas.ts'

/**
 * How far back `funnel_visit` is kept, in days before today. A new event is at most `MAX_PAST_MS`
 * (7 days) old when accepted, and folding a day reads that visitor's days at most MAX_RANGE_DAYS back
 * (funnel-spans.ts: a previous day further back is stored as "none"), so older visitor-days are never
 * read again. Two more days cover a clock behind on another node and a request in flight at midnight.
 */
export const VISIT_RETENTION_DAYS = MAX_RANGE_DAYS + 7 + 2 // 7: service.ts MAX_PAST_MS (a test checks)

/** Visitor-days deleted per transaction by the prune (SQLite's one writer stays free between them). */
export const PRUNE_BATCH = 5000

/** Events folded per transaction: one transaction stays short (SQLite has one connection). */
export const CATCH_UP_BATCH = 2000

export { type CatchUpOptions, REPORT_WAIT_MS } from '../../platform/db/job-lock.ts'

/** Pending events, folded into the per-day tables (one runner at a time across nodes). */
const eventQueue: PendingQueue<rollups.PendingEvent> = {
  lock: 'event-rollups',
  batch: CATCH_UP_BATCH,
  lastPendingId: rollups.lastPendingId,
  hasPendingUpTo: rollups.hasPendingUpTo,
  claim: rollups.claimPending,
  fold: (trx, events) => fold(trx, events),
  clear: rollups.clearPending,
}

/**
 * Folds every pending event into the rollups, a batch per transaction. Returns how many it folded.
 * When another runner holds the lock it stops at once, or with `waitMs` polls until the events pending
 * at the start were folded by either runner (platform/db/job-lock.ts `catchUpQueue`).
 */
export function catchUpEvents(db: Db, options: CatchUpOptions = {}): Promise<number> {
  return catchUpQueue(db, eventQueue, options)
}

/**
 * Deletes the visitor-days no fold can read again (older than VISIT_RETENTION_DAYS, and older than
 * MAX_RANGE_DAYS before the oldest event still pending, which may be older than a week if the job was
 * stopped): `funnel_visit` holds the browser's random id per day, kept only as long as the funnel needs
 * it (docs/PRIVACY.md, "Retention"). Runs under the rollups' lock, a batch per transaction, so it never
 * interleaves with a fold; returns how many it deleted. Stops early when another node holds the lock.
 */
export async function pruneVisits(db: Db, now: number = Date.now(), batch = PRUNE_BATCH): Promise<number> {
  let total = 0
  for (;;) {
    const result = await withJobLock(db, 'event-rollups', async (trx) => {
      const pending = await rollups.oldestPendingDay(trx)
      let before = Math.floor(now / DAY_MS) - VISIT_RETENTION_DAYS
      if (pending !== undefined) before = Math.min(before, pending - MAX_RANGE_DAYS)
      return rollups.deleteVisitsBefore(trx, before, batch)
    })
    if (!result.ran) return total
    total += result.value
    if (result.value < batch) return total
  }
}

async function fold(trx: Db, events: rollups.PendingEvent[]): Promise<void> {
  const volume = new Map<string, { day: number; type: EventType; events: number }>()
  const zero = new Map<string, { day: number; query: string; searches: number; last_seen_at: number }>()
  const visits = new Map<string, Map<number, number>>() // visitor -> day -> new step bits
  for (const e of events) {
    if (e.type === null || e.occurred_at === null || e.anonymous_id === null) continue // never: pending rows follow events
    const occurredAt = Number(e.occurred_at)
    const day = Math.floor(occurredAt / DAY_MS)
    const v = volume.get(`${day}|${e.type}`) ?? { day, type: e.type, events: 0 }
    v.events++
    volume.set(`${day}|${e.type}`, v)
    if (e.result_count !== null && Number(e.result_count) === 0 && e.query !== null) {
      const key = `${day}|${e.query}`
      const z = zero.get(key) ?? { day, query: e.query, searches: 0, last_seen_at: occurredAt }
      z.searches++
      z.last_seen_at = Math.max(z.last_seen_at, occurredAt)
      zero.set(key, z)
    }
    const bit = STEP_BITS[e.type]
    if (bit !== undefined) {
      const days = visits.get(e.anonymous_id) ?? new Map<number, number>()
      days.set(day, (days.get(day) ?? 0) | bit)
      visits.set(e.anonymous_id, days)
    }
  }
  await rollups.addVolume(
    trx,
    sortBy([...volume.values()], (r) => `${r.day}|${r.type}`),
  )
  await rollups.addZeroSearches(
    trx,
    sortBy([...zero.values()], (r) => `${r.day}|${r.query}`),
  )
  if (visits.size > 0) await foldVisits(trx, visits)
}

/** The funnel: each visitor's known days within reach, the new days added, the span changes written. */
async function foldVisits(trx: Db, visits: Map<string, Map<number, number>>): Promise<void> {
  let minDay = Number.POSITIVE_INFINITY
  let maxDay = Number.NEGATIVE_INFINITY
  for (const days of visits.values()) {
    for (const day of days.keys()) {
      minDay = Math.min(minDay, day)
      maxDay = Math.max(maxDay, day)
    }
  }
  // A previous or next day further than MAX_RANGE_DAYS away changes nothing (funnel-spans.ts).
  const known = await rollups.listVisits(trx, [...visits.keys()], minDay - MAX_RANGE_DAYS, maxDay + MAX_RANGE_DAYS)
  const byVisitor = new Map<string, Map<number, number>>()
  for (const row of known) {
    const days = byVisitor.get(row.anonymous_id) ?? new Map<number, number>()
    days.set(Number(row.day), Number(row.steps))
    byVisitor.set(row.anonymous_id, days)
  }
  const deltas: SpanDeltas = new Map()
  const changedVisits: { anonymous_id: string; day: number; steps: number }[] = []
  for (const [visitor, added] of visits) {
    const days = byVisitor.get(visitor) ?? new Map<number, number>()
    const adds = [...added].sort((a, b) => a[0] - b[0])
    for (const day of addVisits(days, adds, deltas)) {
      changedVisits.push({ anonymous_id: visitor, day, steps: days.get(day) ?? 0 })
    }
  }
  await rollups.putVisits(
    trx,
    sortBy(changedVisits, (r) => `${r.anonymous_id}|${r.day}`),
  )
  const spans = [...deltas].map(([key, visitors]) => {
    const [steps, day, prev] = key.split(':').map(Number)
    return { day, steps, prev, visitors }
  })
  await rollups.addSpans(
    trx,
    spans.sort((a, b) => a.day - b.day || a.steps - b.steps || a.prev - b.prev),
  )
  await rollups.addFromCounts(
    trx,
    fromCounts(spans).sort((a, b) => a.start - b.start || a.steps - b.steps || a.day - b.day),
  )
}

function sortBy<T>(rows: T[], key: (row: T) => string): T[] {
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}
