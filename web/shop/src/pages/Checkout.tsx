/**
 * Checkout: contact email, shipping address, a shipping method from the quote (POST /checkout/quote
 * lists every method that ships to the country, with shipping, tax and total), and the card. A
 * declined card is said plainly, nothing is charged, and the shopper can try another card right away.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { createRoute, Link, useNavigate } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { api, formatMoney, ProblemError, unwrap } from '../../../shared/api.ts'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { Field } from '../components/Field.tsx'
import { track } from '../lib/analytics.ts'
import { type Cart, cartHeaders, cartKey, rememberCart, storedCart, useCart } from '../lib/cart.ts'
import { type Address, type Card, createCheckout, declineMessage, isDecline } from '../lib/checkout.ts'
import { COUNTRIES } from '../lib/config.ts'
import { useMe } from '../lib/session.ts'
import { rootRoute } from '../routes/root.tsx'

export const checkoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/checkout',
  component: CheckoutPage,
})

function CheckoutPage() {
  const cart = useCart()
  const me = useMe()
  if (cart.isPending || me === undefined) return <p aria-live="polite">Loading…</p>
  if (!cart.data || cart.data.lines.length === 0) {
    return (
      <>
        <h1>Checkout</h1>
        <p>
          Your cart is empty. <Link to="/search">Find something</Link>.
        </p>
      </>
    )
  }
  return <CheckoutForm cart={cart.data} email={me?.email ?? ''} />
}

interface FormValues {
  email: string
  address: Address & { line2: string; phone: string }
  shippingMethodId: string
  card: { cardNumber: string; expiry: string; cvc: string; cardHolder: string }
}

function CheckoutForm({ cart, email }: { cart: Cart; email: string }) {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [checkout] = useState(createCheckout)
  const [error, setError] = useState<unknown>()
  const form = useForm<FormValues>({
    defaultValues: {
      email,
      address: { name: '', line1: '', line2: '', city: '', postcode: '', country: 'IE', phone: '' },
      shippingMethodId: '',
      card: { cardNumber: '', expiry: '', cvc: '', cardHolder: '' },
    },
  })
  const { register, formState } = form
  const errors = formState.errors
  const country = form.watch('address.country')

  // Once per cart (StrictMode and re-renders must not count a visitor twice).
  const started = useRef<string>(undefined)
  useEffect(() => {
    if (started.current === cart.id) return
    started.current = cart.id
    track({
      type: 'checkout_started',
      properties: { cartId: cart.id, itemCount: cart.itemCount, currency: cart.currency, value: cart.subtotal },
    })
  }, [cart])

  const quote = useQuery({
    queryKey: ['quote', cart.id, cart.updatedAt, country],
    queryFn: ({ signal }) => {
      const stored = storedCart()!
      return unwrap(
        api.POST('/checkout/quote', {
          params: { header: cartHeaders(stored) },
          body: { cartId: cart.id, country },
          signal,
        }),
      )
    },
  })
  const options = quote.data?.options ?? []
  const methodId = form.watch('shippingMethodId')
  const chosen = options.find((o) => o.shippingMethodId === methodId)
  useEffect(() => {
    // Preselect the first method for the country (or clear a method that no longer ships there).
    if (quote.data && !chosen) form.setValue('shippingMethodId', quote.data.options[0]?.shippingMethodId ?? '')
  }, [quote.data, chosen, form])

  const submit = form.handleSubmit(async (values) => {
    setError(undefined)
    const stored = storedCart()
    if (!stored) return setError(new Error('Your cart is no longer available.'))
    const [month, year] = values.card.expiry.split('/').map((part) => Number(part.trim()))
    const card: Card = {
      cardNumber: values.card.cardNumber,
      expMonth: month,
      expYear: year < 100 ? 2000 + year : year,
      cvc: values.card.cvc,
      cardHolder: values.card.cardHolder,
    }
    const { line2, phone, ...address } = values.address
    try {
      const result = await checkout.placeOrder(
        stored,
        {
          email: values.email,
          shippingAddress: { ...address, line2: line2 || null, phone: phone || null },
          shippingMethodId: values.shippingMethodId,
        },
        card,
      )
      rememberCart(null)
      queryClient.setQueryData(['order', result.order.id], result.order)
      queryClient.setQueryData(cartKey, null)
      await queryClient.invalidateQueries({ queryKey: ['my-orders'] })
      await navigate({ to: '/order/$orderId', params: { orderId: result.order.id } })
    } catch (failure) {
      setError(failure)
      // The card details go once to the processor; a new attempt asks for them again.
      if (!checkout.hasPending()) {
        form.setValue('card.cardNumber', '')
        form.setValue('card.cvc', '')
        if (isDecline(failure)) form.setFocus('card.cardNumber')
      }
      if (failure instanceof ProblemError) await queryClient.invalidateQueries({ queryKey: cartKey })
    }
  })

  const required = (what: string) => ({ required: `Enter ${what}` })
  return (
    <>
      <h1>Checkout</h1>
      <form onSubmit={submit} noValidate className="checkout">
        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading">Contact</h2>
          <Field id="email" label="Email" error={errors.email?.message}>
            <input type="email" autoComplete="email" {...register('email', required('your email'))} />
          </Field>
        </section>

        <section aria-labelledby="address-heading">
          <h2 id="address-heading">Shipping address</h2>
          <Field id="name" label="Full name" error={errors.address?.name?.message}>
            <input autoComplete="shipping name" {...register('address.name', required('your name'))} />
          </Field>
          <Field id="line1" label="Address" error={errors.address?.line1?.message}>
            <input autoComplete="shipping address-line1" {...register('address.line1', required('your address'))} />
          </Field>
          <Field id="line2" label="Address line 2 (optional)">
            <input autoComplete="shipping address-line2" {...register('address.line2')} />
          </Field>
          <Field id="city" label="City" error={errors.address?.city?.message}>
            <input autoComplete="shipping address-level2" {...register('address.city', required('your city'))} />
          </Field>
          <Field id="postcode" label="Postcode" error={errors.address?.postcode?.message}>
            <input autoComplete="shipping postal-code" {...register('address.postcode', required('your postcode'))} />
          </Field>
          <Field id="country" label="Country">
            <select autoComplete="shipping country" {...register('address.country')}>
              {COUNTRIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="phone" label="Phone (optional)">
            <input type="tel" autoComplete="shipping tel" {...register('address.phone')} />
          </Field>
        </section>

        <section aria-labelledby="shipping-heading">
          <h2 id="shipping-heading">Shipping method</h2>
          <ProblemAlert error={quote.error} />
          {quote.isPending ? <p aria-live="polite">Pricing…</p> : null}
          {quote.data && options.length === 0 ? (
            <p className="problem" role="alert">
              We do not ship to this country yet.
            </p>
          ) : null}
          {options.length > 0 ? (
            <fieldset>
              <legend className="visually-hidden">Shipping method</legend>
              {options.map((o) => (
                <label key={o.shippingMethodId} className="choice">
                  <input
                    type="radio"
                    value={o.shippingMethodId}
                    {...register('shippingMethodId', { required: 'Choose a shipping method' })}
                  />
                  {o.name}: {formatMoney(o.shipping, cart.currency)}
                </label>
              ))}
            </fieldset>
          ) : null}
        </section>

        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <ul className="summary-lines">
            {cart.lines.map((line) => (
              <li key={line.variantId}>
                {line.quantity} × {line.title ?? line.sku} — {formatMoney(line.lineTotal, cart.currency)}
              </li>
            ))}
          </ul>
          {chosen && quote.data ? (
            <dl className="totals">
              <dt>Subtotal</dt>
              <dd>{formatMoney(quote.data.subtotal, cart.currency)}</dd>
              <dt>Shipping</dt>
              <dd>{formatMoney(chosen.shipping, cart.currency)}</dd>
              <dt>Tax{chosen.taxIncluded ? ' (included)' : ''}</dt>
              <dd>{formatMoney(chosen.tax, cart.currency)}</dd>
              <dt>Total</dt>
              <dd>
                <strong data-testid="order-total">{formatMoney(chosen.total, cart.currency)}</strong>
              </dd>
            </dl>
          ) : null}
        </section>

        <section aria-labelledby="payment-heading">
          <h2 id="payment-heading">Payment</h2>
          <p className="muted">
            Test cards only: 4242 4242 4242 4242 is accepted, 4000 0000 0000 0002 is declined. The card goes straight to
            the payment processor and is not stored.
          </p>
          {isDecline(error) ? (
            <div className="problem decline" role="alert">
              <strong>{declineMessage(error)}</strong> Nothing was charged. Please try another card.
            </div>
          ) : (
            <ProblemAlert error={error} />
          )}
          {checkout.hasPending() ? (
            <p className="notice" role="status">
              We could not confirm your order. Press “Place order” again: it is safe, you will not be charged twice.
            </p>
          ) : null}
          <Field id="card-holder" label="Name on card" error={errors.card?.cardHolder?.message}>
            <input autoComplete="cc-name" {...register('card.cardHolder', required('the name on the card'))} />
          </Field>
          <Field id="card-number" label="Card number" error={errors.card?.cardNumber?.message}>
            <input
              inputMode="numeric"
              autoComplete="cc-number"
              {...register('card.cardNumber', {
                required: 'Enter the card number',
                pattern: { value: /^[0-9][0-9 -]{10,24}[0-9]$/, message: 'Enter the 12 to 19 digits of the card' },
              })}
            />
          </Field>
          <div className="row">
            <Field id="card-expiry" label="Expiry (MM/YY)" error={errors.card?.expiry?.message}>
              <input
                inputMode="numeric"
                autoComplete="cc-exp"
                placeholder="MM/YY"
                {...register('card.expiry', {
                  required: 'Enter the expiry date',
                  pattern: { value: /^(0?[1-9]|1[0-2])\s*\/\s*(\d{2}|\d{4})$/, message: 'Use MM/YY' },
                })}
              />
            </Field>
            <Field id="card-cvc" label="CVC" error={errors.card?.cvc?.message}>
              <input
                inputMode="numeric"
                autoComplete="cc-csc"
                {...register('card.cvc', {
                  required: 'Enter the CVC',
                  pattern: { value: /^[0-9]{3,4}$/, message: 'The 3 or 4 digits on the back' },
                })}
              />
            </Field>
          </div>
        </section>
        <p>
          <button type="submit" disabled={formState.isSubmitting || !chosen}>
            {formState.isSubmitting ? 'Placing order…' : 'Place order'}
          </button>
        </p>
      </form>
    </>
  )
}
