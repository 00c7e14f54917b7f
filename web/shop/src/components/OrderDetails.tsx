/** An order as the shopper sees it: lines, totals, where it goes, and where it stands. */
import { formatDate, formatMoney, type Schemas } from '../../../shared/api.ts'

export type Order = Schemas['OrderView']

const STATUS: Record<string, string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  fulfilled: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
}

export function statusLabel(status: string): string {
  return STATUS[status] ?? status
}

export function OrderDetails({ order }: { order: Order }) {
  const money = (amount: number) => formatMoney(amount, order.currency)
  const a = order.shippingAddress
  return (
    <div className="order">
      <dl className="facts">
        <dt>Order</dt>
        <dd>{order.id}</dd>
        <dt>Placed</dt>
        <dd>{formatDate(order.createdAt)}</dd>
        <dt>Status</dt>
        <dd>{statusLabel(order.status)}</dd>
        <dt>Confirmation to</dt>
        <dd>{order.email}</dd>
      </dl>
      <table>
        <caption className="visually-hidden">Items in order {order.id}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.variantId}>
              <td>
                {line.title} <span className="muted">{line.sku}</span>
              </td>
              <td>{money(line.unitPrice)}</td>
              <td>{line.quantity}</td>
              <td>{money(line.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="totals">
        <dt>Subtotal</dt>
        <dd>{money(order.subtotal)}</dd>
        {order.discount > 0 ? (
          <>
            <dt>Discount{order.discountCode ? ` (${order.discountCode})` : ''}</dt>
            <dd>−{money(order.discount)}</dd>
          </>
        ) : null}
        <dt>Shipping ({order.shippingMethod.name})</dt>
        <dd>{money(order.shipping)}</dd>
        <dt>Tax{order.taxIncluded ? ' (included)' : ''}</dt>
        <dd>{money(order.tax)}</dd>
        <dt>Total</dt>
        <dd>
          <strong>{money(order.total)}</strong>
        </dd>
        {order.amountRefunded > 0 ? (
          <>
            <dt>Refunded</dt>
            <dd>{money(order.amountRefunded)}</dd>
          </>
        ) : null}
      </dl>
      <h2>Shipping to</h2>
      <address>
        {a.name}
        <br />
        {a.line1}
        {a.line2 ? (
          <>
            <br />
            {a.line2}
          </>
        ) : null}
        <br />
        {a.postcode} {a.city}
        <br />
        {a.country}
      </address>
    </div>
  )
}
