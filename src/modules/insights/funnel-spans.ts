/**
 * Exact distinct-visitor funnel counts from per-day rollups (pure; docs/INSIGHTS.md, "Rollups").
 *
 * Distinct counts do not add across days, so the rollup counts something that does. For a set T of
 * funnel steps, let D_T(v) be the days on which visitor v did any step of T. A visitor did a step of T
 * in the range [a, b] exactly when D_T(v) has a day d in [a, b] whose previous day in D_T(v) is before
 * a (the visitor's first such day in the range). So `funnel_span` counts (T, day, previous day):
 *
 *   distinct visitors with a step of T in [a, b] = sum of visitors where a <= day <= b and prev < a
 *
 * a sum over at most (days in range) x (distinct previous days) rows, whatever the number of visitors.
 * Ranges are at most MAX_RANGE_DAYS long, so a previous day that far back is stored as -1 ("none").
 * "Did every one of steps S" follows by inclusion-exclusion over the non-empty subsets T of S:
 * |X1 ∩ … ∩ Xk| = Σ (-1)^(|T|+1) |∪ X_T|, and ∪ X_T is "did a step of T". Four steps: 15 subsets.
 */
import { MAX_RANGE_DAYS } from '../../platform/reports.ts'
import { FUNNEL_STEPS } from './schemas.ts'

/** Bit of each funnel step in a visitor-day's `steps` mask. */
export const STEP_BITS: Readonly<Record<string, number>> = Object.fromEntries(FUNNEL_STEPS.map((s, i) => [s, 1 << i]))

/** Every non-empty subset of the steps, as masks 1..15. */
export const SUBSETS: readonly number[] = Array.from({ length: (1 << FUNNEL_STEPS.length) - 1 }, (_, i) => i + 1)

/** The stored previous day of `day`: -1 when there is none or it is too far back to matter in any range. */
export function clampPrev(day: number, prev: number | undefined): number {
  return prev === undefined || prev <= day - MAX_RANGE_DAYS ? -1 : prev
}

/** Changes to `funnel_span` counts, keyed `subset:day:prev`. */
export type SpanDeltas = Map<string, number>

export function spanKey(subset: number, day: number, prev: number): string {
  return `${subset}:${day}:${prev}`
}

function bump(deltas: SpanDeltas, subset: number, day: number, prev: number, by: number) {
  const key = spanKey(subset, day, prev)
  const next = (deltas.get(key) ?? 0) + by
  if (next === 0) deltas.delete(key)
  else deltas.set(key, next)
}

/**
 * Adds one visitor's new (day, steps) pairs to `days` (that visitor's known days within reach: at least
 * MAX_RANGE_DAYS either side of every added day), recording the span changes in `deltas`. Mutates
 * `days`; returns the days whose mask changed.
 */
export function addVisits(
  days: Map<number, number>,
  adds: Iterable<readonly [day: number, steps: number]>,
  deltas: SpanDeltas,
): number[] {
  const changed: number[] = []
  for (const [day, steps] of adds) {
    const before = days.get(day) ?? 0
    const after = before | steps
    if (after === before) continue
    for (const subset of SUBSETS) {
      if ((before & subset) !== 0 || (after & subset) === 0) continue // the day was in D_T already, or still is not
      let prev: number | undefined
      let next: number | undefined
      for (const [other, mask] of days) {
        if ((mask & subset) === 0 || other === day) continue
        if (other < day && (prev === undefined || other > prev)) prev = other
        if (other > day && (next === undefined || other < next)) next = other
      }
      bump(deltas, subset, day, clampPrev(day, prev), 1)
      if (next !== undefined) {
        bump(deltas, subset, next, clampPrev(next, prev), -1)
        bump(deltas, subset, next, clampPrev(next, day), 1)
      }
    }
    days.set(day, after)
    changed.push(day)
  }
  return changed
}

/**
 * The funnel from `unions` (subset mask -> distinct visitors who did a step of it in the range):
 * `visitors[i]` did step i, `reached[i]` did steps 0..i.
 */
export function funnelFromUnions(unions: ReadonlyMap<number, number>): {
  visitors: [number, number, number, number]
  reached: [number, number, number, number]
} {
  const union = (subset: number) => unions.get(subset) ?? 0
  const visitors = [0, 1, 2, 3].map((i) => union(1 << i)) as [number, number, number, number]
  const reached = [0, 1, 2, 3].map((i) => {
    let all = 0
    for (let subset = 1; subset < 1 << (i + 1); subset++) {
      all += (popcount(subset) % 2 === 1 ? 1 : -1) * union(subset)
    }
    return all
  }) as [number, number, number, number]
  return { visitors, reached }
}

function popcount(n: number): number {
  let count = 0
  for (let m = n; m > 0; m >>= 1) count += m & 1
  return count
}

/** A `funnel_from` row: visitor-days of a step subset on `day` whose previous such day is before `start`. */
export interface FromCount {
  start: number
  steps: number
  day: number
  visitors: number
}

/**
 * `funnel_from` from `funnel_span` counts (or their changes: the map is linear). A visitor-day on `day`
 * with previous day `prev` counts for every range start in (prev, day] that a range through `day` can
 * have, i.e. from max(prev + 1, day - MAX_RANGE_DAYS + 1) to `day` (a clamped prev, -1, for all of
 * them). Then the distinct visitors of a subset over [a, b] are the sum of its rows with start = a and
 * a <= day <= b: one contiguous run of at most MAX_RANGE_DAYS rows per subset, however many previous
 * days the visitors have. Counts are summed per (start, subset, day); zeros are left out.
 */
export function fromCounts(
  spans: Iterable<{ steps: number; day: number; prev: number; visitors: number }>,
): FromCount[] {
  // Per subset and day, a difference array over the starts day - MAX_RANGE_DAYS + 1 .. day.
  const diffs = new Map<string, { steps: number; day: number; diff: number[] }>()
  for (const s of spans) {
    if (s.visitors === 0) continue
    const key = `${s.steps}:${s.day}`
    let entry = diffs.get(key)
    if (!entry) {
      entry = { steps: s.steps, day: s.day, diff: new Array<number>(MAX_RANGE_DAYS + 1).fill(0) }
      diffs.set(key, entry)
    }
    const first = s.day - MAX_RANGE_DAYS + 1
    entry.diff[Math.max(s.prev + 1, first) - first] += s.visitors
    entry.diff[MAX_RANGE_DAYS] -= s.visitors // past `day`: no range starting after its day counts it
  }
  const out: FromCount[] = []
  for (const { steps, day, diff } of diffs.values()) {
    const first = day - MAX_RANGE_DAYS + 1
    let visitors = 0
    for (let i = 0; i < MAX_RANGE_DAYS; i++) {
      visitors += diff[i]
      if (visitors !== 0) out.push({ start: first + i, steps, day, visitors })
    }
  }
  return out
}
