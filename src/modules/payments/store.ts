/** SQL for payments, their ledger, test-card tokens and handled webhook events. */
import { fixedQuery } from '../../platform/db/fixed-query.ts'
import type { Db } from '../../platform/db/types.ts'
import { insertRowsLater, writeLater } from '../../platform/db/write-batch.ts'

export interface PaymentTable {
  id: string
  provider: string
  reference: string | null
  status: string
  currency: string
  amount: number
  amount_captured: number
  amount_refunded: number
  customer_id: string | null
  order_id: string | null
  card_brand: string | null
  card_last4: string | null
  failure_code: string | null
  created_at: number
  updated_at: number
}

export interface PaymentTransactionTable {
  id: string
  payment_id: string
  /** authorize | capture | refund | void */
  kind: string
  amount: number
  reference: string | null
  created_at: number
}

/**
 * One refund attempt, written with its reservation. Its id is the provider's idempotency key, so every
 * retry of it is the same request. `pending` until the provider answers: then `succeeded` (with the
 * ledger entry, in one transaction) or `failed` (the reservation given back).
 */
export interface PaymentRefundTable {
  id: string
  payment_id: string
  amount: number
  /** pending | succeeded | failed */
  status: string
  /** The provider's refund id, once it succeeded. */
  reference: string | null
  /** Provider calls made or leased so far (the request's own call is the first). */
  attempts: number
  /** When the retry sweep may take it next; also the lease of whoever is calling the provider now. */
  next_attempt_at: number
  created_at: number
  updated_at: number
}

export interface PaymentCardTokenTable {
  token_hash: string
  brand: string
  last4: string
  exp_month: number
  exp_year: number
  outcome: string
  created_at: number
  used_at: number | null
  /** The authorization that used the token: its idempotency key and reference (test provider). */
  authorization_key: string | null
  authorization_reference: string | null
}

export interface PaymentWebhookEventTable {
  provider: string
  event_id: string
  type: string
  received_at: number
}

export type PaymentRow = Omit<PaymentTable, 'created_at' | 'updated_at'>

const COLUMNS = [
  'id',
  'provider',
  'reference',
  'status',
  'currency',
  'amount',
  'amount_captured',
  'amount_refunded',
  'customer_id',
  'order_id',
  'card_brand',
  'card_last4',
  'failure_code',
] as const

export function findPayment(db: Db, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payment').select(COLUMNS).where('id', '=', id).executeTakeFirst()
}

export function findPaymentByReference(db: Db, provider: string, reference: string): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payment')
    .select(COLUMNS)
    .where('provider', '=', provider)
    .where('reference', '=', reference)
    .executeTakeFirst()
}

export async function insertPayment(db: Db, row: PaymentRow, now: number): Promise<void> {
  await insertRowsLater(db, 'payment', { ...row, created_at: now, updated_at: now })
}

export async function insertTransaction(db: Db, row: PaymentTransactionTable): Promise<void> {
  await insertRowsLater(db, 'payment_transaction', row)
}

export function listTransactions(db: Db, paymentId: string) {
  return db
    .selectFrom('payment_transaction')
    .select(['id', 'kind', 'amount', 'reference', 'created_at as createdAt'])
    .where('payment_id', '=', paymentId)
    .orderBy('id')
    .execute()
}

