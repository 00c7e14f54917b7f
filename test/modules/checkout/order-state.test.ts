import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  cancelTransition,
  ORDER_EVENTS,
  ORDER_STATES,
  type OrderEvent,
  type OrderState,
  transition,
} from '../../../src/modules/checkout/order-state.ts'

// Written out independently of ORDER_TRANSITIONS: every (state, event) pair, legal or not.
const expected: Record<OrderState, Record<OrderEvent, OrderState | null>> = {
  pending: {
    pay: 'paid',
    fulfil: null,
    deliver: null,
    cancel: 'cancelled',
    refund: null,
    'partial-refund': null,
  },
  paid: {
    pay: null,
    fulfil: 'fulfilled',
    deliver: null,
    cancel: 'cancelled',
    refund: 'refunded',
    'partial-refund': 'partially_refunded',
  },
  fulfilled: {
    pay: null,
    fulfil: null,
    deliver: 'delivered',
    cancel: null,
    refund: 'refunded',
    'partial-refund': 'partially_refunded',
  },
  delivered: {
    pay: null,
    fulfil: null,
    deliver: null,
    cancel: null,
    refund: 'refunded',
    'partial-refund': 'partially_refunded',
  },
  cancelled: { pay: null, fulfil: null, deliver: null, cancel: null, refund: null, 'partial-refund': null },
  // Refunded in full before the goods left: a cancel puts the stock back (cancelTransition refuses it otherwise).
  refunded: { pay: null, fulfil: null, deliver: null, cancel: 'cancelled', refund: null, 'partial-refund': null },
  partially_refunded: {
    pay: null,
    fulfil: 'fulfilled',
    deliver: 'delivered',
    cancel: 'cancelled', // only if never fulfilled or delivered: cancelTransition
    refund: 'refunded',
    'partial-refund': 'partially_refunded',
  },
}

test('order transitions: the whole table of states × events', () => {
  let legal = 0
  let illegal = 0
  for (const state of ORDER_STATES) {
    for (const event of ORDER_EVENTS) {
      const next = expected[state][event]
      if (next === null) {
        assert.throws(
          () => transition(state, event),
          (error: any) =>
            error.kind === 'conflict' &&
            error.code === 'illegal-order-transition' &&
            error.extras.state === state &&
            error.extras.event === event,
          `${state} --${event}--> should be refused`,
        )
        illegal++
      } else {
        assert.equal(transition(state, event), next, `${state} --${event}-->`)
        legal++
      }
    }
  }
  assert.equal(legal + illegal, ORDER_STATES.length * ORDER_EVENTS.length)
  assert.equal(legal, 17)
})

test('cancelled is final; refunded only moves on to cancelled', () => {
  for (const event of ORDER_EVENTS)
    assert.throws(() => transition('cancelled', event), { code: 'illegal-order-transition' })
  for (const event of ORDER_EVENTS.filter((e) => e !== 'cancel'))
    assert.throws(() => transition('refunded', event), { code: 'illegal-order-transition' })
  assert.equal(cancelTransition('refunded', ['pending', 'paid', 'refunded']), 'cancelled')
  assert.throws(() => cancelTransition('refunded', ['pending', 'paid', 'fulfilled', 'refunded']), {
    code: 'order-already-fulfilled',
  })
})

test('a cancel is refused once the goods have left, whatever happened since', () => {
  assert.equal(cancelTransition('partially_refunded', ['pending', 'paid', 'partially_refunded']), 'cancelled')
  assert.throws(() => cancelTransition('partially_refunded', ['pending', 'paid', 'fulfilled', 'partially_refunded']), {
    code: 'order-already-fulfilled',
  })
  assert.throws(() => cancelTransition('fulfilled', ['pending', 'paid', 'fulfilled']), {
    code: 'illegal-order-transition',
  })
  // Any walk through the machine from pending: a cancel is accepted exactly when the order can
  // cancel now and was never fulfilled or delivered on the way.
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...ORDER_EVENTS), { maxLength: 12 }), (events) => {
      let state: OrderState = 'pending'
      const visited: OrderState[] = [state]
      for (const event of events) {
        try {
          state = transition(state, event)
          visited.push(state)
        } catch {
          // an illegal event leaves the order where it was
        }
      }
      const shipped = visited.includes('fulfilled') || visited.includes('delivered')
      const expectedNext = expected[state].cancel !== null && !shipped ? 'cancelled' : null
      let next: OrderState | null = null
      try {
        next = cancelTransition(state, visited)
      } catch (error: any) {
        assert.equal(error.kind, 'conflict')
        assert.ok(['illegal-order-transition', 'order-already-fulfilled'].includes(error.code))
      }
      assert.equal(next, expectedNext, `${visited.join(' → ')} --cancel-->`)
    }),
    { numRuns: 2000 },
  )
})
