import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { App } from '../../../src/platform/http/types.ts'
import { apiKeyHeaders, headersFor, testApp } from '../../helpers.ts'
import { customerCheckout, guestCheckout, paymentReference, seedShop } from './fixtures.ts'

/** Everything a cancel could write about one order, to show a refused cancel wrote nothing. */
async function snapshot(app: App, order: { id: string; paymentId: string }, variantId: string) {
  const { db } = app.backroom.database
  const count = async (table: 'order_history' | 'payment_transaction' | 'mail_outbox' | 'webhook_delivery') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    order: await db.selectFrom('shop_order').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow(),
    payment: await db.selectFrom('payment').selectAll().where('id', '=', order.paymentId).executeTakeFirstOrThrow(),
    history: await count('order_history'),
    ledger: await count('payment_transaction'),
    mail: await count('mail_outbox'),
    webhooks: await count('webhook_delivery'),
    stock: (await app.backroom.catalog.getSellableVariant(db, variantId, 'EUR')).stock,
    voids: app.backroom.testProvider?.voids(),
  }
}

test('cancelling an order voids its uncaptured authorization at the provider', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'teapot', price: 4000, stock: 40 }])
  const variantId = shop.products[0].variants[0].id
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const bob = await headersFor(app, { email: 'bob@example.test' })
  const testProvider = app.backroom.testProvider
  assert.ok(testProvider)
  // Capture takes an (optional) JSON body; the other actions none.
  const post = (url: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url, headers, ...(url.startsWith('/payments/') ? { payload: {} } : {}) })
  const payment = async (id: string) => (await app.inject({ url: `/payments/${id}`, headers: shop.staff })).json()
  const stock = async () =>
    (await app.backroom.catalog.getSellableVariant(app.backroom.database.db, variantId, 'EUR')).stock

  await t.test('authorized → cancel: voided at the provider, stock back, recorded in the ledger', async () => {
    const before = await stock()
    const o = await customerCheckout(app, shop, alice, variantId, 2)
    assert.equal(await stock(), before - 2)
    const res = await post(`/orders/${o.id}/cancel`, shop.staff)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().status, 'cancelled')
    assert.equal(await stock(), before)
    const voided = await payment(o.paymentId)
    assert.equal(voided.status, 'voided')
    assert.equal(voided.amountCaptured, 0)
    assert.deepEqual(
      voided.transactions.map((tx: { kind: string; amount: number }) => [tx.kind, tx.amount]),
      [
        ['authorize', o.total],
        ['void', o.total],
      ],
    )
    const reference = await paymentReference(app, o.paymentId)
    assert.equal(testProvider.voids().filter((r) => r === reference).length, 1)
    // The voided payment can no longer be captured, through the order or the payment.
    assert.equal((await post(`/orders/${o.id}/capture`, shop.staff)).json().code, 'order-not-paid')
    assert.equal((await post(`/payments/${o.paymentId}/capture`, shop.staff)).json().code, 'payment-not-capturable')
  })

  await t.test('already cancelled, unknown: a clear 4xx problem and nothing written', async () => {
    const cancelled = await customerCheckout(app, shop, alice, variantId)
    assert.equal((await post(`/orders/${cancelled.id}/cancel`, shop.staff)).statusCode, 200)
    const before = await snapshot(app, cancelled, variantId)
    const res = await post(`/orders/${cancelled.id}/cancel`, shop.staff)
    assert.equal(res.statusCode, 409, res.body)
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
    assert.equal(res.json().code, 'illegal-order-transition')
    assert.deepEqual(await snapshot(app, cancelled, variantId), before, 'nothing written')
    // A captured order is refunded by its cancel instead of voided: cancel-captured.test.ts.

    assert.equal((await post('/orders/ord_missing/cancel', shop.staff)).statusCode, 404)
    assert.equal((await post('/orders/not%20an%20id/cancel', shop.staff)).statusCode, 400)
  })

  await t.test("customers cannot cancel orders, their own or another's; nor can a key without the scope", async () => {
    const bobs = await customerCheckout(app, shop, bob, variantId)
    const mine = await customerCheckout(app, shop, alice, variantId)
    const readOnlyKey = await apiKeyHeaders(app, ['orders:read'])
    for (const [o, who, status] of [
      [bobs, alice, 403],
      [mine, alice, 403],
      [bobs, {}, 401],
      [bobs, readOnlyKey, 403],
    ] as const) {
      const before = await snapshot(app, o, variantId)
      const res = await post(`/orders/${o.id}/cancel`, who)
      assert.equal(res.statusCode, status, res.body)
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
      assert.deepEqual(await snapshot(app, o, variantId), before)
    }
    // Another customer's order does not even exist for Alice.
    assert.equal((await app.inject({ url: `/me/orders/${bobs.id}`, headers: alice })).statusCode, 404)
    assert.equal((await payment(bobs.paymentId)).status, 'authorized')
  })

  await t.test('the provider failing: the order is cancelled, the void stays pending and is retried', async () => {
    const before = await stock()
    const o = await customerCheckout(app, shop, alice, variantId, 3)
    const reference = await paymentReference(app, o.paymentId)
    testProvider.failNext('void')
    const res = await post(`/orders/${o.id}/cancel`, shop.staff)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().status, 'cancelled')
    assert.equal(await stock(), before)
    const pending = await payment(o.paymentId)
    assert.equal(pending.status, 'voiding')
    assert.ok(!pending.transactions.some((tx: { kind: string }) => tx.kind === 'void'))
    assert.ok(!testProvider.voids().includes(reference))
    // Still held: it cannot be captured meanwhile, and cancelling again is refused.
    assert.equal((await post(`/payments/${o.paymentId}/capture`, shop.staff)).statusCode, 409)
    assert.equal((await post(`/orders/${o.id}/cancel`, shop.staff)).statusCode, 409)

    const { payments } = app.backroom
    assert.deepEqual(await payments.retryVoids(Date.now()), { voided: 0, pending: 0 }, 'not due yet')
    testProvider.failNext('void')
    assert.deepEqual(await payments.retryVoids(Date.now() + 61_000), { voided: 0, pending: 1 }, 'still failing')
    assert.deepEqual(await payments.retryVoids(Date.now() + 2 * 61_000), { voided: 1, pending: 0 })
    assert.equal((await payment(o.paymentId)).status, 'voided')
    assert.equal(testProvider.voids().filter((r) => r === reference).length, 1)
    assert.deepEqual(await payments.retryVoids(Date.now() + 3 * 61_000), { voided: 0, pending: 0 }, 'done')
    assert.equal(await stock(), before, 'the stock came back once')
  })

  await t.test('a retried cancel with the same Idempotency-Key replays the answer; one void', async () => {
    const o = await customerCheckout(app, shop, alice, variantId)
    const headers = { ...shop.staff, 'idempotency-key': `cancel-${o.id}` }
    const first = await post(`/orders/${o.id}/cancel`, headers)
    const again = await post(`/orders/${o.id}/cancel`, headers)
    assert.equal(first.statusCode, 200)
    assert.equal(again.statusCode, 200)
    assert.equal(again.headers['idempotent-replayed'], 'true')
    const reference = await paymentReference(app, o.paymentId)
    assert.equal(testProvider.voids().filter((r) => r === reference).length, 1)
  })

  await t.test('a cancel racing a capture: never voided and captured both', async () => {
    for (let round = 0; round < 6; round++) {
      const o = await customerCheckout(app, shop, alice, variantId)
      const reference = await paymentReference(app, o.paymentId)
      const before = await stock()
      const cancel = () => post(`/orders/${o.id}/cancel`, shop.staff)
      const capture = () => post(`/orders/${o.id}/capture`, shop.staff)
      const [c, p] =
        round % 2 === 0
          ? await Promise.all([cancel(), capture()])
          : (await Promise.all([capture(), cancel()])).reverse()
      const final = await payment(o.paymentId)
      const order = (await app.inject({ url: `/orders/${o.id}`, headers: shop.staff })).json()
      if (c.statusCode === 200 && p.statusCode === 200) {
        // The capture finished before the cancel looked: the cancel refunded it.
        assert.deepEqual([order.status, final.status, final.amountRefunded], ['cancelled', 'refunded', o.total])
        assert.ok(!testProvider.voids().includes(reference))
        assert.equal(await stock(), before + 1)
      } else if (c.statusCode === 200) {
        assert.equal(p.statusCode, 409, p.body)
        assert.deepEqual([order.status, final.status, final.amountCaptured], ['cancelled', 'voided', 0])
        assert.ok(testProvider.voids().includes(reference))
        assert.equal(await stock(), before + 1)
      } else {
        assert.equal(p.statusCode, 200, p.body)
        assert.equal(c.statusCode, 409, c.body)
        assert.equal(c.json().code, 'payment-not-voidable')
        assert.deepEqual([order.status, final.status, final.amountCaptured], ['paid', 'captured', o.total])
        assert.ok(!testProvider.voids().includes(reference))
        assert.equal(await stock(), before)
      }
    }
  })

  await t.test('concurrent cancels of one order: one cancel, one void, the stock back once', async () => {
    const before = await stock()
    const o = await customerCheckout(app, shop, alice, variantId, 2)
    const results = await Promise.all(Array.from({ length: 5 }, () => post(`/orders/${o.id}/cancel`, shop.staff)))
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409, 409, 409, 409])
    assert.equal(await stock(), before)
    const reference = await paymentReference(app, o.paymentId)
    assert.equal(testProvider.voids().filter((r) => r === reference).length, 1)
    const voided = await payment(o.paymentId)
    assert.equal(voided.transactions.filter((tx: { kind: string }) => tx.kind === 'void').length, 1)
  })
})

