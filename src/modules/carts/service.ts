/**
 * Carts for guests (a cart token, shown once) and customers (one open cart per currency), merged at
 * sign-in. Prices and totals are always computed here from the catalog's current prices; a client
 * never sends a price. Quantities are checked against stock when added.
 */
import { hash, timingSafeEqual } from 'node:crypto'
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { conflict, invalid, notFound } from '../../platform/errors.ts'
import type { Actor } from '../../platform/security/actor.ts'
import { randomToken } from '../../platform/security/random.ts'
import type { CatalogService, SellableColumns, SellableVariant } from '../catalog/service.ts'
import { type AddItemBody, type CartLineView, type CartView, MAX_PER_LINE, type NewCartView } from './schemas.ts'
import * as store from './store.ts'

export const cartProblems = {
  'cart-not-found': {
    title: 'Cart not found',
    description: 'No cart with this id belongs to you (a guest cart needs its X-Cart-Token).',
  },
  'cart-closed': { title: 'Cart closed', description: 'The cart was checked out or merged and can no longer change.' },
  'line-limit': { title: 'Line limit', description: `A cart holds at most ${MAX_PER_LINE} of one item.` },
  'line-not-found': { title: 'Line not found', description: 'The cart has no line for this variant.' },
  'insufficient-stock': {
    title: 'Insufficient stock',
    description: 'Fewer units are in stock than asked for; `available` says how many.',
  },
  'cart-currency-mismatch': {
    title: 'Cart currency mismatch',
    description: 'The carts to merge are in different currencies.',
  },
  'currency-not-sold': {
    title: 'Currency not sold',
    description:
      'The shop does not sell in this currency: no published product has a price in it. `currencies` lists those it sells in.',
  },
}

/** Quantity a line holds after adding `added`; throws once over the per-line cap. */
export function mergeQuantity(current: number, added: number): number {
  const next = current + added
  if (next > MAX_PER_LINE) throw conflict('line-limit', `At most ${MAX_PER_LINE} of one item per cart`)
  return next
}

/** Throws insufficient-stock unless `quantity` units are in stock. */
export function checkStock(quantity: number, inStock: number): void {
  if (quantity > inStock) {
    throw conflict('insufficient-stock', `Only ${inStock} left in stock`, { available: inStock })
  }
}

/** A cart line as the checkout reads it: `variant` is undefined when it is no longer for sale. */
export interface CheckoutLine {
  variantId: string
  quantity: number
  variant: SellableVariant | undefined
}

/** What a cart stores of its token (one-shot `hash`: a `createHash` object per call cost ~3x as much). */
export function hashToken(token: string): string {
  return hash('sha256', token)
}

