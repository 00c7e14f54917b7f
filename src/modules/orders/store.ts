/** Orders, their lines and their state history: SQL only. */
import { sql } from 'kysely'
import { fixedQuery } from '../../platform/db/fixed-query.ts'
import type { Db } from '../../platform/db/types.ts'
import { insertRowsLater, writeLater } from '../../platform/db/write-batch.ts'
import type { EncryptedTable } from '../../platform/security/encrypted-columns.ts'
import type { OrderState } from '../checkout/order-state.ts'

export interface OrderTable {
  id: string
  status: OrderState
  customer_id: string | null
  email: string
  currency: string
  subtotal: number
  discount: number
  discount_code: string | null
  shipping: number
  shipping_method_id: string
  shipping_method_name: string
  tax: number
  tax_included: number
  total: number
  amount_refunded: number
  item_count: number
  payment_id: string | null
  /** The cart it was checked out from: a retried checkout of that cart resumes this order's payment. */
  cart_id: string | null
  /**
   * The Idempotency-Key it was placed with (`idempotencyKeyHash`: its caller's scope and the key,
   * hashed), unique: a retry with that key answers this order. Null without a key.
   */
  idempotency_key_hash?: string | null
  ship_country: string
  ship_region: string | null
  ship_name_enc: string
  ship_line1_enc: string
  ship_line2_enc: string | null
  ship_city_enc: string
  ship_postcode_enc: string
  ship_phone_enc: string | null
  created_at: number
  updated_at: number
}
export interface OrderLineTable {
  order_id: string
  position: number
  variant_id: string
  sku: string
  title: string
  unit_price: number
  quantity: number
  discount: number
  tax: number
  total: number
}
export interface OrderHistoryTable {
  order_id: string
  seq: number
  from_status: OrderState | null
  to_status: OrderState
  event: string
  actor: string | null
  /** The money a capture, refund or void moved; null for a plain state move. */
  amount?: number | null
  at: number
}
export interface OrderTables {
  shop_order: OrderTable
  order_line: OrderLineTable
  order_history: OrderHistoryTable
}

export const orderEncryptedColumns: EncryptedTable = {
  table: 'shop_order',
  idColumn: 'id',
  columns: [
    'ship_name_enc',
    'ship_line1_enc',
    'ship_line2_enc',
    'ship_city_enc',
    'ship_postcode_enc',
    'ship_phone_enc',
  ],
}

export async function insertOrder(db: Db, order: OrderTable, lines: OrderLineTable[]): Promise<void> {
  await insertRowsLater(db, 'shop_order', order)
  await insertRowsLater(db, 'order_line', lines)
}

