/**
 * Payments: authorize (inside the checkout's transaction), capture, refund, and provider webhooks.
 * Money moves by conditional statements: a capture claims an authorized payment, a refund reserves
 * its amount only while the refunded total stays within the captured total; a provider failure
 * gives the claim or reservation back. The provider call happens between the two, outside any
 * long-held lock.
 */
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { conflict, invalid, notFound, unavailable } from '../../platform/errors.ts'
import { cardProblems } from './cards.ts'
import type { AuthorizeResult, PaymentProvider } from './provider.ts'
import type { PaymentView } from './schemas.ts'
import * as store from './store.ts'

export const paymentProblems = {
  ...cardProblems,
  'card-token-invalid': {
    title: 'Invalid card token',
    description: 'The card token is unknown, expired or already used; tokenize the card again.',
  },
  'payment-not-found': { title: 'Payment not found', description: 'No payment has this id.' },
  'payment-declined': {
    title: 'Payment declined',
    description: 'The provider declined the payment; `failureCode` says why (card_declined, insufficient_funds).',
  },
  'payment-not-capturable': {
    title: 'Payment not capturable',
    description: 'Only an authorized payment can be captured, once, for at most the authorized amount.',
  },
  'refund-exceeds-captured': {
    title: 'Refund exceeds captured amount',
    description: 'Refunds of a payment can never add up to more than was captured; `refundable` says what is left.',
  },
  'payment-provider-error': {
    title: 'Payment provider unavailable',
    description: 'The payment provider did not complete the operation; nothing changed, retry later.',
  },
  'webhook-signature-invalid': {
    title: 'Invalid webhook signature',
    description: 'The webhook body is not signed with the configured secret.',
  },
}

export interface AuthorizeRequest {
  amount: number
  currency: string
  /** Test provider: a card token. */
  paymentMethod?: string
  customerId?: string | null
  orderId?: string | null
}

/** A payment as returned to the caller; `clientSecret` (Stripe) only on the authorize result, never stored. */
export type AuthorizedPayment = PaymentView & { clientSecret: string | null }

const STATUS_OF: Record<AuthorizeResult['status'], string> = {
  authorized: 'authorized',
  requires_action: 'requires_action',
  failed: 'failed',
}

/**
 * Told, inside the webhook's transaction, when a provider event changed a payment (the orders module
 * marks a pending order paid, or cancels it). A list the caller may fill after construction.
 */
export type PaymentListener = (
  trx: Db,
  payment: { id: string; orderId: string | null; status: string },
) => Promise<void>

