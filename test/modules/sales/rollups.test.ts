/**
 * The sales rollups answer exactly what a direct computation over the orders answers, on random orders
 * that keep changing state, refunds and even their day: caught up in small batches, after a catch-up
 * that dies before committing, with two runners at once, and after a rebuild (the migration backfill).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ORDER_STATES } from '../../../src/modules/checkout/order-state.ts'
import * as rollups from '../../../src/modules/sales/rollup-store.ts'
import { catchUpSales } from '../../../src/modules/sales/rollups.ts'
import { newId } from '../../../src/platform/db/ids.ts'
import { dialectOf } from '../../../src/platform/db/migrate.ts'
import type { Db } from '../../../src/platform/db/types.ts'
import { DAY_MS } from '../../../src/platform/reports.ts'
import { testApp } from '../../helpers.ts'
import { reportBehindHeldLock } from '../../support/held-lock.ts'
import { prng } from '../insights/rollup-fixtures.ts'
import { assertSalesReportsExact, orderRows, placeOrders } from './rollup-fixtures.ts'

const DAY0 = Date.UTC(2026, 2, 1) / DAY_MS
const SPREAD = 40

function randomOrder(random: () => number) {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]
  const createdAt = (DAY0 + Math.floor(random() * SPREAD)) * DAY_MS + Math.floor(random() * DAY_MS)
  const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const sku = pick(['PEN', 'INK', 'PAD', 'CAP'])
    const quantity = 1 + Math.floor(random() * 4)
    const unit = 100 + Math.floor(random() * 900)
    return { sku, title: random() < 0.2 ? `${sku} (renamed)` : sku, quantity, unit }
  })
  const total = lines.reduce((s, l) => s + l.unit * l.quantity, 0)
  const status = pick(ORDER_STATES)
  const currency = pick(['EUR', 'USD'])
  return orderRows({ createdAt, status, currency, refunded: random() < 0.3 ? Math.floor(random() * total) : 0, lines })
}

/** An order written or changed, and its change queued, in one transaction (as the orders listener does). */
async function place(db: Db, random: () => number, n: number): Promise<string[]> {
  const orders = Array.from({ length: n }, () => randomOrder(random))
  await placeOrders(db, orders)
  return orders.map((o) => o.order.id)
}

async function change(db: Db, random: () => number, ids: string[], n: number) {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) {
      const id = ids[Math.floor(random() * ids.length)]
      const r = random()
      const order = await trx
        .selectFrom('shop_order')
        .select(['total', 'created_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      const set =
        r < 0.5
          ? { status: ORDER_STATES[Math.floor(random() * ORDER_STATES.length)] }
          : r < 0.85
            ? { amount_refunded: Math.floor(random() * Number(order.total)) }
            : { created_at: Number(order.created_at) + (random() < 0.5 ? -1 : 1) * DAY_MS * Math.ceil(random() * 9) }
      await trx.updateTable('shop_order').set(set).where('id', '=', id).execute()
      await rollups.markPending(trx, { id: newId('srp'), order_id: id })
    }
  })
}

async function assertSameAnswers(db: Db, random: () => number, count: number) {
  const ranges: [number, number][] = [[DAY0 - 10, DAY0 + SPREAD + 10]]
  while (ranges.length < count) {
    const from = DAY0 - 5 + Math.floor(random() * (SPREAD + 10))
    ranges.push([from, from + Math.floor(random() * 20)])
  }
  await assertSalesReportsExact(db, ranges, 3)
}

