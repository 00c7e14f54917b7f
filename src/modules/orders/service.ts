/**
 * Orders after checkout: a customer reads their own; staff list, search, capture, refund, fulfil,
 * deliver and cancel. Every state change goes through the order state machine and a conditional
 * update, so two staff members acting at once cannot both move an order.
 */
import type { Db } from '../../platform/db/types.ts'
import { conflict, isAppError, notFound } from '../../platform/errors.ts'
import { type Actor, ANONYMOUS } from '../../platform/security/actor.ts'
import { type Cipher, fieldAad } from '../../platform/security/crypto.ts'
import { openAddress } from '../addresses/sealing.ts'
import type { CatalogService } from '../catalog/service.ts'
import {
  cancelTransition,
  ORDER_TRANSITIONS,
  type OrderEvent,
  type OrderState,
  transition,
} from '../checkout/order-state.ts'
import { type MoneyMovement, type PaymentService, refundedSoFar } from '../payments/service.ts'
import type { DataSubject, PersonalDataContributor } from '../privacy/contributor.ts'
import type { MyOrdersQuery, OrderList, OrderSearchQuery, OrderView } from './schemas.ts'
import * as store from './store.ts'

export const orderProblems = {
  'order-not-found': { title: 'Order not found', description: 'No order with this id is visible to you.' },
  'order-changed': {
    title: 'Order changed',
    description: 'Someone else changed the order at the same moment; read it again and retry.',
  },
  'order-not-paid': { title: 'Order not paid', description: 'The order has no payment to capture or refund.' },
  'cart-empty': { title: 'Cart empty', description: 'A cart needs at least one line to check out.' },
  'cart-item-unavailable': {
    title: 'Cart item unavailable',
    description:
      'A line of the cart can no longer be bought (unpublished, deleted or unpriced); `variantId` says which.',
  },
  'address-required': {
    title: 'Address required',
    description: 'Give either shippingAddress or addressId (from your address book), not both.',
  },
  'shipping-unavailable': {
    title: 'Shipping unavailable',
    description: 'The shipping method does not ship this parcel to this address in this currency.',
  },
  'discount-code-unknown': { title: 'Unknown discount code', description: 'No discount code has this code.' },
  'payment-token-required': { title: 'Payment token required', description: 'This order needs a card token to pay.' },
  'order-refunded-not-cancelled': {
    title: 'Order refunded, not cancelled',
    description:
      'The cancel refunded the payment, but the order changed meanwhile (e.g. it was fulfilled) and could not be cancelled. The refund is recorded on the order (`state`, `amountRefunded`); its stock was not put back. `refunded` is what this request refunded.',
  },
}

/** What other modules hear about orders (webhooks, mail, analytics); called inside the writing transaction. */
export type OrderEventName =
  | 'order.placed'
  | 'order.paid'
  | 'order.fulfilled'
  | 'order.delivered'
  | 'order.cancelled'
  | 'order.refunded'
export type OrderListener = (trx: Db, event: OrderEventName, order: OrderView) => Promise<void>

/** What an order's view needs besides its row. */
export interface OrderViewParts {
  lines: readonly Omit<store.OrderLineTable, 'order_id' | 'position'>[]
  history: readonly Pick<store.OrderHistoryTable, 'from_status' | 'to_status' | 'event' | 'amount' | 'at'>[]
  paymentStatus: string
  shippingAddress: OrderView['shippingAddress']
}

const ERASED = 'erased'
const ERASED_EMAIL = 'erased@erased.invalid'

/** The actor recorded for changes the server makes by itself (expiry). */
const SYSTEM: Actor = { ...ANONYMOUS, userId: 'system' }

const EVENT_NAMES: Partial<Record<OrderEvent, OrderEventName>> = {
  pay: 'order.paid',
  fulfil: 'order.fulfilled',
  deliver: 'order.delivered',
  cancel: 'order.cancelled',
  refund: 'order.refunded',
  'partial-refund': 'order.refunded',
}

