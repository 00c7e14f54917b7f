/**
 * Issue 12 item 2: one truth about money. Every capture, refund and void reaches the order in the
 * transaction that writes its ledger entry, whichever route moved it, so the order, the payment
 * ledger and the sales report agree; the order says where its money is (`paymentStatus`) and its
 * history shows every movement.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { daysSince, headersFor, testApp } from '../../helpers.ts'
import { capturedCheckout, customerCheckout, seedShop } from './fixtures.ts'

type Movement = { from: string | null; to: string; event: string; amount: number | null }

test('orders, payments and reports agree whichever route moves the money', { timeout: 300_000 }, async (t) => {
  const started = Date.now()
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'kettle', price: 2000, stock: 500 }])
  const variantId = shop.products[0].variants[0].id
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const post = (url: string, payload?: Record<string, unknown>) =>
    app.inject({ method: 'POST', url, headers: shop.staff, ...(payload ? { payload } : {}) })
  const order = async (id: string) => (await app.inject({ url: `/orders/${id}`, headers: shop.staff })).json()
  const payment = async (id: string) => (await app.inject({ url: `/payments/${id}`, headers: shop.staff })).json()
  const ledgerRefunded = (p: { transactions: { kind: string; amount: number }[] }) =>
    p.transactions.filter((tx) => tx.kind === 'refund').reduce((sum, tx) => sum + tx.amount, 0)
  const moves = (o: { history: Movement[] }) => o.history.map((h) => `${h.from}→${h.to} ${h.event} ${h.amount}`)

  await t.test('checkout authorizes, capture captures: paymentStatus and history say so', async () => {
    const placed = await customerCheckout(app, shop, alice, variantId)
    const before = await order(placed.id)
    assert.deepEqual([before.status, before.paymentStatus], ['paid', 'authorized'])
    const captured = await post(`/orders/${placed.id}/capture`)
    assert.equal(captured.statusCode, 200, captured.body)
    assert.deepEqual([captured.json().status, captured.json().paymentStatus], ['paid', 'captured'])
    assert.deepEqual(moves(captured.json()), [
      'null→pending place null',
      'pending→paid pay null',
      `paid→paid capture ${placed.total}`,
    ])
  })

  await t.test('a capture and a refund through the payments routes reach the order', async () => {
    const placed = await customerCheckout(app, shop, alice, variantId, 2)
    const captured = await post(`/payments/${placed.paymentId}/capture`, {})
    assert.equal(captured.statusCode, 200, captured.body)
    const refunded = await post(`/payments/${placed.paymentId}/refunds`, { amount: 700 })
    assert.equal(refunded.statusCode, 200, refunded.body)
    const after = await order(placed.id)
    assert.deepEqual(
      [after.status, after.amountRefunded, after.paymentStatus],
      ['partially_refunded', 700, 'partially_refunded'],
    )
    assert.deepEqual(moves(after).slice(2), [
      `paid→paid capture ${placed.total}`,
      'paid→partially_refunded partial-refund 700',
    ])
  })

  await t.test('a cancel before capture voids, and the void is in the history', async () => {
    const placed = await customerCheckout(app, shop, alice, variantId)
    const res = await post(`/orders/${placed.id}/cancel`)
    assert.equal(res.statusCode, 200, res.body)
    const after = await order(placed.id)
    assert.deepEqual([after.status, after.paymentStatus], ['cancelled', 'voided'])
    assert.deepEqual(moves(after).slice(2), ['paid→cancelled cancel null', `cancelled→cancelled void ${placed.total}`])
  })

  await t.test('concurrent refunds through both routes, many rounds: order == ledger == report', async () => {
    const rounds = 12
    for (let round = 0; round < rounds; round++) {
      const placed = await capturedCheckout(app, shop, alice, variantId)
      // Six refunds at once, alternating routes; their sum exceeds the capture in every other round,
      // so some are refused, and which ones depends on the interleaving.
      const amount = round % 2 === 0 ? Math.floor(placed.total / 4) : Math.floor(placed.total / 7)
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          i % 2 === 0
            ? post(`/orders/${placed.id}/refunds`, { amount })
            : post(`/payments/${placed.paymentId}/refunds`, { amount }),
        ),
      )
      for (const r of results) assert.ok([200, 409].includes(r.statusCode), r.body)
      const landed = results.filter((r) => r.statusCode === 200).length
      const o = await order(placed.id)
      const p = await payment(placed.paymentId)
      assert.equal(ledgerRefunded(p), landed * amount, `round ${round}: the ledger has every refund that answered 200`)
      assert.equal(o.amountRefunded, ledgerRefunded(p), `round ${round}: the order records the ledger`)
      assert.equal(p.amountRefunded, ledgerRefunded(p), `round ${round}: nothing left in flight`)
      assert.equal(o.status, o.amountRefunded >= o.total ? 'refunded' : 'partially_refunded')
      assert.equal(o.paymentStatus, p.status)
      const refundEntries = o.history.filter((h: Movement) => h.event === 'refund' || h.event === 'partial-refund')
      assert.equal(refundEntries.length, landed, `round ${round}: one history entry per refund`)
      assert.equal(
        refundEntries.reduce((sum: number, h: Movement) => sum + Number(h.amount), 0),
        o.amountRefunded,
      )
    }
    // The report counts what the orders record, which is what the ledgers hold.
    const orders = (await app.inject({ url: '/orders?limit=100', headers: shop.staff })).json().items as {
      id: string
      amountRefunded: number
      status: string
    }[]
    let ledgers = 0
    for (const o of orders) {
      const full = await order(o.id)
      if (full.paymentId) ledgers += ledgerRefunded(await payment(full.paymentId))
    }
    const report = await app.inject({ url: `/reports/sales?${daysSince(started)}`, headers: shop.staff })
    assert.equal(report.statusCode, 200, report.body)
    const [eur] = report.json().currencies
    const recorded = orders.reduce((sum, o) => sum + o.amountRefunded, 0)
    assert.equal(recorded, ledgers)
    assert.equal(eur.totals.refunded, ledgers)
  })
})
