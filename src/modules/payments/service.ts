/**
 * Payments: authorize (in three steps, so no transaction is open while the provider answers), capture,
 * refund, void, and provider webhooks. An authorization is written `authorizing` in the checkout's
 * reserve transaction (`begin`), asked of the provider outside any transaction with an idempotency key
 * derived from the payment id (`askProvider`), and recorded in the settle transaction
 * (`settleAuthorization`); the checkout sweep asks again about those left `authorizing`.
 * Money moves by conditional statements: a capture claims an authorized payment, a refund reserves
 * its amount only while the refunded total stays within the captured total; a provider failure
 * gives the claim or reservation back. The provider call happens between the two, outside any
 * long-held lock. A void is claimed inside the cancelling order's transaction and is never given
 * back: the order is cancelled whatever the provider says, so a failed void stays pending
 * (`voiding`) and `retryVoids` makes it until it succeeds. A refund's reservation is written with a
 * `payment_refund` row whose id is the provider's idempotency key; one left pending (a process that
 * stopped, a ledger write that failed) is completed by `retryRefunds` with that same key.
 */
import type { FastifyBaseLogger } from 'fastify'
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { type AppError, conflict, invalid, isAppError, notFound, unavailable } from '../../platform/errors.ts'
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
    description:
      'Only an authorized payment can be captured, once, for at most the authorized amount (not one still `authorizing` at checkout).',
  },
  'payment-not-voidable': {
    title: 'Payment not voidable',
    description:
      'A payment being captured (or captured while the cancel ran), or still being authorized at checkout (`authorizing`), cannot be voided: the money is moving. Retry the cancel once that is done (a captured one is then refunded), or refund it; `paymentStatus` says where it is.',
  },
  'refund-exceeds-captured': {
    title: 'Refund exceeds captured amount',
    description: 'Refunds of a payment can never add up to more than was captured; `refundable` says what is left.',
  },
  'refund-in-progress': {
    title: 'Refund in progress',
    description:
      'Another refund of this payment is still at the provider (it may yet fail and be given back), so what is left to refund is not known yet; retry shortly.',
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

/**
 * How long a pending void is retried. An uncaptured card authorization lapses after about seven days
 * (Stripe: 7 for online card payments), after which there is no hold left to release.
 */
export const VOID_RETRY_WINDOW_MS = 8 * 24 * 60 * 60_000

/** How long the request's own provider call has before the retry sweep may take its refund (its lease). */
export const REFUND_LEASE_MS = 60_000

/**
 * How long a pending refund is retried after it was reserved. Stripe keeps an idempotency key for 24
 * hours; a retry after that could refund a second time, so retries stop an hour before. A refund
 * still pending then stays `pending` with its reservation (the payment's `refunds` show it, and a
 * cancel answers `refund-in-progress`) until staff reconcile it with the provider.
 */
export const REFUND_RETRY_WINDOW_MS = 23 * 60 * 60_000

/** The wait before retry `attempts + 1` of a refund: a minute, doubling, at most an hour. */
export function refundBackoffMs(attempts: number): number {
  return Math.min(REFUND_LEASE_MS * 2 ** Math.max(0, attempts - 1), 60 * 60_000)
}

/** Statuses with no money held at the provider, or whose hold is already being released. */
const NOTHING_HELD = new Set(['failed', 'canceled', 'voiding', 'voided'])

/** How long a checkout's own provider call has before the checkout sweep may ask again in its place. */
export const AUTHORIZATION_LEASE_MS = 2 * 60_000

/** The idempotency key of a payment's authorization: every ask about it is the same request. */
export function authorizationKey(paymentId: string): string {
  return `authorize-${paymentId}`
}

/** What asking the provider about an authorization gave. */
export type AuthorizationOutcome =
  /** The provider answered (authorized, requires action, or declined). */
  | { kind: 'answered'; result: AuthorizeResult }
  /** A definite refusal before anything was held (the test provider's unknown or used card token). */
  | { kind: 'refused'; problem: AppError }
  /** No answer (outage, timeout): the outcome is unknown until the provider is asked again with the key. */
  | { kind: 'unknown'; error: unknown }

/** A settled authorization, as the checkout answers it. */
export interface SettledAuthorization {
  /** False when someone else (the request or the checkout sweep) had recorded the answer first. */
  applied: boolean
  id: string
  status: string
  failureCode: string | null
  /** Stripe: for the client to confirm; only on the answer that settled it, never stored. */
  clientSecret: string | null
}

/**
 * Told, inside the webhook's transaction, when a provider event changed a payment (the orders module
 * marks a pending order paid, or cancels it). A list the caller may fill after construction.
 */
export type PaymentListener = (
  trx: Db,
  payment: { id: string; orderId: string | null; status: string },
) => Promise<void>

/**
 * Told, inside the transaction that writes the ledger entry, whenever money moves (a capture, a
 * refund, a void), whichever route, sweep or provider webhook moved it: the one place the orders
 * module learns about money, so the order, the ledger and the reports cannot disagree.
 */
export type MoneyListener = (trx: Db, movement: MoneyMovement) => Promise<void>
export interface MoneyMovement {
  paymentId: string
  orderId: string | null
  kind: 'capture' | 'refund' | 'void'
  amount: number
  /** Who moved it (a user or API key id), or `system` (a sweep, a provider webhook). */
  actor: string
}

/** The actor recorded for movements the server makes by itself (retry sweeps, provider webhooks). */
const SYSTEM_ACTOR = 'system'

export function createPaymentService(deps: {
  db: Db
  provider: PaymentProvider
  listeners?: PaymentListener[]
  /** Told of every ledger entry that moves money (capture, refund, void); a list the caller may fill later. */
  moneyListeners?: MoneyListener[]
  /** Where a failed void is reported (it stays pending and is retried); silent when absent. */
  log?: Pick<FastifyBaseLogger, 'warn'>
  now?: () => number
}) {
  const { db, provider, log } = deps
  const listeners = deps.listeners ?? []
  const moneyListeners = deps.moneyListeners ?? []
  const now = deps.now ?? Date.now
  return {
    providerName: provider.name,
    statusOf,
    begin,
    askProvider,
    settleAuthorization,
    settleAuthorizationLater,
    leaseStaleAuthorizations,
    authorize,
    capture,
    refund,
    refundRest,
    claimVoid,
    settleVoid,
    retryVoids,
    retryRefunds,
    get,
    handleWebhook,
  }

  /**
   * Step 1 of an authorization, in the caller's (the checkout's reserve) transaction: the payment row,
   * `authorizing`. Nothing is asked of the provider yet.
   */
  async function begin(trx: Db, input: AuthorizeRequest & { id?: string }): Promise<string> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new RangeError('amount must be positive')
    const id = input.id ?? newId('pay')
    await store.insertPayment(
      trx,
      {
        id,
        provider: provider.name,
        reference: null,
        status: 'authorizing',
        currency: input.currency,
        amount: input.amount,
        amount_captured: 0,
        amount_refunded: 0,
        customer_id: input.customerId ?? null,
        order_id: input.orderId ?? null,
        card_brand: null,
        card_last4: null,
        failure_code: null,
      },
      now(),
    )
    return id
  }

  /**
   * Step 2, outside any transaction: asks the provider, with the payment's idempotency key, so asking
   * again (a retry, the sweep, without the card) is the same authorization and never a second one.
   */
  async function askProvider(
    payment: { id: string; amount: number; currency: string },
    paymentMethod?: string,
  ): Promise<AuthorizationOutcome> {
    try {
      const result = await provider.authorize({
        paymentId: payment.id,
        idempotencyKey: authorizationKey(payment.id),
        amount: payment.amount,
        currency: payment.currency,
        paymentMethod,
      })
      return { kind: 'answered', result }
    } catch (error) {
      if (isAppError(error)) return { kind: 'refused', problem: error }
      return { kind: 'unknown', error }
    }
  }

  /**
   * Step 3, in the caller's (the checkout's settle) transaction: records the answer on a payment still
   * `authorizing` (with its ledger entry when authorized). When someone else recorded it first, returns
   * what they recorded.
   */
  async function settleAuthorization(
    trx: Db,
    payment: { id: string; amount: number },
    outcome: Exclude<AuthorizationOutcome, { kind: 'unknown' }>,
  ): Promise<SettledAuthorization> {
    const { id } = payment
    const answer = settledBy(outcome)
    const applied = await store.settleAuthorizing(trx, id, answer.status, now(), answer.fields)
    if (!applied) {
      const current = await store.findPayment(trx, id)
      if (!current) throw notFound('payment-not-found', 'No such payment')
      return { applied: false, id, status: current.status, failureCode: current.failure_code, clientSecret: null }
    }
    if (answer.status === 'authorized') await record(trx, id, 'authorize', payment.amount, answer.fields.reference)
    return answer.settled(id)
  }

  /**
   * `settleAuthorization` inside a batched transaction (write-batch.ts), for the checkout's settle step:
   * the payment's conditional update goes with the batch's one statement instead of a round trip of its
   * own, so `settled` is what it records if it applies. Await `applied` after `flushLater`; false means
   * the payment had already left `authorizing` (the sweep or a provider webhook settled it first): the
   * caller must throw to roll back everything it wrote meanwhile, then ask `settleAuthorization`,
   * which answers what was recorded.
   */
  async function settleAuthorizationLater(
    trx: Db,
    payment: { id: string; amount: number },
    outcome: Exclude<AuthorizationOutcome, { kind: 'unknown' }>,
  ): Promise<{ settled: SettledAuthorization; applied: Promise<boolean> }> {
    const { id } = payment
    const answer = settledBy(outcome)
    const applied = store.settleAuthorizingLater(trx, id, answer.status, now(), answer.fields)
    if (answer.status === 'authorized') await record(trx, id, 'authorize', payment.amount, answer.fields.reference)
    return { settled: answer.settled(id), applied }
  }

  /** What a provider's answer records on the payment. */
  function settledBy(outcome: Exclude<AuthorizationOutcome, { kind: 'unknown' }>) {
    const result = outcome.kind === 'answered' ? outcome.result : null
    const card = result && 'card' in result ? result.card : null
    const status = result?.status ?? 'failed'
    const failureCode =
      result === null
        ? outcome.kind === 'refused'
          ? outcome.problem.code
          : null
        : result.status === 'failed'
          ? result.failureCode
          : result.status === 'requires_action'
            ? result.reason
            : null
    const fields = {
      reference: result?.reference ?? null,
      card_brand: card?.brand ?? null,
      card_last4: card?.last4 ?? null,
      failure_code: failureCode,
    }
    const settled = (id: string): SettledAuthorization => ({
      applied: true,
      id,
      status,
      failureCode,
      clientSecret: result?.status === 'requires_action' ? result.clientSecret : null,
    })
    return { status, fields, settled }
  }

  /**
   * Payments left `authorizing` for longer than `minAgeMs` (a checkout that stopped between its steps,
   * or whose provider never answered), each leased to this node (a conditional update of `updated_at`,
   * which also starts the next lease), for the checkout sweep to ask again and settle.
   */
  async function leaseStaleAuthorizations(at: number, minAgeMs = AUTHORIZATION_LEASE_MS, batch = 50) {
    const leased: (store.PaymentRow & { createdAt: number })[] = []
    for (const { id, updatedAt, createdAt } of await store.listStaleAuthorizing(db, at - minAgeMs, batch)) {
      if (!(await store.leaseAuthorizing(db, id, Number(updatedAt), at))) continue
      const row = await store.findPayment(db, id)
      if (row) leased.push({ ...row, createdAt: Number(createdAt) })
    }
    return leased
  }

  /**
   * All three steps at once, for callers without a checkout (tests, tools): a declined payment is
   * returned `failed`; a refusal throws its problem, no answer throws `payment-provider-error`.
   */
  async function authorize(trx: Db, input: AuthorizeRequest): Promise<AuthorizedPayment> {
    const id = await begin(trx, input)
    const outcome = await askProvider({ id, amount: input.amount, currency: input.currency }, input.paymentMethod)
    if (outcome.kind === 'unknown') throw providerError(outcome.error)
    const settled = await settleAuthorization(trx, { id, amount: input.amount }, outcome)
    if (outcome.kind === 'refused') throw outcome.problem
    return { ...(await view(trx, id)), clientSecret: settled.clientSecret }
  }

  /** Captures an authorized payment, by default its whole amount; `actor` is who asked. */
  async function capture(id: string, amount?: number, actor = SYSTEM_ACTOR): Promise<PaymentView> {
    const payment = await find(id)
    const value = amount ?? payment.amount
    if (!(await store.claimCapture(db, id, value, now()))) {
      throw conflict('payment-not-capturable', `A ${payment.status} payment cannot be captured for ${value}`, {
        paymentStatus: payment.status,
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
      await record(trx, id, 'capture', value, payment.reference, actor)
    })
    return view(db, id)
  }

  /** Refunds part or all of what was captured; refunds never add up to more, even when concurrent. */
  async function refund(id: string, amount: number, actor = SYSTEM_ACTOR): Promise<PaymentView> {
    const payment = await find(id)
    const refundId = await reserve(id, amount)
    if (!refundId) {
      const current = await find(id)
      const refundable = current.amount_captured - current.amount_refunded
      throw conflict('refund-exceeds-captured', `At most ${refundable} of this payment can be refunded`, {
        refundable,
      })
    }
    await refundReserved(payment, refundId, amount, actor)
    return view(db, id)
  }

  /**
   * Refunds whatever is still refundable of a captured payment, in one provider call (cancelling a
   * paid order). `refunded` is what this call refunded: 0 when everything was refunded before, and
   * then no provider call is made. Throws `refund-in-progress` (409) while another refund is reserved
   * but still at the provider: it may yet fail and be given back, and the returned `amountRefunded`
   * must count only money that has moved. `payment-provider-error` (503), nothing changed, when the
   * provider fails.
   */
  async function refundRest(id: string, actor = SYSTEM_ACTOR): Promise<{ refunded: number; payment: PaymentView }> {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const payment = await find(id) // before the ledger: a refund reserved in between looks in flight
      if ((await confirmedRefunds(id)) < payment.amount_refunded) throw refundInProgress()
      const refundable = payment.amount_captured - payment.amount_refunded
      if (refundable <= 0) return { refunded: 0, payment: await view(db, id) }
      // Applies only while the refunded total is what was read; otherwise another refund moved
      // since: read again.
      const refundId = await reserve(id, refundable)
      if (!refundId) continue
      await refundReserved(payment, refundId, refundable, actor)
      return { refunded: refundable, payment: await view(db, id) }
    }
    throw refundInProgress()
  }

  async function confirmedRefunds(id: string): Promise<number> {
    return refundedSoFar({ transactions: await store.listTransactions(db, id) })
  }

  /**
   * Reserves a refund of `amount` together with its `payment_refund` row (one transaction); false when
   * the reservation does not apply. Returns the row's id: the provider's idempotency key.
   */
  async function reserve(paymentId: string, amount: number): Promise<string | null> {
    const id = newId('rfd')
    const at = now()
    const reserved = await store.reserveRefundAttempt(
      db,
      { id, payment_id: paymentId, amount, next_attempt_at: at + REFUND_LEASE_MS },
      at,
    )
    return reserved ? id : null
  }

  /**
   * The provider call for a reserved refund: recorded in the ledger, or, when the provider fails, the
   * reservation given back and the attempt marked failed. Anything failing after the provider
   * answered (a database error, a stopped process) leaves the attempt pending for `retryRefunds`.
   */
  async function refundReserved(
    payment: store.PaymentRow,
    refundId: string,
    amount: number,
    actor: string,
  ): Promise<void> {
    let reference: string
    try {
      reference = (await provider.refund(payment.reference ?? '', amount, refundId)).reference
    } catch (error) {
      const released = await db.transaction().execute(async (trx) => {
        if (!(await store.settleRefund(trx, refundId, 'failed', null, now()))) return false
        await store.releaseRefund(trx, payment.id, amount, now())
        return true
      })
      // This call outlived its lease and a retry sweep took the refund: it completed it (done), or it
      // stays pending for the sweep (its call with the same key may have refunded), so not given back.
      if (!released && (await store.findRefund(db, refundId))?.status === 'succeeded') return
      throw providerError(error)
    }
    await completeRefund(payment.id, refundId, amount, reference, actor)
  }

  /** Marks a refund succeeded and writes its ledger entry, in one transaction, once. */
  async function completeRefund(paymentId: string, refundId: string, amount: number, reference: string, actor: string) {
    await db.transaction().execute(async (trx) => {
      if (await store.settleRefund(trx, refundId, 'succeeded', reference, now())) {
        await record(trx, paymentId, 'refund', amount, reference, actor)
      }
    })
  }

  /**
   * Retries refunds left pending past their lease (a process that stopped after reserving, a ledger
   * write that failed after the provider refunded, a provider still failing for the sweep). Runs on
   * an interval in every node: a lease (a conditional update of `next_attempt_at`, which also
   * schedules the next try with `refundBackoffMs`) gives each refund to one node per sweep, and the
   * idempotency key (the row's id) makes the provider answer a repeated call with the same refund.
   * Refunds older than `REFUND_RETRY_WINDOW_MS` are left pending for staff.
   */
  async function retryRefunds(at: number, batch = 50): Promise<{ refunded: number; pending: number }> {
    const due = await store.listDueRefunds(db, at, at - REFUND_RETRY_WINDOW_MS, batch)
    let refunded = 0
    let pending = 0
    for (const { id, attempts, nextAttemptAt } of due) {
      const next = at + refundBackoffMs(Number(attempts))
      if (!(await store.leaseRefund(db, id, Number(nextAttemptAt), next, at))) continue
      const row = await store.findRefund(db, id)
      const payment = row && (await store.findPayment(db, row.payment_id))
      if (!row || !payment) continue
      let reference: string
      try {
        reference = (await provider.refund(payment.reference ?? '', Number(row.amount), id)).reference
      } catch (error) {
        log?.warn(
          { err: error, paymentId: payment.id, refundId: id, attempts: Number(attempts) + 1 },
          'payment refund failed at the provider; it stays pending and is retried',
        )
        pending++
        continue
      }
      await completeRefund(payment.id, id, Number(row.amount), reference, SYSTEM_ACTOR)
      refunded++
    }
    return { refunded, pending }
  }

  /**
   * Claims the void of a payment whose money is only held (`requires_action`, `authorized` →
   * `voiding`), in the caller's transaction; call `settleVoid` after it commits. False when there is
   * nothing to release (failed, canceled, already voided or voiding). Throws `payment-not-voidable`
   * (409) for a capturing or captured payment, so a cancel racing a capture loses instead of both applying.
   */
  async function claimVoid(trx: Db, id: string): Promise<boolean> {
    if (await store.claimVoid(trx, id, now())) return true
    const payment = await store.findPayment(trx, id)
    if (!payment) throw notFound('payment-not-found', 'No such payment')
    if (NOTHING_HELD.has(payment.status)) return false
    throw conflict('payment-not-voidable', `A ${payment.status} payment cannot be voided; refund it instead`, {
      paymentStatus: payment.status,
    })
  }

  /**
   * Voids a claimed payment at the provider and records it (`voiding → voided`, a `void` ledger
   * entry). True once it is voided; false when the provider failed, and the void stays pending for
   * `retryVoids` (the caller's cancellation stands either way).
   */
  async function settleVoid(id: string): Promise<boolean> {
    const payment = await store.findPayment(db, id)
    if (payment?.status !== 'voiding') return payment?.status === 'voided'
    try {
      await provider.void(payment.reference ?? '', `void-${id}`)
    } catch (error) {
      log?.warn({ err: error, paymentId: id }, 'payment void failed at the provider; it stays pending and is retried')
      return false
    }
    await db.transaction().execute(async (trx) => {
      // A webhook (payment_intent.canceled) may have recorded it first.
      if (await store.moveStatus(trx, id, ['voiding'], 'voided', now())) {
        await record(trx, id, 'void', payment.amount, payment.reference)
      }
    })
    return true
  }

  /**
   * Retries voids left pending (a provider failure, or a process that stopped between the cancel
   * and the provider call) that were claimed more than `minAgeMs` ago. Runs on an interval in every
   * node: a lease (a conditional update of `updated_at`) gives each void to one node per sweep, and
   * the provider's idempotency key makes a repeated call harmless. Voids older than
   * `VOID_RETRY_WINDOW_MS` are left alone: the card networks have released such holds already.
   */
  async function retryVoids(at: number, minAgeMs = 60_000, batch = 50): Promise<{ voided: number; pending: number }> {
    const due = await store.listPendingVoids(db, at - minAgeMs, at - VOID_RETRY_WINDOW_MS, batch)
    let voided = 0
    let pending = 0
    for (const { id, updatedAt } of due) {
      if (!(await store.leasePendingVoid(db, id, Number(updatedAt), at))) continue
      if (await settleVoid(id)) voided++
      else pending++
    }
    return { voided, pending }
  }

  async function get(id: string): Promise<PaymentView> {
    await find(id)
    return view(db, id)
  }

  /** A payment's status read in the caller's transaction (the order view shows it); undefined when unknown. */
  async function statusOf(trx: Db, id: string): Promise<string | undefined> {
    return (await store.findPayment(trx, id))?.status
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
          // Our own void, confirmed by the provider before (or instead of) our call returning.
          if (await store.moveStatus(trx, payment.id, ['voiding'], 'voided', at)) {
            await record(trx, payment.id, 'void', payment.amount, reference)
          } else {
            await store.moveStatus(trx, payment.id, ['requires_action', 'authorized'], 'canceled', at)
          }
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

  async function record(
    trx: Db,
    paymentId: string,
    kind: 'authorize' | MoneyMovement['kind'],
    amount: number,
    reference: string | null,
    actor = SYSTEM_ACTOR,
  ) {
    await store.insertTransaction(trx, {
      id: newId('ptx'),
      payment_id: paymentId,
      kind,
      amount,
      reference,
      created_at: now(),
    })
    // The authorization is the checkout's own step (it records the order as it authorizes).
    if (kind === 'authorize' || moneyListeners.length === 0) return
    const orderId = (await store.findPayment(trx, paymentId))?.order_id ?? null
    for (const listener of moneyListeners) await listener(trx, { paymentId, orderId, kind, amount, actor })
  }
}

export type PaymentService = ReturnType<typeof createPaymentService>

/**
 * What has been refunded at the provider: the refunds in the ledger. `amountRefunded` also counts
 * refunds reserved but still at the provider, which may yet fail and be given back.
 */
export function refundedSoFar(payment: Pick<PaymentView, 'transactions'>): number {
  return payment.transactions.filter((tx) => tx.kind === 'refund').reduce((sum, tx) => sum + Number(tx.amount), 0)
}

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
  const refunds = await store.listRefunds(db, id)
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
    refunds: refunds.map((r) => ({ ...r, amount: Number(r.amount), attempts: Number(r.attempts) })),
  }
}

function refundInProgress() {
  return conflict('refund-in-progress', 'A refund of this payment is still at the provider; retry shortly')
}

function providerError(error: unknown) {
  return Object.assign(unavailable('payment-provider-error', 'The payment provider did not complete the operation'), {
    cause: error,
  })
}
