import assert from 'node:assert/strict'
import { test } from 'node:test'
import { demoProduct } from '../../../src/modules/catalog/demo.ts'
import { seedDemoData } from '../../../src/seed.ts'
import { headersFor, testApp } from '../../helpers.ts'

test('the demo catalog is deterministic', () => {
  assert.deepEqual(demoProduct(42), demoProduct(42))
  assert.notEqual(demoProduct(42).input.handle, demoProduct(43).input.handle)
  const handles = new Set(Array.from({ length: 500 }, (_, i) => demoProduct(i + 1).input.handle))
  assert.equal(handles.size, 500)
})

test('seedDemoData makes a browsable, searchable catalog and is idempotent', async (t) => {
  const app = await testApp(t)
  assert.deepEqual(await seedDemoData(app, { products: 60 }), { products: 60, shippingMethods: 9, taxRates: 5 })
  await seedDemoData(app, { products: 60 }) // again: updates, never duplicates
  const first = demoProduct(1).input
  const doc = await app.inject({ url: `/store/products/${first.handle}` })
  assert.equal(doc.statusCode, 200)
  assert.equal(doc.json().variants.length, first.variants.length)
  const shirts = (await app.inject({ url: '/store/products?category=clothing&limit=100' })).json().items
  assert.ok(shirts.length > 5)
  const seen: number[] = []
  let url = '/store/products?category=clothing&sort=price&limit=7'
  for (let guard = 0; guard < 20; guard++) {
    const page = (await app.inject({ url })).json()
    seen.push(...page.items.map((p: { price: { amount: number } }) => p.price.amount))
    if (!page.nextCursor) break
    url = `/store/products?category=clothing&sort=price&limit=7&cursor=${page.nextCursor}`
  }
  assert.equal(seen.length, shirts.length)
  assert.deepEqual(
    seen,
    [...seen].sort((a, b) => a - b),
  )
  const word = first.title.split(' ')[1]
  const found = (await app.inject({ url: `/store/search?q=${encodeURIComponent(word)}` })).json()
  assert.ok(found.total >= 1)
  assert.ok(found.facets.categories.length >= 1)
  const staff = await headersFor(app, { email: 'staff@example.test', role: 'staff' })
  const listed = (await app.inject({ url: '/admin/products?limit=100', headers: staff })).json()
  assert.equal(listed.items.length, 60)
})

test('the demo shop takes an order end to end: browse, cart, quote, pay', async (t) => {
  const app = await testApp(t)
  await seedDemoData(app, { products: 20 })
  const product = (await app.inject({ url: '/store/products?inStock=true&currency=EUR&limit=1' })).json().items[0]
  const doc = (await app.inject({ url: `/store/products/${product.handle}` })).json()
  const created = (await app.inject({ method: 'POST', url: '/carts', payload: { currency: 'EUR' } })).json()
  const headers = { 'x-cart-token': created.token }
  const added = await app.inject({
    method: 'POST',
    url: `/carts/${created.cart.id}/items`,
    headers,
    payload: { variantId: doc.variants[0].id, quantity: 1 },
  })
  assert.equal(added.statusCode, 200, added.body)
  const quote = (
    await app.inject({
      method: 'POST',
      url: '/checkout/quote',
      headers,
      payload: { cartId: created.cart.id, country: 'DE' },
    })
  ).json()
  assert.deepEqual(quote.options.map((o: { name: string }) => o.name).sort(), ['Express', 'Standard'])
  const card = await app.inject({
    method: 'POST',
    url: '/payments/test/cards',
    payload: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123', cardHolder: 'Demo Shopper' },
  })
  const order = await app.inject({
    method: 'POST',
    url: '/checkout',
    headers,
    payload: {
      cartId: created.cart.id,
      email: 'demo@example.test',
      shippingAddress: {
        name: 'Demo Shopper',
        line1: 'Unter den Linden 1',
        city: 'Berlin',
        postcode: '10117',
        country: 'DE',
      },
      shippingMethodId: quote.options[0].shippingMethodId,
      payment: { token: card.json().token },
    },
  })
  assert.equal(order.statusCode, 201, order.body)
  assert.equal(order.json().order.status, 'paid')
  assert.equal(order.json().order.total, quote.options[0].total)
})
