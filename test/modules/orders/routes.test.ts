import assert from 'node:assert/strict'
import { test } from 'node:test'
import { moveStatus } from '../../../src/modules/orders/store.ts'
import { signTestPayload, TEST_SIGNATURE_HEADER } from '../../../src/modules/payments/test-provider.ts'
import { headersFor, testApp } from '../../helpers.ts'
import { ADDRESS, customerCheckout, guestCheckout, seedShop } from './fixtures.ts'

test('orders: customers see their own, staff run them', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'kettle', price: 3000, stock: 20 }])
  const variantId = shop.products[0].variants[0].id
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const bob = await headersFor(app, { email: 'bob@example.test' })

  /** A signed-in customer's order of `quantity` kettles. */
  const order = (who: Record<string, string>, quantity = 1) => customerCheckout(app, shop, who, variantId, quantity)
  const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
    app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) })
  const stock = async () =>
    (await app.backroom.catalog.getSellableVariant(app.backroom.database.db, variantId, 'EUR')).stock

  const mine = await order(alice)
  const bobs = await order(bob)

  await t.test('a customer lists and reads only their own orders', async () => {
    const list = await app.inject({ url: '/me/orders', headers: alice })
    assert.equal(list.statusCode, 200)
    assert.deepEqual(
      list.json().items.map((o: { id: string }) => o.id),
      [mine.id],
    )
    assert.equal((await app.inject({ url: `/me/orders/${mine.id}`, headers: alice })).statusCode, 200)
    assert.equal((await app.inject({ url: `/me/orders/${bobs.id}`, headers: alice })).statusCode, 404)
    assert.equal((await app.inject({ url: `/me/orders/${mine.id}` })).statusCode, 401)
    assert.equal((await app.inject({ url: '/me/orders?limit=0', headers: alice })).statusCode, 400)
  })

  await t.test('staff list, filter and search; customers cannot', async () => {
    const all = await app.inject({ url: '/orders', headers: shop.staff })
    assert.equal(all.statusCode, 200)
    assert.equal(all.json().items.length, 2)
    const paid = await app.inject({ url: '/orders?status=paid&limit=1', headers: shop.staff })
    assert.equal(paid.json().items.length, 1)
    assert.ok(paid.json().nextCursor)
    const next = await app.inject({
      url: `/orders?status=paid&limit=1&cursor=${paid.json().nextCursor}`,
      headers: shop.staff,
    })
    assert.equal(next.json().items.length, 1)
    assert.notEqual(next.json().items[0].id, paid.json().items[0].id)
    const byId = await app.inject({ url: `/orders?q=${mine.id}`, headers: shop.staff })
    assert.deepEqual(
      byId.json().items.map((o: { id: string }) => o.id),
      [mine.id],
    )
    const byEmail = await app.inject({ url: '/orders?q=ME@example.test', headers: shop.staff })
    assert.equal(byEmail.json().items.length, 2)
    assert.equal((await app.inject({ url: '/orders?status=lost', headers: shop.staff })).statusCode, 400)
    assert.equal((await app.inject({ url: '/orders', headers: alice })).statusCode, 403)
    assert.equal((await app.inject({ url: '/orders' })).statusCode, 401)
    assert.equal((await app.inject({ url: `/orders/${mine.id}`, headers: alice })).statusCode, 403)
    const xml = await app.inject({ url: `/orders/${mine.id}`, headers: { ...shop.staff, accept: 'application/xml' } })
    assert.match(xml.body, /<order><id>ord_/)
  })

  await t.test('capture, then partial and full refunds, never above what was paid', async () => {
    const early = await post(`/orders/${mine.id}/refunds`, shop.staff, { amount: 100 })
    assert.equal(early.statusCode, 409, 'nothing captured yet')
    assert.equal(early.json().code, 'refund-exceeds-captured')
    const captured = await post(`/orders/${mine.id}/capture`, shop.staff)
    assert.equal(captured.statusCode, 200, captured.body)
    assert.equal((await post(`/orders/${mine.id}/capture`, shop.staff)).statusCode, 409, 'captured once')
    const partial = await post(`/orders/${mine.id}/refunds`, shop.staff, { amount: 1000 })
    assert.equal(partial.statusCode, 200, partial.body)
    assert.equal(partial.json().status, 'partially_refunded')
    assert.equal(partial.json().amountRefunded, 1000)
    const tooMuch = await post(`/orders/${mine.id}/refunds`, shop.staff, { amount: mine.total })
    assert.equal(tooMuch.statusCode, 409)
    assert.equal(tooMuch.json().refundable, mine.total - 1000)
    const rest = await post(`/orders/${mine.id}/refunds`, shop.staff, { amount: mine.total - 1000 })
    assert.equal(rest.json().status, 'refunded')
    assert.equal(rest.json().amountRefunded, mine.total)
    assert.equal((await post(`/orders/${mine.id}/refunds`, shop.staff, { amount: 1 })).statusCode, 409)
    for (const amount of [0, -5, 1.5]) {
      assert.equal((await post(`/orders/${mine.id}/refunds`, shop.staff, { amount })).statusCode, 400)
    }
    assert.equal((await post(`/orders/${mine.id}/refunds`, alice, { amount: 1 })).statusCode, 403)
  })

  await t.test('concurrent refunds never add up to more than the capture', async () => {
    const o = await order(alice)
    await post(`/orders/${o.id}/capture`, shop.staff)
    const half = Math.floor(o.total / 2) + 1
    const results = await Promise.all(
      Array.from({ length: 6 }, () => post(`/orders/${o.id}/refunds`, shop.staff, { amount: half })),
    )
    assert.equal(results.filter((r) => r.statusCode === 200).length, 1)
    const final = (await app.inject({ url: `/orders/${o.id}`, headers: shop.staff })).json()
    assert.equal(final.amountRefunded, half)
    assert.equal(final.status, 'partially_refunded')
    // Small refunds that all fit: every one lands, and the order records their sum.
    const small = await Promise.all(
      Array.from({ length: 4 }, () => post(`/orders/${o.id}/refunds`, shop.staff, { amount: 100 })),
    )
    assert.deepEqual(
      small.map((r) => r.statusCode),
      [200, 200, 200, 200],
    )
    const after = (await app.inject({ url: `/orders/${o.id}`, headers: shop.staff })).json()
    assert.equal(after.amountRefunded, half + 400)
    // The interleaving that once lost a refund here (both read the order, the larger total is written
    // first, the smaller one last): the smaller, older total must lose, not overwrite.
    const db = app.backroom.database.db
    const stale = { amount_refunded: half + 300 }
    assert.equal(await moveStatus(db, o.id, 'partially_refunded', 'partially_refunded', Date.now(), stale), false)
    assert.equal((await app.inject({ url: `/orders/${o.id}`, headers: shop.staff })).json().amountRefunded, half + 400)
  })

  await t.test('fulfil and deliver follow the state machine', async () => {
    const o = await order(alice)
    assert.equal((await post(`/orders/${o.id}/deliver`, shop.staff)).json().code, 'illegal-order-transition')
    assert.equal((await post(`/orders/${o.id}/fulfil`, shop.staff)).json().status, 'fulfilled')
    assert.equal((await post(`/orders/${o.id}/cancel`, shop.staff)).statusCode, 409)
    const delivered = await post(`/orders/${o.id}/deliver`, shop.staff)
    assert.equal(delivered.json().status, 'delivered')
    assert.deepEqual(
      delivered.json().history.map((h: { event: string }) => h.event),
      ['place', 'pay', 'fulfil', 'deliver'],
    )
    assert.equal((await post(`/orders/${o.id}/fulfil`, alice)).statusCode, 403)
    assert.equal((await post('/orders/ord_missing/fulfil', shop.staff)).statusCode, 404)
  })

  await t.test('cancelling puts the stock back, once', async () => {
    const before = await stock()
    const o = await order(alice, 3)
    assert.equal(await stock(), before - 3)
    const cancelled = await post(`/orders/${o.id}/cancel`, shop.staff)
    assert.equal(cancelled.json().status, 'cancelled')
    assert.equal(await stock(), before)
    assert.equal((await post(`/orders/${o.id}/cancel`, shop.staff)).statusCode, 409)
    assert.equal(await stock(), before)
  })
})

