/** Carts and their lines: SQL only. */

import type { SelectQueryBuilder } from 'kysely'
import { fixedQuery } from '../../platform/db/fixed-query.ts'
import { dialectOf } from '../../platform/db/migrate.ts'
import type { Db } from '../../platform/db/types.ts'
import { writeLater } from '../../platform/db/write-batch.ts'

export type CartStatus = 'open' | 'merged' | 'converted'

export interface CartTable {
  id: string
  customer_id: string | null
  token_hash: string | null
  currency: string
  status: CartStatus
  created_at: number
  updated_at: number
}
export interface CartLineTable {
  cart_id: string
  variant_id: string
  quantity: number
  added_at: number
}
export interface CartTables {
  cart: CartTable
  cart_line: CartLineTable
}

export type CartRow = Pick<CartTable, 'id' | 'customer_id' | 'token_hash' | 'currency' | 'status' | 'updated_at'>

export function findCart(db: Db, id: string): Promise<CartRow | undefined> {
  return db
    .selectFrom('cart')
    .select(['id', 'customer_id', 'token_hash', 'currency', 'status', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The joins and columns of the variant a line holds, priced for sale (the catalog's `joinSellable`). */
export type SellableJoin = (
  qb: SelectQueryBuilder<any, any, any>,
  refs: { variant: string; currency: string },
) => SelectQueryBuilder<any, any, any>

/** A row of `cartForCheckout`: the cart, one line (null columns for an empty cart) and what prices it. */
export type CheckoutRow<S> = CartRow & { variantId: string | null; quantity: number | null } & S

/** The cart's own columns in the reads that join it (`c`) to its lines. */
const CART_COLUMNS = ['c.id', 'c.customer_id', 'c.token_hash', 'c.currency', 'c.status', 'c.updated_at'] as const

/** A cart left-joined to its lines (one row per line, one with null line columns for an empty cart). */
function cartWithLines(db: Db, id: string) {
  return db
    .selectFrom('cart as c')
    .leftJoin('cart_line as l', 'l.cart_id', 'c.id')
    .select([...CART_COLUMNS, 'l.variant_id as variantId', 'l.quantity'])
    .where('c.id', '=', id)
}

/**
 * The checkout's first read: a cart, its lines and each line's variant priced in the cart's currency,
 * in one statement (compiled once: platform/db/fixed-query.ts). The catalog owns the pricing part
 * (`sellable`, a fragment of its store handed over by its service); this file names only cart tables.
 * Rows come in `listLines` order (the order the lines were added); none when there is no such cart.
 */
export function cartForCheckout<S>(sellable: SellableJoin) {
  const query = fixedQuery((db, v: { id: string }) =>
    sellable(cartWithLines(db, v.id), { variant: 'l.variant_id', currency: 'c.currency' })
      .orderBy('l.added_at')
      .orderBy('l.variant_id')
      .$castTo<CheckoutRow<S>>(),
  )
  return (db: Db, id: string): Promise<CheckoutRow<S>[]> => query(db, { id })
}

export function findOpenCustomerCart(db: Db, customerId: string, currency: string): Promise<CartRow | undefined> {
  return db
    .selectFrom('cart')
    .select(['id', 'customer_id', 'token_hash', 'currency', 'status', 'updated_at'])
    .where('customer_id', '=', customerId)
    .where('currency', '=', currency)
    .where('status', '=', 'open')
    .executeTakeFirst()
}

export async function insertCart(db: Db, row: CartTable): Promise<void> {
  await insertCartQuery(db, row)
}

// Every order starts a cart: compiled once (platform/db/fixed-query.ts).
const insertCartQuery = fixedQuery((db, v: Pick<CartTable, keyof CartTable>) =>
  db.insertInto('cart').values({
    id: v.id,
    customer_id: v.customer_id,
    token_hash: v.token_hash,
    currency: v.currency,
    status: v.status,
    created_at: v.created_at,
    updated_at: v.updated_at,
  }),
)

export interface LineRow {
  variantId: string
  quantity: number
  addedAt: number
}

/**
 * A row of `cartForAddItem`: the cart, a variant (one of its lines, or the one being added), the line
 * holding it (null columns when none does yet) and what prices it.
 */
export type AddItemRow<S> = CartRow & { variantId: string; quantity: number | null; addedAt: number | null } & S

/**
 * The add-item's read (issue 11: one round trip where there were two): a cart, its lines and each
 * line's variant priced in the cart's currency, plus the variant being added even when no line holds
 * it yet, in one statement (compiled once: platform/db/fixed-query.ts). As in `cartForCheckout`, the
 * pricing part is the catalog's (`sellable`); this file names only cart tables. Lines come in
 * `listLines` order (the row of a variant no line holds yet, anywhere); no rows when there is no such cart.
 */
export function cartForAddItem<S>(sellable: SellableJoin) {
  const query = fixedQuery((db, v: { id: string; variantId: string }) => {
    // The variants to price: the one being added and those of the cart's lines (`union`: once each).
    const wanted = db
      .selectNoFrom((eb) => eb.cast<string>(eb.val(v.variantId), 'text').as('variant_id'))
      .union(db.selectFrom('cart_line').select('variant_id').where('cart_id', '=', v.id))
    const rows = db
      .selectFrom('cart as c')
      .innerJoin(wanted.as('w'), (join) => join.onTrue())
      .leftJoin('cart_line as l', (join) =>
        join.onRef('l.cart_id', '=', 'c.id').onRef('l.variant_id', '=', 'w.variant_id'),
      )
      .select([...CART_COLUMNS, 'w.variant_id as variantId', 'l.quantity', 'l.added_at as addedAt'])
      .where('c.id', '=', v.id)
    return sellable(rows, { variant: 'w.variant_id', currency: 'c.currency' })
      .orderBy('l.added_at')
      .orderBy('w.variant_id')
      .$castTo<AddItemRow<S>>()
  })
  return (db: Db, id: string, variantId: string): Promise<AddItemRow<S>[]> => query(db, { id, variantId })
}

/**
 * Sets a line's quantity, and the cart's `updated_at`, only while the cart is open and the line still
 * holds `expected` (0: no line yet): false when either changed since the caller read them (a checkout
 * closed the cart, or a concurrent add moved the line), so the caller reads again rather than
 * overwriting. PostgreSQL: one statement (the cart update a data-modifying CTE the insert selects
 * from); SQLite: the line's upsert, then the touch (a statement there is a function call, not a
 * round trip).
 */
export async function putLineIfUnchanged(
  db: Db,
  v: { cartId: string; variantId: string; quantity: number; expected: number; now: number },
): Promise<boolean> {
  if (dialectOf(db) === 'postgres') return (await putLineAndTouchQuery(db, v)).length === 1
  if ((await putOpenLineQuery(db, v)).length === 0) return false
  await touchOpenCartQuery(db, { cartId: v.cartId, now: v.now })
  return true
}

const putLineAndTouchQuery = fixedQuery(
  (db, v: { cartId: string; variantId: string; quantity: number; expected: number; now: number }) =>
    db
      .with('c', (w) =>
        w
          .updateTable('cart')
          .set({ updated_at: v.now })
          .where('id', '=', v.cartId)
          .where('status', '=', 'open')
          .returning('id'),
      )
      .insertInto('cart_line')
      .columns(['cart_id', 'variant_id', 'quantity', 'added_at'])
      .expression((eb) =>
        eb
          .selectFrom('c')
          .select((s) => [
            'c.id',
            s.val(v.variantId).as('variant_id'),
            s.val(v.quantity).as('quantity'),
            s.val(v.now).as('added_at'),
          ]),
      )
      .onConflict((oc) =>
        oc
          .columns(['cart_id', 'variant_id'])
          .doUpdateSet((eb) => ({ quantity: eb.ref('excluded.quantity') }))
          .where('cart_line.quantity', '=', v.expected),
      )
      .returning('quantity'),
)

const putOpenLineQuery = fixedQuery(
  (db, v: { cartId: string; variantId: string; quantity: number; expected: number; now: number }) =>
    db
      .insertInto('cart_line')
      .columns(['cart_id', 'variant_id', 'quantity', 'added_at'])
      .expression((eb) =>
        eb
          .selectFrom('cart')
          .select((s) => [
            'cart.id',
            s.val(v.variantId).as('variant_id'),
            s.val(v.quantity).as('quantity'),
            s.val(v.now).as('added_at'),
          ])
          .where('cart.id', '=', v.cartId)
          .where('cart.status', '=', 'open'),
      )
      .onConflict((oc) =>
        oc
          .columns(['cart_id', 'variant_id'])
          .doUpdateSet((eb) => ({ quantity: eb.ref('excluded.quantity') }))
          .where('cart_line.quantity', '=', v.expected),
      )
      .returning('quantity'),
)

const touchOpenCartQuery = fixedQuery((db, v: { cartId: string; now: number }) =>
  db.updateTable('cart').set({ updated_at: v.now }).where('id', '=', v.cartId).where('status', '=', 'open'),
)

export function listLines(db: Db, cartId: string) {
  return db
    .selectFrom('cart_line')
    .select(['variant_id as variantId', 'quantity', 'added_at as addedAt'])
    .where('cart_id', '=', cartId)
    .orderBy('added_at')
    .orderBy('variant_id')
    .execute()
}

export async function findLine(db: Db, cartId: string, variantId: string) {
  return db
    .selectFrom('cart_line')
    .select(['quantity'])
    .where('cart_id', '=', cartId)
    .where('variant_id', '=', variantId)
    .executeTakeFirst()
}

export async function putLine(db: Db, cartId: string, variantId: string, quantity: number, now: number): Promise<void> {
  await db
    .insertInto('cart_line')
    .values({ cart_id: cartId, variant_id: variantId, quantity, added_at: now })
    .onConflict((oc) => oc.columns(['cart_id', 'variant_id']).doUpdateSet({ quantity }))
    .execute()
}

/** True when a line was removed. */
export async function deleteLine(db: Db, cartId: string, variantId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('cart_line')
    .where('cart_id', '=', cartId)
    .where('variant_id', '=', variantId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

export async function touchCart(db: Db, cartId: string, now: number): Promise<void> {
  await db.updateTable('cart').set({ updated_at: now }).where('id', '=', cartId).execute()
}

/**
 * Moves an open cart to `status`, only if it is still open: the caller learns whether it won a race
 * (two checkouts of one cart: exactly one converts it).
 */
export async function closeCart(db: Db, cartId: string, status: 'merged' | 'converted', now: number): Promise<boolean> {
  const result = await db
    .updateTable('cart')
    .set({ status, updated_at: now })
    .where('id', '=', cartId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/**
 * Closes an open cart as checked out; false when it was not open (another checkout closed it). In a
 * `batchedTransaction` it goes with the batch's last statement (write-batch.ts `writeLater`).
 */
export async function convertCart(db: Db, cartId: string, now: number): Promise<boolean> {
  const rows = await writeLater(db, convertCartQuery.compiled(db, { cartId, now }), { mustMatch: true })
  return rows.length === 1
}

// Every checkout runs it: compiled once (platform/db/fixed-query.ts).
const convertCartQuery = fixedQuery((db, v: { cartId: string; now: number }) =>
  db
    .updateTable('cart')
    .set({ status: 'converted', updated_at: v.now })
    .where('id', '=', v.cartId)
    .where('status', '=', 'open')
    .returning('id'),
)

/**
 * Opens a converted cart again (its checkout was declined), unless its customer has opened another
 * cart in that currency since (one open cart per customer and currency): false then.
 */
export async function reopenCart(db: Db, cartId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('cart')
    .set({ status: 'open', updated_at: now })
    .where('id', '=', cartId)
    .where('status', '=', 'converted')
    .where(({ exists, not, selectFrom, ref }) =>
      not(
        exists(
          selectFrom('cart as other')
            .select('other.id')
            .whereRef('other.customer_id', '=', ref('cart.customer_id'))
            .whereRef('other.currency', '=', ref('cart.currency'))
            .where('other.status', '=', 'open'),
        ),
      ),
    )
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}