test('sales rollups equal a direct computation on random orders', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const random = prng(424242)
  const ids: string[] = []

  await t.test('orders placed and changed (state, refunds, day), caught up in small batches', async () => {
    for (let round = 0; round < 5; round++) {
      ids.push(...(await place(db, random, 40)))
      await change(db, random, ids, 30)
      await catchUpSales(db, { batch: 25 })
    }
    await assertSameAnswers(db, random, 8)
  })

  await t.test('a catch-up that dies before committing changes nothing; the next one applies it once', async () => {
    ids.push(...(await place(db, random, 30)))
    await change(db, random, ids, 40)
    await assert.rejects(
      catchUpSales(db, {
        beforeCommit: () => {
          throw new Error('crash')
        },
      }),
      /crash/,
    )
    assert.equal(await catchUpSales(db), 70)
    assert.equal(await catchUpSales(db), 0)
    await assertSameAnswers(db, random, 6)
  })

  await t.test('two runners at once (two nodes) apply every change once', async () => {
    await change(db, random, ids, 80)
    const [a, b] = await Promise.all([catchUpSales(db, { batch: 10 }), catchUpSales(db, { batch: 10 })])
    assert.equal(a + b + (await catchUpSales(db)), 80)
    await assertSameAnswers(db, random, 6)
  })

  await t.test('the rebuild from the orders (the migration backfill) gives the same answers', async () => {
    await change(db, random, ids, 20) // left pending: the rebuild reads the orders as they are
    await rollups.rebuildSalesRollups(db)
    await assertSameAnswers(db, random, 6)
    await change(db, random, ids, 30)
    await catchUpSales(db, { batch: 7 })
    await assertSameAnswers(db, random, 6)
  })
})

test("a report's catch-up waits for a runner holding the lock and sees every change committed before it", async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const postgres = dialectOf(db) === 'postgres'
  const random = prng(777)
  const ids = await place(db, random, 20)
  await catchUpSales(db)
  // A background run (or the dashboard's other report) holds the lock, stopped before its commit.
  await change(db, random, ids, 5)
  // Meanwhile a refund commits (its change queued with it), after the background run claimed its batch;
  // the report's catch-up (as service.ts calls it) finds the lock held, waits, then folds the refund.
  const { folded, busy } = await reportBehindHeldLock(db, catchUpSales, () => change(db, random, ids, 3))
  if (postgres) assert.ok(busy > 0, 'the report found the lock held')
  assert.equal(folded, postgres ? 8 : 5)
  assert.equal(await rollups.hasPending(db), false, 'nothing committed before the report is left unfolded')
  await assertSameAnswers(db, random, 4)
})

test('a background catch-up does not wait for a runner holding the lock', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  if (dialectOf(db) !== 'postgres') return t.skip('SQLite has one connection: a second run queues behind the first')
  const random = prng(778)
  const ids = await place(db, random, 10)
  const { promise: gate, resolve: release } = Promise.withResolvers<void>()
  const { promise: held, resolve: holding } = Promise.withResolvers<void>()
  const first = catchUpSales(db, {
    beforeCommit: async () => {
      holding()
      await gate
    },
  })
  await held
  await change(db, random, ids, 2)
  let busy = 0
  assert.equal(await catchUpSales(db, { onBusy: () => busy++ }), 0) // skips at once
  assert.equal(busy, 1)
  release()
  assert.equal(await first, 10)
  assert.equal(await catchUpSales(db), 2)
})

test('top products: ties at the cut are broken by SKU, then currency (the limit-th value is found before SKUs are joined)', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  // Five products with the same revenue (and units) and one ahead of them; the cut of 3 falls inside the tie.
  const orders = [...['D', 'B', 'E', 'A'].map((sku) => ({ sku, currency: 'EUR' })), { sku: 'A', currency: 'USD' }].map(
    ({ sku, currency }, i) =>
      orderRows({
        id: `ord_tie_${i}`,
        createdAt: (DAY0 + i) * DAY_MS,
        status: 'paid',
        currency,
        refunded: 0,
        lines: [{ sku, title: sku, quantity: 2, unit: 500 }],
      }),
  )
  orders.push(
    orderRows({
      id: 'ord_tie_top',
      createdAt: DAY0 * DAY_MS,
      status: 'paid',
      currency: 'EUR',
      refunded: 0,
      lines: [{ sku: 'Z', title: 'Z', quantity: 3, unit: 500 }],
    }),
  )
  await placeOrders(db, orders)
  await catchUpSales(db)
  for (const by of ['revenue', 'units'] as const) {
    const top = await rollups.topProducts(db, DAY0, DAY0 + 9, by, 3)
    assert.deepEqual(
      top.map((r) => `${r.sku}/${r.currency}`),
      ['Z/EUR', 'A/EUR', 'A/USD'],
      by,
    )
  }
  await assertSalesReportsExact(
    db,
    [
      [DAY0, DAY0 + 9],
      [DAY0 + 1, DAY0 + 2],
    ],
    2,
  )
})