export function findOrder(db: Db, id: string): Promise<OrderTable | undefined> {
  return db.selectFrom('shop_order').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listLines(db: Db, orderId: string) {
  return db.selectFrom('order_line').selectAll().where('order_id', '=', orderId).orderBy('position').execute()
}

export function listHistory(db: Db, orderId: string) {
  return db.selectFrom('order_history').selectAll().where('order_id', '=', orderId).orderBy('seq').execute()
}

/** Appends the next entry (its `seq` one past the last) in one statement. */
export async function appendHistory(db: Db, entry: Omit<OrderHistoryTable, 'seq'>): Promise<void> {
  await db
    .insertInto('order_history')
    .columns(['order_id', 'seq', 'from_status', 'to_status', 'event', 'actor', 'at', 'amount'])
    .expression((eb) =>
      eb
        .selectFrom('order_history')
        .select([
          eb.val(entry.order_id).as('order_id'),
          sql<number>`coalesce(max(seq), 0) + 1`.as('seq'),
          eb.val(entry.from_status).as('from_status'),
          eb.val(entry.to_status).as('to_status'),
          eb.val(entry.event).as('event'),
          eb.val(entry.actor).as('actor'),
          eb.val(entry.at).as('at'),
          eb.val(entry.amount ?? null).as('amount'),
        ])
        .where('order_id', '=', entry.order_id),
    )
    .execute()
}

/** The first entry of a new order (nothing to read: it is entry 1). */
export async function insertFirstHistory(db: Db, entry: Omit<OrderHistoryTable, 'seq'>): Promise<void> {
  await insertHistory(db, { ...entry, seq: 1 })
}

/** An entry whose `seq` the caller knows (it wrote every earlier one); the unique key refuses a wrong guess. */
export async function insertHistory(db: Db, entry: OrderHistoryTable): Promise<void> {
  await insertRowsLater(db, 'order_history', entry)
}

/** The order a checkout of `cartId` left with its payment still being authorized, if any. */
export function findUnfinishedForCart(db: Db, cartId: string) {
  return db
    .selectFrom('shop_order as o')
    .innerJoin('payment as p', 'p.id', 'o.payment_id')
    .selectAll('o')
    .where('o.cart_id', '=', cartId)
    .where('o.status', '=', 'pending')
    .where('p.status', '=', 'authorizing')
    .executeTakeFirst()
}

/** The order placed with an Idempotency-Key (`keyHash`), with its payment's state (none when free). */
export function findPlacedWithKey(db: Db, keyHash: string) {
  return db
    .selectFrom('shop_order as o')
    .leftJoin('payment as p', 'p.id', 'o.payment_id')
    .selectAll('o')
    .select(['p.status as payment_status', 'p.failure_code as payment_failure_code'])
    .where('o.idempotency_key_hash', '=', keyHash)
    .executeTakeFirst()
}

/**
 * Adds a refund of `amount` (0 for another movement) to the order's refunded total in one statement;
 * false when there is no such order. The update also takes the order's row lock, so movements of one
 * order record one after another (PostgreSQL) and each refund adds exactly once.
 */
export async function addRefunded(db: Db, id: string, amount: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('shop_order')
    .set((eb) => ({ amount_refunded: eb('amount_refunded', '+', amount), updated_at: now }))
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/**
 * Moves an order from `from` to `to` only if it is still in `from`: of two concurrent moves, one
 * wins and the other learns it lost. `changes` may update amounts in the same statement; a refunded
 * total smaller than the stored one also loses (two partial refunds are partial → partial moves).
 */
/**
 * A pending order moved on (the checkout's settle step), with a batched transaction's last statement
 * (write-batch.ts `writeLater`: await it after `flushLater`); false when it was no longer pending.
 */
export async function movePending(db: Db, id: string, to: OrderState, now: number): Promise<boolean> {
  const rows = await writeLater(db, movePendingQuery.compiled(db, { id, to, now }), { mustMatch: true })
  return rows.length === 1
}

// Every checkout runs it: compiled once (platform/db/fixed-query.ts).
const movePendingQuery = fixedQuery((db, v: { id: string; to: OrderState; now: number }) =>
  db
    .updateTable('shop_order')
    .set({ status: v.to, updated_at: v.now })
    .where('id', '=', v.id)
    .where('status', '=', 'pending')
    .returning('id'),
)

export async function moveStatus(
  db: Db,
  id: string,
  from: OrderState,
  to: OrderState,
  now: number,
  changes: Partial<Pick<OrderTable, 'amount_refunded' | 'payment_id'>> = {},
): Promise<boolean> {
  let query = db
    .updateTable('shop_order')
    .set({ status: to, updated_at: now, ...changes })
    .where('id', '=', id)
    .where('status', '=', from)
  // The refunded total only grows: a writer holding an older total (a concurrent refund recorded a
  // larger one since it read the order) loses, re-reads and re-applies, instead of overwriting it.
  if (changes.amount_refunded !== undefined) query = query.where('amount_refunded', '<=', changes.amount_refunded)
  const result = await query.executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export interface OrderFilter {
  customerId?: string
  status?: OrderState
  email?: string
  id?: string
  from?: number
  to?: number
  /** Keyset: ids below this one (ids sort by creation time). */
  before?: string
  limit: number
}

export function listOrders(db: Db, f: OrderFilter) {
  let query = db
    .selectFrom('shop_order')
    .select(['id', 'status', 'email', 'currency', 'total', 'amount_refunded', 'item_count', 'created_at'])
  if (f.customerId !== undefined) query = query.where('customer_id', '=', f.customerId)
  if (f.status !== undefined) query = query.where('status', '=', f.status)
  if (f.email !== undefined) query = query.where('email', '=', f.email)
  if (f.id !== undefined) query = query.where('id', '=', f.id)
  if (f.from !== undefined) query = query.where('created_at', '>=', f.from)
  if (f.to !== undefined) query = query.where('created_at', '<', f.to)
  if (f.before !== undefined) query = query.where('id', '<', f.before)
  return query
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute()
}

export function listStalePending(db: Db, createdBefore: number, limit: number) {
  return db
    .selectFrom('shop_order')
    .select('id')
    .where('status', '=', 'pending')
    .where('created_at', '<', createdBefore)
    .orderBy('created_at')
    .limit(limit)
    .execute()
}
