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
 *                        refunded | partially_refunded (partial-refund again, refund, fulfil, deliver)
 *
 * How much was paid, captured and refunded lives in the payment table; the state is the summary a
 * customer and staff see. A partially refunded order can still be fulfilled and delivered (one item
 * refunded, the rest shipped); refunded and cancelled are final.
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
    refund: 'refunded',
    'partial-refund': 'partially_refunded',
  },
  cancelled: {},
  refunded: {},
}

export const orderStateProblems = {
  'illegal-order-transition': {
    title: 'Illegal order transition',
    description: 'The order cannot make this move from its current state; `state` and `event` say which.',
  },
}

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
