/**
 * Reports: sales over time, the shopping funnel, top products, zero-result searches and low stock, for
 * a range of UTC days. Each chart is a figure named by a sentence with its figures, and the same
 * numbers follow it as a table (the chart's text alternative).
 */
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useForm } from 'react-hook-form'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { api, formatDate, formatMoney, type Schemas, unwrap } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { currencyDigits } from '../orders/amount.ts'
import { type ReportSearch, reportsRoute } from './route.ts'

type SalesCurrency = Schemas['SalesView']['currencies'][number]
type SalesPoint = SalesCurrency['points'][number]
type FunnelStep = Schemas['FunnelView']['steps'][number]
type TopProduct = Schemas['TopProductsView']['items'][number]
type ZeroResult = Schemas['ZeroResultView']['items'][number]
type LowStock = Schemas['LowStockView']['items'][number]

/** The reports also answer CSV (`Accept: text/csv`); the dashboard asks for JSON. */
const json = { accept: 'application/json' }
async function report<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>) {
  return (await unwrap(call)) as Exclude<NonNullable<T>, string>
}

const range = (search: ReportSearch) => ({ from: search.from, to: search.to })
const reports = {
  sales: (search: ReportSearch) =>
    queryOptions({
      queryKey: ['reports', 'sales', search],
      queryFn: () => report(api.GET('/reports/sales', { params: { query: search }, headers: json })),
    }),
  funnel: (search: ReportSearch) =>
    queryOptions({
      queryKey: ['reports', 'funnel', range(search)],
      queryFn: () => report(api.GET('/reports/funnel', { params: { query: range(search) }, headers: json })),
    }),
  top: (search: ReportSearch) =>
    queryOptions({
      queryKey: ['reports', 'top', range(search)],
      queryFn: () =>
        report(api.GET('/reports/top-products', { params: { query: { ...range(search), limit: 10 } }, headers: json })),
    }),
  zero: (search: ReportSearch) =>
    queryOptions({
      queryKey: ['reports', 'zero', range(search)],
      queryFn: () =>
        report(
          api.GET('/reports/searches/zero-results', {
            params: { query: { ...range(search), limit: 20 } },
            headers: json,
          }),
        ),
    }),
  lowStock: queryOptions({
    queryKey: ['reports', 'low-stock'],
    queryFn: () =>
      report(api.GET('/reports/low-stock', { params: { query: { threshold: 5, limit: 50 } }, headers: json })),
  }),
}

export function Reports() {
  const search = reportsRoute.useSearch()
  return (
    <>
      <h1>Reports</h1>
      <RangePicker search={search} />
      <Sales search={search} />
      <Funnel search={search} />
      <TopProducts search={search} />
      <ZeroResults search={search} />
      <LowStockReport />
    </>
  )
}

function RangePicker({ search }: { search: ReportSearch }) {
  const navigate = useNavigate({ from: reportsRoute.fullPath })
  const form = useForm<ReportSearch>({ values: search })
  const apply = form.handleSubmit((values) => navigate({ search: values }))
  return (
    <form className="filters" aria-label="Date range" onSubmit={apply}>
      <div>
        <label htmlFor="report-from">From (UTC day)</label>
        <input id="report-from" type="date" required {...form.register('from', { required: true })} />
      </div>
      <div>
        <label htmlFor="report-to">To (UTC day)</label>
        <input id="report-to" type="date" required {...form.register('to', { required: true })} />
      </div>
      <div>
        <label htmlFor="report-granularity">Sales per</label>
        <select id="report-granularity" {...form.register('granularity')}>
          <option value="day">Day</option>
          <option value="week">Week</option>
        </select>
      </div>
      <div>
        <button type="submit">Show</button>
      </div>
    </form>
  )
}

/** Minor units → major units for a chart axis (the table and the label carry the exact amounts). */
const major = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency)

function Sales({ search }: { search: ReportSearch }) {
  const sales = useQuery(reports.sales(search))
  return (
    <section aria-labelledby="sales-heading">
      <h2 id="sales-heading">Sales</h2>
      <ProblemAlert error={sales.error} />
      {sales.data && sales.data.currencies.length === 0 ? (
        <p>
          No sales from {search.from} to {search.to}.
        </p>
      ) : null}
      {sales.data?.currencies.map((entry) => (
        <SalesInCurrency key={entry.currency} entry={entry} search={search} />
      ))}
    </section>
  )
}

function salesColumns(currency: string) {
  const col = tableColumns<SalesPoint>()
  const money = (value: number) => formatMoney(value, currency)
  return col.columns([
    col.accessor('date', { header: 'Date' }),
    col.accessor('orders', { header: 'Orders' }),
    col.accessor('revenue', { header: 'Revenue', cell: (info) => money(info.getValue()) }),
    col.accessor('refunded', { header: 'Refunded', cell: (info) => money(info.getValue()) }),
    col.accessor('net', { header: 'Net', cell: (info) => money(info.getValue()) }),
    col.accessor('averageOrderValue', { header: 'Average order', cell: (info) => money(info.getValue()) }),
  ])
}

