/** The rollup migrations fill the rollups from the events and orders a shop already has. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { migrations } from '../../../src/migrations.ts'
import { funnelFromUnions } from '../../../src/modules/insights/funnel-spans.ts'
import * as rollups from '../../../src/modules/insights/rollup-store.ts'
import type { EventType } from '../../../src/modules/insights/schemas.ts'
import * as store from '../../../src/modules/insights/store.ts'
import * as salesRollups from '../../../src/modules/sales/rollup-store.ts'
import * as salesStore from '../../../src/modules/sales/store.ts'
import { DAY_MS } from '../../../src/platform/reports.ts'
import { headersFor, testApp } from '../../helpers.ts'
import { orderRows } from '../sales/rollup-fixtures.ts'
import { eventRow } from './rollup-fixtures.ts'

const DAY0 = Date.UTC(2026, 4, 4) / DAY_MS
const TYPES: EventType[] = ['product_view', 'add_to_cart', 'checkout_started', 'order_placed', 'search', 'page_view']

test('migrations 0411, 0412, 0603, 0604 and 0711 backfill the rollups from existing events and orders', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await migrations['0711_insights_funnel_from'].down?.(db)
  await migrations['0604_product_sales_days'].down?.(db)
  await migrations['0603_product_sales_spans'].down?.(db)
  await migrations['0412_sales_rollups'].down?.(db)
  await migrations['0411_insights_rollups'].down?.(db)

  // A shop from before the rollups: events and orders written without them.
  const events = Array.from({ length: 500 }, (_, i) =>
    eventRow({
      type: TYPES[(i * 7) % TYPES.length],
      visitor: i % 37,
      occurredAt: (DAY0 + ((i * 13) % 20)) * DAY_MS + i,
      query: `q${i % 3}`,
      zero: i % 2 === 0,
    }),
  )
  await db.insertInto('event').values(events).execute()
  for (let i = 0; i < 30; i++) {
    const { order, lines } = orderRows({
      id: `ord_backfill_${i}`,
      createdAt: (DAY0 + (i % 9)) * DAY_MS + i,
      status: (['paid', 'cancelled', 'refunded', 'partially_refunded', 'pending'] as const)[i % 5],
      currency: i % 3 ? 'EUR' : 'USD',
      refunded: i % 5 === 2 ? 1000 + i : i % 5 === 3 ? 100 : 0,
      lines: [{ sku: `SKU${i % 4}`, title: `Thing ${i % 4}`, quantity: 1 + (i % 3), unit: 1000 + i }],
    })
    await db.insertInto('shop_order').values(order).execute()
    await db.insertInto('order_line').values(lines).execute()
  }

  await migrations['0411_insights_rollups'].up(db)
  await migrations['0412_sales_rollups'].up(db)
  await migrations['0603_product_sales_spans'].up(db)
  await migrations['0604_product_sales_days'].up(db) // rebuilds the sales rollups
  await migrations['0711_insights_funnel_from'].up(db) // fills the funnel's per-start counts

  const [fromDay, toDay] = [DAY0 + 2, DAY0 + 15]
  const [startMs, endMs] = [fromDay * DAY_MS, (toDay + 1) * DAY_MS]
  const unions = await rollups.funnelUnions(db, fromDay, toDay)
  assert.deepEqual(
    funnelFromUnions(new Map(unions.map((u) => [Number(u.steps), Number(u.visitors)]))),
    await store.funnelCounts(db, startMs, endMs),
  )
  const n = (rows: object[]) =>
    rows.map((r) => JSON.stringify(Object.values(r).map((v) => (typeof v === 'string' ? v : Number(v))))).sort()
  assert.deepEqual(
    n(await rollups.volumeByBucket(db, fromDay, toDay, 'week')),
    n(await store.volumeByBucket(db, startMs, endMs, 'week')),
  )
  assert.deepEqual(
    n(await rollups.zeroResultSearches(db, fromDay, toDay, 10)),
    n(await store.zeroResultSearches(db, startMs, endMs, 10)),
  )
  assert.deepEqual(
    n(await salesRollups.salesByBucket(db, DAY0, DAY0 + 9, 'day')),
    n(await salesStore.salesByBucket(db, DAY0 * DAY_MS, (DAY0 + 10) * DAY_MS, 'day')),
  )
  assert.deepEqual(
    n(await salesRollups.topProducts(db, DAY0, DAY0 + 9, 'units', 10)),
    n(await salesStore.topProducts(db, DAY0 * DAY_MS, (DAY0 + 10) * DAY_MS, 'units', 10)),
  )

  // And the HTTP reports answer from them.
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'staff' })
  const res = await app.inject({ url: '/reports/sales?from=2026-05-04&to=2026-05-12', headers: staff })
  assert.equal(res.statusCode, 200, res.body)
  assert.deepEqual(
    res.json().currencies.map((c: { currency: string; totals: { orders: number } }) => [c.currency, c.totals.orders]),
    [
      ['EUR', 12],
      ['USD', 6],
    ],
  )
})
