/**
 * What the sales rollup tests share: an order and its lines in the shape checkout writes them (from a
 * short spec), emptying the orders and sales rollup tables, and the exactness check (every sales
 * report from the rollups equals the same report computed from the orders).
 */
import assert from 'node:assert/strict'
import type { OrderLineTable, OrderTable } from '../../../src/modules/orders/store.ts'
import * as rollups from '../../../src/modules/sales/rollup-store.ts'
import * as store from '../../../src/modules/sales/store.ts'
import { newId } from '../../../src/platform/db/ids.ts'
import type { Db } from '../../../src/platform/db/types.ts'
import { DAY_MS } from '../../../src/platform/reports.ts'

export interface OrderSpec {
  createdAt: number
  status: OrderTable['status']
  currency: string
  /** Refunded amount, minor units. */
  refunded?: number
  lines: { sku: string; title?: string; quantity: number; unit: number }[]
  /** The order's id; a time-ordered one from `createdAt` by default. */
  id?: string
}

/** An order and its lines as checkout writes them (no discount, tax or shipping; sealed fields filled). */
export function orderRows(o: OrderSpec): { order: OrderTable; lines: OrderLineTable[] } {
  const id = o.id ?? newId('ord', o.createdAt)
  const lines = o.lines.map((l, position) => ({
    order_id: id,
    position,
    variant_id: `var_${l.sku}`,
    sku: l.sku,
    title: l.title ?? l.sku,
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
    amount_refunded: o.refunded ?? 0,
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
    created_at: o.createdAt,
    updated_at: o.createdAt,
  }
  return { order, lines }
}

/** Writes orders and queues them for the rollups in one transaction, as the orders listener does. */
export async function placeOrders(db: Db, orders: { order: OrderTable; lines: OrderLineTable[] }[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { order, lines } of orders) {
      await trx.insertInto('shop_order').values(order).execute()
      await trx.insertInto('order_line').values(lines).execute()
      await rollups.markPending(trx, { id: newId('srp'), order_id: order.id })
    }
  })
}

/** Empties the orders, their rollup queue and every sales rollup. */
export async function clearSales(db: Db): Promise<void> {
  for (const table of [
    'order_line',
    'shop_order',
    'sales_rollup_pending',
    'sales_order_rollup',
    'sales_day',
    'product_title_day',
    'sales_product_title',
    'product_sales_day',
    'sales_product',
  ] as const) {
    await db.deleteFrom(table).execute()
  }
}

const comparable = (list: object[]) =>
  list.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])))

/**
 * Every sales report over each inclusive day range, from the rollups and straight from the orders, must
 * agree: sales by day and by week, and the best sellers by revenue and by units (all of them, and the
 * first `shortLimit`).
 */
export async function assertSalesReportsExact(
  db: Db,
  ranges: readonly (readonly [number, number])[],
  shortLimit = 3,
): Promise<void> {
  for (const [fromDay, toDay] of ranges) {
    const [startMs, endMs] = [fromDay * DAY_MS, (toDay + 1) * DAY_MS]
    for (const granularity of ['day', 'week'] as const) {
      assert.deepEqual(
        comparable(await rollups.salesByBucket(db, fromDay, toDay, granularity)).sort(),
        comparable(await store.salesByBucket(db, startMs, endMs, granularity)).sort(),
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
        comparable(await rollups.topProducts(db, fromDay, toDay, by, 1000)),
        comparable(direct),
        `top by ${by} ${fromDay}..${toDay}`,
      )
      assert.deepEqual(
        comparable(await rollups.topProducts(db, fromDay, toDay, by, shortLimit)),
        comparable(direct.slice(0, shortLimit)),
        `top ${shortLimit} by ${by} ${fromDay}..${toDay}`,
      )
    }
  }
}