export function createCartService(deps: { db: Db; catalog: CatalogService; now?: () => number }) {
  const { db, catalog } = deps
  const now = deps.now ?? Date.now
  const readForCheckout = store.cartForCheckout<SellableColumns>(catalog.joinSellable)
  const readForAddItem = store.cartForAddItem<SellableColumns>(catalog.joinSellable)
  return { create, get, addItem, setQuantity, removeItem, merge, openForCheckout, markConverted, reopen }

  async function create(actor: Actor, currency: string): Promise<NewCartView> {
    // A cart in a currency nothing is priced in could never hold a line (issue 12: BTC, XXX).
    if (!(await catalog.sellsIn(db, currency))) {
      throw invalid('currency-not-sold', `The shop does not sell in ${currency}`, {
        currencies: await catalog.saleCurrencies(db),
      })
    }
    if (actor.kind === 'user' && actor.customerId) {
      const existing = await store.findOpenCustomerCart(db, actor.customerId, currency)
      if (existing) return { cart: await view(db, existing), token: null }
      const row = newCart(currency, actor.customerId, null)
      try {
        await store.insertCart(db, row)
      } catch (error) {
        // A concurrent create won the unique (customer, currency, open) index: return its cart.
        const winner = await store.findOpenCustomerCart(db, actor.customerId, currency)
        if (!winner) throw error
        return { cart: await view(db, winner), token: null }
      }
      return { cart: emptyView(row), token: null }
    }
    const token = randomToken(32)
    const row = newCart(currency, null, hashToken(token))
    await store.insertCart(db, row)
    return { cart: emptyView(row), token }
  }

  async function get(actor: Actor, cartId: string, token: string | undefined): Promise<CartView> {
    return view(db, await access(db, actor, cartId, token))
  }

  /**
   * One read (the cart, its lines and the variants priced in the cart's currency, the one being added
   * included) and one conditional write, with no transaction (issue 11: on PostgreSQL each statement,
   * BEGIN and COMMIT included, is a round trip): the write lands only if the cart is still open and the
   * line still holds what was read, and otherwise the whole add runs again on fresh reads, so a
   * concurrent add is never overwritten and a cart closed meanwhile answers cart-closed. The view is
   * built from what was read and written, not read back.
   */
  async function addItem(actor: Actor, cartId: string, token: string | undefined, input: AddItemBody) {
    for (let attempt = 1; ; attempt++) {
      const rows = await readForAddItem(db, cartId, input.variantId)
      const cart = open(owned(rows[0] && cartOf(rows[0]), actor, token))
      const lines: store.LineRow[] = []
      const variants = new Map<string, SellableVariant>()
      let index = -1
      for (const row of rows) {
        const sellable = catalog.sellableFromJoin(row)
        if (sellable) variants.set(sellable.id, sellable)
        if (row.quantity === null) continue // the variant being added, in no line yet
        if (row.variantId === input.variantId) index = lines.length
        lines.push({ variantId: row.variantId, quantity: Number(row.quantity), addedAt: Number(row.addedAt) })
      }
      // Not for sale: the catalog's own lookup answers with its problem (variant-not-found).
      const variant =
        variants.get(input.variantId) ?? (await catalog.getSellableVariant(db, input.variantId, cart.currency))
      variants.set(variant.id, variant)
      const current = index >= 0 ? lines[index].quantity : 0
      const quantity = mergeQuantity(current, input.quantity)
      checkStock(quantity, variant.stock)
      // A new line goes last, even when the one before it was added in the same millisecond.
      const at = index >= 0 ? now() : addedAfter(lines, now())
      const put = { cartId: cart.id, variantId: variant.id, quantity, expected: current, now: at }
      if (await store.putLineIfUnchanged(db, put)) {
        if (index >= 0) lines[index] = { ...lines[index], quantity }
        else insertLine(lines, { variantId: variant.id, quantity, addedAt: at })
        return viewOf(cart, lines, variants)
      }
      if (attempt === MAX_ATTEMPTS) throw new Error(`cart ${cart.id}: line kept changing under ${attempt} adds`)
    }
  }

  async function setQuantity(
    actor: Actor,
    cartId: string,
    token: string | undefined,
    variantId: string,
    quantity: number,
  ) {
    return db.transaction().execute(async (trx) => {
      const cart = await openCart(trx, actor, cartId, token)
      if (!(await store.findLine(trx, cart.id, variantId))) throw lineNotFound()
      const variant = await catalog.getSellableVariant(trx, variantId, cart.currency)
      checkStock(quantity, variant.stock)
      await store.putLine(trx, cart.id, variantId, quantity, now())
      await store.touchCart(trx, cart.id, now())
      return view(trx, cart)
    })
  }

  async function removeItem(actor: Actor, cartId: string, token: string | undefined, variantId: string) {
    return db.transaction().execute(async (trx) => {
      const cart = await openCart(trx, actor, cartId, token)
      if (!(await store.deleteLine(trx, cart.id, variantId))) throw lineNotFound()
      await store.touchCart(trx, cart.id, now())
      return view(trx, cart)
    })
  }

  /**
   * Moves a guest cart's lines into the signed-in customer's open cart (creating it), adding
   * quantities up to the per-line cap, and closes the guest cart. Stock is checked again at checkout.
   */
  async function merge(actor: Actor, guestCartId: string, guestToken: string | undefined): Promise<CartView> {
    const customerId = actor.customerId
    if (actor.kind !== 'user' || !customerId) throw cartNotFound()
    return db.transaction().execute(async (trx) => {
      const guest = await store.findCart(trx, guestCartId)
      if (!guest || guest.customer_id !== null || !tokenMatches(guest, guestToken)) throw cartNotFound()
      if (guest.status !== 'open') throw conflict('cart-closed', 'This cart was already checked out or merged')
      let target = await store.findOpenCustomerCart(trx, customerId, guest.currency)
      if (!target) {
        const row = newCart(guest.currency, customerId, null)
        await store.insertCart(trx, row)
        target = row
      }
      const [guestLines, targetLines] = await Promise.all([
        store.listLines(trx, guest.id),
        store.listLines(trx, target.id),
      ])
      // The guest's new lines go after the customer's, in the guest cart's order.
      let at = addedAfter(targetLines, now()) - 1
      for (const line of guestLines) {
        const current = targetLines.find((l) => l.variantId === line.variantId)?.quantity ?? 0
        if (current === 0) at++
        await store.putLine(trx, target.id, line.variantId, Math.min(MAX_PER_LINE, current + line.quantity), at)
      }
      await store.closeCart(trx, guest.id, 'merged', now())
      await store.touchCart(trx, target.id, now())
      return view(trx, target)
    })
  }

  /**
   * For the checkout: the open cart the actor may check out, with its lines and each line's variant
   * priced for sale in the cart's currency (undefined when no longer for sale), in one read (the
   * checkout's first statement; the pricing part is the catalog's `joinSellable`).
   */
  async function openForCheckout(trx: Db, actor: Actor, cartId: string, token: string | undefined) {
    const rows = await readForCheckout(trx, cartId)
    const first = rows[0]
    const cart = open(owned(first && cartOf(first), actor, token))
    const lines: CheckoutLine[] = []
    for (const row of rows) {
      if (row.variantId === null || row.quantity === null) continue
      lines.push({ variantId: row.variantId, quantity: row.quantity, variant: catalog.sellableFromJoin(row) })
    }
    return { cart, lines }
  }

  /**
   * Closes the cart as checked out; false when another checkout already did (the caller aborts). In a
   * `batchedTransaction` on PostgreSQL it goes with the batch (write-batch.ts `writeLater`): call it,
   * then `flushLater`, then await it.
   */
  function markConverted(trx: Db, cartId: string): Promise<boolean> {
    return store.convertCart(trx, cartId, now())
  }

  /** Opens a converted cart again after its checkout was declined; false when it cannot be (see store). */
  function reopen(trx: Db, cartId: string): Promise<boolean> {
    return store.reopenCart(trx, cartId, now())
  }

  // -------------------------------------------------------------------------------------------

  function newCart(currency: string, customerId: string | null, tokenHash: string | null): store.CartTable {
    const at = now()
    return {
      id: newId('cart'),
      customer_id: customerId,
      token_hash: tokenHash,
      currency,
      status: 'open',
      created_at: at,
      updated_at: at,
    }
  }

  /** The cart, if this actor owns it (customer carts) or holds its token (guest carts); else not found. */
  async function access(trx: Db, actor: Actor, cartId: string, token: string | undefined): Promise<store.CartRow> {
    return owned(await store.findCart(trx, cartId), actor, token)
  }

  function owned(cart: store.CartRow | undefined, actor: Actor, token: string | undefined): store.CartRow {
    if (!cart) throw cartNotFound()
    const owns = cart.customer_id !== null ? actor.customerId === cart.customer_id : tokenMatches(cart, token)
    if (!owns) throw cartNotFound() // someone else's cart does not exist, as far as the caller can tell
    return cart
  }

  async function openCart(trx: Db, actor: Actor, cartId: string, token: string | undefined) {
    return open(await access(trx, actor, cartId, token))
  }

  function open(cart: store.CartRow): store.CartRow {
    if (cart.status !== 'open') throw conflict('cart-closed', `This cart is ${cart.status}`)
    return cart
  }

  async function view(trx: Db, cart: store.CartRow): Promise<CartView> {
    const rows = await store.listLines(trx, cart.id)
    // The lines' variants in one read; one not for sale is absent.
    const ids = rows.map((row) => row.variantId)
    const variants = ids.length > 0 ? await catalog.getSellableVariants(trx, ids, cart.currency) : new Map()
    return viewOf(cart, rows, variants)
  }

  /** A cart just created: no lines, so nothing to read. */
  function emptyView(cart: store.CartRow): CartView {
    return viewOf(cart, [], new Map())
  }

  /** The view of `rows` (in `listLines` order); `variants` holds those for sale (the others are absent). */
  function viewOf(
    cart: store.CartRow,
    rows: readonly { variantId: string; quantity: number }[],
    variants: ReadonlyMap<string, SellableVariant>,
  ): CartView {
    const lines = rows.map((row) => lineView(variants.get(row.variantId), row.variantId, row.quantity))
    const available = lines.filter((l) => l.available)
    return {
      id: cart.id,
      currency: cart.currency,
      status: cart.status,
      lines,
      itemCount: lines.reduce((sum, l) => sum + l.quantity, 0),
      subtotal: available.reduce((sum, l) => sum + l.lineTotal, 0),
      weightGrams: available.reduce((sum, l) => sum + l.weightGrams * l.quantity, 0),
      updatedAt: Number(cart.updated_at),
    }
  }

  function lineView(v: SellableVariant | undefined, variantId: string, quantity: number): CartLineView {
    if (v) {
      return {
        variantId,
        sku: v.sku,
        title: v.title,
        quantity,
        unitPrice: v.price,
        lineTotal: v.price * quantity,
        weightGrams: v.weightGrams,
        available: v.stock >= quantity,
        inStock: v.stock,
      }
    }
    // No longer for sale (unpublished, no price in the cart's currency, gone).
    return {
      variantId,
      sku: null,
      title: null,
      quantity,
      unitPrice: null,
      lineTotal: 0,
      weightGrams: 0,
      available: false,
      inStock: 0,
    }
  }
}

