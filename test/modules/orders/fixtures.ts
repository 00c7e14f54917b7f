/** Checkout fixtures: a small shop (products, shipping, tax) and helpers to fill a cart and pay. */
import assert from 'node:assert/strict'
import type { App } from '../../../src/platform/http/types.ts'
import { headersFor } from '../../helpers.ts'
import { makeProduct, type ProductSpec } from '../catalog/fixtures.ts'

export const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 Marlborough Street',
  city: 'Dublin',
  postcode: 'D01 X2Y3',
  country: 'IE',
  phone: '+353 1 555 0199',
}

export async function seedShop(app: App, products: ProductSpec[] = [{ handle: 'mug', price: 1250, stock: 5 }]) {
  const staff = await headersFor(app, { email: 'staff@example.test', role: 'staff' })
  const admin = await headersFor(app, { email: 'admin@example.test', role: 'admin' })
  const made = []
  for (const spec of products) made.push(await makeProduct(app, staff, spec))
  const shipping = await app.inject({
    method: 'POST',
    url: '/checkout/shipping-methods',
    headers: admin,
    payload: { name: 'Standard', currency: 'EUR', country: 'IE', kind: 'flat', flatAmount: 500 },
  })
  assert.equal(shipping.statusCode, 201, shipping.body)
  const tax = await app.inject({
    method: 'POST',
    url: '/checkout/tax-rates',
    headers: admin,
    payload: { name: 'IE VAT', country: 'IE', rateBp: 2300 },
  })
  assert.equal(tax.statusCode, 201, tax.body)
  return { staff, admin, products: made, shippingMethodId: shipping.json().id as string }
}

export async function cardToken(app: App, cardNumber = '4242424242424242') {
  const res = await app.inject({
    method: 'POST',
    url: '/payments/test/cards',
    payload: {
      cardNumber,
      expMonth: 12,
      expYear: new Date().getUTCFullYear() + 2,
      cvc: '123',
      cardHolder: 'Ada Lovelace',
    },
  })
  assert.equal(res.statusCode, 201, res.body)
  return res.json().token as string
}

/** A guest cart holding `quantity` of `variantId`; returns its id and the headers that open it. */
export async function guestCart(app: App, variantId: string, quantity = 1) {
  const created = await app.inject({ method: 'POST', url: '/carts', payload: { currency: 'EUR' } })
  const { cart, token } = created.json()
  const headers = { 'x-cart-token': token as string }
  const added = await app.inject({
    method: 'POST',
    url: `/carts/${cart.id}/items`,
    headers,
    payload: { variantId, quantity },
  })
  assert.equal(added.statusCode, 200, added.body)
  return { cartId: cart.id as string, headers }
}

/** A guest checks out `quantity` × `variantId` (shipping to ADDRESS); returns the raw response. */
export async function guestCheckout(
  app: App,
  shop: { shippingMethodId: string },
  variantId: string,
  options: { quantity?: number; cardNumber?: string; email?: string; extra?: Record<string, unknown> } = {},
) {
  const { cartId, headers } = await guestCart(app, variantId, options.quantity ?? 1)
  return app.inject({
    method: 'POST',
    url: '/checkout',
    headers,
    payload: {
      cartId,
      email: options.email ?? 'ada@example.test',
      shippingAddress: ADDRESS,
      shippingMethodId: shop.shippingMethodId,
      payment: { token: await cardToken(app, options.cardNumber) },
      ...options.extra,
    },
  })
}

/** A signed-in customer (`who`) orders `quantity` × `variantId` and pays by card (authorized, not captured). */
export async function customerCheckout(
  app: App,
  shop: { shippingMethodId: string },
  who: Record<string, string>,
  variantId: string,
  quantity = 1,
) {
  const cart = (await app.inject({ method: 'POST', url: '/carts', headers: who, payload: { currency: 'EUR' } })).json()
    .cart
  await app.inject({ method: 'POST', url: `/carts/${cart.id}/items`, headers: who, payload: { variantId, quantity } })
  const res = await app.inject({
    method: 'POST',
    url: '/checkout',
    headers: who,
    payload: {
      cartId: cart.id,
      email: 'me@example.test',
      shippingAddress: ADDRESS,
      shippingMethodId: shop.shippingMethodId,
      payment: { token: await cardToken(app) },
    },
  })
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().payment.status, 'authorized')
  return res.json().order as { id: string; total: number; paymentId: string; status: string }
}

/** customerCheckout, then staff capture the payment. */
export async function capturedCheckout(
  app: App,
  shop: { shippingMethodId: string; staff: Record<string, string> },
  who: Record<string, string>,
  variantId: string,
  quantity = 1,
) {
  const order = await customerCheckout(app, shop, who, variantId, quantity)
  const captured = await app.inject({ method: 'POST', url: `/orders/${order.id}/capture`, headers: shop.staff })
  assert.equal(captured.statusCode, 200, captured.body)
  return order
}

/** The provider's reference of a payment (what the test provider records voids and refunds under). */
export async function paymentReference(app: App, paymentId: string): Promise<string> {
  const row = await app.backroom.database.db
    .selectFrom('payment')
    .select('reference')
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow()
  return String(row.reference)
}
