/**
 * SQL for the event rollups (docs/INSIGHTS.md, "Rollups"): what is waiting to be rolled up, the
 * per-day tables the reports read, and their rebuild from the event log.
 */
import { type CreateTableBuilder, type Kysely, sql } from 'kysely'
import { inChunks, upsertRows, whereIn } from '../../platform/db/bulk.ts'
import { dialectOf } from '../../platform/db/migrate.ts'
import type { Db } from '../../platform/db/types.ts'
import { insertRowsLater } from '../../platform/db/write-batch.ts'
import { DAY_MS, type Granularity, MAX_RANGE_DAYS } from '../../platform/reports.ts'
import { type FromCount, fromCounts } from './funnel-spans.ts'
import { type EventType, FUNNEL_STEPS } from './schemas.ts'

export interface EventRollupTables {
  /** Events appended but not yet in the rollups: written in the appending transaction. */
  event_rollup_pending: { event_id: string }
  event_volume_day: { day: number; type: EventType; events: number }
  search_zero_day: { day: number; query: string; searches: number; last_seen_at: number }
  /** One row per visitor and day with a funnel step: which steps (bit i = FUNNEL_STEPS[i]). */
  funnel_visit: { anonymous_id: string; day: number; steps: number }
  /** Visitor-days per step subset and previous day of that subset (funnel-spans.ts). */
  funnel_span: { day: number; steps: number; prev: number; visitors: number }
  /** The same counts summed over the previous days before each range start the day can have (funnel-spans.ts). */
  funnel_from: { start: number; steps: number; day: number; visitors: number }
}

/**
 * For a rollup table's CREATE: on SQLite the table is stored in its primary-key order (WITHOUT ROWID),
 * so a report's range scan over the key reads the counts in place instead of one table lookup per row.
 */
export function clustered(db: Kysely<any>) {
  return <T extends string, C extends string>(table: CreateTableBuilder<T, C>) =>
    dialectOf(db) === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table
}

export async function markPending(db: Db, eventIds: readonly string[]): Promise<void> {
  await inChunks(eventIds, (part) =>
    insertRowsLater(
      db,
      'event_rollup_pending',
      part.map((event_id) => ({ event_id })),
    ),
  )
}

export type PendingEvent = Awaited<ReturnType<typeof claimPending>>[number]

/** The oldest pending events (ids sort by receive time), with what the rollups need of them. */
export function claimPending(db: Db, limit: number) {
  return db
    .selectFrom('event_rollup_pending as p')
    .leftJoin('event as e', 'e.id', 'p.event_id')
    .select(['p.event_id as id', 'e.type', 'e.anonymous_id', 'e.occurred_at', 'e.query', 'e.result_count'])
    .orderBy('p.event_id')
    .limit(limit)
    .execute()
}

export async function hasPending(db: Db): Promise<boolean> {
  return (await db.selectFrom('event_rollup_pending').select('event_id').limit(1).executeTakeFirst()) !== undefined
}

