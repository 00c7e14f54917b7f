/**
 * The confirmation after checkout. The order comes from the checkout's answer (kept in the query
 * cache); a signed-in customer can also reload it (GET /me/orders/{id}). A guest who reloads is
 * pointed to the confirmation email.
 */
import { useQuery } from '@tanstack/react-query'
import { createRoute, Link } from '@tanstack/react-router'
import { api, ProblemError, unwrap } from '../../../shared/api.ts'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { OrderDetails } from '../components/OrderDetails.tsx'
import { useMe } from '../lib/session.ts'
import { rootRoute } from '../routes/root.tsx'

export const orderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/order/$orderId',
  component: OrderPage,
})

function OrderPage() {
  const { orderId } = orderRoute.useParams()
  const me = useMe()
  const order = useQuery({
    queryKey: ['order', orderId],
    queryFn: ({ signal }) => unwrap(api.GET('/me/orders/{orderId}', { params: { path: { orderId } }, signal })),
    enabled: me !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })
  if (order.data) {
    const o = order.data
    return (
      <>
        <h1>Thank you for your order</h1>
        <p className="notice" role="status">
          {o.status === 'pending'
            ? 'Your order is placed and waits for your bank to confirm the payment.'
            : `Your order is confirmed. A confirmation is on its way to ${o.email}.`}
        </p>
        <OrderDetails order={o} />
        <p>
          {me ? <Link to="/account">Your orders</Link> : null} <Link to="/">Continue shopping</Link>
        </p>
      </>
    )
  }
  if (order.error) {
    const guest = order.error instanceof ProblemError && order.error.status === 401
    return (
      <>
        <h1>Your order</h1>
        {guest ? (
          <p>Your order {orderId} is placed; the confirmation email has its details.</p>
        ) : (
          <ProblemAlert error={order.error} />
        )}
        <p>
          <Link to="/">Continue shopping</Link>
        </p>
      </>
    )
  }
  return <p aria-live="polite">Loading your order…</p>
}
