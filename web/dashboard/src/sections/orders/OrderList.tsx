/** Orders: search by email or order id, filter by status and creation day, page through with the cursor. */
import { useQuery } from '@tanstack/react-query'
import { createRoute, Link, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { formatDate, formatMoney } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { guarded } from '../../routes/guard.tsx'
import { appRoute } from '../../routes/root.tsx'
import { ORDER_STATUSES, type OrderSearch, type OrderStatus, type OrderSummary, ordersQuery } from './queries.ts'

const isDay = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined

export const ordersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/orders',
  ...guarded('orders:read'),
  validateSearch: (search: Record<string, unknown>): OrderSearch => ({
    q: text(search.q, 254),
    status: ORDER_STATUSES.includes(search.status as OrderStatus) ? (search.status as OrderStatus) : undefined,
    from: isDay(search.from) ? search.from : undefined,
    to: isDay(search.to) ? search.to : undefined,
    cursor: text(search.cursor, 100),
  }),
  component: OrderList,
})

/** Human words for the order states (the API's values stay in the URL). */
export const statusLabel: Record<OrderStatus, string> = {
  pending: 'Pending',
  paid: 'Paid',
  fulfilled: 'Fulfilled',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  partially_refunded: 'Partially refunded',
}

const col = tableColumns<OrderSummary>()
const columns = col.columns([
  col.accessor('id', {
    header: 'Order',
    cell: (info) => (
      <Link to="/orders/$orderId" params={{ orderId: info.getValue() }}>
        {info.getValue()}
      </Link>
    ),
  }),
  col.accessor('createdAt', { header: 'Placed', cell: (info) => formatDate(info.getValue()) }),
  col.accessor('email', { header: 'Email' }),
  col.accessor('status', { header: 'Status', cell: (info) => statusLabel[info.getValue()] }),
  col.accessor('itemCount', { header: 'Items' }),
  col.accessor('total', { header: 'Total', cell: (info) => formatMoney(info.getValue(), info.row.original.currency) }),
  col.accessor('amountRefunded', {
    header: 'Refunded',
    cell: (info) => (info.getValue() ? formatMoney(info.getValue(), info.row.original.currency) : '—'),
  }),
])

type Filters = Required<Pick<OrderSearch, 'q' | 'from' | 'to'>> & { status: OrderStatus | '' }

function OrderList() {
  const search = ordersRoute.useSearch()
  const navigate = useNavigate({ from: ordersRoute.fullPath })
  const orders = useQuery(ordersQuery(search))
  // The API pages forward only: each page remembers the cursor of the page it was reached from (keyed by
  // the filters and its own cursor, so the browser's back and forward buttons keep it right).
  const [cameFrom, setCameFrom] = useState<Record<string, string | null>>({})
  const filters = JSON.stringify([search.q, search.status, search.from, search.to])
  const pageKey = (cursor: string | undefined) => `${filters} ${cursor ?? ''}`
  const previous = search.cursor ? cameFrom[pageKey(search.cursor)] : undefined
  const form = useForm<Filters>({
    values: { q: search.q ?? '', status: search.status ?? '', from: search.from ?? '', to: search.to ?? '' },
  })
  const apply = form.handleSubmit((values) =>
    navigate({
      search: {
        q: values.q.trim() || undefined,
        status: values.status || undefined,
        from: values.from || undefined,
        to: values.to || undefined,
      },
    }),
  )
  return (
    <>
      <h1>Orders</h1>
      <search aria-label="Orders">
        <form className="filters" onSubmit={apply}>
          <div>
            <label htmlFor="orders-q">Email or order id</label>
            <input id="orders-q" type="search" {...form.register('q')} />
          </div>
          <div>
            <label htmlFor="orders-status">Status</label>
            <select id="orders-status" {...form.register('status')}>
              <option value="">Any</option>
              {ORDER_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {statusLabel[status]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="orders-from">Placed from</label>
            <input id="orders-from" type="date" {...form.register('from')} />
          </div>
          <div>
            <label htmlFor="orders-to">Placed until</label>
            <input id="orders-to" type="date" {...form.register('to')} />
          </div>
          <div>
            <button type="submit">Search</button>
          </div>
        </form>
      </search>
      <ProblemAlert error={orders.error} />
      {orders.isPending ? <p aria-live="polite">Loading orders…</p> : null}
      {orders.data ? (
        <>
          <DataTable
            caption="Orders, newest first"
            columns={columns}
            rows={orders.data.items}
            rowKey={(order) => order.id}
            empty="No orders match."
          />
          <nav aria-label="Pages of orders" className="pager">
            {search.cursor ? (
              <Link from={ordersRoute.fullPath} search={(prev) => ({ ...prev, cursor: undefined })}>
                First page
              </Link>
            ) : null}
            {previous !== undefined ? (
              <Link from={ordersRoute.fullPath} search={(prev) => ({ ...prev, cursor: previous ?? undefined })}>
                Previous page
              </Link>
            ) : null}
            {orders.data.nextCursor ? (
              <Link
                from={ordersRoute.fullPath}
                search={(prev) => ({ ...prev, cursor: orders.data.nextCursor ?? undefined })}
                onClick={() => {
                  const next = orders.data.nextCursor
                  if (next) setCameFrom((map) => ({ ...map, [pageKey(next)]: search.cursor ?? null }))
                }}
              >
                Next page
              </Link>
            ) : null}
          </nav>
        </>
      ) : null}
    </>
  )
}
