/**
 * Checkout: a cart becomes an order in ONE transaction. Stock is reserved with conditional updates
 * (never oversold: a reservation that finds too little stock aborts the whole transaction), the
 * discount's usage limits are taken the same way, totals come from the pricing rules, the shipping
 * address is encrypted onto the order, and the payment is authorized before anything commits: a
 * declined card leaves no order, no reservation and an unchanged cart to try again with.
 */
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { conflict, invalid, isAppError, notFound } from '../../platform/errors.ts'
import type { Actor } from '../../platform/security/actor.ts'
import { type Cipher, fieldAad } from '../../platform/security/crypto.ts'
import type { AddressBody } from '../addresses/schemas.ts'
import type { AddressService } from '../addresses/service.ts'
import type { CartService } from '../carts/service.ts'
import type { CatalogService, SellableVariant } from '../catalog/service.ts'
import { transition } from '../checkout/order-state.ts'
import {
  checkDiscount,
  computeTotals,
  type DiscountCode,
  discountAmount,
  quoteShipping,
  shippingPrice,
  shipsTo,
  taxRateFor,
} from '../checkout/pricing.ts'
import type { CheckoutConfigService } from '../checkout/service.ts'
import type { ServerEvent } from '../insights/service.ts'
import type { PaymentService } from '../payments/service.ts'
import { requireAuthorized } from '../payments/service.ts'
import type { CheckoutBody, CheckoutResultView, QuoteBody, QuoteView } from './schemas.ts'
import type { OrderService } from './service.ts'
import * as store from './store.ts'

export interface CheckoutDeps {
  db: Db
  cipher: Cipher
  carts: CartService
  catalog: CatalogService
  addresses: AddressService
  checkoutConfig: CheckoutConfigService
  payments: PaymentService
  orders: OrderService
  pricesIncludeTax: boolean
  /** Records the server's own `order_placed` analytics event, in the checkout transaction. */
  recordEvent: (trx: Db, event: ServerEvent) => Promise<void>
  now?: () => number
}

