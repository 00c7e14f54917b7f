/**
 * Property: for any small set of events, appended in any order (late arrivals included), folded in any
 * batch size, with the catch-up dying once before it commits, every events report over any range (up to
 * the longest, 367 days) answers from the rollups exactly what it answers from the event log. Events
 * sit on or next to UTC midnight and span more than a year, so day boundaries and the funnel's clamp of
 * previous days more than 366 days back are crossed. Reports take UTC days only (no time zone).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { catchUpEvents } from '../../../src/modules/insights/rollups.ts'
import type * as store from '../../../src/modules/insights/store.ts'
import { DAY_MS, MAX_RANGE_DAYS } from '../../../src/platform/reports.ts'
import { testApp } from '../../helpers.ts'
import { appendEvents, assertEventReportsExact, clearEvents, EVENT_TYPES, eventRow } from './rollup-fixtures.ts'

const DAY0 = Date.UTC(2026, 0, 1) / DAY_MS
const SPREAD = 420 // days of data: more than a year, so some previous days are clamped

const anEvent = fc.record({
  type: fc.constantFrom(...EVENT_TYPES),
  visitor: fc.integer({ min: 0, max: 5 }),
  day: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: SPREAD - 1 })),
  // On midnight, a millisecond either side of it, or anywhere in the day.
  at: fc.oneof(fc.constantFrom(0, 1, DAY_MS - 1), fc.integer({ min: 0, max: DAY_MS - 1 })),
  query: fc.integer({ min: 0, max: 3 }),
  zero: fc.boolean(),
})

type EventSpec = typeof anEvent extends fc.Arbitrary<infer T> ? T : never

function toEvent(e: EventSpec, n: number): store.EventTable {
  // Received in the order appended (ids sort by receive time), whatever day the event happened on.
  const receivedAt = Date.UTC(2027, 2, 1) + n
  return eventRow({ ...e, occurredAt: (DAY0 + e.day) * DAY_MS + e.at, query: `Query ${e.query}`, receivedAt })
}

const aRange = fc
  .record({ from: fc.integer({ min: -3, max: SPREAD + 3 }), days: fc.integer({ min: 1, max: MAX_RANGE_DAYS }) })
  .map(({ from, days }) => [DAY0 + from, DAY0 + from + days - 1] as const)

test('every events report from the rollups equals the same report from the events (property)', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  let appended = 0
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(anEvent, { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 0, max: 3 }),
      fc.array(aRange, { minLength: 1, maxLength: 5 }),
      async (batches, batch, crashAt, ranges) => {
        await clearEvents(db)
        let folds = 0
        for (const events of batches) {
          const rows = events.map((e) => toEvent(e, appended++))
          await appendEvents(db, rows)
          // A catch-up that dies before committing, once: nothing of its batch may count.
          const crash = folds++ === crashAt
          if (crash) {
            await assert.rejects(
              catchUpEvents(db, {
                batch,
                beforeCommit: () => {
                  throw new Error('crash')
                },
              }),
            )
          }
          await catchUpEvents(db, { batch })
        }
        await assertEventReportsExact(db, ranges, 3)
      },
    ),
    { numRuns: 25, seed: 20261203 },
  )
})
