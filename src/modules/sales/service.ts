/**
 * Sales reports for staff: revenue, refunds and average order value per currency over time, top
 * products, low stock, and streamed exports of orders and customers. Reports read the orders,
 * catalog and accounts tables read-only (a reporting read model, documented in docs/INSIGHTS.md);
 * every aggregation runs in SQL.
 */

import type { CsvField } from '../../platform/csv-format.ts'
import type { HeavyReads } from '../../platform/db/read-worker.ts'
import type { Db } from '../../platform/db/types.ts'
import { dayNumbers, parseRange, zeroFilled } from '../../platform/reports.ts'
import { lowStock as lowStockRows } from '../catalog/reports.ts'
import * as rollups from './rollup-store.ts'
import { catchUpSales, REPORT_WAIT_MS } from './rollups.ts'
import type {
  LowStockQuery,
  LowStockView,
  SalesQuery,
  SalesView,
  TopProductsQuery,
  TopProductsView,
} from './schemas.ts'
import * as store from './store.ts'

interface Figures {
  orders: number
  revenue: number
  refunded: number
  net: number
  averageOrderValue: number
}

/** Revenue ÷ orders in whole minor units, rounded half up; 0 without orders. */
export function averageOrderValue(revenue: number, orders: number): number {
  return orders === 0 ? 0 : Math.floor((2 * revenue + orders) / (2 * orders))
}

export function figures(orders: number, revenue: number, refunded: number): Figures {
  return { orders, revenue, refunded, net: revenue - refunded, averageOrderValue: averageOrderValue(revenue, orders) }
}

export function createSalesService(deps: { db: Db; reads: HeavyReads }) {
  const { db, reads } = deps
  return { sales, topProducts, lowStock, exportOrders, exportCustomers, catchUp: () => catchUpSales(db) }

  async function sales(query: SalesQuery): Promise<SalesView> {
    const range = parseRange(query)
    const granularity = query.granularity ?? 'day'
    await catchUpSales(db, { waitMs: REPORT_WAIT_MS }) // every change committed before this request
    const rows = await rollups.salesByBucket(db, ...dayNumbers(range), granularity)
    const currencies = [...new Set(rows.map((r) => r.currency))].sort()
    return {
      from: range.from,
      to: range.to,
      granularity,
      currencies: currencies.map((currency) => {
        const mine = rows.filter((r) => r.currency === currency).map((r) => ({ ...r, bucket: Number(r.bucket) }))
        const sum = (key: 'orders' | 'revenue' | 'refunded') => mine.reduce((s, r) => s + Number(r[key]), 0)
        return {
          currency,
          totals: figures(sum('orders'), sum('revenue'), sum('refunded')),
          points: zeroFilled(range, granularity, mine, (date, row) => ({
            date,
            ...figures(Number(row?.orders ?? 0), Number(row?.revenue ?? 0), Number(row?.refunded ?? 0)),
          })),
        }
      }),
    }
  }

  async function topProducts(query: TopProductsQuery): Promise<TopProductsView> {
    const range = parseRange(query)
    const by = query.by ?? 'revenue'
    await catchUpSales(db, { waitMs: REPORT_WAIT_MS }) // every change committed before this request
    const rows = await rollups.topProducts(db, ...dayNumbers(range), by, query.limit ?? 10)
    return {
      from: range.from,
      to: range.to,
      by,
      items: rows.map((r) => ({
        sku: r.sku,
        title: r.title,
        currency: r.currency,
        units: Number(r.units),
        revenue: Number(r.revenue),
      })),
    }
  }

  async function lowStock(query: LowStockQuery): Promise<LowStockView> {
    const threshold = query.threshold ?? 5
    const rows = await lowStockRows(db, threshold, query.limit ?? 100)
    return { threshold, items: rows.map((r) => ({ ...r, stock: Number(r.stock) })) }
  }

  /** The orders of a range as CSV with `fields`, read and formatted off the event loop (platform/db/read-worker.ts). */
  function exportOrders(query: SalesQuery, fields: readonly CsvField[]) {
    const range = parseRange(query)
    return { range, chunks: reads.csv(store.orderExportQuery(db, range.startMs, range.endMs), fields) }
  }

  /** Customer accounts as CSV with `fields`, like `exportOrders`. */
  function exportCustomers(fields: readonly CsvField[]) {
    return reads.csv(store.customerExportQuery(db), fields)
  }
}

/** A range as inclusive day numbers, the rollups' key. */
export type SalesService = ReturnType<typeof createSalesService>
