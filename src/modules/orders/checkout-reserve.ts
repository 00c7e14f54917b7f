/**
 * Checkout step 1, "reserve": one short transaction that holds everything the order needs before any
 * money moves. Stock is reserved with conditional updates in variant-id order (never oversold; no
 * deadlock between multi-line checkouts), the discount use is redeemed the same way, totals come from
 * the pricing rules, and the order is written `pending` (address sealed onto it) with its payment
 * `authorizing`; the cart is closed. Any refusal throws and rolls all of it back.
 */
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { batchedTransaction, flushLater, writeLater } from '../../platform/db/write-batch.ts'
import { conflict, invalid, isAppError, notFound } from '../../platform/errors.ts'
import type { DeferredClaim } from '../../platform/http/idempotency.ts'
import type { Actor } from '../../platform/security/actor.ts'
import { fieldAad } from '../../platform/security/crypto.ts'
import type { AddressBody } from '../addresses/schemas.ts'
import { addressFields, sealAddress } from '../addresses/sealing.ts'
import type { CheckoutLine } from '../carts/service.ts'
import type { SellableVariant } from '../catalog/service.ts'
import {
  checkDiscount,
  computeTotals,
  type DiscountCode,
  shippingPrice,
  shipsTo,
  taxRateFor,
} from '../checkout/pricing.ts'
import type { CheckoutDeps } from './checkout.ts'
import { declined } from './checkout-settle.ts'
import type { CheckoutBody, CheckoutResultView } from './schemas.ts'
import type { OrderViewParts } from './service.ts'
import * as store from './store.ts'

/** What the reserve step leaves for the next ones: the order as written, and its payment (none when free). */
export interface Reservation {
  order: store.OrderTable
  payment: { id: string; amount: number; currency: string } | null
  /** True when a retried checkout found this reservation already made (its cart held by it). */
  resumed: boolean
  /** A retry whose key's order is finished: its answer, nothing to do (reserve's `retried`). */
  answer?: CheckoutResultView
  /** What this request wrote (lines, first history entry, the address in clear), so settle reads none of it back. */
  written?: Pick<OrderViewParts, 'lines' | 'history' | 'shippingAddress'>
}

/** A cart line priced from the catalog. */
export interface PricedLine {
  variant: SellableVariant
  quantity: number
}

/**
 * The request's Idempotency-Key. `claim`: claimed by reserve's writes (with them, or not at all:
 * platform/http/idempotency.ts `deferredClaim`). `keyHash`: the key (`idempotencyKeyHash`), written on
 * the order, so a retry with it answers the order (`retried`).
 */
export interface CheckoutKey {
  claim?: DeferredClaim
  keyHash?: string
}

/**
 * Step 1. A checkout retried while its earlier attempt's payment is still being authorized (the
 * client's retry after a 503 or a lost answer) finds the cart closed by that attempt and resumes it.
 * `key`: the request's Idempotency-Key (`CheckoutKey`), claimed by the step's writes; everything before
 * them only reads.
 */
