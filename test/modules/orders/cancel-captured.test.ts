import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestProvider } from '../../../src/modules/payments/test-provider.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { apiKeyHeaders, headersFor, testApp } from '../../helpers.ts'
import { capturedCheckout, paymentReference, seedShop } from './fixtures.ts'

interface Placed {
  id: string
  total: number
  paymentId: string
}

/** The amounts refunded at the test provider for one payment, in order. */
async function providerRefunds(app: App, testProvider: TestProvider, paymentId: string): Promise<number[]> {
  const reference = await paymentReference(app, paymentId)
  return testProvider
    .refunds()
    .filter((r) => r.reference === reference)
    .map((r) => r.amount)
}

/** Everything a cancel could write about one order, to show a refused cancel wrote nothing. */
async function snapshot(app: App, testProvider: TestProvider, order: Placed, variantId: string) {
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
  const { updated_at: _o, ...orderRow } = await db
    .selectFrom('shop_order')
    .selectAll()
    .where('id', '=', order.id)
    .executeTakeFirstOrThrow()
  const { updated_at: _p, ...paymentRow } = await db
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', order.paymentId)
    .executeTakeFirstOrThrow()
  return {
    order: orderRow,
    payment: paymentRow,
    history: await count('order_history'),
    ledger: await count('payment_transaction'),
    mail: await count('mail_outbox'),
    webhooks: await count('webhook_delivery'),
    stock: (await app.backroom.catalog.getSellableVariant(db, variantId, 'EUR')).stock,
    refunds: await providerRefunds(app, testProvider, order.paymentId),
  }
}

/** Runs `during` while the test provider is making its next refund (after the reservation, before the cancel's transaction). */
function duringNextRefund(testProvider: TestProvider, during: () => Promise<void>): void {
  const refund = testProvider.refund
  testProvider.refund = async (...args) => {
    testProvider.refund = refund
    await during()
    return refund(...args)
  }
}