export function createCheckoutService(deps: CheckoutDeps) {
  const { db, cipher, carts, catalog, addresses, checkoutConfig, payments, orders } = deps
  const now = deps.now ?? Date.now
  return { placeOrder, quote }

  async function placeOrder(
    actor: Actor,
    cartToken: string | undefined,
    input: CheckoutBody,
  ): Promise<CheckoutResultView> {
    if (Boolean(input.shippingAddress) === Boolean(input.addressId)) {
      throw invalid('address-required', 'Give either shippingAddress or addressId')
    }
    return db.transaction().execute(async (trx) => {
      const at = now()
      const orderId = newId('ord', at)
      const { cart, lines } = await carts.openForCheckout(trx, actor, input.cartId, cartToken)
      if (lines.length === 0) throw invalid('cart-empty', 'The cart is empty')
      const address = await shippingAddress(trx, actor, input)
      const destination = { country: address.country, region: address.region ?? null }

      // Reserve in a fixed order (by variant id) so concurrent multi-line checkouts cannot deadlock.
      const sorted = [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0))
      const priced: { variant: SellableVariant; quantity: number }[] = []
      for (const line of sorted) {
        const variant = await sellable(trx, line.variantId, cart.currency)
        if (!(await catalog.reserveStock(trx, variant.id, line.quantity))) {
          const left = (await catalog.getSellableVariant(trx, variant.id, cart.currency)).stock
          throw conflict('insufficient-stock', `Only ${left} of ${variant.sku} left in stock`, {
            variantId: variant.id,
            available: left,
          })
        }
        priced.push({ variant, quantity: line.quantity })
      }
      const subtotal = priced.reduce((sum, p) => sum + p.variant.price * p.quantity, 0)
      const weight = priced.reduce((sum, p) => sum + p.variant.weightGrams * p.quantity, 0)

      const methods = await checkoutConfig.shippingFor(trx, destination.country)
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
        // Guests are limited per email, customers per account.
        const who = actor.customerId ?? `email:${input.email.toLowerCase()}`
        await checkoutConfig.redeemDiscount(trx, discount.id, who, { orderId, now: at })
      }

      const rateBp = taxRateFor(await checkoutConfig.taxRatesFor(trx, destination.country), destination)
      const totals = computeTotals(
        priced.map((p) => ({ unitPrice: p.variant.price, quantity: p.quantity })),
        shipping,
        { rateBp, pricesIncludeTax: deps.pricesIncludeTax, taxShipping: true },
        discount,
      )

      const enc = (column: string, value: string) => cipher.encrypt(value, fieldAad('shop_order', column, orderId))
      const line2 = address.line2?.trim() ? address.line2 : null
      await store.insertOrder(
        trx,
        {
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
          payment_id: null,
          ship_country: address.country,
          ship_region: address.region ?? null,
          ship_name_enc: enc('ship_name_enc', address.name),
          ship_line1_enc: enc('ship_line1_enc', address.line1),
          ship_line2_enc: line2 === null ? null : enc('ship_line2_enc', line2),
          ship_city_enc: enc('ship_city_enc', address.city),
          ship_postcode_enc: enc('ship_postcode_enc', address.postcode),
          ship_phone_enc: address.phone ? enc('ship_phone_enc', address.phone) : null,
          created_at: at,
          updated_at: at,
        },
        priced.map((p, i) => ({
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
        })),
      )
      await store.appendHistory(trx, {
        order_id: orderId,
        from_status: null,
        to_status: 'pending',
        event: 'place',
        actor: actor.userId,
        at,
      })

      // Pay before committing: a decline throws and rolls everything back.
      let payment: { id: string | null; status: string; clientSecret: string | null } = {
        id: null,
        status: 'none',
        clientSecret: null,
      }
      if (totals.total > 0) {
        if (!input.payment.token && payments.providerName === 'test') {
          throw invalid('payment-token-required', 'Tokenize a card first and send its token')
        }
        const authorized = await payments.authorize(trx, {
          amount: totals.total,
          currency: cart.currency,
          paymentMethod: input.payment.token,
          customerId: actor.customerId,
          orderId,
        })
        if (authorized.status !== 'requires_action') requireAuthorized(authorized)
        payment = { id: authorized.id, status: authorized.status, clientSecret: authorized.clientSecret }
        await trx.updateTable('shop_order').set({ payment_id: authorized.id }).where('id', '=', orderId).execute()
      }
      if (payment.status === 'authorized' || totals.total === 0) {
        const next = transition('pending', 'pay')
        await store.moveStatus(trx, orderId, 'pending', next, at)
        await store.appendHistory(trx, {
          order_id: orderId,
          from_status: 'pending',
          to_status: next,
          event: 'pay',
          actor: null,
          at,
        })
      }

      if (!(await carts.markConverted(trx, cart.id))) {
        throw conflict('cart-closed', 'This cart was checked out by another request')
      }
      const order = await orders.view(trx, (await store.findOrder(trx, orderId))!)
      await deps.recordEvent(trx, {
        type: 'order_placed',
        anonymousId: input.anonymousId ?? orderId.replace(/^ord_/, 'order_'),
        occurredAt: at,
        properties: { orderId, currency: order.currency, total: order.total },
        customerId: order.customerId,
      })
      await orders.emit(trx, 'order.placed', order)
      if (order.status === 'paid') await orders.emit(trx, 'order.paid', order)
      return { order, payment }
    })
  }

  /**
   * What the cart would cost to each destination's shipping options, with tax and the discount:
   * the same rules as placeOrder, read-only (nothing reserved or redeemed).
   */
  async function quote(actor: Actor, cartToken: string | undefined, input: QuoteBody): Promise<QuoteView> {
    const { cart, lines } = await carts.openForCheckout(db, actor, input.cartId, cartToken)
    const destination = { country: input.country, region: input.region ?? null }
    const priced: { variant: SellableVariant; quantity: number }[] = []
    for (const line of lines)
      priced.push({ variant: await sellable(db, line.variantId, cart.currency), quantity: line.quantity })
    const subtotal = priced.reduce((sum, p) => sum + p.variant.price * p.quantity, 0)
    const weight = priced.reduce((sum, p) => sum + p.variant.weightGrams * p.quantity, 0)
    let discount: DiscountCode | null = null
    if (input.discountCode) {
      discount = (await checkoutConfig.findDiscount(db, input.discountCode.trim())) ?? null
      if (!discount) throw invalid('discount-code-unknown', `No discount code "${input.discountCode}"`)
      checkDiscount(discount, { subtotal, currency: cart.currency, now: now() })
    }
    const rateBp = taxRateFor(await checkoutConfig.taxRatesFor(db, destination.country), destination)
    const options = quoteShipping(await checkoutConfig.shippingFor(db, destination.country), destination, {
      weightGrams: weight,
      subtotal,
      currency: cart.currency,
    }).map(({ method, amount }) => {
      const totals = computeTotals(
        priced.map((p) => ({ unitPrice: p.variant.price, quantity: p.quantity })),
        amount,
        { rateBp, pricesIncludeTax: deps.pricesIncludeTax, taxShipping: true },
        discount,
      )
      return {
        shippingMethodId: method.id,
        name: method.name,
        shipping: totals.shipping,
        tax: totals.tax,
        taxIncluded: totals.taxIncluded,
        total: totals.total,
      }
    })
    return {
      cartId: cart.id,
      currency: cart.currency,
      subtotal,
      discount: discountAmount(discount, subtotal),
      discountCode: discount?.code ?? null,
      options,
    }
  }

  async function sellable(trx: Db, variantId: string, currency: string): Promise<SellableVariant> {
    try {
      return await catalog.getSellableVariant(trx, variantId, currency)
    } catch (error) {
      if (isAppError(error) && error.kind === 'not-found') {
        throw conflict('cart-item-unavailable', 'A cart item can no longer be bought; remove it and retry', {
          variantId,
        })
      }
      throw error
    }
  }

  async function shippingAddress(trx: Db, actor: Actor, input: CheckoutBody): Promise<AddressBody> {
    if (input.shippingAddress) return input.shippingAddress
    const found = actor.customerId
      ? await addresses.findForCheckout(trx, actor.customerId, input.addressId!)
      : undefined
    if (!found) throw notFound('address-not-found', 'No such address in your address book')
    return found
  }
}

export type CheckoutService = ReturnType<typeof createCheckoutService>
