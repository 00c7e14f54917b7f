/** The cart: lines with server-computed prices, quantities to change, lines to remove, and on to checkout. */
import { createRoute, Link } from '@tanstack/react-router'
import { useState } from 'react'
import { formatMoney } from '../../../shared/api.ts'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { type Cart, useCart, useSetQuantity } from '../lib/cart.ts'
import { rootRoute } from '../routes/root.tsx'

export const cartRoute = createRoute({ getParentRoute: () => rootRoute, path: '/cart', component: CartPage })

function CartPage() {
  const cart = useCart()
  const setQuantity = useSetQuantity()
  if (cart.isPending) return <p aria-live="polite">Loading your cart…</p>
  const data = cart.data
  return (
    <>
      <h1>Your cart</h1>
      <ProblemAlert error={cart.error ?? setQuantity.error} />
      {!data || data.lines.length === 0 ? (
        <p>
          Your cart is empty. <Link to="/search">Find something</Link>.
        </p>
      ) : (
        <>
          <table>
            <caption className="visually-hidden">Items in your cart</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Price</th>
                <th scope="col">Quantity</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line) => (
                <CartLine
                  key={line.variantId}
                  line={line}
                  currency={data.currency}
                  busy={setQuantity.isPending}
                  onQuantity={(quantity) => setQuantity.mutate({ variantId: line.variantId, quantity })}
                />
              ))}
            </tbody>
          </table>
          <p className="subtotal">
            Subtotal: <strong>{formatMoney(data.subtotal, data.currency)}</strong>{' '}
            <span className="muted">(shipping and tax at checkout)</span>
          </p>
          <p>
            <Link to="/checkout" className="button">
              Checkout
            </Link>
          </p>
        </>
      )}
    </>
  )
}

function CartLine(props: {
  line: Cart['lines'][number]
  currency: string
  busy: boolean
  onQuantity: (quantity: number) => void
}) {
  const { line, currency } = props
  const [quantity, setQuantity] = useState(line.quantity)
  const name = line.title ?? line.sku ?? 'An item no longer sold'
  const inputId = `qty-${line.variantId}`
  return (
    <tr>
      <td>
        {name}
        {line.sku ? <div className="muted">{line.sku}</div> : null}
        {line.available ? null : (
          <div className="field-error">Not available in this quantity ({line.inStock} in stock)</div>
        )}
      </td>
      <td>{line.unitPrice === null ? '—' : formatMoney(line.unitPrice, currency)}</td>
      <td>
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault()
            props.onQuantity(quantity)
          }}
        >
          <label htmlFor={inputId} className="visually-hidden">
            Quantity of {name}
          </label>
          <input
            id={inputId}
            className="quantity"
            type="number"
            min={1}
            max={99}
            value={quantity}
            onChange={(event) => setQuantity(Math.min(99, Math.max(1, Number(event.target.value) || 1)))}
          />
          <button type="submit" className="secondary" disabled={props.busy || quantity === line.quantity}>
            Update<span className="visually-hidden"> {name}</span>
          </button>
          <button type="button" className="secondary" disabled={props.busy} onClick={() => props.onQuantity(0)}>
            Remove<span className="visually-hidden"> {name}</span>
          </button>
        </form>
      </td>
      <td>{formatMoney(line.lineTotal, currency)}</td>
    </tr>
  )
}
