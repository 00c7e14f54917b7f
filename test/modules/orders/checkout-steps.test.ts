/**
 * The checkout's steps (reserve → authorize → settle) and the sweep that resumes them. A process dying
 * between two steps is a test hook that throws there (no database mocks); the sweep is then run with a
 * clock past its lease instead of waiting. Two nodes (two apps on one database) sweeping at once settle
 * each stale payment once.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AUTHORIZATION_GIVE_UP_MS } from '../../../src/modules/orders/checkout.ts'
import { AUTHORIZATION_LEASE_MS } from '../../../src/modules/payments/service.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { generateKey } from '../../../src/platform/security/crypto.ts'
import { sharedDatabase, testApp } from '../../helpers.ts'
import { ADDRESS, cardToken, guestCart, seedShop } from './fixtures.ts'

const DECLINED = '4000000000000002'

/** Settled once: paid after pending, one authorization on its payment, one confirmation mail. */
async function assertPaidOnce(app: App, order: { id: string; payment_id: string | null }) {
  const db = app.backroom.database.db
  const history = await db
    .selectFrom('order_history')
    .select('to_status')
    .where('order_id', '=', order.id)
    .orderBy('seq')
    .execute()
  assert.deepEqual(
    history.map((h) => h.to_status),
    ['pending', 'paid'],
  )
  const payment = await app.backroom.payments.get(order.payment_id!)
  assert.equal(payment.status, 'authorized')
  assert.deepEqual(
    payment.transactions.map((x) => x.kind),
    ['authorize'],
  )
  const mails = await db.selectFrom('mail_outbox').select('subject').where('subject', 'like', `%${order.id}%`).execute()
  assert.equal(mails.length, 1)
}

