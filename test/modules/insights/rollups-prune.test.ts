/**
 * `funnel_visit` (each browser id's days with a funnel step) is kept only as long as a fold can read it:
 * the prune deletes older visitor-days, never those an event still waiting for the rollups needs, and
 * every report stays exact afterwards, for old ranges, ranges across the cut, and new events folded on
 * top (ranges crossing month and year boundaries; reports take UTC days).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catchUpEvents, pruneVisits, VISIT_RETENTION_DAYS } from '../../../src/modules/insights/rollups.ts'
import { MAX_PAST_MS } from '../../../src/modules/insights/service.ts'
import type * as store from '../../../src/modules/insights/store.ts'
import type { Db } from '../../../src/platform/db/types.ts'
import { DAY_MS, MAX_RANGE_DAYS } from '../../../src/platform/reports.ts'
import { testApp } from '../../helpers.ts'
import { appendEvents, assertEventReportsExact, EVENT_TYPES, eventRow, prng } from './rollup-fixtures.ts'

const DAY0 = Date.UTC(2025, 5, 1) / DAY_MS // data from June 2025 …
const SPAN = 520 // … to November 2026: two year ends, many month ends
const TODAY = DAY0 + SPAN - 1
const NOW = TODAY * DAY_MS + 13 * 3_600_000

function events(random: () => number, n: number, firstDay: number, days: number): store.EventTable[] {
  return Array.from({ length: n }, () =>
    eventRow({
      type: EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)],
      visitor: Math.floor(random() * 12),
      occurredAt: (firstDay + Math.floor(random() * days)) * DAY_MS + Math.floor(random() * DAY_MS),
      query: `q${Math.floor(random() * 3)}`,
      zero: random() < 0.5,
      receivedAt: NOW,
    }),
  )
}

async function visitDays(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('funnel_visit').select('day').execute()
  return rows.map((r) => Number(r.day))
}

const day = (iso: string) => Date.parse(iso) / DAY_MS

test('the funnel visitor-days are pruned once no fold can read them, and reports stay exact', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const random = prng(8675309)
  const cut = TODAY - VISIT_RETENTION_DAYS

  await t.test('the retention covers the longest range plus the oldest event a client may still send', () => {
    assert.ok(VISIT_RETENTION_DAYS >= MAX_RANGE_DAYS + Math.ceil(MAX_PAST_MS / DAY_MS) + 1)
  })

  await appendEvents(db, events(random, 1500, DAY0, SPAN))
  await catchUpEvents(db, { batch: 400 })
  assert.ok(
    (await visitDays(db)).some((d) => d < cut),
    'the data reaches past the retention',
  )

  await t.test('an event still waiting for the rollups keeps the days it will read', async () => {
    const late = TODAY - VISIT_RETENTION_DAYS - 20 // queued long ago, the job stopped since
    await appendEvents(db, [
      eventRow({ type: 'add_to_cart', visitor: 3, occurredAt: late * DAY_MS + 5, receivedAt: NOW }),
    ])
    const kept = (await visitDays(db)).filter((d) => d >= late - MAX_RANGE_DAYS).length
    await pruneVisits(db, NOW, 7)
    const days = await visitDays(db)
    assert.ok(
      days.every((d) => d >= late - MAX_RANGE_DAYS),
      'older than the pending event can reach: gone',
    )
    assert.equal(days.length, kept, 'everything the pending event can reach: kept')
    await catchUpEvents(db)
  })

  await t.test('with nothing pending, every visitor-day before the retention goes, in batches', async () => {
    const before = await visitDays(db)
    const deleted = await pruneVisits(db, NOW, 7)
    const after = await visitDays(db)
    assert.ok(deleted > 7, 'more than one batch')
    assert.equal(after.length, before.length - deleted)
    assert.ok(after.every((d) => d >= cut))
    assert.equal(after.length, before.filter((d) => d >= cut).length)
    assert.equal(await pruneVisits(db, NOW), 0, 'nothing left to prune')
  })

  await t.test('reports stay exact: old ranges, ranges across the cut, and new events folded after', async () => {
    // Events of the last week (the oldest a client may send) and today, folded on the pruned state.
    await appendEvents(db, events(random, 400, TODAY - 7, 8))
    await catchUpEvents(db, { batch: 90 })
    const ranges: [number, number][] = [
      [day('2025-12-01'), day('2026-01-31')], // across a year end
      [day('2025-06-30'), day('2025-07-01')], // a month end
      [cut - 30, cut + 30], // across the cut
      [TODAY - MAX_RANGE_DAYS + 1, TODAY], // the longest range ending today
      [TODAY - 6, TODAY],
      [DAY0, DAY0 + MAX_RANGE_DAYS - 1],
    ]
    for (let i = 0; i < 8; i++) {
      const from = DAY0 - 5 + Math.floor(random() * (SPAN + 5))
      ranges.push([from, from + Math.floor(random() * MAX_RANGE_DAYS)])
    }
    await assertEventReportsExact(db, ranges)
  })
})
