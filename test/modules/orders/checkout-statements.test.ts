import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { App } from '../../../src/platform/http/types.ts'
import { eventually, testApp, usingPostgres } from '../../helpers.ts'
import { countStatements } from '../../support/sql-count.ts'
import { ADDRESS, cardToken, guestCart, seedShop } from './fixtures.ts'

/**
 * The statements a two-line guest checkout with an Idempotency-Key issues (issue 11), pinned so they
 * cannot silently grow back. PostgreSQL sends each step's writes as one statement
 * (platform/db/write-batch.ts), and there, where BEGIN and COMMIT are round trips too, they are pinned
 * apart: reserve and settle, each reads then its batch, send none (pg-lazy-begin.ts); a discount's
 * redemption is a direct write, so that reserve begins and commits. Not counted on SQLite: BEGIN and
 * COMMIT (in process). A node's usual checkout finds the shipping and tax rates and the webhook
 * subscribers in memory (platform/db/signal-cache.ts); its first one, with empty caches, reads both
 * (`COLD` more). The Idempotency-Key is claimed by reserve's writes (`idempotent: 'deferred'`) and
 * its reply stored by settle's: on PostgreSQL inside their batches (no statement of its own), on SQLite
 * in their transactions (statements, but no write transaction of their own). Fewer is welcome: lower
 * the pin.
 */
const PINNED = {
  sqlite: { plain: 19, discounted: 24 },
  postgres: { plain: 4, discounted: 9 },
}
const PINNED_CONTROL = { plain: [], discounted: ['begin', 'commit'] }
const COLD = 2

async function rateHits(app: App): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body
  return Number(/^checkout_rates_cache_hits_total (\d+)/m.exec(text)?.[1])
}

test('SQL statements per checkout', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [
    { handle: 'mug', price: 1250, stock: 50 },
    { handle: 'lamp', price: 4000, stock: 50 },
  ])
  const [mug, lamp] = shop.products.map((p) => p.variants[0].id)
  const pinned = PINNED[usingPostgres ? 'postgres' : 'sqlite']

  /** A two-line guest checkout; only the POST /checkout is counted. */
  const checkout = async (extra: Record<string, unknown> = {}) => {
    const { cartId, headers } = await guestCart(app, mug, 2)
    await app.inject({
      method: 'POST',
      url: `/carts/${cartId}/items`,
      headers,
      payload: { variantId: lamp, quantity: 1 },
    })
    const token = await cardToken(app)
    const { result, statements, transactionControl } = await countStatements(() =>
      app.inject({
        method: 'POST',
        url: '/checkout',
        headers: { ...headers, 'idempotency-key': `pin-${cartId}` },
        payload: {
          cartId,
          email: 'ada@example.test',
          shippingAddress: ADDRESS,
          shippingMethodId: shop.shippingMethodId,
          payment: { token },
          ...extra,
        },
      }),
    )
    assert.equal(result.statusCode, 201, result.body)
    t.diagnostic(`${statements.length} statements, ${transactionControl.join(' ') || 'no BEGIN/COMMIT'}`)
    if (process.env.SHOW_SQL) for (const s of statements) t.diagnostic(s.slice(0, 160))
    return { statements, control: transactionControl.map((c) => c.toLowerCase()) }
  }

  await t.test('the first checkout of a node reads the rates and the subscribers', async () => {
    const { statements, control } = await checkout()
    assert.equal(statements.length, pinned.plain + COLD, statements.join('\n'))
    if (usingPostgres) assert.deepEqual(control, PINNED_CONTROL.plain, statements.join('\n'))
  })

  await t.test('a checkout with warm caches', async () => {
    // The shipping method seedShop wrote is cached once its own change notification is back (PostgreSQL).
    const cart = await guestCart(app, mug)
    await eventually(async () => {
      const before = await rateHits(app)
      const quote = await app.inject({
        method: 'POST',
        url: '/checkout/quote',
        headers: cart.headers,
        payload: { cartId: cart.cartId, country: 'IE' },
      })
      assert.equal(quote.statusCode, 200, quote.body)
      return (await rateHits(app)) > before
    })
    const { statements, control } = await checkout()
    assert.equal(statements.length, pinned.plain, statements.join('\n'))
    if (usingPostgres) assert.deepEqual(control, PINNED_CONTROL.plain, statements.join('\n'))
  })

  await t.test('a discount code is read once (never cached: its uses count), and redeemed', async () => {
    const code = await app.inject({
      method: 'POST',
      url: '/checkout/discount-codes',
      headers: shop.admin,
      payload: { code: 'PINNED', kind: 'percentage', value: 1000 },
    })
    assert.equal(code.statusCode, 201, code.body)
    for (let i = 0; i < 2; i++) {
      const { statements, control } = await checkout({ discountCode: 'pinned' })
      const reads = statements.filter((s) => /^select .* from "discount_code"/.test(s))
      assert.equal(reads.length, 1, statements.join('\n'))
      assert.equal(statements.length, pinned.discounted, statements.join('\n'))
      if (usingPostgres) assert.deepEqual(control, PINNED_CONTROL.discounted, statements.join('\n'))
    }
  })
})
