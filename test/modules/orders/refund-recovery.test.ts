/**
 * Refunds that did not finish in their request: the provider refunded but the ledger write failed (as
 * a process stopping there would leave it), then the retry sweep completes them with the same
 * idempotency key, once, also when two nodes sweep one database at once.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { REFUND_RETRY_WINDOW_MS } from '../../../src/modules/payments/service.ts'
import type { TestProvider } from '../../../src/modules/payments/test-provider.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { generateKey } from '../../../src/platform/security/crypto.ts'
import { headersFor, sharedDatabase, testApp, usingPostgres } from '../../helpers.ts'
import { capturedCheckout, paymentReference, seedShop } from './fixtures.ts'

type Shop = Awaited<ReturnType<typeof seedShop>>

/** Every call the test provider gets to refund: the idempotency key and whether it answered. */
function recordRefundCalls(testProvider: TestProvider) {
  const calls: { key: string; ok: boolean }[] = []
  const refund = testProvider.refund
  testProvider.refund = async (reference, amount, key) => {
    try {
      const made = await refund(reference, amount, key)
      calls.push({ key, ok: true })
      return made
    } catch (error) {
      calls.push({ key, ok: false })
      throw error
    }
  }
  return calls
}

/**
 * The next refund succeeds at the provider, then the ledger write fails: the ledger table is gone
 * (renamed) until the request has failed. The state is what a process stopping there leaves.
 */
function ledgerFailsAfterNextRefund(app: App, testProvider: TestProvider): { restore: () => Promise<void> } {
  const { db } = app.backroom.database
  const refund = testProvider.refund
  testProvider.refund = async (...args) => {
    testProvider.refund = refund
    const made = await refund(...args)
    await sql`alter table payment_transaction rename to payment_transaction_away`.execute(db)
    return made
  }
  return {
    restore: async () => {
      await sql`alter table payment_transaction_away rename to payment_transaction`.execute(db)
    },
  }
}

/** A captured order whose cancel refunded at the provider and then failed before the ledger entry. */
async function crashedCancel(app: App, shop: Shop, who: Record<string, string>, variantId: string) {
  const testProvider = app.backroom.testProvider
  assert.ok(testProvider)
  const o = await capturedCheckout(app, shop, who, variantId, 2)
  const crash = ledgerFailsAfterNextRefund(app, testProvider)
  const res = await app.inject({ method: 'POST', url: `/orders/${o.id}/cancel`, headers: shop.staff })
  await crash.restore()
  assert.equal(res.statusCode, 500, res.body)
  return o
}

