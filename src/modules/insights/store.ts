/**
 * SQL for the event log. The reports answer from the rollups (rollup-store.ts); `funnelCounts`,
 * `zeroResultSearches` and `volumeByBucket` here compute the same straight from the events, the
 * answer the rollups must equal (tests compare them).
 */
import { sql } from 'kysely'
import { dialectOf } from '../../platform/db/migrate.ts'
import type { Db } from '../../platform/db/types.ts'
import { insertRowsLater } from '../../platform/db/write-batch.ts'
import { bucketDay, type Granularity } from '../../platform/reports.ts'
import { markPending } from './rollup-store.ts'
import type { EventType } from './schemas.ts'

export interface EventTable {
  id: string
  type: EventType
  anonymous_id: string
  customer_id: string | null
  source: 'client' | 'server'
  occurred_at: number
  received_at: number
  product_id: string | null
  query: string | null
  result_count: number | null
  properties: string
}

/**
 * Appends events in one multi-row insert, and queues them for the rollups (rollups.ts); call it in a
 * transaction so both happen or neither. There is deliberately no update or delete here.
 */
export async function insertEvents(db: Db, rows: readonly EventTable[]): Promise<void> {
  if (rows.length === 0) return
  await insertRowsLater(db, 'event', rows)
  await markPending(
    db,
    rows.map((r) => r.id),
  )
}

/** An account whose events an erasure unlinked (buffered events are written without it). */
export interface EventErasureTable {
  customer_id: string
  erased_at: number
}

/** Rows per multi-row insert: 11 columns each, well under both databases' bound-parameter limits. */
const APPEND_CHUNK = 1000

/**
 * Appends buffered events (event-buffer.ts) inside the caller's transaction, skipping any already
 * stored: a retry after a commit whose answer was lost writes nothing twice, and only the events this
 * call inserted are queued for the rollups, so each is counted once. Returns how many it inserted.
 */
export async function appendEvents(db: Db, rows: readonly EventTable[]): Promise<number> {
  let inserted = 0
  for (let i = 0; i < rows.length; i += APPEND_CHUNK) {
    const part = rows.slice(i, i + APPEND_CHUNK)
    const ids = await db
      .insertInto('event')
      .values(part)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute()
    await markPending(
      db,
      ids.map((r) => r.id),
    )
    inserted += ids.length
  }
  return inserted
}

/**
 * Erasure and the buffered writes exclude each other on PostgreSQL (one transaction-scoped advisory
 * lock: shared for writers of buffered events, exclusive for the erasure), so a buffered event is
 * either stored before the erasure unlinks it or written after the erasure is listed. SQLite runs one
 * write transaction at a time anyway.
 */
const ERASURE_LOCK = sql`hashtext('backroom.event_erasure')`

/** Of these customers, those an erasure listed (call inside the transaction that writes their events). */
export async function erasedAmong(db: Db, customerIds: readonly string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set()
  if (dialectOf(db) === 'postgres') await sql`select pg_advisory_xact_lock_shared(${ERASURE_LOCK})`.execute(db)
  const rows = await db
    .selectFrom('event_erasure')
    .select('customer_id')
    .where('customer_id', 'in', customerIds)
    .execute()
  return new Set(rows.map((r) => r.customer_id))
}

/** Unlinks a customer's events and lists the customer, so buffered events arrive unlinked (erasure). */
export async function eraseCustomer(db: Db, customerId: string, now: number): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(${ERASURE_LOCK})`.execute(db)
  await db
    .insertInto('event_erasure')
    .values({ customer_id: customerId, erased_at: now })
    .onConflict((oc) => oc.column('customer_id').doNothing())
    .execute()
  await db.updateTable('event').set({ customer_id: null }).where('customer_id', '=', customerId).execute()
}

export interface FunnelCounts {
  visitors: [number, number, number, number]
  reached: [number, number, number, number]
}

/**
 * Distinct anonymous ids per funnel step, and those that also did every earlier step, in one pass:
 * one row per visitor with a 0/1 flag per step, then sums (a product of flags is "did all of them").
 */
export async function funnelCounts(db: Db, startMs: number, endMs: number): Promise<FunnelCounts> {
  const flag = (type: EventType) => sql<number>`max(case when type = ${sql.lit(type)} then 1 else 0 end)`
  const perVisitor = db
    .selectFrom('event')
    .select([
      'anonymous_id',
      flag('product_view').as('pv'),
      flag('add_to_cart').as('ac'),
      flag('checkout_started').as('cs'),
      flag('order_placed').as('op'),
    ])
    .where('type', 'in', ['product_view', 'add_to_cart', 'checkout_started', 'order_placed'])
    .where('occurred_at', '>=', startMs)
    .where('occurred_at', '<', endMs)
    .groupBy('anonymous_id')
  const sum = (expression: ReturnType<typeof sql>) => sql<number>`coalesce(sum(${expression}), 0)`
  const row = await db
    .selectFrom(perVisitor.as('v'))
    .select([
      sum(sql`pv`).as('v1'),
      sum(sql`ac`).as('v2'),
      sum(sql`cs`).as('v3'),
      sum(sql`op`).as('v4'),
      sum(sql`pv * ac`).as('r2'),
      sum(sql`pv * ac * cs`).as('r3'),
      sum(sql`pv * ac * cs * op`).as('r4'),
    ])
    .executeTakeFirstOrThrow()
  const n = (value: unknown) => Number(value ?? 0)
  return {
    visitors: [n(row.v1), n(row.v2), n(row.v3), n(row.v4)],
    reached: [n(row.v1), n(row.r2), n(row.r3), n(row.r4)],
  }
}

/** Searches that found nothing, grouped by normalised query, most frequent first. */
export function zeroResultSearches(db: Db, startMs: number, endMs: number, limit: number) {
  return db
    .selectFrom('event')
    .select(['query', sql<number>`count(*)`.as('count'), sql<number>`max(occurred_at)`.as('lastSeenAt')])
    .where(sql<boolean>`result_count = 0`) // literal, so the partial index applies on SQLite too
    .where('occurred_at', '>=', startMs)
    .where('occurred_at', '<', endMs)
    .where('query', 'is not', null)
    .groupBy('query')
    .orderBy('count', 'desc')
    .orderBy('query')
    .limit(limit)
    .$narrowType<{ query: string }>()
    .execute()
}

/** Event counts per bucket (a day number, see platform/reports.ts) and type. */
export function volumeByBucket(db: Db, startMs: number, endMs: number, granularity: Granularity) {
  const bucket = bucketDay('occurred_at', granularity)
  return db
    .selectFrom('event')
    .select([bucket.as('bucket'), 'type', sql<number>`count(*)`.as('count')])
    .where('occurred_at', '>=', startMs)
    .where('occurred_at', '<', endMs)
    .groupBy([bucket, 'type'])
    .execute()
}

export type ExportRow = Pick<
  EventTable,
  'id' | 'type' | 'anonymous_id' | 'customer_id' | 'source' | 'occurred_at' | 'received_at' | 'properties'
>

/**
 * The events of a range in (occurred_at, type, id) order, the order of `event_time_idx`: a query to
 * stream (platform/db/read-worker.ts), not to execute.
 */
export function exportQuery(db: Db, startMs: number, endMs: number) {
  return db
    .selectFrom('event')
    .select(['id', 'type', 'anonymous_id', 'customer_id', 'source', 'occurred_at', 'received_at', 'properties'])
    .where('occurred_at', '>=', startMs)
    .where('occurred_at', '<', endMs)
    .orderBy('occurred_at')
    .orderBy('type')
    .orderBy('id')
}