function SalesInCurrency({ entry, search }: { entry: SalesCurrency; search: ReportSearch }) {
  const { currency, totals } = entry
  const money = (value: number) => formatMoney(value, currency)
  const summary =
    `Sales in ${currency} per ${search.granularity}, ${search.from} to ${search.to}: ${totals.orders} order${totals.orders === 1 ? '' : 's'}, ` +
    `revenue ${money(totals.revenue)}, refunded ${money(totals.refunded)}, net ${money(totals.net)}.`
  const data = entry.points.map((point) => ({
    date: point.date,
    revenue: major(point.revenue, currency),
    refunded: major(point.refunded, currency),
  }))
  const active = entry.points.filter((point) => point.orders > 0 || point.revenue > 0 || point.refunded > 0)
  return (
    <>
      <h3>{currency}</h3>
      <figure className="chart">
        <div role="img" aria-label={summary}>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={data} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" />
              <YAxis />
              <Tooltip
                formatter={(value) => formatMoney(Math.round(Number(value) * 10 ** currencyDigits(currency)), currency)}
              />
              <Legend />
              <Bar dataKey="revenue" name="Revenue" fill="#1f5fbf" />
              <Bar dataKey="refunded" name="Refunded" fill="#b3261e" />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <figcaption>{summary}</figcaption>
      </figure>
      <DataTable
        caption={`Sales in ${currency}, ${search.granularity} by ${search.granularity} (days without sales left out)`}
        columns={salesColumns(currency)}
        rows={active}
        rowKey={(point) => point.date}
        empty="No sales in this range."
      />
    </>
  )
}

const stepLabel: Record<FunnelStep['step'], string> = {
  product_view: 'Viewed a product',
  add_to_cart: 'Added to cart',
  checkout_started: 'Started checkout',
  order_placed: 'Placed an order',
}
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`)

function Funnel({ search }: { search: ReportSearch }) {
  const funnel = useQuery(reports.funnel(search))
  const col = tableColumns<FunnelStep>()
  const columns = col.columns([
    col.accessor('step', { header: 'Step', cell: (info) => stepLabel[info.getValue()] }),
    col.accessor('visitors', { header: 'Visitors' }),
    col.accessor('reached', { header: 'Reached in order' }),
    col.accessor('conversion', { header: 'From previous step', cell: (info) => percent(info.getValue()) }),
  ])
  const steps = funnel.data?.steps ?? []
  const summary = `Funnel, ${search.from} to ${search.to}: ${steps
    .map((step) => `${stepLabel[step.step]} ${step.reached}`)
    .join(', ')}.`
  return (
    <section aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Funnel</h2>
      <ProblemAlert error={funnel.error} />
      {funnel.data ? (
        <>
          <figure className="chart">
            <div role="img" aria-label={summary}>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart
                  data={steps.map((step) => ({ ...step, label: stepLabel[step.step] }))}
                  accessibilityLayer={false}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Bar dataKey="reached" name="Visitors who reached the step" fill="#1f5fbf" />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <figcaption>{summary}</figcaption>
          </figure>
          <DataTable caption="Funnel steps" columns={columns} rows={steps} rowKey={(step) => step.step} />
        </>
      ) : null}
    </section>
  )
}

function TopProducts({ search }: { search: ReportSearch }) {
  const top = useQuery(reports.top(search))
  const col = tableColumns<TopProduct>()
  const columns = col.columns([
    col.accessor('sku', { header: 'SKU' }),
    col.accessor('title', { header: 'Product' }),
    col.accessor('units', { header: 'Units' }),
    col.accessor('revenue', {
      header: 'Revenue',
      cell: (info) => formatMoney(info.getValue(), info.row.original.currency),
    }),
  ])
  return (
    <section aria-labelledby="top-heading">
      <h2 id="top-heading">Top products by revenue</h2>
      <ProblemAlert error={top.error} />
      {top.data ? (
        <DataTable
          caption="Top products by revenue"
          columns={columns}
          rows={top.data.items}
          rowKey={(item) => `${item.sku}|${item.currency}`}
          empty="No products sold in this range."
        />
      ) : null}
    </section>
  )
}

function ZeroResults({ search }: { search: ReportSearch }) {
  const zero = useQuery(reports.zero(search))
  const col = tableColumns<ZeroResult>()
  const columns = col.columns([
    col.accessor('query', { header: 'Search' }),
    col.accessor('count', { header: 'Times' }),
    col.accessor('lastSeenAt', {
      header: 'Last seen',
      cell: (info) => formatDate(info.getValue()),
    }),
  ])
  return (
    <section aria-labelledby="zero-heading">
      <h2 id="zero-heading">Searches with no results</h2>
      <ProblemAlert error={zero.error} />
      {zero.data ? (
        <DataTable
          caption="Searches with no results, most frequent first"
          columns={columns}
          rows={zero.data.items}
          rowKey={(item) => item.query}
          empty="Every search found something."
        />
      ) : null}
    </section>
  )
}

function LowStockReport() {
  const low = useQuery(reports.lowStock)
  const col = tableColumns<LowStock>()
  const columns = col.columns([
    col.accessor('sku', { header: 'SKU' }),
    col.accessor('title', { header: 'Product' }),
    col.accessor('status', { header: 'Status' }),
    col.accessor('stock', { header: 'In stock' }),
  ])
  return (
    <section aria-labelledby="low-heading">
      <h2 id="low-heading">Low stock</h2>
      <ProblemAlert error={low.error} />
      {low.data ? (
        <DataTable
          caption={`Variants with at most ${low.data.threshold} in stock`}
          columns={columns}
          rows={low.data.items}
          rowKey={(item) => item.variantId}
          empty={`No variant has ${low.data.threshold} or fewer in stock.`}
        />
      ) : null}
    </section>
  )
}
