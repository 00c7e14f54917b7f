import assert from 'node:assert/strict'
import { test } from 'node:test'
import { headersFor, testApp } from '../../helpers.ts'
import { makeProduct } from '../catalog/fixtures.ts'
import { ADDRESS, cardToken, guestCart, guestCheckout, seedShop } from './fixtures.ts'

test('checkout', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [
    { handle: 'mug', price: 1250, stock: 5 },
    { handle: 'lamp', price: 4000, stock: 2 },
  ])
  const [mug, lamp] = shop.products.map((p) => p.variants[0].id)
  const checkout = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/checkout', headers, payload })
  const body = async (cartId: string, extra: Record<string, unknown> = {}) => ({
    cartId,
    email: 'Ada@Example.test',
    shippingAddress: ADDRESS,
    shippingMethodId: shop.shippingMethodId,
    payment: { token: await cardToken(app) },
    ...extra,
  })
  const stockOf = async (variantId: string) =>
    (await app.backroom.catalog.getSellableVariant(app.backroom.database.db, variantId, 'EUR')).stock

  await t.test('a guest cart becomes a paid order with server-computed totals', async () => {
    const { cartId, headers } = await guestCart(app, mug, 2)
    const res = await checkout(headers, await body(cartId))
    assert.equal(res.statusCode, 201, res.body)
    const { order, payment } = res.json()
    assert.equal(order.status, 'paid')
    assert.equal(payment.status, 'authorized')
    assert.equal(order.email, 'ada@example.test')
    // 2 × 12.50 + 5.00 shipping, 23 % VAT added on top (prices exclude tax by default).
    assert.equal(order.subtotal, 2500)
    assert.equal(order.shipping, 500)
    assert.equal(order.tax, 575 + 115)
    assert.equal(order.total, order.subtotal + order.shipping + order.tax - order.discount)
    assert.deepEqual(order.shippingAddress, { ...ADDRESS, line2: null, region: null })
    assert.deepEqual(
      order.history.map((h: { to: string }) => h.to),
      ['pending', 'paid'],
    )
    assert.equal(await stockOf(mug), 3)
    // The cart is spent.
    const again = await app.inject({ url: `/carts/${cartId}`, headers })
    assert.equal(again.json().status, 'converted')
  })

  await t.test('a declined card leaves a cancelled order, no reservation and an open cart', async () => {
    const before = await stockOf(lamp)
    const { cartId, headers } = await guestCart(app, lamp, 1)
    const res = await checkout(
      headers,
      await body(cartId, { payment: { token: await cardToken(app, '4000000000000002') } }),
    )
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().code, 'payment-declined')
    assert.equal(await stockOf(lamp), before)
    const order = await app.backroom.database.db
      .selectFrom('shop_order')
      .select('status')
      .where('cart_id', '=', cartId)
      .executeTakeFirstOrThrow()
    assert.equal(order.status, 'cancelled')
    assert.equal((await app.inject({ url: `/carts/${cartId}`, headers })).json().status, 'open')
    const retry = await checkout(headers, await body(cartId))
    assert.equal(retry.statusCode, 201, retry.body)
  })

  await t.test('bad input is a clear 4xx and nothing is written', async () => {
    const before = await stockOf(mug)
    const { cartId, headers } = await guestCart(app, mug, 1)
    const valid = await body(cartId)
    const cases: [Record<string, unknown>, number, string?][] = [
      [{ ...valid, email: 'not-an-email' }, 400],
      [{ ...valid, shippingAddress: undefined }, 422, 'address-required'],
      [{ ...valid, addressId: 'adr_123' }, 422, 'address-required'],
      [{ ...valid, shippingAddress: { ...ADDRESS, country: 'Ireland' } }, 400],
      [{ ...valid, shippingAddress: { ...ADDRESS, country: 'FR' } }, 422, 'shipping-unavailable'],
      [{ ...valid, shippingMethodId: 'shm_missing' }, 422, 'shipping-unavailable'],
      [{ ...valid, discountCode: 'NOPE' }, 422, 'discount-code-unknown'],
      [{ ...valid, payment: {} }, 422, 'payment-token-required'],
      [{ ...valid, payment: { token: 'tok_forged' } }, 422],
      [{ ...valid, total: 1 }, 400],
    ]
    for (const [payload, status, code] of cases) {
      const res = await checkout(headers, JSON.parse(JSON.stringify(payload)))
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)} → ${res.body}`)
      if (code) assert.equal(res.json().code, code)
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
    }
    assert.equal(await stockOf(mug), before)
    assert.equal((await app.inject({ url: `/carts/${cartId}`, headers })).json().status, 'open')
  })

  await t.test("someone else's cart cannot be checked out", async () => {
    const { cartId } = await guestCart(app, mug, 1)
    const bob = await headersFor(app, { email: 'bob@example.test' })
    for (const headers of [{}, bob, { 'x-cart-token': 'guessed' }]) {
      const res = await checkout(headers, await body(cartId))
      assert.equal(res.statusCode, 404)
      assert.equal(res.json().code, 'cart-not-found')
    }
  })

  await t.test("the cart's own refusals: empty, closed, an item no longer for sale", async () => {
    const bowl = (await makeProduct(app, shop.staff, { handle: 'bowl', price: 700, stock: 10 })).variants[0].id
    const vaseProduct = await makeProduct(app, shop.staff, { handle: 'vase', price: 900, stock: 10 })
    const vase = vaseProduct.variants[0].id
    const empty = await guestCart(app, bowl, 1)
    const removed = await app.inject({
      method: 'DELETE',
      url: `/carts/${empty.cartId}/items/${bowl}`,
      headers: empty.headers,
    })
    assert.equal(removed.statusCode, 200, removed.body)
    const none = await checkout(empty.headers, await body(empty.cartId))
    assert.equal(none.statusCode, 422, none.body)
    assert.equal(none.json().code, 'cart-empty')

    const paid = await guestCart(app, bowl, 1)
    assert.equal((await checkout(paid.headers, await body(paid.cartId))).statusCode, 201)
    const closed = await checkout(paid.headers, await body(paid.cartId))
    assert.equal(closed.statusCode, 409, closed.body)
    assert.equal(closed.json().code, 'cart-closed')

    // A line whose product was archived after it was added: nothing is reserved, the cart stays open.
    const before = await stockOf(bowl)
    const cart = await guestCart(app, vase, 1)
    await app.inject({
      method: 'POST',
      url: `/carts/${cart.cartId}/items`,
      headers: cart.headers,
      payload: { variantId: bowl, quantity: 1 },
    })
    const archived = await app.inject({
      method: 'POST',
      url: `/admin/products/${vaseProduct.id}/archive`,
      headers: shop.staff,
    })
    assert.equal(archived.statusCode, 200, archived.body)
    const gone = await checkout(cart.headers, await body(cart.cartId))
    assert.equal(gone.statusCode, 409, gone.body)
    assert.equal(gone.json().code, 'cart-item-unavailable')
    assert.equal(gone.json().variantId, vase)
    assert.equal(await stockOf(bowl), before)
    assert.equal((await app.inject({ url: `/carts/${cart.cartId}`, headers: cart.headers })).json().status, 'open')
  })

  await t.test("lines are priced in the cart's currency", async () => {
    const cup = await makeProduct(app, shop.staff, {
      handle: 'cup',
      variants: [
        {
          sku: 'CUP-1',
          options: {},
          prices: [
            { currency: 'EUR', amount: 800 },
            { currency: 'USD', amount: 950 },
          ],
          stock: 10,
        },
      ],
    })
    const ground = await app.inject({
      method: 'POST',
      url: '/checkout/shipping-methods',
      headers: shop.admin,
      payload: { name: 'Ground', currency: 'USD', country: 'IE', kind: 'flat', flatAmount: 600 },
    })
    assert.equal(ground.statusCode, 201, ground.body)
    const created = (await app.inject({ method: 'POST', url: '/carts', payload: { currency: 'USD' } })).json()
    const headers = { 'x-cart-token': created.token as string }
    const added = await app.inject({
      method: 'POST',
      url: `/carts/${created.cart.id}/items`,
      headers,
      payload: { variantId: cup.variants[0].id, quantity: 2 },
    })
    assert.equal(added.statusCode, 200, added.body)
    const res = await checkout(headers, await body(created.cart.id, { shippingMethodId: ground.json().id }))
    assert.equal(res.statusCode, 201, res.body)
    const { order } = res.json()
    assert.equal(order.currency, 'USD')
    assert.equal(order.subtotal, 1900)
    assert.equal(order.lines[0].unitPrice, 950)
  })

  await t.test('a discount code applies, and totals still reconcile', async () => {
    const code = await app.inject({
      method: 'POST',
      url: '/checkout/discount-codes',
      headers: shop.admin,
      payload: { code: 'TENOFF', kind: 'percentage', value: 1000 },
    })
    assert.equal(code.statusCode, 201, code.body)
    const { cartId, headers } = await guestCart(app, mug, 2)
    const res = await checkout(headers, await body(cartId, { discountCode: 'tenoff' }))
    assert.equal(res.statusCode, 201, res.body)
    const { order } = res.json()
    assert.equal(order.discount, 250)
    assert.equal(order.discountCode, 'TENOFF')
    assert.equal(order.total, order.subtotal + order.shipping + order.tax - order.discount)
    assert.equal(
      order.lines.reduce((s: number, l: { total: number }) => s + l.total, 0) + order.shipping + 115,
      order.total,
    )
  })

  await t.test("the order's lines keep the cart's order, not the variants' (stock is still taken)", async () => {
    const [first, second] = await Promise.all(
      ['line-order-a', 'line-order-b'].map(
        async (handle) => (await makeProduct(app, shop.staff, { handle, stock: 3 })).variants[0].id,
      ),
    )
    // Added second first: the cart's order is not the variants'.
    const [early, late] = first < second ? [first, second] : [second, first]
    const { cartId, headers } = await guestCart(app, late, 1)
    const added = await app.inject({
      method: 'POST',
      url: `/carts/${cartId}/items`,
      headers,
      payload: { variantId: early, quantity: 1 },
    })
    assert.equal(added.statusCode, 200, added.body)
    const res = await checkout(headers, await body(cartId))
    assert.equal(res.statusCode, 201, res.body)
    const order = res.json().order
    assert.deepEqual(
      order.lines.map((l: { variantId: string }) => l.variantId),
      [late, early],
    )
    const stored = await app.backroom.database.db
      .selectFrom('order_line')
      .select('variant_id')
      .where('order_id', '=', order.id)
      .orderBy('position')
      .execute()
    assert.deepEqual(
      stored.map((l) => l.variant_id),
      [late, early],
    )
    assert.deepEqual([await stockOf(late), await stockOf(early)], [2, 2])
  })

  await t.test('an Idempotency-Key makes a retried checkout return the same order', async () => {
    const { cartId, headers } = await guestCart(app, mug, 1)
    const payload = await body(cartId)
    const keyed = { ...headers, 'idempotency-key': `checkout-${cartId}` }
    const first = await checkout(keyed, payload)
    const second = await checkout(keyed, payload)
    assert.equal(first.statusCode, 201, first.body)
    assert.equal(second.statusCode, 201)
    assert.equal(second.json().order.id, first.json().order.id)
    const changed = await checkout(keyed, { ...payload, email: 'other@example.test' })
    assert.equal(changed.statusCode, 422)
  })
})

test('50 concurrent checkouts for the last 3 units sell exactly 3', { timeout: 120_000 }, async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'last-units', price: 999, stock: 50 }])
  const variantId = shop.products[0].variants[0].id
  const carts = []
  for (let i = 0; i < 50; i++) carts.push({ ...(await guestCart(app, variantId, 1)), token: await cardToken(app) })
  // Leave only the last 3 units in stock, then fire all 50 checkouts at once.
  const db = app.backroom.database.db
  assert.equal(await app.backroom.catalog.reserveStock(db, variantId, 47), true)
  const results = await Promise.all(
    carts.map(({ cartId, headers, token }) =>
      app.inject({
        method: 'POST',
        url: '/checkout',
        headers,
        payload: {
          cartId,
          email: 'race@example.test',
          shippingAddress: ADDRESS,
          shippingMethodId: shop.shippingMethodId,
          payment: { token },
        },
      }),
    ),
  )
  const statuses = results.map((r) => r.statusCode)
  const sold = statuses.filter((s) => s === 201).length
  const refused = results.filter((r) => r.statusCode === 409 && r.json().code === 'insufficient-stock').length
  t.diagnostic(`201: ${sold}, 409 insufficient-stock: ${refused}, other: ${50 - sold - refused}`)
  assert.equal(sold, 3)
  assert.equal(refused, 47)
  const stock = (await app.backroom.catalog.getSellableVariant(db, variantId, 'EUR')).stock
  assert.equal(stock, 0)
  const orders = await db
    .selectFrom('shop_order')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  assert.equal(Number(orders.n), 3)
  const units = await db
    .selectFrom('order_line')
    .select((eb) => eb.fn.sum<number>('quantity').as('n'))
    .where('variant_id', '=', variantId)
    .executeTakeFirstOrThrow()
  assert.equal(Number(units.n), 3)
})

test('a quote prices every shipping option for a destination, read-only', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'book', price: 2000, stock: 3 }])
  const express = await app.inject({
    method: 'POST',
    url: '/checkout/shipping-methods',
    headers: shop.admin,
    payload: { name: 'Express', currency: 'EUR', country: 'IE', kind: 'flat', flatAmount: 1500 },
  })
  assert.equal(express.statusCode, 201)
  const { cartId, headers } = await guestCart(app, shop.products[0].variants[0].id, 2)
  const quote = (payload: Record<string, unknown>, h: Record<string, string> = headers) =>
    app.inject({ method: 'POST', url: '/checkout/quote', headers: h, payload })
  const res = await quote({ cartId, country: 'IE' })
  assert.equal(res.statusCode, 200, res.body)
  const q = res.json()
  assert.equal(q.subtotal, 4000)
  assert.deepEqual(
    q.options.map((o: { name: string; shipping: number; tax: number; total: number }) => [
      o.name,
      o.shipping,
      o.tax,
      o.total,
    ]),
    [
      ['Standard', 500, 1035, 5535],
      ['Express', 1500, 1265, 6765],
    ],
  )
  assert.deepEqual((await quote({ cartId, country: 'FR' })).json().options, [])
  assert.equal((await quote({ cartId, country: 'ireland' })).statusCode, 400)
  assert.equal((await quote({ cartId, country: 'IE' }, {})).statusCode, 404)
  assert.equal((await quote({ cartId, country: 'IE', discountCode: 'NOPE' })).statusCode, 422)
  assert.equal(
    (await app.backroom.catalog.getSellableVariant(app.backroom.database.db, shop.products[0].variants[0].id, 'EUR'))
      .stock,
    3,
  )
})

test('a paid order sends its confirmation through the mail outbox', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'teapot', price: 3450, stock: 3 }])
  const res = await guestCheckout(app, shop, shop.products[0].variants[0].id)
  assert.equal(res.statusCode, 201, res.body)
  const order = res.json().order
  const outbox = (await app.backroom.mail.list({ to: 'ada@example.test' })).items // bodies are sealed at rest
  assert.equal(outbox.length, 1)
  assert.equal(outbox[0].subject, `Your order ${order.id} is confirmed`)
  assert.match(outbox[0].text, /1 × teapot \(TEAPOT-1\)\s+€34\.50/)
  assert.match(outbox[0].text, new RegExp(`Total: €${(order.total / 100).toFixed(2)}`))
})

test('a paid order is announced: an order_placed event and an order.paid webhook', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'jug', price: 1800, stock: 3 }])
  const hook = await app.inject({
    method: 'POST',
    url: '/webhooks/endpoints',
    headers: shop.admin,
    payload: { url: 'https://hooks.example.test/backroom', events: ['order.paid', 'order.fulfilled'] },
  })
  assert.equal(hook.statusCode, 201, hook.body)
  const res = await guestCheckout(app, shop, shop.products[0].variants[0].id, {
    extra: { anonymousId: 'anon_browser_1234' },
  })
  assert.equal(res.statusCode, 201, res.body)
  const order = res.json().order
  const db = app.backroom.database.db
  const events = await db.selectFrom('event').selectAll().where('type', '=', 'order_placed').execute()
  assert.equal(events.length, 1)
  assert.equal(events[0].anonymous_id, 'anon_browser_1234')
  assert.equal(events[0].source, 'server')
  const deliveries = await db.selectFrom('webhook_delivery').select(['id', 'event_type', 'body']).execute()
  assert.deepEqual(
    deliveries.map((d) => d.event_type),
    ['order.paid'],
  )
  const body = app.backroom.webhookOutbox.bodies.open('body', deliveries[0].id, deliveries[0].body) // sealed at rest
  assert.equal(JSON.parse(body).data.order.id, order.id)
  await app.inject({ method: 'POST', url: `/orders/${order.id}/fulfil`, headers: shop.staff })
  const after = await db.selectFrom('webhook_delivery').select('event_type').orderBy('id').execute()
  assert.deepEqual(
    after.map((d) => d.event_type),
    ['order.paid', 'order.fulfilled'],
  )
})
