/**
 * POST /checkout's Idempotency-Key is claimed by reserve's writes (`idempotent: 'deferred'`,
 * platform/http/idempotency.ts): no statement of its own before the handler. What must not change:
 * one order per key, 409 while in flight, replay once done, 422 for a different request, a refusal
 * stored and replayed, a key left by a dead request taken over, and the sweep still finishing a
 * checkout whose process died between its steps.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { test } from 'node:test'
import { AUTHORIZATION_LEASE_MS } from '../../../src/modules/payments/service.ts'
import { createSubjectTagger, tagColumn, tagsIn } from '../../../src/platform/security/subject-tags.ts'
import { testApp, testConfig, usingPostgres } from '../../helpers.ts'
import { countStatements } from '../../support/sql-count.ts'
import { ADDRESS, cardToken, guestCart, seedShop } from './fixtures.ts'

const DECLINED = '4000000000000002'

test('checkout: the Idempotency-Key claimed with the reservation', async (t) => {
  /** A gate the checkout waits at after reserving (a slow request, or one whose process is dead). */
  let gate: { after: 'reserve' | 'authorize'; reached: () => void; open: Promise<void> } | null = null
  const wait = async (step: 'reserve' | 'authorize') => {
    if (gate?.after !== step) return
    const { reached, open } = gate
    gate = null
    reached()
    await open
  }
  const app = await testApp(
    t,
    {},
    { checkoutHooks: { afterReserve: () => wait('reserve'), afterAuthorize: () => wait('authorize') } },
  )
  const db = app.backroom.database.db
  const provider = app.backroom.testProvider!
  const shop = await seedShop(app, [
    { handle: 'mug', price: 1250, stock: 40 },
    { handle: 'last', price: 990, stock: 1 },
  ])
  const [mug, last] = shop.products.map((p) => p.variants[0].id as string)
  const stock = async () => (await app.backroom.catalog.getSellableVariant(db, mug, 'EUR')).stock
  const ordersOf = (cartId: string) => db.selectFrom('shop_order').selectAll().where('cart_id', '=', cartId).execute()
  const row = (key: string) => db.selectFrom('idempotency_key').selectAll().where('key', '=', key).executeTakeFirst()
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid as number

  /**
   * Holds the next checkout after `step` until `release` is called; `dies`: it then throws there (its
   * process died: in one process the key's owner is the same app, so a dead run must not go on).
   */
  const holdAfter = (step: 'reserve' | 'authorize', dies = false) => {
    let reached = () => {}
    let release = () => {}
    const atGate = new Promise<void>((resolve) => {
      reached = resolve
    })
    const open = new Promise<void>((resolve, reject) => {
      release = dies ? () => reject(new Error(`the process died after ${step}`)) : resolve
    })
    gate = { after: step, reached, open }
    return { atGate, release }
  }
  const start = async (key: string, variantId = mug, accept = 'application/json', card?: string) => {
    const { cartId, headers: cartHeaders } = await guestCart(app, variantId)
    const headers = { ...cartHeaders, accept }
    const payload = {
      cartId,
      email: 'ada@example.test',
      shippingAddress: ADDRESS,
      shippingMethodId: shop.shippingMethodId,
      payment: { token: await cardToken(app, card) },
    }
    const send = (body: object = payload) =>
      app.inject({ method: 'POST', url: '/checkout', headers: { ...headers, 'idempotency-key': key }, payload: body })
    return { cartId, headers, payload, send }
  }

  await t.test(
    'concurrent checkouts with one key: one order; the others 409 or its replay, never cart-closed',
    async () => {
      const before = await stock()
      const checkout = await start('burst')
      const responses = await Promise.all(Array.from({ length: 12 }, () => checkout.send()))
      const answers = responses.map((r) => `${r.statusCode} ${r.statusCode === 201 ? '' : r.json().code}`)
      t.diagnostic(answers.join(', '))
      for (const r of responses) {
        assert.ok(
          r.statusCode === 201 || (r.statusCode === 409 && r.json().code === 'idempotency-key-in-use'),
          `${r.statusCode} ${r.body}`,
        )
      }
      const fresh = responses.filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined)
      assert.equal(fresh.length, 1)
      const orders = await ordersOf(checkout.cartId)
      assert.equal(orders.length, 1)
      for (const r of responses.filter((r) => r.statusCode === 201)) assert.equal(r.json().order.id, orders[0].id)
      assert.equal(await stock(), before - 1)
      const replay = await checkout.send()
      assert.equal(replay.headers['idempotent-replayed'], 'true')
      assert.equal(replay.body, fresh[0].body)
    },
  )

  await t.test(
    'a duplicate while the first is in flight (its cart closed): 409 key in use, then its replay',
    async () => {
      const checkout = await start('in-flight')
      const held = holdAfter('authorize')
      const first = checkout.send()
      await held.atGate
      const claimed = await row('in-flight')
      assert.equal(claimed?.state, 'in-flight')
      assert.equal(claimed?.owner?.startsWith(`${hostname()}/${process.pid}/`), true)
      assert.ok(Number(claimed?.lease_until) > Date.now())
      for (const duplicate of await Promise.all([checkout.send(), checkout.send()])) {
        assert.equal(duplicate.statusCode, 409, duplicate.body)
        assert.equal(duplicate.json().code, 'idempotency-key-in-use')
      }
      const other = await checkout.send({ ...checkout.payload, email: 'eve@example.test' })
      assert.equal(other.statusCode, 422)
      assert.equal(other.json().code, 'idempotency-key-reused')
      held.release()
      const done = await first
      assert.equal(done.statusCode, 201, done.body)
      const replay = await checkout.send()
      assert.equal(replay.statusCode, 201)
      assert.equal(replay.headers['idempotent-replayed'], 'true')
      assert.equal(replay.body, done.body)
      assert.equal((await ordersOf(checkout.cartId)).length, 1)
    },
  )

  await t.test('the key reused with a different request after it is done: 422, nothing written', async () => {
    const checkout = await start('reused')
    const first = await checkout.send()
    assert.equal(first.statusCode, 201, first.body)
    const before = await stock()
    const changed = await checkout.send({ ...checkout.payload, email: 'eve@example.test' })
    assert.equal(changed.statusCode, 422)
    assert.equal(changed.json().code, 'idempotency-key-reused')
    // Another cart, same key: refused by the key, not checked out.
    const other = await start('reused')
    const elsewhere = await other.send()
    assert.equal(elsewhere.statusCode, 422)
    assert.equal((await ordersOf(other.cartId)).length, 0)
    assert.equal(await stock(), before)
  })

  await t.test('a refusal before any write (no such cart) is stored and replayed', async () => {
    const checkout = await start('missing-cart')
    const body = { ...checkout.payload, cartId: 'cart_0000000000000000000000' }
    const first = await checkout.send(body)
    assert.equal(first.statusCode, 404, first.body)
    assert.equal(first.json().code, 'cart-not-found')
    assert.equal((await row('missing-cart'))?.state, 'done')
    const again = await checkout.send(body)
    assert.equal(again.statusCode, 404)
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.match(String(again.headers['content-type']), /^application\/problem\+json/)
    assert.equal(again.body, first.body)
    assert.equal((await checkout.send()).statusCode, 422) // the real cart with that key: a different request
  })

  await t.test('a refusal by the reservation itself (short stock): stored, replayed, nothing reserved', async () => {
    const checkout = await start('short', last)
    assert.equal(await app.backroom.catalog.reserveStock(db, last, 1), true) // sold meanwhile
    const first = await checkout.send()
    assert.equal(first.statusCode, 409, first.body)
    assert.equal(first.json().code, 'insufficient-stock')
    const again = await checkout.send()
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.equal(again.body, first.body)
    assert.equal((await app.backroom.catalog.getSellableVariant(db, last, 'EUR')).stock, 0)
    assert.equal((await ordersOf(checkout.cartId)).length, 0)
    assert.equal((await row('short'))?.state, 'done')
    // Back in stock, the same request would reserve now: its batch carries the key, which refuses it.
    await app.backroom.catalog.releaseStock(db, last, 1)
    const later = await checkout.send()
    assert.equal(later.headers['idempotent-replayed'], 'true')
    assert.equal(later.body, first.body)
    assert.equal((await app.backroom.catalog.getSellableVariant(db, last, 'EUR')).stock, 1)
    assert.equal((await ordersOf(checkout.cartId)).length, 0)
  })

  await t.test('a process dead after reserve: the retry with its key takes the key over and resumes', async () => {
    const checkout = await start('dead-after-reserve')
    const held = holdAfter('reserve', true)
    const dying = checkout.send()
    await held.atGate
    // What a killed process leaves: the key in flight, its owner a process that no longer exists.
    await db
      .updateTable('idempotency_key')
      .set({ owner: `${hostname()}/${deadPid}/dead` })
      .where('key', '=', 'dead-after-reserve')
      .execute()
    const [order] = await ordersOf(checkout.cartId)
    const authorizations = provider.authorizations()
    const retry = await checkout.send()
    assert.equal(retry.statusCode, 201, retry.body)
    assert.equal(retry.headers['idempotent-replayed'], undefined)
    assert.equal(retry.json().order.id, order.id)
    // The resumed order's answer says what settle recorded (its view is made before settle's batch is sent).
    assert.equal(retry.json().order.status, 'paid')
    assert.equal(retry.json().order.paymentStatus, 'authorized')
    assert.equal(retry.json().payment.status, 'authorized')
    assert.equal(provider.authorizations(), authorizations + 1)
    const replay = await checkout.send()
    assert.equal(replay.headers['idempotent-replayed'], 'true')
    assert.equal(replay.body, retry.body)
    held.release()
    assert.equal((await dying).statusCode, 500) // its release is conditional (in flight): the reply stays
    assert.equal((await checkout.send()).body, retry.body)
    assert.equal((await ordersOf(checkout.cartId)).length, 1)
  })

  await t.test(
    'a process dead after authorize: the sweep settles it; the retry with its key answers the order',
    async () => {
      const before = await stock()
      const checkout = await start('dead-after-authorize')
      const held = holdAfter('authorize', true)
      const dying = checkout.send()
      await held.atGate
      await db
        .updateTable('idempotency_key')
        .set({ owner: 'other-host/1/dead' })
        .where('key', '=', 'dead-after-authorize')
        .execute()
      const authorizations = provider.authorizations()
      assert.deepEqual(await app.backroom.checkout.resumeStale(Date.now() + AUTHORIZATION_LEASE_MS + 1), {
        settled: 1,
        pending: 0,
      })
      assert.equal(provider.authorizations(), authorizations) // asked again with the same key: the same one
      const [order] = await ordersOf(checkout.cartId)
      assert.equal(order.status, 'paid')
      assert.equal(await stock(), before - 1)
      // Another host's key: held until its lease ends, then taken over.
      const live = await checkout.send()
      assert.equal(live.statusCode, 409)
      assert.equal(live.json().code, 'idempotency-key-in-use')
      await db
        .updateTable('idempotency_key')
        .set({ lease_until: Date.now() - 1 })
        .where('key', '=', 'dead-after-authorize')
        .execute()
      const retry = await checkout.send()
      assert.equal(retry.headers['idempotent-replayed'], undefined)
      // The order the key placed, finished by the sweep: answered as the checkout answers (not cart-closed).
      assert.equal(retry.statusCode, 201, retry.body)
      assert.equal(retry.json().order.id, order.id)
      assert.equal(retry.json().order.status, 'paid')
      assert.equal(retry.json().payment.status, 'authorized')
      const replay = await checkout.send()
      assert.equal(replay.headers['idempotent-replayed'], 'true')
      assert.equal(replay.body, retry.body)
      held.release()
      assert.equal((await dying).statusCode, 500)
      assert.equal((await checkout.send()).body, retry.body)
      assert.equal((await ordersOf(checkout.cartId)).length, 1)
      assert.equal(await stock(), before - 1)
      assert.equal(provider.authorizations(), authorizations)
    },
  )

  await t.test('a free order whose process died after reserve: the retry with its key settles it', async () => {
    const admin = shop.admin
    const free = await app.inject({
      method: 'POST',
      url: '/checkout/shipping-methods',
      headers: admin,
      payload: { name: 'Free', currency: 'EUR', country: 'IE', kind: 'flat', flatAmount: 0 },
    })
    assert.equal(free.statusCode, 201, free.body)
    const code = await app.inject({
      method: 'POST',
      url: '/checkout/discount-codes',
      headers: admin,
      payload: { code: 'ALL', kind: 'percentage', value: 10_000 },
    })
    assert.equal(code.statusCode, 201, code.body)
    const checkout = await start('free-dead-after-reserve')
    const payload = { ...checkout.payload, shippingMethodId: free.json().id, discountCode: 'ALL' }
    const held = holdAfter('reserve', true)
    const dying = checkout.send(payload)
    await held.atGate
    await db
      .updateTable('idempotency_key')
      .set({ owner: `${hostname()}/${deadPid}/dead` })
      .where('key', '=', 'free-dead-after-reserve')
      .execute()
    const [order] = await ordersOf(checkout.cartId)
    assert.equal(order.status, 'pending')
    assert.equal(order.payment_id, null) // nothing to pay: no payment, so the sweep never sees it
    // Taken over from the dead process: its order is found by the key and settled.
    const retry = await checkout.send(payload)
    assert.equal(retry.statusCode, 201, retry.body)
    assert.equal(retry.json().order.id, order.id)
    assert.equal(retry.json().order.status, 'paid')
    assert.equal(retry.json().order.total, 0)
    assert.deepEqual(retry.json().payment, { id: null, status: 'none', clientSecret: null })
    held.release()
    assert.equal((await dying).statusCode, 500)
    const replay = await checkout.send(payload)
    assert.equal(replay.headers['idempotent-replayed'], 'true')
    assert.equal(replay.body, retry.body)
    assert.equal((await ordersOf(checkout.cartId)).length, 1)
  })

  await t.test('a provider timeout settled by the sweep: the retry with the key answers the paid order', async () => {
    const before = await stock()
    const checkout = await start('timeout-swept')
    const authorizations = provider.authorizations()
    provider.failNext('authorize', 1, 'timeout') // authorized, the answer lost
    const lost = await checkout.send()
    assert.equal(lost.statusCode, 503, lost.body)
    assert.equal(await row('timeout-swept'), undefined) // a 5xx releases the key
    assert.deepEqual(await app.backroom.checkout.resumeStale(Date.now() + AUTHORIZATION_LEASE_MS + 1), {
      settled: 1,
      pending: 0,
    })
    const [order] = await ordersOf(checkout.cartId)
    assert.equal(order.status, 'paid')
    const retry = await checkout.send()
    assert.equal(retry.statusCode, 201, retry.body)
    assert.equal(retry.headers['idempotent-replayed'], undefined)
    const answer = retry.json()
    assert.equal(answer.order.id, order.id)
    assert.equal(answer.order.status, 'paid')
    assert.equal(answer.order.paymentStatus, 'authorized')
    assert.deepEqual(
      answer.order.history.map((h: { to: string }) => h.to),
      ['pending', 'paid'],
    )
    assert.deepEqual(answer.payment, { id: order.payment_id, status: 'authorized', clientSecret: null })
    assert.equal((await row('timeout-swept'))?.response_status, 201) // stored: the next one is a replay
    const replay = await checkout.send()
    assert.equal(replay.headers['idempotent-replayed'], 'true')
    assert.equal(replay.body, retry.body)
    assert.equal((await ordersOf(checkout.cartId)).length, 1)
    assert.equal(await stock(), before - 1)
    assert.equal(provider.authorizations(), authorizations + 1)
    // Another key (another client, or a new attempt) on the closed cart placed nothing: cart-closed.
    const other = await app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { ...checkout.headers, 'idempotency-key': 'timeout-swept-other' },
      payload: checkout.payload,
    })
    assert.equal(other.statusCode, 409, other.body)
    assert.equal(other.json().code, 'cart-closed')
    assert.equal((await checkout.send()).body, retry.body) // the first key still answers its order
    assert.equal((await ordersOf(checkout.cartId)).length, 1)
  })

  await t.test(
    'a decline settled by the sweep: the retry with the key answers the decline, no second order',
    async () => {
      const before = await stock()
      const checkout = await start('declined-swept', mug, 'application/json', DECLINED)
      provider.failNext('authorize', 1, 'timeout') // declined, the answer lost
      assert.equal((await checkout.send()).statusCode, 503)
      assert.deepEqual(await app.backroom.checkout.resumeStale(Date.now() + AUTHORIZATION_LEASE_MS + 1), {
        settled: 1,
        pending: 0,
      })
      const [order] = await ordersOf(checkout.cartId)
      assert.equal(order.status, 'cancelled')
      assert.equal(await stock(), before) // released, and the cart is open again
      const cart = await app.inject({ url: `/carts/${checkout.cartId}`, headers: checkout.headers })
      assert.equal(cart.json().status, 'open')
      // The same key: the decline the request would have answered, not a new order on the open cart.
      const retry = await checkout.send()
      assert.equal(retry.statusCode, 422, retry.body)
      assert.equal(retry.headers['idempotent-replayed'], undefined)
      assert.equal(retry.json().code, 'payment-declined')
      assert.equal(retry.json().failureCode, 'card_declined')
      const replay = await checkout.send()
      assert.equal(replay.headers['idempotent-replayed'], 'true')
      assert.equal(replay.body, retry.body)
      assert.equal((await ordersOf(checkout.cartId)).length, 1)
      assert.equal(await stock(), before)
      // A new attempt (another card) takes a new key, and places a new order.
      const again = await app.inject({
        method: 'POST',
        url: '/checkout',
        headers: { ...checkout.headers, 'idempotency-key': 'declined-swept-new' },
        payload: { ...checkout.payload, payment: { token: await cardToken(app) } },
      })
      assert.equal(again.statusCode, 201, again.body)
      assert.notEqual(again.json().order.id, order.id)
      assert.equal(await stock(), before - 1)
      assert.equal((await checkout.send()).body, retry.body)
    },
  )

  await t.test('a decline answered by the request: its retry is the stored decline, nothing reserved', async () => {
    const before = await stock()
    const checkout = await start('declined', mug, 'application/json', DECLINED)
    const first = await checkout.send()
    assert.equal(first.statusCode, 422, first.body)
    assert.equal(first.json().code, 'payment-declined')
    const retry = await checkout.send()
    assert.equal(retry.headers['idempotent-replayed'], 'true')
    assert.equal(retry.body, first.body)
    // The stored reply gone (purged, or erased), the order the key placed still answers the same.
    await db.deleteFrom('idempotency_key').where('key', '=', 'declined').execute()
    const derived = await checkout.send()
    assert.equal(derived.statusCode, 422, derived.body)
    assert.equal(derived.headers['idempotent-replayed'], undefined)
    assert.equal(derived.body, first.body)
    assert.equal((await ordersOf(checkout.cartId)).length, 1)
    assert.equal(await stock(), before)
  })

  await t.test('the reply stored by settle is the bytes sent, sealed and tagged, in JSON and in XML', async () => {
    const tagger = createSubjectTagger(testConfig().secret)
    for (const accept of ['application/json', 'application/xml']) {
      const checkout = await start(`stored-${accept}`, mug, accept)
      const { result: first, statements } = await countStatements(() => checkout.send())
      assert.equal(first.statusCode, 201, first.body)
      // Stored once, by settle (PostgreSQL: within its batch); nothing after the handler.
      const writes = statements.filter((s) => /(update|insert into) "idempotency_key"/.test(s))
      assert.equal(writes.length, 2, statements.join('\n')) // the claim and the reply
      assert.ok(writes.every((s) => /"order_history"|"stock"|"variant"|"payment"/.test(s) || !usingPostgres))
      const stored = await row(`stored-${accept}`)
      assert.equal(stored?.state, 'done')
      assert.equal(stored?.response_status, 201)
      assert.equal(stored?.response_type, first.headers['content-type'])
      assert.doesNotMatch(String(stored?.response_body), /Marlborough/) // sealed
      const response = accept === 'application/json' ? first.json() : undefined // XML: caller and body only
      assert.equal(stored?.subjects, tagColumn(tagsIn(tagger, undefined, checkout.payload, response)))
      const replay = await checkout.send()
      assert.equal(replay.headers['idempotent-replayed'], 'true')
      assert.equal(replay.headers['content-type'], first.headers['content-type'])
      assert.equal(replay.body, first.body)
    }
  })

  await t.test(
    'a request whose key was taken over meanwhile settles, and leaves the key to its new owner',
    async () => {
      const checkout = await start('lost-key')
      const held = holdAfter('authorize')
      const slow = checkout.send()
      await held.atGate
      // Its lease ran out (an event loop stalled) and another node took the key over.
      await db.updateTable('idempotency_key').set({ owner: 'other-host/7/new' }).where('key', '=', 'lost-key').execute()
      held.release()
      const answered = await slow
      assert.equal(answered.statusCode, 201, answered.body)
      assert.equal(answered.json().order.status, 'paid')
      const kept = await row('lost-key')
      assert.equal(kept?.state, 'in-flight')
      assert.equal(kept?.owner, 'other-host/7/new')
      assert.equal(kept?.response_body, null)
      assert.equal((await ordersOf(checkout.cartId)).length, 1)
    },
  )

  await t.test('a 5xx after the claim releases the key: the retry runs again', async () => {
    const checkout = await start('outage')
    provider.failNext('authorize')
    const failed = await checkout.send()
    assert.ok(failed.statusCode >= 500, failed.body)
    assert.equal(await row('outage'), undefined)
    const retry = await checkout.send()
    assert.equal(retry.statusCode, 201, retry.body)
    assert.equal(retry.headers['idempotent-replayed'], undefined)
    assert.equal((await ordersOf(checkout.cartId)).length, 1)
  })
})
