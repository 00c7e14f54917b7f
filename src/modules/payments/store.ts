/** SQL for payments, their ledger, test-card tokens and handled webhook events. */
import type { Db } from '../../platform/db/types.ts'

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

export interface PaymentCardTokenTable {
  token_hash: string
  brand: string
  last4: string
  exp_month: number
  exp_year: number
  outcome: string
  created_at: number
  used_at: number | null
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
  await db
    .insertInto('payment')
    .values({ ...row, created_at: now, updated_at: now })
    .execute()
}

export async function insertTransaction(db: Db, row: PaymentTransactionTable): Promise<void> {
  await db.insertInto('payment_transaction').values(row).execute()
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
export async function leasePendingVoid(db: Db, id: string, seenUpdatedAt: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('payment')
    .set({ updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'voiding')
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
  await db.insertInto('payment_card_token').values(row).execute()
}

/** Uses a token once (and only within its lifetime); returns its card summary, or undefined. */
export async function consumeCardToken(db: Db, tokenHash: string, now: number, maxAgeMs: number) {
  const result = await db
    .updateTable('payment_card_token')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('created_at', '>', now - maxAgeMs)
    .executeTakeFirst()
  if (result.numUpdatedRows !== 1n) return undefined
  return db
    .selectFrom('payment_card_token')
    .select(['brand', 'last4', 'outcome'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
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