test('addresses on orders are encrypted at rest', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app)
  const res = await guestCheckout(app, shop, shop.products[0].variants[0].id)
  assert.equal(res.statusCode, 201, res.body)
  const raw = JSON.stringify(await app.backroom.database.db.selectFrom('shop_order').selectAll().execute())
  for (const secret of [ADDRESS.name, ADDRESS.line1, ADDRESS.phone, ADDRESS.postcode, 'Marlborough', 'Lovelace']) {
    assert.ok(!raw.includes(secret), `plaintext "${secret}" in shop_order`)
  }
  assert.match(raw, /"ship_country":"IE"/)
})

test('an order whose payment is never confirmed expires and its stock returns', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'vase', price: 5000, stock: 2 }])
  const variantId = shop.products[0].variants[0].id
  // 4000 0025 0000 3155 requires authentication: the payment waits for the client, the order stays pending.
  const res = await guestCheckout(app, shop, variantId, { quantity: 2, cardNumber: '4000002500003155' })
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().order.status, 'pending')
  assert.equal(res.json().payment.status, 'requires_action')
  const { catalog, database, orders } = app.backroom
  const stock = async () => (await catalog.getSellableVariant(database.db, variantId, 'EUR')).stock
  assert.equal(await stock(), 0)
  const placedAt = res.json().order.createdAt
  const ttl = 30 * 60_000
  assert.equal(await orders.expireStalePending(placedAt + ttl - 1, ttl), 0, 'not yet')
  assert.equal(await orders.expireStalePending(placedAt + ttl + 1, ttl), 1)
  assert.equal(await stock(), 2)
  const order = await orders.get(res.json().order.id)
  assert.equal(order.status, 'cancelled')
  assert.equal(await orders.expireStalePending(placedAt + ttl + 1, ttl), 0, 'once')
})