test('checkout steps: death between steps, declines, outages, timeouts and races', async (t) => {
  let dieAfter: 'reserve' | 'authorize' | null = null
  let pauseAfterAuthorize: Promise<void> | null = null
  let paused: (() => void) | null = null
  const app = await testApp(
    t,
    {},
    {
      checkoutHooks: {
        afterReserve: () => {
          if (dieAfter !== 'reserve') return
          dieAfter = null
          throw new Error('the process died after reserving')
        },
        afterAuthorize: async () => {
          if (pauseAfterAuthorize) {
            paused?.()
            await pauseAfterAuthorize
          }
          if (dieAfter !== 'authorize') return
          dieAfter = null
          throw new Error('the process died after authorizing')
        },
      },
    },
  )
  const provider = app.backroom.testProvider!
  const db = app.backroom.database.db
  const shop = await seedShop(app, [{ handle: 'mug', price: 1250, stock: 20 }])
  const mug = shop.products[0].variants[0].id
  const stock = async () => (await app.backroom.catalog.getSellableVariant(db, mug, 'EUR')).stock
  const sweep = (extra = 0) => app.backroom.checkout.resumeStale(Date.now() + AUTHORIZATION_LEASE_MS + 1 + extra)
  const orderOfCart = (cartId: string) =>
    db.selectFrom('shop_order').selectAll().where('cart_id', '=', cartId).executeTakeFirstOrThrow()
  const paymentOf = (id: string) => db.selectFrom('payment').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const cartStatus = async (cartId: string, headers: Record<string, string>) =>
    (await app.inject({ url: `/carts/${cartId}`, headers })).json().status
  const history = async (orderId: string) =>
    (
      await db.selectFrom('order_history').select('to_status').where('order_id', '=', orderId).orderBy('seq').execute()
    ).map((h) => h.to_status)
  const start = async (options: { card?: string; key?: string; extra?: Record<string, unknown> } = {}) => {
    const { cartId, headers } = await guestCart(app, mug, 1)
    const token = await cardToken(app, options.card)
    const keyed = options.key ? { ...headers, 'idempotency-key': options.key } : headers
    const payload = {
      cartId,
      email: 'ada@example.test',
      shippingAddress: ADDRESS,
      shippingMethodId: shop.shippingMethodId,
      payment: { token },
      ...options.extra,
    }
    const send = () => app.inject({ method: 'POST', url: '/checkout', headers: keyed, payload })
    return { cartId, headers, token, send }
  }

  await t.test('death after reserve: the sweep finds nothing at the provider and releases it all', async () => {
    const before = await stock()
    const checkout = await start()
    dieAfter = 'reserve'
    assert.equal((await checkout.send()).statusCode, 500)
    const order = await orderOfCart(checkout.cartId)
    assert.equal(order.status, 'pending')
    assert.equal((await paymentOf(order.payment_id!)).status, 'authorizing')
    assert.equal(await stock(), before - 1)
    assert.equal(await cartStatus(checkout.cartId, checkout.headers), 'converted')
    assert.deepEqual(await sweep(-AUTHORIZATION_LEASE_MS - 2), { settled: 0, pending: 0 }) // within its lease
    const authorizations = provider.authorizations()
    assert.deepEqual(await sweep(), { settled: 1, pending: 0 })
    assert.equal(provider.authorizations(), authorizations)
    assert.equal((await orderOfCart(checkout.cartId)).status, 'cancelled')
    assert.equal((await paymentOf(order.payment_id!)).status, 'failed')
    assert.equal(await stock(), before)
    assert.equal(await cartStatus(checkout.cartId, checkout.headers), 'open')
    // The card was never charged: the same token still pays for the cart.
    const retry = await checkout.send()
    assert.equal(retry.statusCode, 201, retry.body)
    assert.equal(retry.json().order.status, 'paid')
  })

  await t.test("death after reserve: the client's retry with its Idempotency-Key resumes the same order", async () => {
    const checkout = await start({ key: 'retry-after-reserve' })
    dieAfter = 'reserve'
    assert.equal((await checkout.send()).statusCode, 500)
    const pending = await orderOfCart(checkout.cartId)
    const authorizations = provider.authorizations()
    const retry = await checkout.send()
    assert.equal(retry.statusCode, 201, retry.body)
    assert.equal(retry.json().order.id, pending.id)
    assert.equal(retry.json().order.status, 'paid')
    assert.equal(provider.authorizations(), authorizations + 1)
    const replay = await checkout.send()
    assert.equal(replay.headers['idempotent-replayed'], 'true')
    assert.equal(replay.json().order.id, pending.id)
    assert.deepEqual(await sweep(), { settled: 0, pending: 0 })
  })

  await t.test('death after authorize: the sweep asks again with the same key; paid, authorized once', async () => {
    const before = await stock()
    const checkout = await start()
    const authorizations = provider.authorizations()
    dieAfter = 'authorize'
    assert.equal((await checkout.send()).statusCode, 500)
    assert.equal(provider.authorizations(), authorizations + 1)
    const order = await orderOfCart(checkout.cartId)
    assert.equal((await paymentOf(order.payment_id!)).status, 'authorizing')
    assert.deepEqual(await sweep(), { settled: 1, pending: 0 })
    assert.equal(provider.authorizations(), authorizations + 1)
    assert.equal((await orderOfCart(checkout.cartId)).status, 'paid')
    await assertPaidOnce(app, order)
    assert.equal(await stock(), before - 1)
    assert.deepEqual(await sweep(), { settled: 0, pending: 0 })
  })

  await t.test('death after a declined authorization: the sweep releases stock and cart', async () => {
    const before = await stock()
    const checkout = await start({ card: DECLINED })
    dieAfter = 'authorize'
    assert.equal((await checkout.send()).statusCode, 500)
    assert.deepEqual(await sweep(), { settled: 1, pending: 0 })
    const order = await orderOfCart(checkout.cartId)
    assert.equal(order.status, 'cancelled')
    assert.deepEqual(await history(order.id), ['pending', 'cancelled'])
    assert.equal((await paymentOf(order.payment_id!)).failure_code, 'card_declined')
    assert.equal(await stock(), before)
    assert.equal(await cartStatus(checkout.cartId, checkout.headers), 'open')
  })

  await t.test('a decline answers 422 as before; stock, discount use and cart are given back', async () => {
    const code = await app.inject({
      method: 'POST',
      url: '/checkout/discount-codes',
      headers: shop.admin,
      payload: { code: 'ONCE', kind: 'percentage', value: 1000, usageLimit: 1 },
    })
    assert.equal(code.statusCode, 201, code.body)
    const before = await stock()
    const declined = await start({ card: DECLINED, extra: { discountCode: 'ONCE' } })
    const res = await declined.send()
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().code, 'payment-declined')
    assert.equal(res.json().failureCode, 'card_declined')
    assert.equal(await stock(), before)
    assert.equal(await cartStatus(declined.cartId, declined.headers), 'open')
    assert.equal((await orderOfCart(declined.cartId)).status, 'cancelled')
    // The one use of the code went back: another checkout can still take it.
    const other = await start({ extra: { discountCode: 'ONCE' } })
    const paid = await other.send()
    assert.equal(paid.statusCode, 201, paid.body)
    assert.equal(paid.json().order.discountCode, 'ONCE')
  })

  await t.test('provider outage: 503, the reservation holds, and the retry resumes it', async () => {
    const checkout = await start({ key: 'outage' })
    const authorizations = provider.authorizations()
    provider.failNext('authorize', 1, 'outage')
    const res = await checkout.send()
    assert.equal(res.statusCode, 503)
    assert.equal(res.json().type, '/problems/payment-provider-error')
    const order = await orderOfCart(checkout.cartId)
    assert.equal(order.status, 'pending')
    const retry = await checkout.send()
    assert.equal(retry.statusCode, 201, retry.body)
    assert.equal(retry.json().order.id, order.id)
    assert.equal(provider.authorizations(), authorizations + 1)
  })

  await t.test(
    'provider timeout: the provider authorized but the answer was lost; the sweep settles it once',
    async () => {
      const checkout = await start()
      const authorizations = provider.authorizations()
      provider.failNext('authorize', 1, 'timeout')
      assert.equal((await checkout.send()).statusCode, 503)
      assert.equal(provider.authorizations(), authorizations + 1)
      assert.deepEqual(await sweep(), { settled: 1, pending: 0 })
      assert.equal((await orderOfCart(checkout.cartId)).status, 'paid')
      assert.equal(provider.authorizations(), authorizations + 1)
    },
  )

  await t.test('an outage that lasts: the sweep asks again each time, then gives up and releases', async () => {
    const before = await stock()
    const checkout = await start()
    provider.failNext('authorize', 4, 'outage')
    assert.equal((await checkout.send()).statusCode, 503)
    assert.deepEqual(await sweep(), { settled: 0, pending: 1 })
    assert.equal((await orderOfCart(checkout.cartId)).status, 'pending')
    // The first sweep's lease runs out strictly after AUTHORIZATION_LEASE_MS; +1 so the next sweep
    // finds it even when both run within the same millisecond (seen on a fast CI run).
    assert.deepEqual(await sweep(AUTHORIZATION_LEASE_MS + 1), { settled: 0, pending: 1 })
    assert.deepEqual(await sweep(AUTHORIZATION_GIVE_UP_MS), { settled: 1, pending: 0 })
    const order = await orderOfCart(checkout.cartId)
    assert.equal(order.status, 'cancelled')
    assert.equal((await paymentOf(order.payment_id!)).failure_code, 'authorization_unresolved')
    assert.equal(await stock(), before)
  })

  await t.test('capture, cancel and expiry are refused while the authorization is unfinished', async () => {
    const checkout = await start()
    pauseAfterAuthorize = new Promise<void>((resolve) => {
      paused = null
      const reached = new Promise<void>((r) => {
        paused = r
      })
      void reached.then(async () => {
        const order = await orderOfCart(checkout.cartId)
        const onPayment = await app.inject({
          method: 'POST',
          url: `/payments/${order.payment_id}/capture`,
          headers: shop.admin,
          payload: {},
        })
        const onOrder = await app.inject({ method: 'POST', url: `/orders/${order.id}/capture`, headers: shop.admin })
        const cancel = await app.inject({ method: 'POST', url: `/orders/${order.id}/cancel`, headers: shop.admin })
        const expired = await app.backroom.orders.expireStalePending(Date.now() + 24 * 60 * 60_000, 60_000)
        results.push(
          onPayment.json().code,
          onOrder.json().code,
          cancel.json().code,
          String(expired),
          (await paymentOf(order.payment_id!)).status,
        )
        resolve()
      })
    })
    const results: string[] = []
    const res = await checkout.send()
    pauseAfterAuthorize = null
    assert.deepEqual(results, ['payment-not-capturable', 'order-not-paid', 'payment-not-voidable', '0', 'authorizing'])
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().order.status, 'paid')
    const captured = await app.inject({
      method: 'POST',
      url: `/orders/${res.json().order.id}/capture`,
      headers: shop.admin,
    })
    assert.equal(captured.statusCode, 200, captured.body)
  })

  await t.test('the request and the sweep settling one payment at once: one applies, both answer it', async () => {
    const checkout = await start()
    let sweepResult: unknown
    pauseAfterAuthorize = new Promise<void>((resolve) => {
      paused = () => {
        void sweep().then((r) => {
          sweepResult = r
          resolve()
        })
      }
    })
    const res = await checkout.send()
    pauseAfterAuthorize = null
    assert.deepEqual(sweepResult, { settled: 1, pending: 0 })
    assert.equal(res.statusCode, 201, res.body)
    const order = res.json().order
    assert.equal(order.status, 'paid')
    assert.deepEqual(await history(order.id), ['pending', 'paid'])
    const payment = await app.backroom.payments.get(order.paymentId)
    assert.equal(payment.transactions.length, 1)
  })
})

