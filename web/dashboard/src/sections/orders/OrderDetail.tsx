/** One order: lines, totals, payment, address, history, and the staff actions its state allows. */
import { useQuery } from '@tanstack/react-query'
import { createRoute, Link } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { formatDate, formatMoney, idempotencyKey } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { ConfirmButton } from '../../components/ConfirmButton.tsx'
import { guarded } from '../../routes/guard.tsx'
import { appRoute } from '../../routes/root.tsx'
import { can, useMe } from '../../session.ts'
import { toMinorUnits } from './amount.ts'
import { statusLabel } from './OrderList.tsx'
import { type Order, type OrderAction, orderQuery, useOrderAction } from './queries.ts'

export const orderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/orders/$orderId',
  ...guarded('orders:read'),
  component: OrderDetail,
})

type Line = Order['lines'][number]
type Change = Order['history'][number]

function lineColumns(currency: string) {
  const col = tableColumns<Line>()
  const money = (value: number) => formatMoney(value, currency)
  return col.columns([
    col.accessor('sku', { header: 'SKU' }),
    col.accessor('title', { header: 'Item' }),
    col.accessor('quantity', { header: 'Quantity' }),
    col.accessor('unitPrice', { header: 'Unit price', cell: (info) => money(info.getValue()) }),
    col.accessor('discount', { header: 'Discount', cell: (info) => money(info.getValue()) }),
    col.accessor('tax', { header: 'Tax', cell: (info) => money(info.getValue()) }),
    col.accessor('total', { header: 'Total', cell: (info) => money(info.getValue()) }),
  ])
}

function historyColumns(currency: string) {
  const col = tableColumns<Change>()
  return col.columns([
    col.accessor('at', { header: 'When', cell: (info) => formatDate(info.getValue()) }),
    col.accessor('event', { header: 'Event' }),
    col.accessor('from', { header: 'From', cell: (info) => (info.getValue() ? statusLabel[info.getValue()!] : '—') }),
    col.accessor('to', { header: 'To', cell: (info) => statusLabel[info.getValue()] }),
    col.accessor('amount', {
      header: 'Amount',
      cell: (info) => (info.getValue() === null ? '—' : formatMoney(info.getValue()!, currency)),
    }),
  ])
}

/** Which actions the order's state allows (the server has the last word). */
function allowed(order: Order): Record<OrderAction, boolean> {
  const refundable = order.paymentStatus === 'captured' || order.paymentStatus === 'partially_refunded'
  return {
    capture: order.paymentStatus === 'authorized',
    refund: refundable,
    fulfil: order.status === 'paid' || order.status === 'partially_refunded',
    deliver: order.status === 'fulfilled' || order.status === 'partially_refunded',
    cancel: ['pending', 'paid', 'partially_refunded'].includes(order.status),
  }
}

function OrderDetail() {
  const { orderId } = orderRoute.useParams()
  const me = useMe()
  const order = useQuery(orderQuery(orderId))
  return (
    <>
      <p>
        <Link to="/orders">← Orders</Link>
      </p>
      <h1>Order {orderId}</h1>
      <ProblemAlert error={order.error} />
      {order.isPending ? <p aria-live="polite">Loading the order…</p> : null}
      {order.data ? <OrderView order={order.data} canWrite={can(me, 'orders:write')} /> : null}
    </>
  )
}

function OrderView({ order, canWrite }: { order: Order; canWrite: boolean }) {
  const money = (value: number) => formatMoney(value, order.currency)
  const address = order.shippingAddress
  return (
    <>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{statusLabel[order.status]}</dd>
        <dt>Payment</dt>
        <dd>{order.paymentStatus.replaceAll('_', ' ')}</dd>
        <dt>Email</dt>
        <dd>{order.email}</dd>
        <dt>Customer</dt>
        <dd>{order.customerId ?? 'Guest'}</dd>
        <dt>Placed</dt>
        <dd>{formatDate(order.createdAt)}</dd>
      </dl>
      {canWrite ? <OrderActions order={order} /> : null}
      <h2>Lines</h2>
      <DataTable caption="Order lines" columns={lineColumns(order.currency)} rows={order.lines} />
      <h2>Totals</h2>
      <dl className="facts">
        <dt>Subtotal</dt>
        <dd>{money(order.subtotal)}</dd>
        <dt>Discount{order.discountCode ? ` (${order.discountCode})` : ''}</dt>
        <dd>{money(order.discount)}</dd>
        <dt>Shipping ({order.shippingMethod.name})</dt>
        <dd>{money(order.shipping)}</dd>
        <dt>Tax{order.taxIncluded ? ' (included)' : ''}</dt>
        <dd>{money(order.tax)}</dd>
        <dt>Total</dt>
        <dd data-testid="order-total">{money(order.total)}</dd>
        <dt>Refunded</dt>
        <dd data-testid="order-refunded">{money(order.amountRefunded)}</dd>
      </dl>
      <h2>Shipping address</h2>
      <address>
        {address.name}
        <br />
        {address.line1}
        {address.line2 ? (
          <>
            <br />
            {address.line2}
          </>
        ) : null}
        <br />
        {address.postcode} {address.city}
        {address.region ? `, ${address.region}` : ''}
        <br />
        {address.country}
        {address.phone ? (
          <>
            <br />
            {address.phone}
          </>
        ) : null}
      </address>
      <h2>History</h2>
      <DataTable caption="Order history, oldest first" columns={historyColumns(order.currency)} rows={order.history} />
    </>
  )
}

