/**
 * The generated client against a real listening server (127.0.0.1, port 0): a shopper signs up, signs
 * in, searches, fills a cart and checks out with the test card, every call typed by client/schema.d.ts.
 */
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { bearer, createBackroomClient } from '../../client/index.ts'
import { testApp } from '../helpers.ts'
import { ADDRESS, seedShop } from '../modules/orders/fixtures.ts'

test('the typed client signs up, searches, adds to cart and checks out with the test card', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'enamel-mug', price: 1250, stock: 5 }])
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  const api = createBackroomClient(`http://127.0.0.1:${port}`)

  const email = 'grace@example.test'
  const password = 'plum-Violin-gravel-42-orbit'
  const signedUp = await api.POST('/auth/sign-up', { body: { email, password } })
  assert.equal(signedUp.response.status, 202, JSON.stringify(signedUp.error))
  const signedIn = await api.POST('/auth/sign-in', { body: { email, password } })
  assert.equal(signedIn.data?.status, 'signed-in', JSON.stringify(signedIn.error))
  const shopper = createBackroomClient(`http://127.0.0.1:${port}`)
  shopper.use(bearer(signedIn.data?.token ?? ''))

  const found = await shopper.GET('/store/search', { params: { query: { q: 'enamel mug' } } })
  assert.equal(found.response.status, 200, JSON.stringify(found.error))
  const card = found.data?.items.find((item) => item.handle === 'enamel-mug')
  assert.ok(card, 'the product is found')
  const product = await shopper.GET('/store/products/{handle}', { params: { path: { handle: card.handle } } })
  const variantId = product.data?.variants[0].id ?? ''

  const created = await shopper.POST('/carts', { body: { currency: 'EUR' } })
  assert.equal(created.response.status, 201, JSON.stringify(created.error))
  const cartId = created.data?.cart.id ?? ''
  const added = await shopper.POST('/carts/{cartId}/items', {
    params: { path: { cartId } },
    body: { variantId, quantity: 2 },
  })
  assert.equal(added.data?.subtotal, 2 * 1250, JSON.stringify(added.error))

  const tokenized = await shopper.POST('/payments/test/cards', {
    body: {
      cardNumber: '4242424242424242',
      expMonth: 12,
      expYear: new Date().getUTCFullYear() + 2,
      cvc: '123',
      cardHolder: 'Grace Hopper',
    },
  })
  assert.equal(tokenized.response.status, 201, JSON.stringify(tokenized.error))
  const checkout = await shopper.POST('/checkout', {
    params: { header: { 'idempotency-key': 'e2e-checkout-1' } },
    body: {
      cartId,
      email,
      shippingAddress: ADDRESS,
      shippingMethodId: shop.shippingMethodId,
      payment: { token: tokenized.data?.token ?? '' },
    },
  })
  assert.equal(checkout.response.status, 201, JSON.stringify(checkout.error))
  assert.equal(checkout.data?.payment.status, 'authorized')
  assert.equal(checkout.data?.order.lines[0].quantity, 2)

  // A problem comes back typed as the error, with its stable code.
  const missing = await shopper.GET('/carts/{cartId}', { params: { path: { cartId: 'cart_nope' } } })
  assert.equal(missing.response.status, 404)
  assert.equal(missing.error?.code, 'cart-not-found')
})