/** Moves a payment from one status to another; false when it was not in `from` (someone else moved it). */
export async function moveStatus(
  db: Db,
  id: string,
  from: readonly string[],
  to: string,
  now: number,
  extra: { amount_captured?: number; failure_code?: string | null } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('payment')
    .set({ status: to, updated_at: now, ...extra })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Claims a capture of `amount` (≤ the authorized amount) in one conditional statement. */
export async function claimCapture(db: Db, id: string, amount: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('payment')
    .set({ status: 'capturing', updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'authorized')
    .where('amount', '>=', amount)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Statuses whose money is still only held at the provider: cancelling the order voids them. */
export const VOIDABLE = ['requires_action', 'authorized'] as const

/**
 * Claims a void in one conditional statement (`requires_action | authorized → voiding`), inside the
 * caller's transaction: of a void and a capture claimed at once, exactly one applies.
 */
export async function claimVoid(db: Db, id: string, now: number): Promise<boolean> {
  return moveStatus(db, id, VOIDABLE, 'voiding', now)
}

/** Voids still to be made at the provider: claimed before `claimedBefore`, for payments created after `createdAfter`. */
export function listPendingVoids(db: Db, claimedBefore: number, createdAfter: number, limit: number) {
  return db
    .selectFrom('payment')
    .select(['id', 'updated_at as updatedAt'])
    .where('status', '=', 'voiding')
    .where('updated_at', '<', claimedBefore)
    .where('created_at', '>', createdAfter)
    .orderBy('updated_at')
    .limit(limit)
    .execute()
}

/** A lease on one pending void: of several nodes sweeping at once, the one whose update applies retries it. */
export function leasePendingVoid(db: Db, id: string, seenUpdatedAt: number, now: number): Promise<boolean> {
  return leaseInStatus(db, id, 'voiding', seenUpdatedAt, now)
}

/**
 * Moves `updated_at` of a payment still in `status` and untouched since `seenUpdatedAt`: one
 * conditional update, so of several nodes sweeping at once exactly one takes the lease.
 */
async function leaseInStatus(db: Db, id: string, status: string, seenUpdatedAt: number, now: number) {
  const result = await db
    .updateTable('payment')
    .set({ updated_at: now })
    .where('id', '=', id)
    .where('status', '=', status)
    .where('updated_at', '=', seenUpdatedAt)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/**
 * Reserves a refund of `amount` in one conditional statement: it only applies while the refunded
 * total stays within what was captured, so concurrent refunds can never add up to more.
 */
export async function reserveRefund(db: Db, id: string, amount: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('payment')
    .set((eb) => ({
      amount_refunded: eb('amount_refunded', '+', amount),
      status: eb
        .case()
        .when(eb(eb('amount_refunded', '+', amount), '>=', eb.ref('amount_captured')))
        .then('refunded')
        .else('partially_refunded')
        .end(),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', 'in', ['captured', 'partially_refunded'])
    .where((eb) => eb(eb('amount_refunded', '+', amount), '<=', eb.ref('amount_captured')))
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/**
 * Reserves a refund (as `reserveRefund`) and records the attempt, in one transaction: a reservation
 * never exists without its row. False when the reservation did not apply (nothing written).
 */
export async function reserveRefundAttempt(
  db: Db,
  row: { id: string; payment_id: string; amount: number; next_attempt_at: number },
  now: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await reserveRefund(trx, row.payment_id, row.amount, now))) return false
    await trx
      .insertInto('payment_refund')
      .values({ ...row, status: 'pending', reference: null, attempts: 1, created_at: now, updated_at: now })
      .execute()
    return true
  })
}

export function findRefund(db: Db, id: string) {
  return db
    .selectFrom('payment_refund')
    .select(['id', 'payment_id', 'amount', 'status', 'reference', 'attempts', 'next_attempt_at', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export function listRefunds(db: Db, paymentId: string) {
  return db
    .selectFrom('payment_refund')
    .select(['id', 'amount', 'status', 'reference', 'attempts', 'created_at as createdAt'])
    .where('payment_id', '=', paymentId)
    .orderBy('id')
    .execute()
}

/**
 * Moves a pending refund to `succeeded` or `failed`; false when it was no longer pending (settled by
 * someone else). `failed` applies only while no retry sweep has leased it (one attempt so far): a
 * sweep's call with the same key may have refunded.
 */
export async function settleRefund(
  db: Db,
  id: string,
  status: 'succeeded' | 'failed',
  reference: string | null,
  now: number,
): Promise<boolean> {
  let query = db
    .updateTable('payment_refund')
    .set({ status, reference, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
  if (status === 'failed') query = query.where('attempts', '=', 1)
  const result = await query.executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Pending refunds due for a retry at `at`, created after `createdAfter` (older ones are left for staff). */
export function listDueRefunds(db: Db, at: number, createdAfter: number, limit: number) {
  return db
    .selectFrom('payment_refund')
    .select(['id', 'attempts', 'next_attempt_at as nextAttemptAt'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where('created_at', '>', createdAfter)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute()
}

/**
 * A lease on one due refund: of several nodes sweeping at once, the one whose update applies calls the
 * provider; it also schedules the next attempt (`nextAttemptAt`), should this one fail or stop.
 */
export async function leaseRefund(
  db: Db,
  id: string,
  seenNextAttemptAt: number,
  nextAttemptAt: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('payment_refund')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt, updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', seenNextAttemptAt)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Gives back a reservation whose provider call failed. */
export async function releaseRefund(db: Db, id: string, amount: number, now: number): Promise<void> {
  await db
    .updateTable('payment')
    .set((eb) => ({
      amount_refunded: eb('amount_refunded', '-', amount),
      status: eb
        .case()
        .when(eb(eb('amount_refunded', '-', amount), '=', 0))
        .then('captured')
        .else('partially_refunded')
        .end(),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('amount_refunded', '>=', amount)
    .execute()
}

export async function insertCardToken(db: Db, row: PaymentCardTokenTable): Promise<void> {
  await insertCardTokenQuery(db, row)
}

// Every test-provider order tokenizes a card: compiled once (platform/db/fixed-query.ts).
const insertCardTokenQuery = fixedQuery((db, v: Pick<PaymentCardTokenTable, keyof PaymentCardTokenTable>) =>
  db.insertInto('payment_card_token').values({
    token_hash: v.token_hash,
    brand: v.brand,
    last4: v.last4,
    exp_month: v.exp_month,
    exp_year: v.exp_year,
    outcome: v.outcome,
    created_at: v.created_at,
    used_at: v.used_at,
    authorization_key: v.authorization_key,
    authorization_reference: v.authorization_reference,
  }),
)

/**
 * Uses a token once (and only within its lifetime) for the authorization `idempotencyKey`, in one
 * statement; returns its card summary (`fresh`: this call used it), or undefined when the token is
 * unknown, expired or already used.
 */
export async function authorizeCardToken(
  db: Db,
  a: { tokenHash: string; idempotencyKey: string; reference: string; now: number; maxAgeMs: number },
) {
  const [row] = await useCardTokenQuery(db, {
    tokenHash: a.tokenHash,
    idempotencyKey: a.idempotencyKey,
    reference: a.reference,
    now: a.now,
    since: a.now - a.maxAgeMs,
  })
  return row && { ...row, reference: row.reference ?? a.reference, fresh: true }
}

// Every test-provider checkout runs it: compiled once (platform/db/fixed-query.ts).
const useCardTokenQuery = fixedQuery(
  (db, v: { tokenHash: string; idempotencyKey: string; reference: string; now: number; since: number }) =>
    db
      .updateTable('payment_card_token')
      .set({ used_at: v.now, authorization_key: v.idempotencyKey, authorization_reference: v.reference })
      .where('token_hash', '=', v.tokenHash)
      .where('used_at', 'is', null)
      .where('created_at', '>', v.since)
      .returning(['brand', 'last4', 'outcome', 'authorization_reference as reference']),
)

/** The authorization made earlier with `idempotencyKey`, if any (test provider). */
export async function findCardAuthorization(db: Db, idempotencyKey: string) {
  const row = await db
    .selectFrom('payment_card_token')
    .select(['brand', 'last4', 'outcome', 'authorization_reference as reference'])
    .where('authorization_key', '=', idempotencyKey)
    .executeTakeFirst()
  return row && { ...row, reference: row.reference ?? '', fresh: false }
}

/**
 * Records the provider's answer on a payment still `authorizing`, in one conditional statement;
 * false when someone else (the request or the checkout sweep) recorded it first.
 */
export async function settleAuthorizing(
  db: Db,
  id: string,
  to: 'authorized' | 'requires_action' | 'failed',
  now: number,
  fields: Pick<PaymentTable, 'reference' | 'card_brand' | 'card_last4' | 'failure_code'>,
): Promise<boolean> {
  return (await settleAuthorizingQuery(db, { id, to, now, ...fields })).length === 1
}

/**
 * `settleAuthorizing` with a batched transaction's last statement (write-batch.ts `writeLater`): await
 * it after `flushLater`.
 */
export function settleAuthorizingLater(
  db: Db,
  id: string,
  to: 'authorized' | 'requires_action' | 'failed',
  now: number,
  fields: Pick<PaymentTable, 'reference' | 'card_brand' | 'card_last4' | 'failure_code'>,
): Promise<boolean> {
  const applied = writeLater(db, settleAuthorizingQuery.compiled(db, { id, to, now, ...fields }), {
    mustMatch: true,
  }).then((rows) => rows.length === 1)
  applied.catch(() => {}) // awaited after the flush; a failure meanwhile is not an unhandled rejection
  return applied
}

// Every checkout runs it: compiled once (platform/db/fixed-query.ts).
const settleAuthorizingQuery = fixedQuery(
  (
    db,
    v: Pick<PaymentTable, 'reference' | 'card_brand' | 'card_last4' | 'failure_code'> & {
      id: string
      to: 'authorized' | 'requires_action' | 'failed'
      now: number
    },
  ) =>
    db
      .updateTable('payment')
      .set({
        status: v.to,
        updated_at: v.now,
        reference: v.reference,
        card_brand: v.card_brand,
        card_last4: v.card_last4,
        failure_code: v.failure_code,
      })
      .where('id', '=', v.id)
      .where('status', '=', 'authorizing')
      .returning('id'),
)

/** Payments left `authorizing` since before `updatedBefore` (a checkout that stopped mid-way). */
export function listStaleAuthorizing(db: Db, updatedBefore: number, limit: number) {
  return db
    .selectFrom('payment')
    .select(['id', 'updated_at as updatedAt', 'created_at as createdAt'])
    .where('status', '=', 'authorizing')
    .where('updated_at', '<', updatedBefore)
    .orderBy('updated_at')
    .limit(limit)
    .execute()
}

/** A lease on one stale authorization: of several nodes sweeping at once, the one whose update applies resumes it. */
export function leaseAuthorizing(db: Db, id: string, seenUpdatedAt: number, now: number): Promise<boolean> {
  return leaseInStatus(db, id, 'authorizing', seenUpdatedAt, now)
}

/** Records a webhook event; false when it was handled before (providers retry deliveries). */
export async function recordWebhookEvent(db: Db, row: PaymentWebhookEventTable): Promise<boolean> {
  const result = await db
    .insertInto('payment_webhook_event')
    .values(row)
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .executeTakeFirst()
  return result.numInsertedOrUpdatedRows === 1n
}
