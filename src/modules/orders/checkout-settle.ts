/**
 * Checkout step 3, "settle": one short transaction that records what the provider answered (step 2)
 * and moves the order on. The payment is settled first with a conditional `authorizing → …` update
 * (payment before order, the lock order of a provider webhook), so of the request and the sweep
 * settling one payment at once exactly one applies; the other answers what it recorded.
 * - authorized (or nothing to pay): the order becomes `paid`, as it always has, and the `order_placed`
 *   event, `order.placed` and `order.paid` (confirmation mail, webhooks) go out in this transaction;
 * - requires action (Stripe, 3-D Secure): the order stays `pending` for the client to confirm;
 * - declined or refused: stock and discount go back, the order is cancelled, the cart reopens, and the
 *   caller gets the problem a decline always gave (422 `payment-declined`, or the refusal's own).
 */
import type { Db } from '../../platform/db/types.ts'
import { batchedTransaction, flushLater } from '../../platform/db/write-batch.ts'
import { type AppError, invalid } from '../../platform/errors.ts'
import type { DeferredClaim } from '../../platform/http/idempotency.ts'
import { transition } from '../checkout/order-state.ts'
import type { AuthorizationOutcome, SettledAuthorization } from '../payments/service.ts'
import type { CheckoutDeps } from './checkout.ts'
import type { Reservation } from './checkout-reserve.ts'
import type { CheckoutResultView } from './schemas.ts'
import * as store from './store.ts'

/** What step 3 records: the provider's answer, or that there was nothing to pay. */
export type SettleOutcome = Exclude<AuthorizationOutcome, { kind: 'unknown' }> | { kind: 'free' }

/** Refusals a provider gives as their own problem (the test provider's card tokens). */
const REFUSALS: Record<string, string> = {
  'card-token-invalid': 'The card token is unknown, expired or already used',
}

/**
 * Step 3. Returns the checkout's answer, or throws the decline's problem after the release commits.
 * `anonymousId`: the client's analytics id (absent when the sweep settles). `optimistic`: an
 * authorization is recorded as if it applies (payments.settleAuthorizationLater, one round trip
 * fewer); when it did not, all of it rolls back and settle runs again without, to answer what the
 * other side recorded. `claim`: the request's Idempotency-Key, held; the answer is stored on it by the
 * step's batch (`replyLater`) instead of a statement of its own after the handler.
 */
export async function settle(
  deps: CheckoutDeps,
  reservation: Reservation,
  outcome: SettleOutcome,
  context: { anonymousId?: string; claim?: DeferredClaim } = {},
  optimistic = true,
): Promise<CheckoutResultView> {
  const { db, payments } = deps
  const at = (deps.now ?? Date.now)()
  let recordedAhead = false
  const answer = await batchedTransaction(db, async (trx) => {
    let payment: SettledAuthorization | null = null
    // An authorization (the common answer) is recorded with the batch's one statement, as if it
    // applies; whether it did is known after the flush (below).
    let applied: Promise<boolean> | undefined
    if (reservation.payment) {
      if (outcome.kind === 'free') throw new Error('a payment needs the provider answer to settle')
      if (optimistic && outcome.kind === 'answered' && outcome.result.status === 'authorized') {
        recordedAhead = true
        ;({ settled: payment, applied } = await payments.settleAuthorizationLater(trx, reservation.payment, outcome))
      } else {
        payment = await payments.settleAuthorization(trx, reservation.payment, outcome)
        if (!payment.applied) return answerSettledElsewhere(deps, trx, reservation.order.id, payment)
        if (payment.status === 'failed') {
          await release(deps, trx, reservation, at)
          return { problem: outcome.kind === 'refused' ? outcome.problem : declined(payment.failureCode) }
        }
      }
    }
    let order = reservation.order
    const written = reservation.written
    const history = written ? [...written.history] : []
    let moved: (() => Promise<void>) | undefined
    if (payment === null || payment.status === 'authorized') {
      const next = transition('pending', 'pay')
      moved = await move(trx, reservation, next, 'pay', at)
      order = { ...order, status: next, updated_at: at }
      history.push({ from_status: 'pending', to_status: next, event: 'pay', amount: null, at })
    }
    // The payment's state is the one recorded with this step's batch (not sent yet: a resumed order's
    // view would read the payment still `authorizing`).
    const paymentStatus = payment?.status ?? 'none'
    const view = await deps.orders.view(
      trx,
      order,
      written ? { ...written, history, paymentStatus } : { paymentStatus },
    )
    await deps.recordEvent(trx, {
      type: 'order_placed',
      anonymousId: context.anonymousId ?? order.id.replace(/^ord_/, 'order_'),
      occurredAt: at,
      properties: { orderId: order.id, currency: view.currency, total: view.total },
      customerId: view.customerId,
    })
    await deps.orders.emit(trx, 'order.placed', view)
    if (view.status === 'paid') await deps.orders.emit(trx, 'order.paid', view)
    const paid = payment ?? { id: null, status: 'none', clientSecret: null }
    const result = { order: view, payment: { id: paid.id, status: paid.status, clientSecret: paid.clientSecret } }
    // The answer is stored on the Idempotency-Key with the rest (when this request still owns it).
    const stored = context.claim?.replyLater(trx, result)
    // The payment's and the order's moves go with the inserts, as one statement that fails (writes
    // nothing) when either matched nothing (write-batch.ts `mustMatch`): nothing below refuses but them.
    await flushLater(trx, { last: true })
    // Someone else (the sweep, a provider webhook) settled the payment first: nothing of this was
    // written, and the answer is what they recorded.
    if (applied && !(await applied)) throw new SettledElsewhere() // rolls all of it back
    // The key was taken over (this request outlived its lease): written again without the reply.
    if (stored && (await stored).length === 0) throw new KeyLost()
    await moved?.()
    return { result, stored: stored !== undefined }
  }).catch((error: unknown) => {
    if (error instanceof KeyLost) return KEY_LOST
    // Rolled back. Settled elsewhere, the order's history entry also clashes with the one the other
    // side wrote (a unique-key error, on PostgreSQL before `applied` is known): either way, settle
    // again the ordinary way, which answers what was recorded (or fails again, for another cause).
    if (error instanceof SettledElsewhere || recordedAhead) return SETTLED_ELSEWHERE
    throw error
  })
  // Again without the reply (the platform stores it, as for any answer, if the key is still ours).
  const again = { anonymousId: context.anonymousId }
  if ('keyLost' in answer) return settle(deps, reservation, outcome, again, optimistic)
  if ('settledElsewhere' in answer) return settle(deps, reservation, outcome, again, false)
  if ('problem' in answer) throw answer.problem
  if ('stored' in answer && answer.stored) context.claim?.replyCommitted()
  return answer.result
}

