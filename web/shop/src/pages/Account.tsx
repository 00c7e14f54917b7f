/**
 * The customer's account: their orders (GET /me/orders, page by page), one order (GET
 * /me/orders/{id}), the download of everything held about them (GET /me/personal-data, saved as a JSON
 * file), and sign-out. Guests are sent to sign in first.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createRoute, Link, Outlet, redirect, useNavigate } from '@tanstack/react-router'
import { api, formatDate, formatMoney, type Schemas, unwrap } from '../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { OrderDetails, statusLabel } from '../components/OrderDetails.tsx'
import { cartKey, rememberCart } from '../lib/cart.ts'
import { meQuery, useMe } from '../lib/session.ts'
import { rootRoute } from '../routes/root.tsx'

/** The signed-in part of the shop: loads who is signed in first, or goes to sign-in and back. */
export const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.fetchQuery(meQuery)
    if (!me) throw redirect({ to: '/sign-in', search: { next: location.href.replace(/^\/shop/, '') } })
  },
  component: Outlet,
})

export const accountHomeRoute = createRoute({ getParentRoute: () => accountRoute, path: '/', component: Account })
export const accountOrderRoute = createRoute({
  getParentRoute: () => accountRoute,
  path: '/orders/$orderId',
  component: AccountOrder,
})

type OrderSummary = Schemas['OrderSummaryView']
const col = tableColumns<OrderSummary>()
const columns = col.columns([
  col.accessor('id', {
    header: 'Order',
    cell: (info) => (
      <Link to="/account/orders/$orderId" params={{ orderId: info.getValue() }}>
        {info.getValue()}
      </Link>
    ),
  }),
  col.accessor('createdAt', { header: 'Placed', cell: (info) => formatDate(info.getValue()) }),
  col.accessor('itemCount', { header: 'Items' }),
  col.accessor('total', { header: 'Total', cell: (info) => formatMoney(info.getValue(), info.row.original.currency) }),
  col.accessor('status', { header: 'Status', cell: (info) => statusLabel(info.getValue()) }),
])

function Account() {
  const me = useMe()
  const orders = useInfiniteQuery({
    queryKey: ['my-orders'],
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/me/orders', { params: { query: { limit: 20, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const rows = orders.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <>
      <h1>Your account</h1>
      <p>Signed in as {me?.email}.</p>
      <SignOut />
      <h2>Your orders</h2>
      <ProblemAlert error={orders.error} />
      <DataTable caption="Your orders" columns={columns} rows={rows} rowKey={(o) => o.id} empty="No orders yet." />
      {orders.hasNextPage ? (
        <p>
          <button type="button" className="secondary" onClick={() => orders.fetchNextPage()}>
            More orders
          </button>
        </p>
      ) : null}
      <h2>Your data</h2>
      <PersonalData />
    </>
  )
}

/** Saves GET /me/personal-data as a JSON file (fetched through the client, then handed to the browser). */
function PersonalData() {
  const download = useMutation({
    mutationFn: async () => {
      const data = await unwrap(api.GET('/me/personal-data'))
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
      const link = document.createElement('a')
      link.href = url
      link.download = 'personal-data.json'
      document.body.append(link)
      link.click()
      link.remove()
      URL.revokeObjectURL(url)
    },
  })
  return (
    <>
      <p>Download everything this shop holds about you, as a JSON file.</p>
      <ProblemAlert error={download.error} />
      <button type="button" className="secondary" onClick={() => download.mutate()} disabled={download.isPending}>
        {download.isPending ? 'Preparing…' : 'Download my data'}
      </button>
    </>
  )
}

function SignOut() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const signOut = useMutation({
    mutationFn: () => unwrap(api.POST('/auth/sign-out')),
    onSettled: async () => {
      rememberCart(null) // the account's cart stays with the account
      queryClient.removeQueries({ queryKey: ['my-orders'] })
      queryClient.removeQueries({ queryKey: ['order'] })
      await queryClient.resetQueries({ queryKey: meQuery.queryKey })
      await queryClient.resetQueries({ queryKey: cartKey })
      await navigate({ to: '/' })
    },
  })
  return (
    <button type="button" className="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      Sign out
    </button>
  )
}

function AccountOrder() {
  const { orderId } = accountOrderRoute.useParams()
  const order = useQuery({
    queryKey: ['order', orderId],
    queryFn: ({ signal }) => unwrap(api.GET('/me/orders/{orderId}', { params: { path: { orderId } }, signal })),
  })
  return (
    <>
      <p>
        <Link to="/account">← Your account</Link>
      </p>
      <h1>Order {orderId}</h1>
      <ProblemAlert error={order.error} />
      {order.data ? <OrderDetails order={order.data} /> : <p aria-live="polite">Loading…</p>}
    </>
  )
}
