/**
 * The rollups answer exactly what a direct computation over the event log answers, on random data,
 * for random ranges: after catching up in small batches between writes, after a catch-up that dies
 * before committing, with two runners at once, and after a rebuild from the event log.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as rollups from '../../../src/modules/insights/rollup-store.ts'
import { catchUpEvents } from '../../../src/modules/insights/rollups.ts'
import type * as store from '../../../src/modules/insights/store.ts'
import { dialectOf } from '../../../src/platform/db/migrate.ts'
import { DAY_MS } from '../../../src/platform/reports.ts'
import { testApp } from '../../helpers.ts'
import { reportBehindHeldLock } from '../../support/held-lock.ts'
import { appendEvents as append, assertEventReportsExact, EVENT_TYPES, eventRow, prng } from './rollup-fixtures.ts'

const DAY0 = Date.UTC(2026, 0, 1) / DAY_MS
const SPREAD = 60 // days of data

function randomEvents(random: () => number, n: number): store.EventTable[] {
  return Array.from({ length: n }, () =>
    eventRow({
      type: EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)],
      occurredAt: (DAY0 + Math.floor(random() * SPREAD)) * DAY_MS + Math.floor(random() * DAY_MS),
      visitor: Math.floor(random() * 40),
      query: `  Query ${Math.floor(random() * 6)} `,
      zero: random() < 0.5,
    }),
  )
}

function randomRanges(random: () => number, count: number): [number, number][] {
  const out: [number, number][] = [
    [DAY0, DAY0 + SPREAD - 1],
    [DAY0 - 3, DAY0 - 1],
  ]
  while (out.length < count) {
    const from = DAY0 - 2 + Math.floor(random() * (SPREAD + 4))
    out.push([from, from + Math.floor(random() * 30)])
  }
  return out
}

const assertSameAnswers = assertEventReportsExact

test('event rollups equal a direct computation on random data', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const random = prng(20261203)

  await t.test('caught up in small batches between appends, events arriving out of order', async () => {
    for (let round = 0; round < 6; round++) {
      await append(db, randomEvents(random, 150))
      await catchUpEvents(db, { batch: 70 })
    }
    await assertSameAnswers(db, randomRanges(random, 12))
  })

  await t.test(
    'a catch-up that dies before committing leaves everything pending, the next one counts it once',
    async () => {
      await append(db, randomEvents(random, 300))
      await assert.rejects(
        catchUpEvents(db, {
          batch: 120,
          beforeCommit: () => {
            throw new Error('crash')
          },
        }),
        /crash/,
      )
      const pending = await db
        .selectFrom('event_rollup_pending')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
      assert.equal(Number(pending?.n), 300)
      assert.equal(await catchUpEvents(db, { batch: 120 }), 300)
      assert.equal(await catchUpEvents(db), 0) // nothing twice
      await assertSameAnswers(db, randomRanges(random, 8))
    },
  )

  await t.test('two runners at once (two nodes) count every event once', async () => {
    await append(db, randomEvents(random, 400))
    const [a, b] = await Promise.all([catchUpEvents(db, { batch: 50 }), catchUpEvents(db, { batch: 50 })])
    const left = await catchUpEvents(db)
    assert.equal(a + b + left, 400)
    await assertSameAnswers(db, randomRanges(random, 6))
  })

  await t.test('the rebuild from the event log (the migration backfill) gives the same answers', async () => {
    await append(db, randomEvents(random, 200)) // left pending: the rebuild takes them in
    await rollups.rebuildEventRollups(db)
    assert.equal(await catchUpEvents(db), 0)
    await assertSameAnswers(db, randomRanges(random, 8))
    await append(db, randomEvents(random, 200)) // and incremental catch-up goes on from the rebuilt state
    await catchUpEvents(db, { batch: 64 })
    await assertSameAnswers(db, randomRanges(random, 8))
  })
})

test("a report's catch-up waits for a runner holding the lock and sees every event committed before it", async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const postgres = dialectOf(db) === 'postgres'
  const random = prng(4711)
  await append(db, randomEvents(random, 30))
  // A background run holds the lock, stopped before its commit; meanwhile more events are appended.
  const { folded, busy } = await reportBehindHeldLock(db, catchUpEvents, () => append(db, randomEvents(random, 12)))
  if (postgres) assert.ok(busy > 0, 'the report found the lock held')
  assert.equal(folded, postgres ? 42 : 30)
  assert.equal(await rollups.hasPending(db), false, 'nothing committed before the report is left unfolded')
  await assertEventReportsExact(db, randomRanges(random, 4))
})
