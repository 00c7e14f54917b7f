/** Sales reports (JSON, XML or CSV) and streamed CSV exports of orders and customers, for staff. */
import type { CsvField } from '../../platform/csv-format.ts'
import { sendCsv, streamCsv } from '../../platform/http/csv.ts'
import type { App } from '../../platform/http/types.ts'
import { RangeQuery } from '../../platform/reports.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import { LowStockQuery, LowStockView, SalesQuery, SalesView, TopProductsQuery, TopProductsView } from './schemas.ts'
import type { SalesService } from './service.ts'

export async function salesRoutes(app: App, { sales }: { sales: SalesService }) {
  const tags = ['reports']
  const reports = {
    auth: { permission: 'reports:read' },
    rateLimit: limits.heavy,
    formats: ['json', 'xml', 'csv'],
  } as const

  app.get(
    '/reports/sales',
    {
      schema: {
        summary: 'Sales per currency by day or week: orders, revenue, refunds, net and average order value',
        description: 'Every day (or week) of the range has a point, zero when nothing sold: ready to chart.',
        tags,
        querystring: SalesQuery,
        response: { 200: SalesView },
      },
      config: reports,
    },
    async (req, reply) => {
      const view = await sales.sales(req.query)
      if (req.format !== 'csv') return view
      const rows = view.currencies.flatMap((c) => c.points.map((p) => ({ currency: c.currency, ...p })))
      return sendCsv(reply, `sales_${view.from}_${view.to}.csv`, rows, [
        { header: 'date', value: (r) => r.date },
        { header: 'currency', value: (r) => r.currency },
        { header: 'orders', value: (r) => r.orders },
        { header: 'revenue', value: (r) => r.revenue },
        { header: 'refunded', value: (r) => r.refunded },
        { header: 'net', value: (r) => r.net },
        { header: 'averageOrderValue', value: (r) => r.averageOrderValue },
      ])
    },
  )

  app.get(
    '/reports/top-products',
    {
      schema: {
        summary: 'Best sellers by revenue or units, per currency',
        tags,
        querystring: TopProductsQuery,
        response: { 200: TopProductsView },
      },
      config: reports,
    },
    async (req, reply) => {
      const view = await sales.topProducts(req.query)
      if (req.format !== 'csv') return view
      return sendCsv(reply, `top-products_${view.from}_${view.to}.csv`, view.items, [
        { header: 'sku', value: (r) => r.sku },
        { header: 'title', value: (r) => r.title },
        { header: 'currency', value: (r) => r.currency },
        { header: 'units', value: (r) => r.units },
        { header: 'revenue', value: (r) => r.revenue },
      ])
    },
  )

  app.get(
    '/reports/low-stock',
    {
      schema: {
        summary: 'Variants at or below a stock threshold',
        tags,
        querystring: LowStockQuery,
        response: { 200: LowStockView },
      },
      config: reports,
    },
    async (req, reply) => {
      const view = await sales.lowStock(req.query)
      if (req.format !== 'csv') return view
      return sendCsv(reply, 'low-stock.csv', view.items, [
        { header: 'sku', value: (r) => r.sku },
        { header: 'title', value: (r) => r.title },
        { header: 'status', value: (r) => r.status },
        { header: 'stock', value: (r) => r.stock },
        { header: 'variantId', value: (r) => r.variantId },
        { header: 'productId', value: (r) => r.productId },
      ])
    },
  )

  app.get(
    '/exports/orders',
    {
      schema: { summary: 'Orders of a date range as CSV, streamed', tags, querystring: RangeQuery },
      config: { auth: { permission: 'orders:read' }, rateLimit: limits.heavy, formats: ['csv'] },
    },
    async (req, reply) => {
      const { range, chunks } = sales.exportOrders(req.query, orderFields)
      return streamCsv(reply, `orders_${range.from}_${range.to}.csv`, chunks)
    },
  )

  app.get(
    '/exports/customers',
    {
      schema: { summary: 'Customer accounts as CSV, streamed', tags },
      config: { auth: { permission: 'customers:read' }, rateLimit: limits.heavy, formats: ['csv'] },
    },
    async (_req, reply) => streamCsv(reply, 'customers.csv', sales.exportCustomers(customerFields)),
  )
}

/** The exports' columns (formatted where the rows are read, platform/csv-format.ts); money in minor units. */
const orderFields: CsvField[] = [
  { header: 'id', column: 'id' },
  { header: 'createdAt', column: 'created_at', as: 'time' },
  { header: 'status', column: 'status' },
  { header: 'email', column: 'email' },
  { header: 'customerId', column: 'customer_id' },
  { header: 'currency', column: 'currency' },
  { header: 'subtotal', column: 'subtotal' },
  { header: 'discount', column: 'discount' },
  { header: 'discountCode', column: 'discount_code' },
  { header: 'shipping', column: 'shipping' },
  { header: 'tax', column: 'tax' },
  { header: 'total', column: 'total' },
  { header: 'refunded', column: 'amount_refunded' },
  { header: 'items', column: 'item_count' },
  { header: 'country', column: 'ship_country' },
]

const customerFields: CsvField[] = [
  { header: 'id', column: 'id' },
  { header: 'email', column: 'email' },
  { header: 'createdAt', column: 'created_at', as: 'time' },
  { header: 'emailVerifiedAt', column: 'email_verified_at', as: 'time' },
  { header: 'orders', column: 'orders', as: 'count' },
]