/** The greatest pending event id now, if any: every event committed before this read is at or below it. */
export async function lastPendingId(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('event_rollup_pending')
    .select('event_id')
    .orderBy('event_id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.event_id
}

/** Whether an event at or below `id` is still pending. */
export async function hasPendingUpTo(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('event_rollup_pending')
    .select('event_id')
    .where('event_id', '<=', id)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

// The catch-up's writes and lists go through platform/db/bulk.ts (SQL text per shape, a list as one
// parameter): through Kysely's query tree, a few hundred rows cost more Node CPU than the statements.

export async function clearPending(db: Db, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return
  await db
    .deleteFrom('event_rollup_pending')
    .where(whereIn(db, 'event_id', eventIds))
    .execute()
}

export async function addVolume(db: Db, rows: { day: number; type: EventType; events: number }[]): Promise<void> {
  await upsertRows(db, 'event_volume_day', rows, {
    key: ['day', 'type'],
    set: { events: '"event_volume_day"."events" + excluded."events"' },
  })
}

export async function addZeroSearches(
  db: Db,
  rows: { day: number; query: string; searches: number; last_seen_at: number }[],
): Promise<void> {
  await upsertRows(db, 'search_zero_day', rows, {
    key: ['day', 'query'],
    set: {
      searches: '"search_zero_day"."searches" + excluded."searches"',
      last_seen_at:
        'case when excluded."last_seen_at" > "search_zero_day"."last_seen_at" then excluded."last_seen_at" ' +
        'else "search_zero_day"."last_seen_at" end',
    },
  })
}

/** The known visit days of these visitors between two days (inclusive). */
export async function listVisits(db: Db, visitors: readonly string[], fromDay: number, toDay: number) {
  if (visitors.length === 0) return []
  return db
    .selectFrom('funnel_visit')
    .select(['anonymous_id', 'day', 'steps'])
    .where(whereIn(db, 'anonymous_id', visitors))
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute()
}

export async function putVisits(db: Db, rows: { anonymous_id: string; day: number; steps: number }[]): Promise<void> {
  await upsertRows(db, 'funnel_visit', rows, { key: ['anonymous_id', 'day'], set: { steps: 'excluded."steps"' } })
}

/** The day of the oldest event still waiting for the rollups (undefined: none waits). */
export async function oldestPendingDay(db: Db): Promise<number | undefined> {
  const row = await db
    .selectFrom('event_rollup_pending as p')
    .innerJoin('event as e', 'e.id', 'p.event_id')
    .select((eb) => eb.fn.min('e.occurred_at').as('at'))
    .executeTakeFirst()
  return row?.at === null || row?.at === undefined ? undefined : Math.floor(Number(row.at) / DAY_MS)
}

/** Deletes up to `limit` visitor-days before `beforeDay`; answers how many it deleted. */
export async function deleteVisitsBefore(db: Db, beforeDay: number, limit: number): Promise<number> {
  const old = db
    .selectFrom('funnel_visit')
    .select(['anonymous_id', 'day'])
    .where('day', '<', beforeDay)
    .orderBy('day')
    .limit(limit)
  const rows = await old.execute()
  if (rows.length === 0) return 0
  for (const [day, visits] of Map.groupBy(rows, (r) => Number(r.day))) {
    await inChunks(visits, (part) =>
      db
        .deleteFrom('funnel_visit')
        .where('day', '=', day)
        .where(
          'anonymous_id',
          'in',
          part.map((v) => v.anonymous_id),
        )
        .execute(),
    )
  }
  return rows.length
}

export async function addSpans(
  db: Db,
  rows: { day: number; steps: number; prev: number; visitors: number }[],
): Promise<void> {
  await upsertRows(db, 'funnel_span', rows, {
    key: ['day', 'steps', 'prev'],
    set: { visitors: '"funnel_span"."visitors" + excluded."visitors"' },
  })
}

export async function addFromCounts(db: Db, rows: FromCount[]): Promise<void> {
  await upsertRows(db, 'funnel_from', rows, {
    key: ['start', 'steps', 'day'],
    set: { visitors: '"funnel_from"."visitors" + excluded."visitors"' },
  })
}

// ---------------------------------------------------------------------------------------------
// Reports: `fromDay`/`toDay` are inclusive day numbers (days since 1970-01-01).

/** A day-number column's bucket: the day itself, or its week's Monday (the same arithmetic as bucketDay). */
export function dayBucket(column: string, granularity: Granularity) {
  if (granularity === 'day') return sql<number>`${sql.ref(column)}`
  return sql<number>`(((${sql.ref(column)} + 3) / 7) * 7 - 3)`
}

/**
 * Distinct visitors per step subset over the range (see funnel-spans.ts): the rows of `funnel_from`
 * with start = fromDay, one contiguous run of the primary key (at most 15 x 367 rows).
 */
export function funnelUnions(db: Db, fromDay: number, toDay: number) {
  return db
    .selectFrom('funnel_from')
    .select(['steps', sql<number>`sum(visitors)`.as('visitors')])
    .where('start', '=', fromDay)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy('steps')
    .execute()
}

export function volumeByBucket(db: Db, fromDay: number, toDay: number, granularity: Granularity) {
  const bucket = dayBucket('day', granularity)
  return db
    .selectFrom('event_volume_day')
    .select([bucket.as('bucket'), 'type', sql<number>`sum(events)`.as('count')])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy([bucket, 'type'])
    .execute()
}

export function zeroResultSearches(db: Db, fromDay: number, toDay: number, limit: number) {
  const count = sql<number>`sum(searches)`
  return db
    .selectFrom('search_zero_day')
    .select(['query', count.as('count'), sql<number>`max(last_seen_at)`.as('lastSeenAt')])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy('query')
    .orderBy(count, 'desc')
    .orderBy('query')
    .limit(limit)
    .execute()
}

// ---------------------------------------------------------------------------------------------
// Rebuild: every rollup recomputed from the event log in SQL (the migration's backfill; benchmarks
// after seeding). Run it with event writes stopped: events appended meanwhile could count twice.

export async function rebuildEventRollups(db: Kysely<any>, options: { funnelFrom?: boolean } = {}): Promise<void> {
  const day = sql`occurred_at / ${sql.lit(DAY_MS)}`
  for (const table of ['event_rollup_pending', 'event_volume_day', 'search_zero_day', 'funnel_visit', 'funnel_span']) {
    await db.deleteFrom(table).execute()
  }
  await sql`insert into event_volume_day (day, type, events)
    select ${day}, type, count(*) from event group by ${day}, type`.execute(db)
  await sql`insert into search_zero_day (day, query, searches, last_seen_at)
    select ${day}, query, count(*), max(occurred_at) from event
    where result_count = 0 and query is not null group by ${day}, query`.execute(db)
  const mask = sql.join(
    FUNNEL_STEPS.map((step, i) => sql`max(case when type = ${sql.lit(step)} then ${sql.lit(1 << i)} else 0 end)`),
    sql` + `,
  )
  await sql`insert into funnel_visit (anonymous_id, day, steps)
    select anonymous_id, ${day}, ${mask} from event
    where type in (${sql.join(FUNNEL_STEPS.map((s) => sql.lit(s)))})
    group by anonymous_id, ${day}`.execute(db)
  for (let subset = 1; subset < 1 << FUNNEL_STEPS.length; subset++) {
    await sql`insert into funnel_span (day, steps, prev, visitors)
      select day, ${sql.lit(subset)}, prev, count(*) from (
        select day, case when prev is null or prev <= day - ${sql.lit(MAX_RANGE_DAYS)} then -1 else prev end as prev
        from (
          select day, lag(day) over (partition by anonymous_id order by day) as prev
          from funnel_visit where (steps & ${sql.lit(subset)}) <> 0
        ) lagged
      ) spans
      group by day, prev`.execute(db)
  }
  // Migration 0411 ran before funnel_from existed (0711 creates and fills it).
  if (options.funnelFrom !== false) await rebuildFunnelFrom(db)
}

/** `funnel_from` from `funnel_span`, a month of days at a time (funnel-spans.ts, fromCounts). */
export async function rebuildFunnelFrom(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('funnel_from').execute()
  const bounds = await db
    .selectFrom('funnel_span')
    .select((eb) => [eb.fn.min('day').as('lo'), eb.fn.max('day').as('hi')])
    .executeTakeFirst()
  if (bounds?.lo === null || bounds?.lo === undefined) return
  const [lo, hi] = [Number(bounds.lo), Number(bounds.hi)]
  for (let day = lo; day <= hi; day += 31) {
    const spans = await db
      .selectFrom('funnel_span')
      .select(['day', 'steps', 'prev', 'visitors'])
      .where('day', '>=', day)
      .where('day', '<', day + 31)
      .execute()
    const rows = fromCounts(
      spans.map((s) => ({
        day: Number(s.day),
        steps: Number(s.steps),
        prev: Number(s.prev),
        visitors: Number(s.visitors),
      })),
    ).sort((a, b) => a.start - b.start || a.steps - b.steps || a.day - b.day)
    await inChunks(rows, (part) => db.insertInto('funnel_from').values(part).execute())
  }
}
