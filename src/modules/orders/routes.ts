/** Checkout and orders: POST /checkout, a customer's /me/orders, and staff /orders. */
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { deferredClaim, idempotencyKeyHash } from '../../platform/http/idempotency.ts'
import { Line } from '../../platform/http/schemas.ts'
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import type { CheckoutService } from './checkout.ts'
import {
  CheckoutBody,
  CheckoutResultView,
  MyOrdersQuery,
  OrderList,
  OrderParams,
  OrderRefundBody,
  OrderSearchQuery,
  OrderView,
  QuoteBody,
  QuoteView,
} from './schemas.ts'
import type { OrderService } from './service.ts'

const CheckoutHeaders = Type.Object({
  'x-cart-token': Type.Optional(Line({ maxLength: 200, description: 'The token of a guest cart' })),
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\u0020-\\u007E]+$' })),
})

function cartTokenOf(req: FastifyRequest): string | undefined {
  const token = req.headers['x-cart-token']
  return typeof token === 'string' ? token : undefined
}

export async function orderRoutes(app: App, { orders, checkout }: { orders: OrderService; checkout: CheckoutService }) {
  const tags = ['orders']
  const staffRead = { permission: 'orders:read' } as const
  const staffWrite = { permission: 'orders:write' } as const

  app.post(
    '/checkout',
    {
      schema: {
        summary: 'Turn a cart into an order and pay for it',
        description:
          'Stock is reserved, the discount redeemed and totals computed on the server in one short transaction; the ' +
          'payment is then authorized outside it and the result recorded. A decline gives everything back (422); a ' +
          'provider that does not answer is a 503, and retrying the same checkout resumes it. Send an ' +
          '`Idempotency-Key` so a retried request cannot order twice.',
        tags: ['checkout'],
        headers: CheckoutHeaders,
        body: CheckoutBody,
        response: { 201: CheckoutResultView },
      },
      // The key is claimed by the checkout's first write (reserve's batch), not by a statement of its own.
      config: { auth: 'public', rateLimit: limits.write, idempotent: 'deferred' },
    },
    async (req, reply) => {
      const key = { claim: deferredClaim(req), keyHash: idempotencyKeyHash(req) }
      return reply.code(201).send(await checkout.placeOrder(req.actor, cartTokenOf(req), req.body, key))
    },
  )

  app.post(
    '/checkout/quote',
    {
      schema: {
        summary: 'Price a cart for a destination: every shipping option with tax, discount and total',
        description: 'Read-only: nothing is reserved or redeemed. Uses the same rules as POST /checkout.',
        tags: ['checkout'],
        headers: CheckoutHeaders,
        body: QuoteBody,
        response: { 200: QuoteView },
      },
      config: { auth: 'public', rateLimit: limits.read },
    },
    (req) => checkout.quote(req.actor, cartTokenOf(req), req.body),
  )

  app.get(
    '/me/orders',
    {
      schema: { summary: 'My orders, newest first', tags, querystring: MyOrdersQuery, response: { 200: OrderList } },
      config: { auth: 'customer', rateLimit: limits.read },
    },
    (req) => orders.listMine(req.actor, req.query),
  )

  app.get(
    '/me/orders/:orderId',
    {
      schema: { summary: 'One of my orders', tags, params: OrderParams, response: { 200: OrderView } },
      config: { auth: 'customer', rateLimit: limits.read },
    },
    (req) => orders.getMine(req.actor, req.params.orderId),
  )

  app.get(
    '/orders',
    {
      schema: {
        summary: 'List and search orders (staff)',
        description: '`q` is an email or an order id; `from`/`to` bound the creation time (epoch ms).',
        tags,
        querystring: OrderSearchQuery,
        response: { 200: OrderList },
      },
      config: { auth: staffRead, rateLimit: limits.read },
    },
    (req) => orders.search(req.query),
  )

  app.get(
    '/orders/:orderId',
    {
      schema: { summary: 'One order (staff)', tags, params: OrderParams, response: { 200: OrderView } },
      config: { auth: staffRead, rateLimit: limits.read },
    },
    (req) => orders.get(req.params.orderId),
  )

  app.post(
    '/orders/:orderId/capture',
    {
      schema: {
        summary: "Capture the order's authorized payment",
        tags,
        params: OrderParams,
        response: { 200: OrderView },
      },
      config: { auth: staffWrite, rateLimit: limits.write, idempotent: true },
    },
    (req) => orders.capture(req.actor, req.params.orderId),
  )

  app.post(
    '/orders/:orderId/refunds',
    {
      schema: {
        summary: 'Refund part or all of what was captured',
        tags,
        params: OrderParams,
        body: OrderRefundBody,
        response: { 200: OrderView },
      },
      config: { auth: staffWrite, rateLimit: limits.write, idempotent: true },
    },
    (req) => orders.refund(req.actor, req.params.orderId, req.body.amount),
  )

  app.post(
    '/orders/:orderId/cancel',
    {
      schema: {
        summary: 'Cancel an unfulfilled order, put its stock back, and void or refund its payment',
        description:
          'An authorization is released at the provider (Stripe: the PaymentIntent is canceled). If the provider ' +
          'fails, the order is still cancelled and the void is retried in the background: its payment shows ' +
          '`voiding` until then. A captured payment (also a partially refunded one) is refunded in full first, ' +
          'then the order is cancelled with `amountRefunded` recording it; if the provider fails to refund, the ' +
          'answer is 503 `payment-provider-error` and nothing changed. If the order was fulfilled while the ' +
          'refund was made, the refund is recorded on the order and the answer is 409 ' +
          '`order-refunded-not-cancelled`. An order that was ever fulfilled or delivered cannot be cancelled. ' +
          'Send an `Idempotency-Key` so a retried request replays the first answer.',
        tags,
        params: OrderParams,
        response: { 200: OrderView },
      },
      config: { auth: staffWrite, rateLimit: limits.write, idempotent: true },
    },
    (req) => orders.cancel(req.actor, req.params.orderId),
  )

  for (const [action, summary] of [
    ['fulfil', 'Mark the order fulfilled (shipped)'],
    ['deliver', 'Mark the order delivered'],
  ] as const) {
    app.post(
      `/orders/:orderId/${action}`,
      {
        schema: { summary, tags, params: OrderParams, response: { 200: OrderView } },
        config: { auth: staffWrite, rateLimit: limits.write },
      },
      (req) => orders[action](req.actor, req.params.orderId),
    )
  }
}
