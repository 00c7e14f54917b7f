/**
 * The order state machine (pure). An order's state moves only through `transition`; the orders
 * module will write it with a conditional update (`… where state = :from`) so two staff members
 * acting at once cannot both move it.
 *
 *   pending ──pay──▶ paid ──fulfil──▶ fulfilled ──deliver──▶ delivered
 *      │               │  ╲                │                     │
 *    cancel          cancel refund /     refund /              refund /
 *      ▼               ▼   partial-refund  partial-refund       partial-refund
 *  cancelled       cancelled   ▼               ▼                     ▼
 *                        refunded | partially_refunded (partial-refund again, refund, fulfil, deliver,
 *                                                       cancel if never fulfilled or delivered)
 *                        refunded ──cancel (if never fulfilled or delivered)──▶ cancelled
 *
 * How much was paid, captured and refunded lives in the payment table; the state is the summary a
 * customer and staff see. A partially refunded order can still be fulfilled and delivered (one item
 * refunded, the rest shipped); cancelled is final, and refunded only moves on to cancelled (stock back)
 * while the goods never left.
 *
 * Cancelling puts the stock back, so only an order whose goods never left may be cancelled. A
 * partially refunded order may have been refunded before or after it was fulfilled: the state alone
 * cannot tell, so `cancelTransition` also looks at the states the order went through.
 */
import { conflict } from '../../platform/errors.ts'

export const ORDER_STATES = [
  'pending',
  'paid',
  'fulfilled',
  'delivered',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const
export type OrderState = (typeof ORDER_STATES)[number]

export const ORDER_EVENTS = ['pay', 'fulfil', 'deliver', 'cancel', 'refund', 'partial-refund'] as const
export type OrderEvent = (typeof ORDER_EVENTS)[number]

/** The legal moves: state → event → next state. Anything not listed is illegal. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderState, Partial<Record<OrderEvent, OrderState>>>> = {
  pending: { pay: 'paid', cancel: 'cancelled' },
  paid: { fulfil: 'fulfilled', cancel: 'cancelled', refund: 'refunded', 'partial-refund': 'partially_refunded' },
  fulfilled: { deliver: 'delivered', refund: 'refunded', 'partial-refund': 'partially_refunded' },
  delivered: { refund: 'refunded', 'partial-refund': 'partially_refunded' },
  partially_refunded: {
    fulfil: 'fulfilled',
    deliver: 'delivered',
    cancel: 'cancelled',
    refund: 'refunded',
    'partial-refund': 'partially_refunded',
  },
  cancelled: {},
  // Refunded in full but never shipped (a cancel refunds first, then cancels; or staff refunded first):
  // cancelling puts the stock back. `cancelTransition` refuses it once the goods have left.
  refunded: { cancel: 'cancelled' },
}

export const orderStateProblems = {
  'illegal-order-transition': {
    title: 'Illegal order transition',
    description: 'The order cannot make this move from its current state; `state` and `event` say which.',
  },
  'order-already-fulfilled': {
    title: 'Order already fulfilled',
    description:
      'The order was fulfilled or delivered before (then partially refunded), so its goods have left and it cannot be cancelled; refund it instead.',
  },
}

/** States that mean the goods have left: an order that was ever in one can no longer be cancelled. */
const SHIPPED: ReadonlySet<OrderState> = new Set(['fulfilled', 'delivered'])

/** The state after `event`; throws a conflict (409 `illegal-order-transition`) for an illegal move. */
export function transition(from: OrderState, event: OrderEvent): OrderState {
  const next = ORDER_TRANSITIONS[from]?.[event]
  if (!next) {
    throw conflict('illegal-order-transition', `An order that is ${from.replace('_', ' ')} cannot ${event}`, {
      state: from,
      event,
    })
  }
  return next
}

/**
 * The state a cancel moves the order to. `visited` are the states the order has been in (its
 * history); besides what `transition` refuses, throws a conflict (409 `order-already-fulfilled`) for
 * an order that was ever fulfilled or delivered.
 */
export function cancelTransition(from: OrderState, visited: readonly OrderState[]): OrderState {
  const next = transition(from, 'cancel')
  if (visited.some((state) => SHIPPED.has(state))) {
    throw conflict(
      'order-already-fulfilled',
      `A ${from.replace('_', ' ')} order that was fulfilled cannot be cancelled`,
      {
        state: from,
      },
    )
  }
  return next
}
