/** Carts: guests use the `X-Cart-Token` header they got when creating the cart; customers just sign in. */
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { Line } from '../../platform/http/schemas.ts'
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import {
  AddItemBody,
  CartLineParams,
  CartParams,
  CartView,
  CreateCartBody,
  NewCartView,
  SetQuantityBody,
} from './schemas.ts'
import type { CartService } from './service.ts'

const CartTokenHeaders = Type.Object({
  'x-cart-token': Type.Optional(Line({ maxLength: 200, description: 'The token of a guest cart' })),
})

function tokenOf(req: FastifyRequest): string | undefined {
  const token = req.headers['x-cart-token']
  return typeof token === 'string' ? token : undefined
}

export async function cartRoutes(app: App, { carts }: { carts: CartService }) {
  const tags = ['carts']
  app.post(
    '/carts',
    {
      schema: {
        summary: 'Start a cart (a signed-in customer gets their open cart in that currency)',
        description: 'A guest cart comes with a `token`, shown once: send it as `X-Cart-Token` on every cart call.',
        tags,
        body: CreateCartBody,
        response: { 201: NewCartView },
      },
      config: { auth: 'public', rateLimit: limits.write },
    },
    async (req, reply) => reply.code(201).send(await carts.create(req.actor, req.body.currency)),
  )

  app.get(
    '/carts/:cartId',
    {
      schema: {
        summary: 'A cart with server-computed prices',
        tags,
        params: CartParams,
        headers: CartTokenHeaders,
        response: { 200: CartView },
      },
      config: { auth: 'public', rateLimit: limits.read },
    },
    (req) => carts.get(req.actor, req.params.cartId, tokenOf(req)),
  )

  app.post(
    '/carts/:cartId/items',
    {
      schema: {
        summary: 'Add a variant to a cart',
        tags,
        params: CartParams,
        headers: CartTokenHeaders,
        body: AddItemBody,
        response: { 200: CartView },
      },
      config: { auth: 'public', rateLimit: limits.write },
    },
    (req) => carts.addItem(req.actor, req.params.cartId, tokenOf(req), req.body),
  )

  app.put(
    '/carts/:cartId/items/:variantId',
    {
      schema: {
        summary: 'Set the quantity of a cart line',
        tags,
        params: CartLineParams,
        headers: CartTokenHeaders,
        body: SetQuantityBody,
        response: { 200: CartView },
      },
      config: { auth: 'public', rateLimit: limits.write },
    },
    (req) => carts.setQuantity(req.actor, req.params.cartId, tokenOf(req), req.params.variantId, req.body.quantity),
  )

  app.delete(
    '/carts/:cartId/items/:variantId',
    {
      schema: {
        summary: 'Remove a cart line',
        tags,
        params: CartLineParams,
        headers: CartTokenHeaders,
        response: { 200: CartView },
      },
      config: { auth: 'public', rateLimit: limits.write },
    },
    (req) => carts.removeItem(req.actor, req.params.cartId, tokenOf(req), req.params.variantId),
  )

  app.post(
    '/carts/:cartId/merge',
    {
      schema: {
        summary: "Merge a guest cart into the signed-in customer's cart",
        description:
          'Call right after sign-in with the guest cart id and its `X-Cart-Token`; returns the customer cart.',
        tags,
        params: CartParams,
        headers: CartTokenHeaders,
        response: { 200: CartView },
      },
      config: { auth: 'customer', rateLimit: limits.write },
    },
    (req) => carts.merge(req.actor, req.params.cartId, tokenOf(req)),
  )
}