export function createPaymentService(deps: {
  db: Db
  provider: PaymentProvider
  listeners?: PaymentListener[]
  now?: () => number
}) {
  const { db, provider } = deps
  const listeners = deps.listeners ?? []
  const now = deps.now ?? Date.now
  return { providerName: provider.name, authorize, capture, refund, get, handleWebhook }

  /**
   * Starts a payment: the provider authorizes (test) or creates an intent the client confirms (Stripe).
   * Pass the checkout's transaction as `trx`; a declined payment is returned with status `failed`
   * (the caller decides; `requireAuthorized` throws the problem).
   */
  async function authorize(trx: Db, input: AuthorizeRequest): Promise<AuthorizedPayment> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new RangeError('amount must be positive')
    const id = newId('pay')
    const result = await provider.authorize(trx, {
      paymentId: id,
      amount: input.amount,
      currency: input.currency,
      paymentMethod: input.paymentMethod,
    })
    const card = 'card' in result ? result.card : null
    await store.insertPayment(
      trx,
      {
        id,
        provider: provider.name,
        reference: result.reference,
        status: STATUS_OF[result.status],
        currency: input.currency,
        amount: input.amount,
        amount_captured: 0,
        amount_refunded: 0,
        customer_id: input.customerId ?? null,
        order_id: input.orderId ?? null,
        card_brand: card?.brand ?? null,
        card_last4: card?.last4 ?? null,
        failure_code:
          result.status === 'failed' ? result.failureCode : result.status === 'requires_action' ? result.reason : null,
      },
      now(),
    )
    if (result.status === 'authorized') await record(trx, id, 'authorize', input.amount, result.reference)
    const payment = await view(trx, id)
    return { ...payment, clientSecret: result.status === 'requires_action' ? result.clientSecret : null }
  }

  /** Captures an authorized payment, by default its whole amount. */
  async function capture(id: string, amount?: number): Promise<PaymentView> {
    const payment = await find(id)
    const value = amount ?? payment.amount
    if (!(await store.claimCapture(db, id, value, now()))) {
      throw conflict('payment-not-capturable', `A ${payment.status} payment cannot be captured for ${value}`, {
        status: payment.status,
        amount: payment.amount,
      })
    }
    try {
      await provider.capture(payment.reference ?? '', value, `capture-${id}`)
    } catch (error) {
      await store.moveStatus(db, id, ['capturing'], 'authorized', now())
      throw providerError(error)
    }
    await db.transaction().execute(async (trx) => {
      await store.moveStatus(trx, id, ['capturing'], 'captured', now(), { amount_captured: value })
      await record(trx, id, 'capture', value, payment.reference)
    })
    return view(db, id)
  }

  /** Refunds part or all of what was captured; refunds never add up to more, even when concurrent. */
  async function refund(id: string, amount: number): Promise<PaymentView> {
    const payment = await find(id)
    if (!(await store.reserveRefund(db, id, amount, now()))) {
      const current = await find(id)
      const refundable = current.amount_captured - current.amount_refunded
      throw conflict('refund-exceeds-captured', `At most ${refundable} of this payment can be refunded`, {
        refundable,
      })
    }
    const refundId = newId('rfd')
    let reference: string
    try {
      reference = (await provider.refund(payment.reference ?? '', amount, refundId)).reference
    } catch (error) {
      await store.releaseRefund(db, id, amount, now())
      throw providerError(error)
    }
    await record(db, id, 'refund', amount, reference)
    return view(db, id)
  }

  async function get(id: string): Promise<PaymentView> {
    await find(id)
    return view(db, id)
  }

  /** Applies a verified provider event once (deliveries are retried; the event id deduplicates). */
  async function handleWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>) {
    const event = provider.parseWebhook(rawBody, headers)
    if (event.effect === 'ignored' || !event.reference) return { received: true }
    const reference = event.reference
    await db.transaction().execute(async (trx) => {
      const fresh = await store.recordWebhookEvent(trx, {
        provider: provider.name,
        event_id: event.id,
        type: event.type,
        received_at: now(),
      })
      if (!fresh) return
      const payment = await store.findPaymentByReference(trx, provider.name, reference)
      if (!payment) return
      const at = now()
      switch (event.effect) {
        case 'authorized':
          if (await store.moveStatus(trx, payment.id, ['requires_action'], 'authorized', at, { failure_code: null })) {
            await record(trx, payment.id, 'authorize', event.amount ?? payment.amount, reference)
          }
          break
        case 'captured': {
          const captured = Math.min(event.amount ?? payment.amount, payment.amount)
          const moved = await store.moveStatus(trx, payment.id, ['requires_action', 'authorized'], 'captured', at, {
            amount_captured: captured,
          })
          if (moved) await record(trx, payment.id, 'capture', captured, reference)
          break
        }
        case 'failed':
          await store.moveStatus(trx, payment.id, ['requires_action'], 'failed', at, {
            failure_code: event.failureCode,
          })
          break
        case 'canceled':
          await store.moveStatus(trx, payment.id, ['requires_action', 'authorized'], 'canceled', at)
          break
      }
      const after = await store.findPayment(trx, payment.id)
      if (after && after.status !== payment.status) {
        for (const listener of listeners) {
          await listener(trx, { id: after.id, orderId: after.order_id, status: after.status })
        }
      }
    })
    return { received: true }
  }

  async function find(id: string) {
    const payment = await store.findPayment(db, id)
    if (!payment) throw notFound('payment-not-found', 'No such payment')
    return payment
  }

  async function record(trx: Db, paymentId: string, kind: string, amount: number, reference: string | null) {
    await store.insertTransaction(trx, {
      id: newId('ptx'),
      payment_id: paymentId,
      kind,
      amount,
      reference,
      created_at: now(),
    })
  }
}

export type PaymentService = ReturnType<typeof createPaymentService>

/** Throws `payment-declined` (422) unless the payment is authorized; for the checkout to call. */
export function requireAuthorized(payment: PaymentView): void {
  if (payment.status !== 'authorized') {
    throw invalid('payment-declined', 'The payment was not authorized', { failureCode: payment.failureCode })
  }
}

async function view(db: Db, id: string): Promise<PaymentView> {
  const p = await store.findPayment(db, id)
  if (!p) throw notFound('payment-not-found', 'No such payment')
  const transactions = await store.listTransactions(db, id)
  return {
    id: p.id,
    provider: p.provider,
    status: p.status,
    currency: p.currency,
    amount: p.amount,
    amountCaptured: p.amount_captured,
    amountRefunded: p.amount_refunded,
    refundable: p.amount_captured - p.amount_refunded,
    card: p.card_brand && p.card_last4 ? { brand: p.card_brand, last4: p.card_last4 } : null,
    failureCode: p.failure_code,
    orderId: p.order_id,
    transactions,
  }
}

function providerError(error: unknown) {
  return Object.assign(unavailable('payment-provider-error', 'The payment provider did not complete the operation'), {
    cause: error,
  })
}