export async function reserve(
  deps: CheckoutDeps,
  actor: Actor,
  cartToken: string | undefined,
  input: CheckoutBody,
  at: number,
  key: CheckoutKey = {},
): Promise<Reservation> {
  const { db, carts, catalog, checkoutConfig, payments } = deps
  const { claim, keyHash } = key
  try {
    const reservation = await batchedTransaction(db, async (trx) => {
      const orderId = newId('ord', at)
      const { cart, lines } = await carts.openForCheckout(trx, actor, input.cartId, cartToken)
      if (lines.length === 0) throw invalid('cart-empty', 'The cart is empty')
      const address = await shippingAddress(deps, trx, actor, input)
      const destination = { country: address.country, region: address.region ?? null }

      const priced = priceLines(lines)
      const subtotal = priced.reduce((sum, p) => sum + p.variant.price * p.quantity, 0)
      const weight = priced.reduce((sum, p) => sum + p.variant.weightGrams * p.quantity, 0)

      const { methods, taxRates } = await checkoutConfig.ratesTo(trx, destination.country)
      const method = methods.find((m) => m.id === input.shippingMethodId)
      const shipping =
        method && shipsTo(method, destination) && method.currency === cart.currency
          ? shippingPrice(method, weight, subtotal)
          : undefined
      if (!method || shipping === undefined) {
        throw invalid('shipping-unavailable', 'This shipping method does not ship this parcel to this address')
      }

      let discount: DiscountCode | null = null
      if (input.discountCode) {
        discount = (await checkoutConfig.findDiscount(trx, input.discountCode.trim())) ?? null
        if (!discount) throw invalid('discount-code-unknown', `No discount code "${input.discountCode}"`)
        checkDiscount(discount, { subtotal, currency: cart.currency, now: at })
      }

      const rateBp = taxRateFor(taxRates, destination)
      const totals = computeTotals(
        priced.map((p) => ({ unitPrice: p.variant.price, quantity: p.quantity })),
        shipping,
        { rateBp, pricesIncludeTax: deps.pricesIncludeTax, taxShipping: true },
        discount,
      )
      if (totals.total > 0 && !input.payment.token && payments.providerName === 'test') {
        throw invalid('payment-token-required', 'Tokenize a card first and send its token')
      }
      const paymentId = totals.total > 0 ? newId('pay', at) : null

      const order: store.OrderTable = {
        id: orderId,
        status: 'pending',
        customer_id: actor.kind === 'user' ? actor.customerId : null,
        email: input.email.toLowerCase(),
        currency: cart.currency,
        subtotal: totals.subtotal,
        discount: totals.discount,
        discount_code: discount?.code ?? null,
        shipping: totals.shipping,
        shipping_method_id: method.id,
        shipping_method_name: method.name,
        tax: totals.tax,
        tax_included: totals.taxIncluded ? 1 : 0,
        total: totals.total,
        amount_refunded: 0,
        item_count: priced.reduce((sum, p) => sum + p.quantity, 0),
        payment_id: paymentId,
        cart_id: cart.id,
        idempotency_key_hash: keyHash ?? null,
        ship_country: address.country,
        ship_region: address.region ?? null,
        ...sealAddress('ship_', address, (column, value) =>
          deps.cipher.encrypt(value, fieldAad('shop_order', column, orderId)),
        ),
        created_at: at,
        updated_at: at,
      }
      const orderLines = priced.map((p, i) => ({
        order_id: orderId,
        position: i + 1,
        variant_id: p.variant.id,
        sku: p.variant.sku,
        title: p.variant.title,
        unit_price: p.variant.price,
        quantity: p.quantity,
        discount: totals.lines[i].discount,
        tax: totals.lines[i].tax,
        total: totals.lines[i].total,
      }))
      const placed = {
        order_id: orderId,
        from_status: null,
        to_status: 'pending',
        event: 'place',
        actor: actor.userId,
        amount: null,
        at,
      } as const
      // The writes, after every read: the rows other checkouts also lock (a discount's uses, the
      // stock of a product everybody buys) are taken last and held for as few round trips as
      // possible. On PostgreSQL the stock, the cart and the inserts are one statement, which itself
      // fails when the cart or a line's stock refuses (write-batch.ts `mustMatch`); after reads only, it
      // goes without BEGIN and COMMIT, and a product's stock row is locked for that statement alone.
      // The key first: a duplicate with the same key (whose cart the first one closes) waits on the
      // key's index entry, not on the stock row, and is refused by the key, not as cart-closed.
      const claimed = claim ? writeLater(trx, claim.write(trx), { mustMatch: true }) : undefined
      if (discount) {
        // Guests are limited per email, customers per account.
        const who = actor.customerId ?? `email:${input.email.toLowerCase()}`
        await checkoutConfig.redeemDiscount(trx, discount.id, who, { orderId, now: at, code: discount })
      }
      await store.insertOrder(trx, order, orderLines)
      await store.insertFirstHistory(trx, placed)
      if (paymentId) {
        await payments.begin(trx, {
          id: paymentId,
          amount: totals.total,
          currency: cart.currency,
          customerId: actor.customerId,
          orderId,
        })
      }
      const closed = carts.markConverted(trx, cart.id)
      // Stock in variant-id order: two checkouts of the same variants lock their rows in one order.
      const byVariant = [...priced].sort((a, b) =>
        a.variant.id < b.variant.id ? -1 : a.variant.id > b.variant.id ? 1 : 0,
      )
      const taken = byVariant.map((p) => catalog.reserveStock(trx, p.variant.id, p.quantity))
      // Awaited after the flush; a failed flush throws there, not as unhandled rejections.
      for (const pending of [closed, ...taken, ...(claimed ? [claimed] : [])]) pending.catch(() => {})
      await flushLater(trx, { last: true }) // nothing below refuses but the key, the cart and the stock
      if (claimed) claim?.check(await claimed)
      if (!(await closed)) throw conflict('cart-closed', 'This cart was checked out by another request')
      for (const [i, p] of byVariant.entries()) {
        if (await taken[i]) continue
        const left = (await catalog.getSellableVariant(trx, p.variant.id, cart.currency)).stock
        throw conflict('insufficient-stock', `Only ${left} of ${p.variant.sku} left in stock`, {
          variantId: p.variant.id,
          available: left,
        })
      }
      const payment = paymentId ? { id: paymentId, amount: totals.total, currency: cart.currency } : null
      const shipTo = { ...addressFields(address), region: order.ship_region, country: address.country }
      return {
        order,
        payment,
        resumed: false,
        written: { lines: orderLines, history: [placed], shippingAddress: shipTo },
      }
    })
    claim?.committed()
    return reservation
  } catch (error) {
    // A retry with the key of an order placed already (its cart closed by it, or opened again after a
    // decline: the key's unique index refuses a second order) answers that order, whoever finished it.
    const closed = isAppError(error) && error.code === 'cart-closed'
    const placed =
      keyHash && (closed || orderExistsForKey(error)) ? await store.findPlacedWithKey(db, keyHash) : undefined
    if (placed) return retried(deps, input, placed, claim)
    if (!closed) throw error
    // The caller may open the cart (openForCheckout checked before refusing): an unfinished earlier
    // attempt of this checkout is resumed; anything else keeps the refusal.
    const unfinished = await store.findUnfinishedForCart(db, input.cartId)
    if (!unfinished?.payment_id) throw error
    await claim?.claimNow() // resuming writes (settle): the key first, alone; a key in use refuses here
    return resumed(unfinished)
  }
}