test('a payment confirmed later by the provider webhook makes the pending order paid', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'clock', price: 8000, stock: 4 }])
  const variantId = shop.products[0].variants[0].id
  const place = async (cardNumber: string) => {
    const res = await guestCheckout(app, shop, variantId, { cardNumber, email: 'later@example.test' })
    assert.equal(res.statusCode, 201, res.body)
    return res.json().order as { id: string; paymentId: string; status: string }
  }
  const webhook = async (id: string, type: string, paymentId: string) => {
    const payment = await app.backroom.database.db
      .selectFrom('payment')
      .select('reference')
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow()
    const body = JSON.stringify({ id, type, reference: payment.reference })
    const { header } = signTestPayload(app.backroom.config.secret, body, Math.floor(Date.now() / 1000))
    const res = await app.inject({
      method: 'POST',
      url: '/payments/webhooks/test',
      headers: { 'content-type': 'application/json', [TEST_SIGNATURE_HEADER]: header },
      payload: body,
    })
    assert.equal(res.statusCode, 200, res.body)
  }
  const stock = async () =>
    (await app.backroom.catalog.getSellableVariant(app.backroom.database.db, variantId, 'EUR')).stock

  const confirmed = await place('4000002500003155')
  assert.equal(confirmed.status, 'pending')
  await webhook('evt_ok', 'payment.authorized', confirmed.paymentId)
  assert.equal((await app.backroom.orders.get(confirmed.id)).status, 'paid')

  const failed = await place('4000002500003155')
  assert.equal(await stock(), 2)
  await webhook('evt_fail', 'payment.failed', failed.paymentId)
  assert.equal((await app.backroom.orders.get(failed.id)).status, 'cancelled')
  assert.equal(await stock(), 3, 'the failed order gave its unit back')
  await webhook('evt_fail', 'payment.failed', failed.paymentId) // a redelivered event changes nothing
  assert.equal(await stock(), 3)
})