test('refunds survive a failure after the provider refunded: the sweep completes them once', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'teapot', price: 4000, stock: 40 }])
  const variantId = shop.products[0].variants[0].id
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const testProvider = app.backroom.testProvider
  assert.ok(testProvider)
  const { db } = app.backroom.database
  const { payments } = app.backroom
  const calls = recordRefundCalls(testProvider)

  const post = (url: string, payload?: Record<string, unknown>) =>
    app.inject({ method: 'POST', url, headers: shop.staff, ...(payload ? { payload } : {}) })
  const payment = async (id: string) => (await app.inject({ url: `/payments/${id}`, headers: shop.staff })).json()
  const order = async (id: string) => (await app.inject({ url: `/orders/${id}`, headers: shop.staff })).json()
  const stock = async () => (await app.backroom.catalog.getSellableVariant(db, variantId, 'EUR')).stock
  const providerRefunds = async (paymentId: string) => {
    const reference = await paymentReference(app, paymentId)
    return testProvider
      .refunds()
      .filter((r) => r.reference === reference)
      .map((r) => r.amount)
  }
  const ledgerRefunds = async (paymentId: string) =>
    (await payment(paymentId)).transactions
      .filter((tx: { kind: string }) => tx.kind === 'refund')
      .map((tx: { amount: number }) => tx.amount)

  await t.test('a normal refund: one attempt row, succeeded, whose id was the idempotency key', async () => {
    const o = await capturedCheckout(app, shop, alice, variantId)
    calls.length = 0
    const res = await post(`/orders/${o.id}/refunds`, { amount: 700 })
    assert.equal(res.statusCode, 200, res.body)
    const p = await payment(o.paymentId)
    assert.equal(p.refunds.length, 1)
    const [r] = p.refunds
    assert.deepEqual([r.amount, r.status, r.attempts], [700, 'succeeded', 1])
    assert.deepEqual(calls, [{ key: r.id, ok: true }])
    assert.equal(r.reference, p.transactions.at(-1).reference, 'the ledger entry has the provider refund id')

    // A provider failure: the attempt is failed, the reservation given back (today's 503).
    testProvider.failNext('refund')
    const failed = await post(`/orders/${o.id}/refunds`, { amount: 100 })
    assert.equal(failed.statusCode, 503, failed.body)
    const after = await payment(o.paymentId)
    assert.deepEqual(
      after.refunds.map((x: { status: string; amount: number }) => [x.status, x.amount]),
      [
        ['succeeded', 700],
        ['failed', 100],
      ],
    )
    assert.equal(after.amountRefunded, 700)
    assert.deepEqual(await payments.retryRefunds(Date.now() + 10 * 60_000), { refunded: 0, pending: 0 })
  })

  await t.test('crash after the provider refunded: refund-in-progress, then the sweep completes it once', async () => {
    const before = await stock()
    calls.length = 0
    const o = await crashedCancel(app, shop, alice, variantId)
    const at = Date.now()
    const stuck = await payment(o.paymentId)
    assert.deepEqual([stuck.amountRefunded, stuck.status], [o.total, 'refunded'], 'the reservation stays')
    assert.deepEqual(await ledgerRefunds(o.paymentId), [], 'the ledger never heard')
    assert.deepEqual(
      stuck.refunds.map((r: { status: string; amount: number }) => [r.status, r.amount]),
      [['pending', o.total]],
    )
    assert.deepEqual(await providerRefunds(o.paymentId), [o.total], 'the money moved')
    assert.equal((await order(o.id)).status, 'paid')
    const again = await post(`/orders/${o.id}/cancel`)
    assert.deepEqual([again.statusCode, again.json().code], [409, 'refund-in-progress'])

    assert.deepEqual(await payments.retryRefunds(at), { refunded: 0, pending: 0 }, 'not due within the lease')
    assert.deepEqual(await payments.retryRefunds(at + 61_000), { refunded: 1, pending: 0 })
    const key = stuck.refunds[0].id
    assert.deepEqual(calls, [
      { key, ok: true },
      { key, ok: true },
    ])
    assert.deepEqual(await providerRefunds(o.paymentId), [o.total], 'the same key: still one refund at the provider')
    assert.deepEqual(await ledgerRefunds(o.paymentId), [o.total])
    const done = await payment(o.paymentId)
    assert.deepEqual([done.refunds[0].status, done.refunds[0].attempts], ['succeeded', 2])
    assert.deepEqual(await payments.retryRefunds(at + 10 * 61_000), { refunded: 0, pending: 0 }, 'done once')

    // The cancel clears up: nothing left to refund, so no provider call; cancelled with the ledger total.
    const cancelled = await post(`/orders/${o.id}/cancel`)
    assert.equal(cancelled.statusCode, 200, cancelled.body)
    assert.deepEqual([cancelled.json().status, cancelled.json().amountRefunded], ['cancelled', o.total])
    assert.equal(await stock(), before)
    assert.equal(calls.length, 2)
    assert.deepEqual(await ledgerRefunds(o.paymentId), [o.total])
  })

  await t.test('the provider down when the sweep retries: retried with backoff until it answers', async () => {
    calls.length = 0
    const o = await crashedCancel(app, shop, alice, variantId)
    const at = Date.now()
    const key = (await payment(o.paymentId)).refunds[0].id
    testProvider.failNext('refund', 2)
    assert.deepEqual(await payments.retryRefunds(at + 61_000), { refunded: 0, pending: 1 })
    // The next try waits a minute, the one after two.
    assert.deepEqual(await payments.retryRefunds(at + 100_000), { refunded: 0, pending: 0 })
    assert.deepEqual(await payments.retryRefunds(at + 122_000), { refunded: 0, pending: 1 })
    assert.deepEqual(await payments.retryRefunds(at + 200_000), { refunded: 0, pending: 0 })
    assert.equal((await payment(o.paymentId)).refunds[0].status, 'pending')
    assert.equal((await post(`/orders/${o.id}/cancel`)).json().code, 'refund-in-progress')
    assert.deepEqual(await payments.retryRefunds(at + 243_000), { refunded: 1, pending: 0 })
    assert.ok(calls.every((c) => c.key === key))
    assert.deepEqual(
      calls.map((c) => c.ok),
      [true, false, false, true],
    )
    assert.deepEqual(await providerRefunds(o.paymentId), [o.total])
    assert.deepEqual(await ledgerRefunds(o.paymentId), [o.total])
    const cancelled = await post(`/orders/${o.id}/cancel`)
    assert.deepEqual([cancelled.statusCode, cancelled.json().status], [200, 'cancelled'])
  })

  await t.test('past the retry window (the provider forgets keys after a day): left pending, visible', async () => {
    calls.length = 0
    const o = await crashedCancel(app, shop, alice, variantId)
    const late = Date.now() + REFUND_RETRY_WINDOW_MS + 1
    assert.deepEqual(await payments.retryRefunds(late), { refunded: 0, pending: 0 })
    assert.equal(calls.length, 1, 'only the request itself called the provider')
    const p = await payment(o.paymentId)
    assert.deepEqual(
      p.refunds.map((r: { status: string; attempts: number }) => [r.status, r.attempts]),
      [['pending', 1]],
    )
    assert.equal((await post(`/orders/${o.id}/cancel`)).json().code, 'refund-in-progress')
  })
})

