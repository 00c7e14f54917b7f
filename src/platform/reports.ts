/**
 * What every report shares: a bounded range of UTC days from `from`/`to` query parameters, a day or
 * week bucket computed in SQL from an epoch-ms column (the same integer arithmetic on SQLite and
 * PostgreSQL), zero-filled series for charts, and the CSV answer. The events reports use it now; the
 * sales, top-products, average-order-value and low-stock reports reuse it once orders land.
 */
import { type RawBuilder, sql } from 'kysely'
import { type Static, Type } from 'typebox'
import { invalid } from './errors.ts'

export const DAY_MS = 86_400_000
/** The longest range one report covers: a year and a day (leap years). */
export const MAX_RANGE_DAYS = 367

export const Granularity = Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'day' })
export type Granularity = Static<typeof Granularity>

/** `from` and `to` are inclusive UTC days (YYYY-MM-DD). */
export const RangeQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First UTC day, inclusive (YYYY-MM-DD)' }),
    to: Type.String({ format: 'date', description: 'Last UTC day, inclusive (YYYY-MM-DD)' }),
  },
  { additionalProperties: false },
)
export type RangeQuery = Static<typeof RangeQuery>

export interface DateRange {
  from: string
  to: string
  /** Epoch ms of `from` at 00:00 UTC. */
  startMs: number
  /** Epoch ms of the day after `to` at 00:00 UTC (exclusive). */
  endMs: number
}

/** Parses and bounds a range; throws `invalid('bad-date-range')` when reversed or too long. */
export function parseRange(query: RangeQuery, maxDays = MAX_RANGE_DAYS): DateRange {
  const startMs = Date.parse(`${query.from}T00:00:00Z`)
  const lastMs = Date.parse(`${query.to}T00:00:00Z`)
  if (Number.isNaN(startMs) || Number.isNaN(lastMs)) {
    throw invalid('bad-date-range', '`from` and `to` must be real calendar days (YYYY-MM-DD)')
  }
  if (lastMs < startMs) throw invalid('bad-date-range', '`to` is before `from`', { from: query.from, to: query.to })
  const days = (lastMs - startMs) / DAY_MS + 1
  if (days > maxDays) {
    throw invalid('bad-date-range', `A report covers at most ${maxDays} days; this range has ${days}`, { maxDays })
  }
  return { from: query.from, to: query.to, startMs, endMs: lastMs + DAY_MS }
}

/** The UTC day of an epoch-ms instant, as YYYY-MM-DD. */
/** The range as UTC day numbers (days since the epoch), both ends included: how the rollups are keyed. */
export function dayNumbers(range: DateRange): [fromDay: number, toDay: number] {
  return [range.startMs / DAY_MS, range.endMs / DAY_MS - 1]
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/**
 * The bucket an epoch-ms column falls in, as a whole number of days since 1970-01-01 (the bucket's
 * first day). Integer division truncates on both dialects; timestamps are never negative here.
 * Weeks start on Monday (ISO 8601): 1970-01-01 was a Thursday, hence the +3/-3.
 */
export function bucketDay(column: string, granularity: Granularity): RawBuilder<number> {
  const day = sql`(${sql.ref(column)} / ${sql.lit(DAY_MS)})`
  if (granularity === 'day') return sql<number>`${day}`
  return sql<number>`(((${day} + 3) / 7) * 7 - 3)`
}

/** The same bucket computed in JavaScript (for the zero-filled axis). */
export function bucketOf(dayNumber: number, granularity: Granularity): number {
  return granularity === 'day' ? dayNumber : Math.floor((dayNumber + 3) / 7) * 7 - 3
}

/** Every bucket of a range, in order, as day numbers (a week that starts before `from` is included). */
export function bucketsOf(range: DateRange, granularity: Granularity): number[] {
  const first = bucketOf(range.startMs / DAY_MS, granularity)
  const last = range.endMs / DAY_MS - 1
  const step = granularity === 'day' ? 1 : 7
  const out: number[] = []
  for (let day = first; day <= last; day += step) out.push(day)
  return out
}

/**
 * A dashboard-ready series: one point per bucket of the range, with `zero()` where the query found
 * nothing. `rows` come from SQL grouped by `bucketDay` (at most a few hundred), never raw events.
 */
export function zeroFilled<R extends { bucket: number }, P>(
  range: DateRange,
  granularity: Granularity,
  rows: readonly R[],
  point: (date: string, row: R | undefined) => P,
): P[] {
  const byBucket = new Map<number, R>()
  for (const row of rows) byBucket.set(Number(row.bucket), row)
  return bucketsOf(range, granularity).map((day) => point(isoDay(day * DAY_MS), byBucket.get(day)))
}

/** Problem codes the report helpers throw (registered by each module that uses them via app.ts). */
export const reportProblems = {
  'bad-date-range': {
    title: 'Bad date range',
    description: `\`from\` must not be after \`to\`, and a report covers at most ${MAX_RANGE_DAYS} days.`,
  },
}