function OrderActions({ order }: { order: Order }) {
  const action = useOrderAction(order.id)
  const moves = allowed(order)
  // One Idempotency-Key per user action, kept while the same request is retried.
  const keys = useRef(new Map<string, string>())
  const keyFor = (fingerprint: string) => {
    let key = keys.current.get(fingerprint)
    if (!key) {
      key = idempotencyKey()
      keys.current.set(fingerprint, key)
    }
    return key
  }
  const run = async (kind: OrderAction, extra: { amount?: number; reason?: string } = {}) => {
    const fingerprint = `${kind}|${extra.amount ?? ''}|${extra.reason ?? ''}`
    await action.mutateAsync({ action: kind, idempotencyKey: keyFor(fingerprint), ...extra })
    keys.current.delete(fingerprint)
  }
  const money = (value: number) => formatMoney(value, order.currency)
  const simple: { kind: Exclude<OrderAction, 'refund'>; label: string; question: string; danger?: boolean }[] = [
    { kind: 'capture', label: 'Capture payment', question: `Capture ${money(order.total)} from the customer's card?` },
    { kind: 'fulfil', label: 'Mark fulfilled', question: 'Mark this order shipped?' },
    { kind: 'deliver', label: 'Mark delivered', question: 'Mark this order delivered?' },
    {
      kind: 'cancel',
      label: 'Cancel order',
      question: 'Cancel the order, put its stock back and void or refund its payment?',
      danger: true,
    },
  ]
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <ProblemAlert error={action.error} />
      {action.isSuccess ? (
        <p role="status" className="ok">
          Done: the order is now {statusLabel[action.data.status].toLowerCase()}, payment{' '}
          {action.data.paymentStatus.replaceAll('_', ' ')}.
        </p>
      ) : null}
      <div className="actions">
        {simple
          .filter((entry) => moves[entry.kind])
          .map((entry) => (
            <ConfirmButton
              key={entry.kind}
              label={entry.label}
              question={entry.question}
              confirmLabel={`Yes, ${entry.label.toLowerCase()}`}
              danger={entry.danger}
              onOpen={() => {
                action.reset()
                return true
              }}
              onConfirm={() => run(entry.kind)}
            />
          ))}
      </div>
      {moves.refund ? (
        <RefundForm order={order} onRefund={(amount, reason) => run('refund', { amount, reason })} />
      ) : null}
      {!Object.values(moves).some(Boolean) ? <p className="muted">No action applies to this order now.</p> : null}
    </section>
  )
}

function RefundForm(props: { order: Order; onRefund: (amount: number, reason?: string) => Promise<void> }) {
  const { order } = props
  const [amountText, setAmountText] = useState('')
  const [reason, setReason] = useState('')
  const [inputError, setInputError] = useState<string>()
  const [amount, setAmount] = useState(0)
  const remaining = order.total - order.amountRefunded
  return (
    <form className="refund" onSubmit={(event) => event.preventDefault()} noValidate>
      <h3>Refund</h3>
      <p className="muted" id="refund-help">
        Up to {formatMoney(remaining, order.currency)} was captured and not yet refunded. Enter the amount in{' '}
        {order.currency}, e.g. 12.50.
      </p>
      <label htmlFor="refund-amount">Refund amount ({order.currency})</label>
      <input
        id="refund-amount"
        inputMode="decimal"
        value={amountText}
        aria-describedby={inputError ? 'refund-help refund-error' : 'refund-help'}
        aria-invalid={inputError ? true : undefined}
        onChange={(event) => setAmountText(event.target.value)}
      />
      {inputError ? (
        <p id="refund-error" className="field-error">
          {inputError}
        </p>
      ) : null}
      <label htmlFor="refund-reason">Reason (optional)</label>
      <input id="refund-reason" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
      <p>
        <ConfirmButton
          label="Refund…"
          question={`Refund ${formatMoney(amount, order.currency)} to the customer?`}
          confirmLabel="Yes, refund"
          onOpen={() => {
            const minor = toMinorUnits(amountText, order.currency)
            if (minor instanceof Error) {
              setInputError(minor.message)
              return false
            }
            setInputError(undefined)
            setAmount(minor)
            return true
          }}
          onConfirm={async () => {
            await props.onRefund(amount, reason.trim() || undefined)
            setAmountText('')
            setReason('')
          }}
        />
      </p>
    </form>
  )
}
