import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  addVisits,
  clampPrev,
  fromCounts,
  funnelFromUnions,
  type SpanDeltas,
  SUBSETS,
} from '../../../src/modules/insights/funnel-spans.ts'

/** The funnel straight from each visitor's days: the definition the span counts must reproduce. */
function bruteForce(visitors: Map<number, number>[], from: number, to: number) {
  const visitorsPerStep = [0, 0, 0, 0]
  const reached = [0, 0, 0, 0]
  for (const days of visitors) {
    let mask = 0
    for (const [day, steps] of days) if (day >= from && day <= to) mask |= steps
    for (let i = 0; i < 4; i++) {
      if (mask & (1 << i)) visitorsPerStep[i]++
      const prefix = (1 << (i + 1)) - 1
      if ((mask & prefix) === prefix) reached[i]++
    }
  }
  return { visitors: visitorsPerStep, reached }
}

/** What the report's SQL does with funnel_span rows: per subset, sum where from <= day <= to and prev < from. */
function unionsOf(spans: SpanDeltas, from: number, to: number) {
  const unions = new Map<number, number>()
  for (const [key, n] of spans) {
    const [subset, day, prev] = key.split(':').map(Number)
    if (day >= from && day <= to && prev < from) unions.set(subset, (unions.get(subset) ?? 0) + n)
  }
  return unions
}

test('clampPrev: no previous day, or one no 367-day range can separate, is -1', () => {
  assert.equal(clampPrev(1000, undefined), -1)
  assert.equal(clampPrev(1000, 633), -1)
  assert.equal(clampPrev(1000, 634), 634)
})

test('span counts give the exact funnel for any range, whatever order the visits arrive in', () => {
  const visit = fc.tuple(
    fc.integer({ min: 0, max: 12 }),
    fc.integer({ min: 0, max: 800 }),
    fc.integer({ min: 1, max: 15 }),
  )
  fc.assert(
    fc.property(
      fc.array(visit, { maxLength: 120 }),
      fc.integer({ min: 0, max: 800 }),
      fc.integer({ min: 0, max: 366 }),
      (visits, from, length) => {
        const to = from + length
        const spans: SpanDeltas = new Map()
        const known = new Map<number, Map<number, number>>()
        for (const [visitor, day, steps] of visits) {
          const days = known.get(visitor) ?? new Map<number, number>()
          addVisits(days, [[day, steps]], spans)
          known.set(visitor, days)
        }
        for (const n of spans.values()) assert.ok(n !== 0)
        const exact = bruteForce([...known.values()], from, to)
        assert.deepEqual(funnelFromUnions(unionsOf(spans, from, to)), exact)
        // What the report reads: funnel_from rows with start = from, from <= day <= to.
        const rows = [...spans].map(([key, visitors]) => {
          const [steps, day, prev] = key.split(':').map(Number)
          return { steps, day, prev, visitors }
        })
        const unions = new Map<number, number>()
        for (const r of fromCounts(rows)) {
          if (r.start === from && r.day >= from && r.day <= to)
            unions.set(r.steps, (unions.get(r.steps) ?? 0) + r.visitors)
        }
        assert.deepEqual(funnelFromUnions(unions), exact)
      },
    ),
    { numRuns: 400 },
  )
})

test('a visitor whose earlier days were not loaded (beyond reach) counts the same', () => {
  // Day 0 is more than MAX_RANGE_DAYS before day 400: loading it or not gives the same spans.
  const full: SpanDeltas = new Map()
  const days = new Map<number, number>()
  addVisits(days, [[0, 1]], full)
  const withOld = new Map(full)
  addVisits(days, [[400, 1]], withOld)
  const fresh: SpanDeltas = new Map(full)
  addVisits(new Map(), [[400, 1]], fresh)
  assert.deepEqual(withOld, fresh)
  assert.equal(SUBSETS.length, 15)
})