test('two nodes sweeping one database at once: each stale checkout authorized once, settled once', async (t) => {
  const database = sharedDatabase(t, 'sweep')
  // The second app to close drops the PostgreSQL schema (closes run in reverse order); both read the
  // orders' encrypted addresses.
  const encryptionKeys = [generateKey('shared')]
  let dies = false
  const app1 = await testApp(
    t,
    { database: { ...database, dropSchemaOnClose: false }, encryptionKeys },
    {
      checkoutHooks: {
        afterAuthorize: () => {
          if (dies) throw new Error('the process died after authorizing')
        },
      },
    },
  )
  const app2 = await testApp(t, { database, encryptionKeys })
  const db = app2.backroom.database.db
  const shop = await seedShop(app1, [{ handle: 'mug', price: 1250, stock: 20 }])
  const mug = shop.products[0].variants[0].id
  const stock = async () => (await app2.backroom.catalog.getSellableVariant(db, mug, 'EUR')).stock
  const authorizations = () =>
    app1.backroom.testProvider!.authorizations() + app2.backroom.testProvider!.authorizations()
  const sweep = (app: App, at: number) => app.backroom.checkout.resumeStale(at)

  const before = await stock()
  dies = true
  const cartIds: string[] = []
  for (let i = 0; i < 3; i++) {
    const { cartId, headers } = await guestCart(app1, mug, 1)
    const payload = {
      cartId,
      email: 'ada@example.test',
      shippingAddress: ADDRESS,
      shippingMethodId: shop.shippingMethodId,
      payment: { token: await cardToken(app1) },
    }
    assert.equal((await app1.inject({ method: 'POST', url: '/checkout', headers, payload })).statusCode, 500)
    cartIds.push(cartId)
  }
  dies = false
  assert.equal(authorizations(), 3)
  const orders = await db.selectFrom('shop_order').selectAll().where('cart_id', 'in', cartIds).execute()
  assert.deepEqual(
    orders.map((o) => o.status),
    ['pending', 'pending', 'pending'],
  )

  const at = Date.now() + AUTHORIZATION_LEASE_MS + 1
  const results = await Promise.all([sweep(app1, at), sweep(app2, at), sweep(app1, at), sweep(app2, at)])
  assert.deepEqual([results.reduce((n, r) => n + r.settled, 0), results.reduce((n, r) => n + r.pending, 0)], [3, 0])
  assert.equal(authorizations(), 3) // asked again with the same keys, never authorized twice
  assert.equal(await stock(), before - 3)
  for (const order of orders) {
    const settled = (await app2.inject({ url: `/orders/${order.id}`, headers: shop.staff })).json()
    assert.equal(settled.status, 'paid')
    await assertPaidOnce(app2, order)
  }
  const later = await Promise.all([
    sweep(app1, at + AUTHORIZATION_LEASE_MS + 1),
    sweep(app2, at + AUTHORIZATION_LEASE_MS + 1),
  ])
  assert.deepEqual(later, [
    { settled: 0, pending: 0 },
    { settled: 0, pending: 0 },
  ])
})
