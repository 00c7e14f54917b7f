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
import type { OrderLineTable, OrderTable } from '../../../src/modules/orders/store.ts'
import * as rollups from '../../../src/modules/sales/rollup-store.ts'
import { catchUpSales } from '../../../src/modules/sales/rollups.ts'
import * as store from '../../../src/modules/sales/store.ts'
import { newId } from '../../../src/platform/db/ids.ts'
import type { Db } from '../../../src/platform/db/types.ts'
import { DAY_MS, MAX_RANGE_DAYS } from '../../../src/platform/reports.ts'
import { testApp } from '../../helpers.ts'

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

function rows(o: OrderSpec): { order: OrderTable; lines: OrderLineTable[] } {
  const createdAt = (DAY0 + o.day) * DAY_MS + o.at
  const id = newId('ord', createdAt)
  const lines = o.lines.map((l, position) => ({
    order_id: id,
    position,
    variant_id: `var_${l.sku}`,
    sku: l.sku,
    title: l.renamed ? `${l.sku} (renamed)` : l.sku,
    unit_price: l.unit,
    quantity: l.quantity,
    discount: 0,
    tax: 0,
    total: l.unit * l.quantity,
  }))
  const total = lines.reduce((s, l) => s + l.total, 0)
  const order: OrderTable = {
    id,
    status: o.status,
    customer_id: null,
    cart_id: null,
    email: 'buyer@example.test',
    currency: o.currency,
    subtotal: total,
    discount: 0,
    discount_code: null,
    shipping: 0,
    shipping_method_id: 'ship_1',
    shipping_method_name: 'Post',
    tax: 0,
    tax_included: 1,
    total,
    amount_refunded: Math.floor(o.refundShare * total),
    item_count: lines.length,
    payment_id: null,
    ship_country: 'DE',
    ship_region: null,
    ship_name_enc: 'x',
    ship_line1_enc: 'x',
    ship_line2_enc: null,
    ship_city_enc: 'x',
    ship_postcode_enc: 'x',
    ship_phone_enc: null,
    created_at: createdAt,
    updated_at: createdAt,
  }
  return { order, lines }
}

async function clear(db: Db) {
  for (const table of [
    'order_line',
    'shop_order',
    'sales_rollup_pending',
    'sales_order_rollup',
    'sales_day',
    'product_sales_cum',
    'product_sales_total',
  ] as const) {
    await db.deleteFrom(table).execute()
  }
}

const norm = (list: Record<string, unknown>[]) =>
  list.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])))

async function assertSameAnswers(db: Db, ranges: readonly (readonly [number, number])[]) {
  for (const [fromDay, toDay] of ranges) {
    const [startMs, endMs] = [fromDay * DAY_MS, (toDay + 1) * DAY_MS]
    for (const granularity of ['day', 'week'] as const) {
      assert.deepEqual(
        norm(await rollups.salesByBucket(db, fromDay, toDay, granularity)).sort(),
        norm(await store.salesByBucket(db, startMs, endMs, granularity)).sort(),
        `sales by ${granularity} ${fromDay}..${toDay}`,
      )
    }
    for (const by of ['revenue', 'units'] as const) {
      // The direct query breaks ties on SKU only; the rollup also on currency (a total order).
      const direct = (await store.topProducts(db, startMs, endMs, by, 1000)).sort(
        (a, b) =>
          Number(b[by]) - Number(a[by]) ||
          (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) ||
          (a.currency < b.currency ? -1 : 1),
      )
      assert.deepEqual(
        norm(await rollups.topProducts(db, fromDay, toDay, by, 1000)),
        norm(direct),
        `top by ${by} ${fromDay}..${toDay}`,
      )
      assert.deepEqual(norm(await rollups.topProducts(db, fromDay, toDay, by, 2)), norm(direct.slice(0, 2)))
    }
  }
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
        await clear(db)
        const placed = orders.map(rows)
        await db.transaction().execute(async (trx) => {
          for (const { order, lines } of placed) {
            await trx.insertInto('shop_order').values(order).execute()
            await trx.insertInto('order_line').values(lines).execute()
            await rollups.markPending(trx, { id: newId('srp'), order_id: order.id })
          }
        })
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
        await assertSameAnswers(db, ranges)
      },
    ),
    { numRuns: 25, seed: 424242 },
  )
})