/** A bound on an add's retries that no real cart reaches (each retry means another add to the line landed). */
const MAX_ATTEMPTS = 100

/**
 * The added_at of a line added now: after every line already in the cart, so lines list in the order
 * they were added even when two adds land in the same millisecond (or a node's clock is behind).
 */
function addedAfter(lines: readonly { addedAt: number }[], now: number): number {
  let at = now
  for (const line of lines) if (line.addedAt >= at) at = line.addedAt + 1
  return at
}

/** Puts a new line where `listLines` would list it (by added_at, then variant id). */
function insertLine(lines: store.LineRow[], line: store.LineRow): void {
  let i = lines.length
  while (
    i > 0 &&
    (lines[i - 1].addedAt > line.addedAt ||
      (lines[i - 1].addedAt === line.addedAt && lines[i - 1].variantId > line.variantId))
  )
    i--
  lines.splice(i, 0, line)
}

/** The cart's own columns of a row that joined more (its lines, their prices). */
function cartOf(row: store.CartRow): store.CartRow {
  const { id, customer_id, token_hash, currency, status, updated_at } = row
  return { id, customer_id, token_hash, currency, status, updated_at }
}

function tokenMatches(cart: store.CartRow, token: string | undefined): boolean {
  if (!cart.token_hash || !token || token.length > 200) return false
  const stored = Buffer.from(cart.token_hash, 'hex')
  const given = hash('sha256', token, 'buffer')
  return stored.length === given.length && timingSafeEqual(stored, given)
}

function cartNotFound() {
  return notFound('cart-not-found', 'No such cart')
}
function lineNotFound() {
  return notFound('line-not-found', 'The cart has no line for this variant')
}

export type CartService = ReturnType<typeof createCartService>