/** Thrown to roll back an optimistic settle whose payment someone else had settled first. */
class SettledElsewhere extends Error {}
const SETTLED_ELSEWHERE = { settledElsewhere: true } as const
/** Thrown to roll back a settle whose stored reply found the Idempotency-Key no longer this request's. */
class KeyLost extends Error {}
const KEY_LOST = { keyLost: true } as const

/**
 * Gives back what the reservation held, in the caller's transaction: each line's stock, the discount
 * use, and the cart (open again); the order is cancelled.
 */
async function release(deps: CheckoutDeps, trx: Db, reservation: Reservation, at: number): Promise<void> {
  const { order } = reservation
  for (const line of reservation.written?.lines ?? (await store.listLines(trx, order.id))) {
    await deps.catalog.releaseStock(trx, line.variant_id, Number(line.quantity))
  }
  if (order.discount_code !== null) await deps.checkoutConfig.releaseDiscount(trx, order.id)
  const moved = await move(trx, reservation, transition('pending', 'cancel'), 'cancel', at)
  await flushLater(trx)
  await moved()
  if (order.cart_id !== null) await deps.carts.reopen(trx, order.cart_id)
}

/**
 * Moves the pending order on and adds its history entry, with the transaction's batch (write-batch.ts).
 * Returns the check to await after the caller's `flushLater`: it throws when the order had left
 * `pending`.
 */
async function move(trx: Db, reservation: Reservation, to: store.OrderTable['status'], event: string, at: number) {
  const { order, written } = reservation
  const moved = store.movePending(trx, order.id, to, at)
  moved.catch(() => {}) // awaited after the flush; a failed flush throws there, not as an unhandled rejection
  const entry = { order_id: order.id, from_status: 'pending', to_status: to, event, actor: null, at } as const
  // Nothing can have added to the history of a pending order with its payment authorizing either: the
  // entry after the ones this request wrote is the next one.
  if (written) await store.insertHistory(trx, { ...entry, seq: written.history.length + 1 })
  else await store.appendHistory(trx, entry)
  // Nothing else moves a pending order whose payment is authorizing (a cancel is refused while the
  // payment is `authorizing`), and only the settle that applied gets here: losing is a bug.
  return async () => {
    if (!(await moved)) throw new Error(`order ${order.id} left pending while its payment was settled`)
  }
}

/** The request and the sweep raced and the other settled first: answer what it recorded. */
async function answerSettledElsewhere(
  deps: CheckoutDeps,
  trx: Db,
  orderId: string,
  payment: SettledAuthorization,
): Promise<{ result: CheckoutResultView } | { problem: AppError }> {
  const order = await store.findOrder(trx, orderId)
  if (!order) throw new Error(`order ${orderId} of payment ${payment.id} is gone`)
  if (payment.status === 'failed') return { problem: declined(payment.failureCode) }
  return {
    result: {
      order: await deps.orders.view(trx, order),
      payment: { id: payment.id, status: payment.status, clientSecret: null },
    },
  }
}

/** The problem a declined payment answers with, as the one-transaction checkout gave it. */
export function declined(failureCode: string | null): AppError {
  if (failureCode !== null && REFUSALS[failureCode]) return invalid(failureCode, REFUSALS[failureCode])
  return invalid('payment-declined', 'The payment was not authorized', { failureCode })
}
