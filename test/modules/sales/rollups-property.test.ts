/**
 * Property: for any small set of orders, placed and then changed (state, refunds, even the day) in any
 * order, folded in any batch size with the catch-up dying once before it commits, the sales and
 * top-products reports over any range (up to the longest, 367 days) answer from the rollups exactly
 * what they answer from the orders. Few SKUs sold on scattered days over more than a year, so products
 * pause, sell again, stop (their span ends inside or before a range) and lose every sale to a cancel.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { ORDER_STATES } from '../../../src/modules/checkout/order-state.ts'
import * as rollups from '../../../src/modules/sales/rollup-store.ts'
import { catchUpSales } from '../../../src/modules/sales/rollups.ts'
import { newId } from '../../../src/platform/db/ids.ts'
import { DAY_MS, MAX_RANGE_DAYS } from '../../../src/platform/reports.ts'
import { testApp } from '../../helpers.ts'
import { assertSalesReportsExact, clearSales, orderRows, placeOrders } from './rollup-fixtures.ts'

const DAY0 = Date.UTC(2026, 2, 1) / DAY_MS
const SPREAD = 400

const aLine = fc.record({
  sku: fc.constantFrom('PEN', 'INK', 'PAD'),
  renamed: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 3 }),
  unit: fc.integer({ min: 1, max: 500 }),
})
const anOrder = fc.record({
  day: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: SPREAD - 1 })),
  at: fc.oneof(fc.constantFrom(0, DAY_MS - 1), fc.integer({ min: 0, max: DAY_MS - 1 })),
  currency: fc.constantFrom('EUR', 'USD'),
  status: fc.constantFrom(...ORDER_STATES),
  refundShare: fc.double({ min: 0, max: 1, noNaN: true }),
  lines: fc.array(aLine, { minLength: 1, maxLength: 3 }),
})
const aChange = fc.record({
  order: fc.nat(),
  kind: fc.constantFrom('status', 'refund', 'day'),
  status: fc.constantFrom(...ORDER_STATES),
  refundShare: fc.double({ min: 0, max: 1, noNaN: true }),
  days: fc.integer({ min: -40, max: 40 }),
})
const aRange = fc
  .record({ from: fc.integer({ min: -5, max: SPREAD + 5 }), days: fc.integer({ min: 1, max: MAX_RANGE_DAYS }) })
  .map(({ from, days }) => [DAY0 + from, DAY0 + from + days - 1] as const)

type OrderSpec = typeof anOrder extends fc.Arbitrary<infer T> ? T : never

function rows(o: OrderSpec) {
  const lines = o.lines.map((l) => ({ ...l, title: l.renamed ? `${l.sku} (renamed)` : l.sku }))
  const total = lines.reduce((s, l) => s + l.unit * l.quantity, 0)
  return orderRows({
    createdAt: (DAY0 + o.day) * DAY_MS + o.at,
    status: o.status,
    currency: o.currency,
    refunded: Math.floor(o.refundShare * total),
    lines,
  })
}

test('sales reports from the rollups equal the same reports from the orders (property)', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await fc.assert(
    fc.asyncProperty(
      fc.array(anOrder, { minLength: 1, maxLength: 20 }),
      fc.array(aChange, { maxLength: 20 }),
      fc.integer({ min: 1, max: 12 }),
      fc.boolean(),
      fc.array(aRange, { minLength: 1, maxLength: 4 }),
      async (orders, changes, batch, crash, ranges) => {
        await clearSales(db)
        const placed = orders.map(rows)
        await placeOrders(db, placed)
        await catchUpSales(db, { batch })
        await db.transaction().execute(async (trx) => {
          for (const c of changes) {
            const { order } = placed[c.order % placed.length]
            const set =
              c.kind === 'status'
                ? { status: c.status }
                : c.kind === 'refund'
                  ? { amount_refunded: Math.floor(c.refundShare * order.total) }
                  : { created_at: Math.max(0, order.created_at + c.days * DAY_MS) }
            await trx.updateTable('shop_order').set(set).where('id', '=', order.id).execute()
            await rollups.markPending(trx, { id: newId('srp'), order_id: order.id })
          }
        })
        if (crash && changes.length > 0) {
          await assert.rejects(
            catchUpSales(db, {
              batch,
              beforeCommit: () => {
                throw new Error('crash')
              },
            }),
          )
        }
        await catchUpSales(db, { batch })
        await assertSalesReportsExact(db, ranges, 2)
      },
    ),
    { numRuns: 25, seed: 424242 },
  )
})