test('two nodes sweeping one database: one provider call per pending refund', async (t) => {
  const database = sharedDatabase(t, 'refunds')
  // The second app to close drops the PostgreSQL schema (closes run in reverse order); both read the
  // orders' encrypted addresses.
  const encryptionKeys = [generateKey('shared')]
  const app1 = await testApp(t, { database: { ...database, dropSchemaOnClose: false }, encryptionKeys })
  const app2 = await testApp(t, { database, encryptionKeys })
  const shop = await seedShop(app1, [{ handle: 'teapot', price: 4000, stock: 40 }])
  const variantId = shop.products[0].variants[0].id
  const alice = await headersFor(app1, { email: 'alice@example.test' })
  const [provider1, provider2] = [app1.backroom.testProvider, app2.backroom.testProvider]
  assert.ok(provider1 && provider2)
  const sweep = (app: App, at: number) => app.backroom.payments.retryRefunds(at)

  async function crashedBatch(n: number) {
    const batch = []
    for (let i = 0; i < n; i++) batch.push(await crashedCancel(app1, shop, alice, variantId))
    return batch
  }

  async function checkDoneOnce(batch: { id: string; paymentId: string; total: number }[], keys: string[]) {
    assert.equal(keys.length, batch.length, 'one provider call per refund')
    assert.equal(new Set(keys).size, batch.length)
    for (const o of batch) {
      const p = (await app2.inject({ url: `/payments/${o.paymentId}`, headers: shop.staff })).json()
      assert.deepEqual(
        p.transactions
          .filter((tx: { kind: string }) => tx.kind === 'refund')
          .map((tx: { amount: number }) => tx.amount),
        [o.total],
      )
      assert.deepEqual([p.refunds[0].status, p.refunds[0].attempts], ['succeeded', 2])
      assert.ok(keys.includes(p.refunds[0].id))
      const cancelled = await app2.inject({ method: 'POST', url: `/orders/${o.id}/cancel`, headers: shop.staff })
      assert.deepEqual([cancelled.statusCode, cancelled.json().status], [200, 'cancelled'], cancelled.body)
    }
  }

  const calls1 = recordRefundCalls(provider1)
  const calls2 = recordRefundCalls(provider2)

  await t.test('a node sweeps while the other is at the provider with the first refund it leased', async () => {
    const batch = await crashedBatch(4)
    calls1.length = 0
    calls2.length = 0
    const at = Date.now() + 61_000
    // Both nodes have listed the same due refunds; node 2 runs its whole sweep while node 1 waits
    // for the provider (no transaction open), then node 1 goes on with the rest of its list.
    let second: { refunded: number; pending: number } | undefined
    const refund = provider1.refund
    provider1.refund = async (...args) => {
      provider1.refund = refund
      second = await sweep(app2, at)
      return refund(...args)
    }
    const first = await sweep(app1, at)
    assert.deepEqual([first.refunded + (second?.refunded ?? 0), first.pending, second?.pending], [4, 0, 0])
    assert.deepEqual([first.refunded, second?.refunded], [1, 3])
    assert.deepEqual(await sweep(app1, at + 3_600_000), { refunded: 0, pending: 0 })
    await checkDoneOnce(
      batch,
      [...calls1, ...calls2].map((c) => c.key),
    )
  })

  // A single SQLite connection per app in one process cannot wait on another's lock (the wait blocks
  // the thread both apps run on), so truly simultaneous sweeps are exercised on PostgreSQL.
  await t.test('simultaneous sweeps (PostgreSQL)', { skip: !usingPostgres }, async () => {
    const batch = await crashedBatch(6)
    calls1.length = 0
    calls2.length = 0
    const at = Date.now() + 61_000
    for (let round = 0; round < 3; round++) {
      const when = at + round * 3_600_000
      const results = await Promise.all([sweep(app1, when), sweep(app2, when), sweep(app1, when), sweep(app2, when)])
      assert.equal(
        results.reduce((sum, r) => sum + r.refunded, 0),
        round === 0 ? batch.length : 0,
      )
      assert.equal(
        results.reduce((sum, r) => sum + r.pending, 0),
        0,
      )
    }
    await checkDoneOnce(
      batch,
      [...calls1, ...calls2].map((c) => c.key),
    )
  })
})
