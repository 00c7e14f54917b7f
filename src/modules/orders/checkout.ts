/**
 * Checkout: a cart becomes an order in named steps, and no transaction is open while money moves.
 *
 *   1. reserve   (checkout-reserve.ts)  one short transaction: stock, discount, order `pending`,
 *                                      payment `authorizing`, cart closed
 *   2. authorize (payments.askProvider) no transaction: the provider, with the payment's idempotency key
 *   3. settle    (checkout-settle.ts)   one short transaction: authorized → order paid (mail, webhooks);
 *                                      declined → everything released, cart reopened, the 4xx of a decline
 *
 * A process that stops between the steps leaves a payment `authorizing`; `resumeStale` (the sweep,
 * every node, under a lease) asks the provider again with the same key after AUTHORIZATION_LEASE_MS
 * and settles, so nothing stays reserved and nothing is authorized twice. A client retrying the same
 * checkout meanwhile resumes it (step 1 finds the cart held by it); retrying with its Idempotency-Key
 * once it is finished (by whoever) answers its order. docs/CHECKOUT.md.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../platform/db/types.ts'
import { invalid, isAppError, unavailable } from '../../platform/errors.ts'
import type { Actor } from '../../platform/security/actor.ts'
import type { Cipher } from '../../platform/security/crypto.ts'
import type { AddressService } from '../addresses/service.ts'
import type { CartService } from '../carts/service.ts'
import type { CatalogService } from '../catalog/service.ts'
import {
  checkDiscount,
  computeTotals,
  type DiscountCode,
  discountAmount,
  quoteShipping,
  taxRateFor,
} from '../checkout/pricing.ts'
import type { CheckoutConfigService } from '../checkout/service.ts'
import type { ServerEvent } from '../insights/service.ts'
import type { AuthorizationOutcome, PaymentService } from '../payments/service.ts'
import { AUTHORIZATION_LEASE_MS } from '../payments/service.ts'
import { type CheckoutKey, priceLines, type Reservation, reserve } from './checkout-reserve.ts'
import { settle } from './checkout-settle.ts'
import type { CheckoutBody, CheckoutResultView, QuoteBody, QuoteView } from './schemas.ts'
import type { OrderService } from './service.ts'
import * as store from './store.ts'

/**
 * After this long without an answer from the provider (an outage that lasts), the sweep stops asking
 * and releases the reservation. An authorization never captured charges nothing; its hold lapses.
 * Stripe keeps an idempotency key 24 hours, so asking stops before.
 */
export const AUTHORIZATION_GIVE_UP_MS = 23 * 60 * 60_000

/** Test hooks between the steps: a hook that throws is a process dying there (no database mocks). */
export interface CheckoutHooks {
  afterReserve?: (orderId: string) => void | Promise<void>
  afterAuthorize?: (orderId: string) => void | Promise<void>
}

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
  /** Records the server's own `order_placed` analytics event, in the settle transaction. */
  recordEvent: (trx: Db, event: ServerEvent) => Promise<void>
  hooks?: CheckoutHooks
  log?: Pick<FastifyBaseLogger, 'warn'>
  now?: () => number
}