/** An earlier attempt's order, to be settled by this request: its payment as reserve left it (none: free). */
function resumed(order: store.OrderTable): Reservation {
  const payment = order.payment_id
    ? { id: order.payment_id, amount: Number(order.total), currency: order.currency }
    : null
  return { order, payment, resumed: true }
}

/**
 * A retry with the Idempotency-Key that placed `placed`. Unfinished (its payment authorizing, or free
 * and still pending): resumed, as above. Declined (released, its cart perhaps open again): the decline
 * again, never a second order (a new attempt takes a new key). Anything else (paid, or further along;
 * pending for 3-D Secure): the order, as the checkout answers it.
 */
async function retried(
  deps: CheckoutDeps,
  input: CheckoutBody,
  placed: NonNullable<Awaited<ReturnType<typeof store.findPlacedWithKey>>>,
  claim: DeferredClaim | undefined,
): Promise<Reservation> {
  // The key first, alone: when its row exists (a duplicate of a request in flight or done, on SQLite
  // refused by the order's index before the key's), the row answers (409, replay, 422), not the order.
  await claim?.claimNow()
  if (placed.cart_id !== input.cartId) {
    throw invalid('idempotency-key-reused', 'This Idempotency-Key was used with a different request')
  }
  const { payment_status: paymentStatus, payment_failure_code: failureCode, ...order } = placed
  if (order.status === 'pending' && (paymentStatus === 'authorizing' || order.payment_id === null)) {
    return resumed(order)
  }
  if (paymentStatus === 'failed') throw declined(failureCode)
  // Its client secret (3-D Secure) was only on the answer that settled it; it is never stored.
  const payment = { id: order.payment_id, status: paymentStatus ?? 'none', clientSecret: null }
  return { order, payment: null, resumed: true, answer: { order: await deps.orders.view(deps.db, order), payment } }
}

/** The order's insert refused by its key's unique index (migrations.ts 0350): the key placed an order. */
function orderExistsForKey(error: unknown): boolean {
  const { constraint, message } = (error ?? {}) as { constraint?: unknown; message?: unknown }
  return constraint === 'shop_order_idempotency_key' || String(message).includes('shop_order.idempotency_key_hash')
}

/**
 * The cart's lines (as `carts.openForCheckout` read them, priced in the cart's currency), in the cart's
 * order, which the order's lines keep. A line no longer for sale is `cart-item-unavailable`.
 */
export function priceLines(lines: readonly CheckoutLine[]): PricedLine[] {
  return lines.map((line) => {
    if (!line.variant) {
      throw conflict('cart-item-unavailable', 'A cart item can no longer be bought; remove it and retry', {
        variantId: line.variantId,
      })
    }
    return { variant: line.variant, quantity: line.quantity }
  })
}

async function shippingAddress(deps: CheckoutDeps, trx: Db, actor: Actor, input: CheckoutBody): Promise<AddressBody> {
  if (input.shippingAddress) return input.shippingAddress
  const found = actor.customerId
    ? await deps.addresses.findForCheckout(trx, actor.customerId, input.addressId!)
    : undefined
  if (!found) throw notFound('address-not-found', 'No such address in your address book')
  return found
}