test('an expired pending order voids its payment, so the client can no longer confirm it', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'jug', price: 2000, stock: 4 }])
  const variantId = shop.products[0].variants[0].id
  const { database, orders, payments, testProvider } = app.backroom
  assert.ok(testProvider)
  // 4000 0025 0000 3155 requires authentication: the payment waits for the client, the order stays pending.
  const place = async () => {
    const res = await guestCheckout(app, shop, variantId, { cardNumber: '4000002500003155' })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().payment.status, 'requires_action')
    return res.json().order as { id: string; paymentId: string; createdAt: number }
  }
  const status = async (paymentId: string) => (await payments.get(paymentId)).status
  const ttl = 30 * 60_000

  const first = await place()
  testProvider.failNext('void')
  const second = await place()
  const at = Math.max(first.createdAt, second.createdAt) + ttl + 1
  assert.equal(await orders.expireStalePending(at, ttl), 2)
  for (const o of [first, second]) assert.equal((await orders.get(o.id)).status, 'cancelled')
  assert.equal((await catalog()).stock, 4)
  // The first void failed (the sweep goes oldest first) and waits for the retry; the second went through.
  assert.equal(await status(first.paymentId), 'voiding')
  assert.equal(await status(second.paymentId), 'voided')
  assert.deepEqual(await payments.retryVoids(Date.now() + 61_000), { voided: 1, pending: 0 })
  assert.equal(await status(first.paymentId), 'voided')
  assert.deepEqual(
    testProvider.voids().sort(),
    [await paymentReference(app, first.paymentId), await paymentReference(app, second.paymentId)].sort(),
  )
  assert.equal(await orders.expireStalePending(at, ttl), 0, 'once')

  function catalog() {
    return app.backroom.catalog.getSellableVariant(database.db, variantId, 'EUR')
  }
})