export function createCheckoutService(deps: CheckoutDeps) {
  const { db, checkoutConfig, payments } = deps
  const now = deps.now ?? Date.now
  const hooks = deps.hooks ?? {}
  return { placeOrder, resumeStale, quote }

  /** `key`: the request's Idempotency-Key, claimed by reserve's writes and recorded on the order (see reserve). */
  async function placeOrder(
    actor: Actor,
    cartToken: string | undefined,
    input: CheckoutBody,
    key: CheckoutKey = {},
  ): Promise<CheckoutResultView> {
    if (Boolean(input.shippingAddress) === Boolean(input.addressId)) {
      throw invalid('address-required', 'Give either shippingAddress or addressId')
    }
    const reservation = await reserve(deps, actor, cartToken, input, now(), key)
    if (reservation.answer) return reservation.answer
    await hooks.afterReserve?.(reservation.order.id)
    const context = { anonymousId: input.anonymousId, claim: key.claim }
    if (!reservation.payment) return settle(deps, reservation, { kind: 'free' }, context)
    const outcome = await payments.askProvider(reservation.payment, input.payment.token)
    await hooks.afterAuthorize?.(reservation.order.id)
    if (outcome.kind === 'unknown') throw providerUnanswered(outcome.error)
    return settle(deps, reservation, outcome, context)
  }

  /**
   * The sweep: payments left `authorizing` for AUTHORIZATION_LEASE_MS (a checkout that stopped between
   * its steps, or whose provider did not answer) are leased one node each, the provider is asked again
   * with the same key (without the card: an authorization it never saw is refused), and the answer is
   * settled as the request would have. Still no answer: asked again next time, until
   * AUTHORIZATION_GIVE_UP_MS, then released. Runs on an interval in every node.
   */
  async function resumeStale(
    at: number,
    minAgeMs = AUTHORIZATION_LEASE_MS,
  ): Promise<{ settled: number; pending: number }> {
    let settled = 0
    let pending = 0
    for (const payment of await payments.leaseStaleAuthorizations(at, minAgeMs)) {
      const order = payment.order_id ? await store.findOrder(db, payment.order_id) : undefined
      let outcome: AuthorizationOutcome = await payments.askProvider(payment)
      if (outcome.kind === 'unknown') {
        if (at - payment.createdAt < AUTHORIZATION_GIVE_UP_MS) {
          deps.log?.warn(
            { err: outcome.error, paymentId: payment.id },
            'authorization still unanswered; asked again later',
          )
          pending++
          continue
        }
        const unresolved = {
          status: 'failed',
          reference: null,
          failureCode: 'authorization_unresolved',
          card: null,
        } as const
        outcome = { kind: 'answered', result: unresolved }
      }
      const reservation: Reservation = { order: order!, payment, resumed: true }
      try {
        if (order) await settle(deps, reservation, outcome)
        else await db.transaction().execute((trx) => payments.settleAuthorization(trx, payment, outcome))
      } catch (error) {
        if (!isAppError(error)) throw error // a decline's problem is the request's answer; released here
      }
      settled++
    }
    return { settled, pending }
  }

  /**
   * What the cart would cost to each destination's shipping options, with tax and the discount:
   * the same rules as placeOrder, read-only (nothing reserved or redeemed).
   */
  async function quote(actor: Actor, cartToken: string | undefined, input: QuoteBody): Promise<QuoteView> {
    const { cart, lines } = await deps.carts.openForCheckout(db, actor, input.cartId, cartToken)
    const destination = { country: input.country, region: input.region ?? null }
    const priced = priceLines(lines)
    const subtotal = priced.reduce((sum, p) => sum + p.variant.price * p.quantity, 0)
    const weight = priced.reduce((sum, p) => sum + p.variant.weightGrams * p.quantity, 0)
    let discount: DiscountCode | null = null
    if (input.discountCode) {
      discount = (await checkoutConfig.findDiscount(db, input.discountCode.trim())) ?? null
      if (!discount) throw invalid('discount-code-unknown', `No discount code "${input.discountCode}"`)
      checkDiscount(discount, { subtotal, currency: cart.currency, now: now() })
    }
    const { methods, taxRates } = await checkoutConfig.ratesTo(db, destination.country)
    const rateBp = taxRateFor(taxRates, destination)
    const options = quoteShipping(methods, destination, {
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
}

/** 503: the provider did not answer; the reservation holds until a retry or the sweep learns the outcome. */
function providerUnanswered(error: unknown) {
  return Object.assign(
    unavailable(
      'payment-provider-error',
      'The payment provider did not answer; retry the same checkout (it resumes, and never pays twice)',
    ),
    { cause: error },
  )
}

export type CheckoutService = ReturnType<typeof createCheckoutService>