test('cancelling a captured order refunds it in full and puts the stock back', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'teapot', price: 4000, stock: 40 }])
  const variantId = shop.products[0].variants[0].id
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const bob = await headersFor(app, { email: 'bob@example.test' })
  const testProvider = app.backroom.testProvider
  assert.ok(testProvider)
  const { db } = app.backroom.database
  const hook = await app.inject({
    method: 'POST',
    url: '/webhooks/endpoints',
    headers: shop.admin,
    payload: { url: 'https://hooks.example.test/backroom', events: ['order.refunded'] },
  })
  assert.equal(hook.statusCode, 201, hook.body)

  const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
    app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) })
  const cancel = (o: Placed, headers: Record<string, string> = shop.staff) => post(`/orders/${o.id}/cancel`, headers)
  const payment = async (id: string) => (await app.inject({ url: `/payments/${id}`, headers: shop.staff })).json()
  const order = async (id: string) => (await app.inject({ url: `/orders/${id}`, headers: shop.staff })).json()
  const stock = async () => (await app.backroom.catalog.getSellableVariant(db, variantId, 'EUR')).stock
  const refundedHooks = async (orderId: string) =>
    (await db.selectFrom('webhook_delivery').select(['id', 'event_type', 'body']).orderBy('id').execute())
      .filter((d) => d.event_type === 'order.refunded')
      .map((d) => JSON.parse(app.backroom.webhookOutbox.bodies.open('body', d.id, d.body)).data.order)
      .filter((o: { id: string }) => o.id === orderId)
  const mails = async () =>
    Number(
      (
        await db
          .selectFrom('mail_outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  await t.test('captured → cancelled: refunded at the provider, recorded, stock back, one order.refunded', async () => {
    const before = await stock()
    const o = await capturedCheckout(app, shop, alice, variantId, 2)
    assert.equal(await stock(), before - 2)
    const mailBefore = await mails()
    const res = await cancel(o)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().status, 'cancelled')
    assert.equal(res.json().amountRefunded, o.total)
    // The refund is recorded with its ledger entry (issue 12), then the order is cancelled.
    assert.deepEqual(
      res.json().history.map((h: { from: string; to: string; event: string }) => `${h.from}→${h.to} ${h.event}`),
      [
        'null→pending place',
        'pending→paid pay',
        'paid→paid capture',
        'paid→refunded refund',
        'refunded→cancelled cancel',
      ],
    )
    assert.equal(res.json().paymentStatus, 'refunded')
    assert.equal(await stock(), before)
    const refunded = await payment(o.paymentId)
    assert.deepEqual(
      [refunded.status, refunded.amountCaptured, refunded.amountRefunded, refunded.refundable],
      ['refunded', o.total, o.total, 0],
    )
    assert.deepEqual(
      refunded.transactions.map((tx: { kind: string; amount: number }) => [tx.kind, tx.amount]),
      [
        ['authorize', o.total],
        ['capture', o.total],
        ['refund', o.total],
      ],
    )
    assert.deepEqual(await providerRefunds(app, testProvider, o.paymentId), [o.total])
    const hooks = await refundedHooks(o.id)
    assert.equal(hooks.length, 1)
    assert.deepEqual([hooks[0].status, hooks[0].amountRefunded], ['refunded', o.total])
    assert.equal(await mails(), mailBefore, 'no mail: the shop tells the customer (as for a refund)')

    // Done once: cancelling again, or refunding, is refused and moves nothing.
    const again = await snapshot(app, testProvider, o, variantId)
    assert.equal((await cancel(o)).json().code, 'illegal-order-transition')
    assert.equal((await post(`/orders/${o.id}/refunds`, shop.staff, { amount: 1 })).statusCode, 409)
    assert.deepEqual(await snapshot(app, testProvider, o, variantId), again)
  })

  await t.test('partially refunded → cancelled: the rest is refunded, every line restocked', async () => {
    const before = await stock()
    const o = await capturedCheckout(app, shop, alice, variantId, 3)
    const partial = await post(`/orders/${o.id}/refunds`, shop.staff, { amount: 1000 })
    assert.equal(partial.json().status, 'partially_refunded')
    const res = await cancel(o)
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual([res.json().status, res.json().amountRefunded], ['cancelled', o.total])
    assert.equal(await stock(), before)
    assert.deepEqual(await providerRefunds(app, testProvider, o.paymentId), [1000, o.total - 1000])
    assert.equal((await payment(o.paymentId)).status, 'refunded')
    assert.deepEqual(
      (await refundedHooks(o.id)).map((h: { status: string; amountRefunded: number }) => [h.status, h.amountRefunded]),
      [
        ['partially_refunded', 1000],
        ['refunded', o.total],
      ],
    )
  })

  await t.test('fulfilled, delivered, or fulfilled then partially refunded: refused, nothing written', async () => {
    const fulfilled = await capturedCheckout(app, shop, alice, variantId)
    assert.equal((await post(`/orders/${fulfilled.id}/fulfil`, shop.staff)).statusCode, 200)
    const delivered = await capturedCheckout(app, shop, alice, variantId)
    await post(`/orders/${delivered.id}/fulfil`, shop.staff)
    assert.equal((await post(`/orders/${delivered.id}/deliver`, shop.staff)).statusCode, 200)
    const shippedThenRefunded = await capturedCheckout(app, shop, alice, variantId)
    await post(`/orders/${shippedThenRefunded.id}/fulfil`, shop.staff)
    const partial = await post(`/orders/${shippedThenRefunded.id}/refunds`, shop.staff, { amount: 500 })
    assert.equal(partial.json().status, 'partially_refunded')

    for (const [o, code] of [
      [fulfilled, 'illegal-order-transition'],
      [delivered, 'illegal-order-transition'],
      [shippedThenRefunded, 'order-already-fulfilled'],
    ] as const) {
      const before = await snapshot(app, testProvider, o, variantId)
      const res = await cancel(o)
      assert.equal(res.statusCode, 409, res.body)
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
      assert.equal(res.json().code, code)
      assert.deepEqual(await snapshot(app, testProvider, o, variantId), before, `${code}: nothing written`)
    }
  })

  await t.test('the provider failing to refund: 503, nothing changed; a retry with the same key works', async () => {
    const o = await capturedCheckout(app, shop, alice, variantId, 2)
    const before = await snapshot(app, testProvider, o, variantId)
    const headers = { ...shop.staff, 'idempotency-key': `cancel-${o.id}` }
    testProvider.failNext('refund')
    const failed = await cancel(o, headers)
    assert.equal(failed.statusCode, 503, failed.body)
    assert.equal(failed.json().type, '/problems/payment-provider-error')
    assert.deepEqual(await snapshot(app, testProvider, o, variantId), before, 'nothing changed')
    assert.equal((await payment(o.paymentId)).refundable, o.total, 'the reservation was given back')

    // A 5xx releases the Idempotency-Key: the retry runs, and a replay of it refunds nothing more.
    const retried = await cancel(o, headers)
    assert.equal(retried.statusCode, 200, retried.body)
    assert.equal(retried.json().status, 'cancelled')
    const replayed = await cancel(o, headers)
    assert.equal(replayed.statusCode, 200)
    assert.equal(replayed.headers['idempotent-replayed'], 'true')
    assert.deepEqual(await providerRefunds(app, testProvider, o.paymentId), [o.total])
    assert.equal(await stock(), before.stock + 2)
  })

  await t.test('fulfilled while the provider refunds: the refund is recorded, 409 says so', async () => {
    const before = await stock()
    const o = await capturedCheckout(app, shop, alice, variantId, 2)
    duringNextRefund(testProvider, async () => {
      const fulfil = await post(`/orders/${o.id}/fulfil`, shop.staff)
      assert.equal(fulfil.statusCode, 200, fulfil.body)
    })
    const res = await cancel(o)
    assert.equal(res.statusCode, 409, res.body)
    const problem = res.json()
    assert.equal(problem.code, 'order-refunded-not-cancelled')
    assert.deepEqual([problem.state, problem.amountRefunded, problem.refunded], ['refunded', o.total, o.total])
    assert.match(problem.detail, /refunded/)
    const after = await order(o.id)
    assert.deepEqual([after.status, after.amountRefunded], ['refunded', o.total])
    assert.deepEqual(
      after.history.map((h: { from: string; to: string }) => `${h.from}→${h.to}`),
      ['null→pending', 'pending→paid', 'paid→paid', 'paid→fulfilled', 'fulfilled→refunded'],
    )
    assert.equal(await stock(), before - 2, 'the goods shipped: no stock comes back')
    assert.equal((await payment(o.paymentId)).status, 'refunded')
    assert.deepEqual(await providerRefunds(app, testProvider, o.paymentId), [o.total])
    assert.deepEqual(
      (await refundedHooks(o.id)).map((h: { status: string }) => h.status),
      ['refunded'],
    )
  })

  await t.test('concurrent cancels: one refund at the provider, the stock back once', async () => {
    for (let round = 0; round < 3; round++) {
      const before = await stock()
      const o = await capturedCheckout(app, shop, alice, variantId, 2)
      const results = await Promise.all(Array.from({ length: 5 }, () => cancel(o)))
      const codes = results.map((r) => r.statusCode)
      assert.ok(codes.includes(200), codes.join())
      for (const r of results) {
        if (r.statusCode !== 200) {
          assert.equal(r.statusCode, 409, r.body)
          assert.ok(['illegal-order-transition', 'refund-in-progress', 'order-changed'].includes(r.json().code), r.body)
        }
      }
      assert.deepEqual(await providerRefunds(app, testProvider, o.paymentId), [o.total])
      const after = await order(o.id)
      assert.deepEqual([after.status, after.amountRefunded], ['cancelled', o.total])
      assert.equal(after.history.filter((h: { to: string }) => h.to === 'cancelled').length, 1)
      assert.equal(await stock(), before)
      const ledger = (await payment(o.paymentId)).transactions.filter((tx: { kind: string }) => tx.kind === 'refund')
      assert.equal(ledger.length, 1)
      assert.equal((await refundedHooks(o.id)).length, 1)
    }
  })

  await t.test(
    'a cancel racing a partial refund: never more than captured, and the order says what moved',
    async () => {
      const outcomes = new Set<string>()
      for (let round = 0; round < 6; round++) {
        const before = await stock()
        const o = await capturedCheckout(app, shop, alice, variantId)
        const refund = () => post(`/orders/${o.id}/refunds`, shop.staff, { amount: 700 })
        const [c, r] =
          round % 2 === 0
            ? await Promise.all([cancel(o), refund()])
            : (await Promise.all([refund(), cancel(o)])).reverse()
        const moved = await providerRefunds(app, testProvider, o.paymentId)
        const sum = moved.reduce((a, b) => a + b, 0)
        const p = await payment(o.paymentId)
        const after = await order(o.id)
        assert.ok(sum <= o.total)
        assert.equal(p.amountRefunded, sum, 'the ledger matches the provider')
        assert.equal(after.amountRefunded, sum, `the order records what moved (${c.body} ${r.body})`)
        outcomes.add(`cancel ${c.statusCode}, refund ${r.statusCode}`)
        if (c.statusCode === 200) {
          assert.deepEqual([after.status, sum], ['cancelled', o.total])
          assert.equal(await stock(), before)
        } else {
          assert.equal(c.statusCode, 409, c.body)
          assert.equal(c.json().code, 'refund-in-progress')
          assert.deepEqual([after.status, sum, r.statusCode], ['partially_refunded', 700, 200])
          assert.equal(await stock(), before - 1)
        }
      }
    },
  )

  await t.test('a cancel while a refund is at the provider: 409 refund-in-progress, nothing changed', async () => {
    const o = await capturedCheckout(app, shop, alice, variantId)
    let during: { status: number; code: string } | undefined
    let before: Awaited<ReturnType<typeof snapshot>> | undefined
    duringNextRefund(testProvider, async () => {
      before = await snapshot(app, testProvider, o, variantId)
      const res = await cancel(o)
      during = { status: res.statusCode, code: res.json().code }
      assert.deepEqual(await snapshot(app, testProvider, o, variantId), before)
    })
    const partial = await post(`/orders/${o.id}/refunds`, shop.staff, { amount: 700 })
    assert.equal(partial.statusCode, 200, partial.body)
    assert.deepEqual(during, { status: 409, code: 'refund-in-progress' })
    // Once the refund is through, the cancel refunds the rest.
    const res = await cancel(o)
    assert.deepEqual([res.statusCode, res.json().status, res.json().amountRefunded], [200, 'cancelled', o.total])
    assert.deepEqual(await providerRefunds(app, testProvider, o.paymentId), [700, o.total - 700])
  })

  await t.test('a refund records what moved, not another refund still at the provider (which then fails)', async () => {
    const o = await capturedCheckout(app, shop, alice, variantId)
    let second: { status: number; body: { status: string; amountRefunded: number } } | undefined
    duringNextRefund(testProvider, async () => {
      const res = await post(`/orders/${o.id}/refunds`, shop.staff, { amount: 500 })
      second = { status: res.statusCode, body: res.json() }
      testProvider.failNext('refund') // the first refund, still at the provider, fails
    })
    const first = await post(`/orders/${o.id}/refunds`, shop.staff, { amount: 700 })
    assert.equal(first.statusCode, 503, first.body)
    assert.equal(second?.status, 200)
    assert.deepEqual([second?.body.status, second?.body.amountRefunded], ['partially_refunded', 500])
    assert.deepEqual(await providerRefunds(app, testProvider, o.paymentId), [500])
    assert.equal((await payment(o.paymentId)).amountRefunded, 500)
    assert.equal((await order(o.id)).amountRefunded, 500)
    // And the cancel then refunds exactly the rest.
    const res = await cancel(o)
    assert.deepEqual([res.statusCode, res.json().status, res.json().amountRefunded], [200, 'cancelled', o.total])
    assert.deepEqual(await providerRefunds(app, testProvider, o.paymentId), [500, o.total - 500])
  })

  await t.test("customers cannot cancel orders, their own or another's; nor can a key without the scope", async () => {
    const mine = await capturedCheckout(app, shop, alice, variantId)
    const bobs = await capturedCheckout(app, shop, bob, variantId)
    const readOnlyKey = await apiKeyHeaders(app, ['orders:read'])
    for (const [o, who, status] of [
      [mine, alice, 403],
      [bobs, alice, 403],
      [mine, {}, 401],
      [mine, readOnlyKey, 403],
    ] as const) {
      const before = await snapshot(app, testProvider, o, variantId)
      const res = await cancel(o, who)
      assert.equal(res.statusCode, status, res.body)
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
      assert.deepEqual(await snapshot(app, testProvider, o, variantId), before)
    }
    assert.equal((await payment(mine.paymentId)).status, 'captured')
  })
})
