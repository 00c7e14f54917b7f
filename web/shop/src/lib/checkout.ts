/**
 * Placing an order. The card goes ONLY to the test processor's tokenisation (POST /payments/test/cards)
 * and is never stored; the checkout itself carries the single-use token. Each "Place order" is one
 * action with one Idempotency-Key; when its outcome is unknown (network failure, 5xx) the same request
 * (same key, same token) is what a retry sends, so the shopper cannot order twice.
 */
import { api, ProblemError, type Schemas, unwrap } from '../../../shared/api.ts'
import { anonymousId } from './analytics.ts'
import { cartHeaders, type StoredCart } from './cart.ts'

export type Address = Schemas['AddressBody']
export type CheckoutResult = Schemas['CheckoutResultView']

export interface Card {
  cardNumber: string
  expMonth: number
  expYear: number
  cvc: string
  cardHolder: string
}

export interface OrderInput {
  email: string
  shippingAddress: Address
  shippingMethodId: string
}

/** An attempt whose answer never came: sent again as it was. */
interface Pending {
  key: string
  token: string
  input: string
}

export function createCheckout() {
  let pending: Pending | undefined

  /** Tokenises the card (unless retrying an unanswered attempt) and places the order. */
  async function placeOrder(cart: StoredCart, input: OrderInput, card: Card): Promise<CheckoutResult> {
    const signature = JSON.stringify([cart.id, input])
    if (!pending || pending.input !== signature) {
      const { token } = await unwrap(api.POST('/payments/test/cards', { body: card }))
      pending = { key: crypto.randomUUID(), token, input: signature }
    }
    const attempt = pending
    try {
      const result = await unwrap(
        api.POST('/checkout', {
          params: { header: { ...cartHeaders(cart), 'idempotency-key': attempt.key } },
          body: { cartId: cart.id, ...input, anonymousId: anonymousId(), payment: { token: attempt.token } },
        }),
      )
      pending = undefined
      return result
    } catch (error) {
      // A refusal (4xx, a decline among them) is final: the next try is a new action with a new card token.
      if (error instanceof ProblemError && error.status < 500) pending = undefined
      throw error
    }
  }

  return { placeOrder, hasPending: () => pending !== undefined }
}

export function isDecline(error: unknown): error is ProblemError {
  return error instanceof ProblemError && (error.code === 'payment-declined' || error.code === 'card-token-invalid')
}

/** A decline's reason in the shopper's words. */
export function declineMessage(error: ProblemError): string {
  const reason = error.problem.failureCode
  if (reason === 'insufficient_funds') return 'Your card was declined: insufficient funds.'
  if (reason === 'card_declined') return 'Your card was declined by the bank.'
  return `Your card was declined${typeof reason === 'string' ? ` (${reason})` : ''}.`
}