export function createOrderService(deps: {
  db: Db
  cipher: Cipher
  catalog: CatalogService
  payments: PaymentService
  listeners?: OrderListener[]
  now?: () => number
}) {
  const { db, cipher, catalog, payments } = deps
  const listeners = deps.listeners ?? []
  const now = deps.now ?? Date.now
  return {
    view,
    emit,
    listMine,
    getMine,
    search,
    get,
    capture,
    refund,
    fulfil,
    deliver,
    cancel,
    expireStalePending,
    personalData,
    paymentChanged,
    moneyMoved,
  }

  async function listMine(actor: Actor, query: MyOrdersQuery): Promise<OrderList> {
    if (!actor.customerId) return { items: [], nextCursor: null }
    return page({ customerId: actor.customerId, before: query.cursor, limit: query.limit ?? 20 })
  }

  async function getMine(actor: Actor, orderId: string): Promise<OrderView> {
    const order = await store.findOrder(db, orderId)
    // Another customer's order, or a guest order, simply does not exist for this caller.
    if (!order || order.customer_id === null || order.customer_id !== actor.customerId) throw orderNotFound()
    return view(db, order)
  }

  async function search(query: OrderSearchQuery): Promise<OrderList> {
    const q = query.q?.trim()
    const byEmail = q?.includes('@') ? q.toLowerCase() : undefined
    const byId = q && !byEmail ? q : undefined
    return page({
      status: query.status,
      customerId: query.customerId,
      email: byEmail,
      id: byId,
      from: query.from,
      to: query.to,
      before: query.cursor,
      limit: query.limit ?? 20,
    })
  }

  async function get(orderId: string): Promise<OrderView> {
    return view(db, await find(db, orderId))
  }

  /**
   * Captures the order's authorized payment (all of it). The order learns of it from the ledger
   * (`moneyMoved`): a `capture` entry in its history, `paymentStatus` captured.
   */
  async function capture(actor: Actor, orderId: string): Promise<OrderView> {
    const order = await find(db, orderId)
    if (!order.payment_id || order.status === 'pending' || order.status === 'cancelled') {
      throw conflict('order-not-paid', `A ${order.status} order has no authorized payment to capture`)
    }
    await payments.capture(order.payment_id, undefined, actorId(actor))
    return get(orderId)
  }

  /**
   * Refunds part or all of what was captured. The payment ledger guarantees refunds never exceed
   * the capture (also under concurrency); the order records each refund in the transaction that
   * writes its ledger entry (`moneyMoved`), as a refund through `POST /payments/{id}/refunds` or the
   * retry sweep does: one path, so the order, the ledger and the reports agree.
   */
  async function refund(actor: Actor, orderId: string, amount: number): Promise<OrderView> {
    const order = await find(db, orderId)
    if (!order.payment_id) throw conflict('order-not-paid', 'The order has no payment to refund')
    transition(order.status, 'partial-refund') // refuse before money moves: pending and cancelled orders
    await payments.refund(order.payment_id, amount, actorId(actor))
    return get(orderId)
  }

  /**
   * Money moved on a payment (capture, refund, void), told inside the transaction that writes its
   * ledger entry, whoever moved it (an orders route, a payments route, a retry sweep, a provider
   * webhook). A refund adds to the order's refunded total and moves it to refunded or partially
   * refunded where the state machine allows; every movement is an entry (with its amount) in the
   * order's history. The first statement takes the order's row lock, so concurrent movements of one
   * order are recorded one after another and none is lost.
   */
  async function moneyMoved(trx: Db, movement: MoneyMovement): Promise<void> {
    if (!movement.orderId) return
    const at = now()
    const refunded = movement.kind === 'refund' ? movement.amount : 0
    if (!(await store.addRefunded(trx, movement.orderId, refunded, at))) return
    const order = await find(trx, movement.orderId)
    const who: Actor = { ...SYSTEM, userId: movement.actor }
    if (movement.kind === 'refund') {
      const event: OrderEvent = order.amount_refunded >= order.total ? 'refund' : 'partial-refund'
      if (ORDER_TRANSITIONS[order.status][event]) return move(trx, who, order, event, {}, movement.amount)
    }
    // No state to move (a capture, a void, or a refund of an order the state machine has moved past):
    // still a line in its history, so the order shows every movement of its money.
    await store.appendHistory(trx, {
      order_id: order.id,
      from_status: order.status,
      to_status: order.status,
      event: movement.kind,
      actor: movement.actor,
      amount: movement.amount,
      at,
    })
    if (movement.kind === 'refund') await emit(trx, 'order.refunded', await view(trx, order))
  }

  function fulfil(actor: Actor, orderId: string) {
    return simpleMove(actor, orderId, 'fulfil')
  }
  function deliver(actor: Actor, orderId: string) {
    return simpleMove(actor, orderId, 'deliver')
  }

  /**
   * Cancels an unfulfilled order and puts its stock back. A payment only held at the provider is
   * voided: the void is claimed in the cancelling transaction and made after it commits (a provider
   * failure leaves the order cancelled and the void pending, retried in the background). A captured
   * payment is refunded in full first, then the order is cancelled (`cancelCaptured`). docs/CHECKOUT.md.
   */
  async function cancel(actor: Actor, orderId: string): Promise<OrderView> {
    const order = await find(db, orderId)
    if (order.payment_id && order.status !== 'pending') {
      const payment = await payments.get(order.payment_id)
      if (payment.amountCaptured > 0) return cancelCaptured(actor, order, order.payment_id)
    }
    const toVoid = await db.transaction().execute((trx) => cancelIn(trx, actor, orderId))
    if (toVoid) await payments.settleVoid(toVoid)
    return get(orderId)
  }

  /**
   * Cancels a paid (or partially refunded), never fulfilled order whose payment was captured: the
   * provider refunds everything still refundable (outside any transaction; a failure changes
   * nothing), then one transaction cancels the order with the refunded total and puts the stock back.
   * If the order changed in between (fulfilled by another request), the refund is still recorded on it
   * and the caller gets 409 `order-refunded-not-cancelled`. The payment ledger makes two concurrent
   * cancels refund once: the second finds nothing left to refund.
   */
  async function cancelCaptured(actor: Actor, order: store.OrderTable, paymentId: string): Promise<OrderView> {
    cancelTransition(order.status, await visited(db, order.id)) // refuse before money moves
    // The refund is recorded on the order (refunded) with its ledger entry (`moneyMoved`); the cancel follows.
    const { refunded, payment } = await payments.refundRest(paymentId, actorId(actor))
    const outcome = await retryOnChange(() =>
      db.transaction().execute(async (trx) => {
        const current = await find(trx, order.id)
        let refusal: unknown
        try {
          cancelTransition(current.status, await visited(trx, current.id))
        } catch (error) {
          refusal = error
        }
        if (refusal) return { refusal, recorded: refunded > 0 }
        await move(trx, actor, current, 'cancel')
        // The move holds the order's row: a fulfilment that slipped in since the read shows now, and
        // undoes this attempt (the retry then records the refund instead).
        if ((await visited(trx, current.id)).some((s) => s === 'fulfilled' || s === 'delivered')) {
          throw orderChanged()
        }
        for (const line of await store.listLines(trx, current.id)) {
          await catalog.releaseStock(trx, line.variant_id, line.quantity)
        }
        return { refusal: null, recorded: false }
      }),
    )
    if (outcome.refusal) {
      if (refunded === 0 && !outcome.recorded) throw outcome.refusal // this request moved nothing
      const after = await find(db, order.id)
      // A concurrent cancel found this request's refund in the ledger and cancelled the order with it.
      if (after.status === 'cancelled' && after.amount_refunded >= refundedSoFar(payment)) return get(order.id)
      throw conflict(
        'order-refunded-not-cancelled',
        `The payment was refunded, but the order became ${after.status.replace('_', ' ')} meanwhile and was not cancelled`,
        { state: after.status, amountRefunded: Number(after.amount_refunded), refunded },
      )
    }
    return get(order.id)
  }

  /**
   * Cancels orders left pending (a payment the client never confirmed) for longer than `ttlMs`, so
   * their reserved stock returns to sale. Runs on an interval in every node; the conditional state
   * update makes two nodes sweeping at once harmless.
   */
  async function expireStalePending(at: number, ttlMs: number, batch = 100): Promise<number> {
    const stale = await store.listStalePending(db, at - ttlMs, batch)
    let expired = 0
    for (const { id } of stale) {
      let toVoid: string | null
      try {
        toVoid = await db.transaction().execute((trx) => cancelIn(trx, SYSTEM, id))
        expired++
      } catch (error) {
        if (!isAppError(error)) throw error // paid or cancelled meanwhile: nothing to do
        continue
      }
      // The client can no longer confirm the payment; a failed void is retried by payments.retryVoids.
      if (toVoid) await payments.settleVoid(toVoid)
    }
    return expired
  }

  /**
   * Orders in personal-data requests: a customer's orders (and guest orders placed with their email)
   * in full; erasure keeps every amount, line and state, and replaces who and where with "erased".
   */
  function personalData(): PersonalDataContributor {
    const owned = (trx: Db, s: DataSubject) =>
      trx
        .selectFrom('shop_order')
        .selectAll()
        .where((eb) => eb.or([eb('customer_id', '=', s.userId), eb('email', '=', s.email)]))
        .orderBy('id')
        .execute()
    return {
      name: 'orders',
      // Addresses the customer gave at checkout besides the account's: mail and webhooks went there too.
      aliases: async (trx, subject) => (await owned(trx, subject)).map((row) => row.email),
      async collect(trx, subject) {
        const rows = await owned(trx, subject)
        return Promise.all(rows.map((row) => view(trx, row)))
      },
      async erase(trx, subject, at) {
        for (const row of await owned(trx, subject)) {
          const enc = (column: string, value: string) => cipher.encrypt(value, fieldAad('shop_order', column, row.id))
          await trx
            .updateTable('shop_order')
            .set({
              customer_id: null,
              email: ERASED_EMAIL,
              idempotency_key_hash: null,
              ship_name_enc: enc('ship_name_enc', ERASED),
              ship_line1_enc: enc('ship_line1_enc', ERASED),
              ship_line2_enc: null,
              ship_city_enc: enc('ship_city_enc', ERASED),
              ship_postcode_enc: enc('ship_postcode_enc', ERASED),
              ship_phone_enc: null,
              updated_at: at,
            })
            .where('id', '=', row.id)
            .execute()
        }
      },
    }
  }

  /**
   * A payment confirmed or failed later (a Stripe webhook): the pending order it pays for becomes
   * paid, or is cancelled and its stock released. Runs in the webhook's transaction.
   */
  async function paymentChanged(trx: Db, payment: { orderId: string | null; status: string }): Promise<void> {
    if (!payment.orderId) return
    const order = await store.findOrder(trx, payment.orderId)
    if (order?.status !== 'pending') return
    if (payment.status === 'authorized' || payment.status === 'captured') await move(trx, SYSTEM, order, 'pay')
    else if (payment.status === 'failed' || payment.status === 'canceled') await cancelIn(trx, SYSTEM, order.id)
  }

  /**
   * Cancels in the caller's transaction; returns the payment whose void was claimed (to settle once
   * the transaction commits), or null. The payment is claimed first, in the same lock order as a
   * provider webhook (payment, then order).
   */
  async function cancelIn(trx: Db, actor: Actor, orderId: string): Promise<string | null> {
    const order = await find(trx, orderId)
    cancelTransition(order.status, await visited(trx, orderId)) // refuse an illegal move before touching the payment
    const toVoid = order.payment_id && (await payments.claimVoid(trx, order.payment_id)) ? order.payment_id : null
    await move(trx, actor, order, 'cancel')
    for (const line of await store.listLines(trx, orderId)) {
      await catalog.releaseStock(trx, line.variant_id, line.quantity)
    }
    return toVoid
  }

  // -------------------------------------------------------------------------------------------

  async function simpleMove(actor: Actor, orderId: string, event: OrderEvent): Promise<OrderView> {
    await db.transaction().execute(async (trx) => move(trx, actor, await find(trx, orderId), event))
    return get(orderId)
  }

  async function move(
    trx: Db,
    actor: Actor,
    order: store.OrderTable,
    event: OrderEvent,
    changes: Parameters<typeof store.moveStatus>[5] = {},
    amount: number | null = null,
  ): Promise<void> {
    const next = transition(order.status, event)
    const at = now()
    if (!(await store.moveStatus(trx, order.id, order.status, next, at, changes))) throw orderChanged()
    await store.appendHistory(trx, {
      order_id: order.id,
      from_status: order.status,
      to_status: next,
      event,
      actor: actor.userId ?? actor.apiKeyId,
      amount,
      at,
    })
    const name = EVENT_NAMES[event]
    if (name) await emit(trx, name, await view(trx, await find(trx, order.id)))
  }

  async function emit(trx: Db, event: OrderEventName, order: OrderView): Promise<void> {
    for (const listener of listeners) await listener(trx, event, order)
  }

  async function page(filter: store.OrderFilter): Promise<OrderList> {
    const rows = await store.listOrders(db, filter)
    const items = rows.slice(0, filter.limit).map((r) => ({
      id: r.id,
      status: r.status,
      email: r.email,
      currency: r.currency,
      total: Number(r.total),
      amountRefunded: Number(r.amount_refunded),
      itemCount: Number(r.item_count),
      createdAt: Number(r.created_at),
    }))
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null }
  }

  /**
   * The order as its API shows it. `known`: what the caller has just written itself (the checkout:
   * the lines, the history, the payment's status, the address it sealed), so it is neither read back
   * nor decrypted again; anything not given is read.
   */
  async function view(trx: Db, order: store.OrderTable, known: Partial<OrderViewParts> = {}): Promise<OrderView> {
    const [lines, history] =
      known.lines && known.history
        ? [known.lines, known.history]
        : await Promise.all([store.listLines(trx, order.id), store.listHistory(trx, order.id)])
    const dec = (column: string, value: string) => cipher.decrypt(value, fieldAad('shop_order', column, order.id))
    const paymentStatus =
      known.paymentStatus ?? (order.payment_id ? ((await payments.statusOf(trx, order.payment_id)) ?? 'none') : 'none')
    return {
      id: order.id,
      status: order.status,
      email: order.email,
      customerId: order.customer_id,
      currency: order.currency,
      lines: lines.map((l) => ({
        variantId: l.variant_id,
        sku: l.sku,
        title: l.title,
        unitPrice: Number(l.unit_price),
        quantity: Number(l.quantity),
        discount: Number(l.discount),
        tax: Number(l.tax),
        total: Number(l.total),
      })),
      subtotal: Number(order.subtotal),
      discount: Number(order.discount),
      discountCode: order.discount_code,
      shipping: Number(order.shipping),
      shippingMethod: { id: order.shipping_method_id, name: order.shipping_method_name },
      tax: Number(order.tax),
      taxIncluded: Number(order.tax_included) === 1,
      total: Number(order.total),
      amountRefunded: Number(order.amount_refunded),
      shippingAddress: known.shippingAddress ?? {
        ...openAddress('ship_', order, dec),
        region: order.ship_region,
        country: order.ship_country,
      },
      paymentId: order.payment_id,
      paymentStatus,
      createdAt: Number(order.created_at),
      updatedAt: Number(order.updated_at),
      history: history.map((h) => ({
        from: h.from_status as OrderState | null,
        to: h.to_status as OrderState,
        event: h.event,
        amount: h.amount === null || h.amount === undefined ? null : Number(h.amount),
        at: Number(h.at),
      })),
    }
  }
}

async function find(db: Db, orderId: string): Promise<store.OrderTable> {
  const order = await store.findOrder(db, orderId)
  if (!order) throw orderNotFound()
  return order
}

/** The states an order has been in, oldest first. */
async function visited(db: Db, orderId: string): Promise<OrderState[]> {
  return (await store.listHistory(db, orderId)).map((h) => h.to_status)
}

/** Runs `attempt` again (up to 10 times) when it lost a race for the order (`order-changed`). */
async function retryOnChange<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      if (n >= 10 || !isAppError(error) || error.code !== 'order-changed') throw error
    }
  }
}

/** Who the payment ledger records as having moved money for `actor`. */
function actorId(actor: Actor): string {
  return actor.userId ?? actor.apiKeyId ?? 'system'
}

function orderChanged() {
  return conflict('order-changed', 'The order changed while this request ran; read it again')
}

function orderNotFound() {
  return notFound('order-not-found', 'No such order')
}

export type OrderService = ReturnType<typeof createOrderService>
