import assert from 'node:assert/strict'
import { test } from 'node:test'
import { eventually, headersFor, testApp, usingPostgres } from '../../helpers.ts'
import { countStatements } from '../../support/sql-count.ts'
import { makeProduct, staffHeaders } from '../catalog/fixtures.ts'

/**
 * POST /carts and POST /carts/:id/items answer without reading back what they wrote (issue 11): the
 * answer must be the cart a GET then shows, adds racing each other must all count, and the statements
 * they cost are pinned (they run once or more per order: fewer is welcome, lower the pin).
 */
const PINNED = {
  // The currency check comes from memory between catalog writes (catalog/service.ts `saleCurrencyCache`, a platform/db/signal-cache.ts): the insert.
  create: { sqlite: 1, postgres: 1 },
  // The cart with its lines and their variants priced, the added one included (carts/store.ts
  // `cartForAddItem`, the catalog's `joinSellable`), then the conditional write (PostgreSQL: line and
  // cart touch in one statement; SQLite: two). No BEGIN or COMMIT: it runs outside a transaction.
  add: { sqlite: 3, postgres: 2 },
}
const dialect = usingPostgres ? 'postgres' : 'sqlite'

test('cart writes answer what a read then shows, in pinned statements', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const mug = await makeProduct(app, staff, { handle: 'mug', price: 1250, stock: 40 })
  const lamp = await makeProduct(app, staff, { handle: 'lamp', price: 4000, stock: 3 })
  const gone = await makeProduct(app, staff, { handle: 'gone', price: 500, stock: 9 })
  const [mugId, lampId, goneId] = [mug.variants[0].id, lamp.variants[0].id, gone.variants[0].id]
  // The currency answer is held once the catalog's version is known again after the products were
  // written (PostgreSQL: once their own change notification is back), so new carts then cost the insert.
  await eventually(async () => {
    const { statements } = await countStatements(() =>
      app.inject({ method: 'POST', url: '/carts', payload: { currency: 'EUR' } }),
    )
    return statements.length === PINNED.create[dialect]
  })
  const newCart = async () => {
    const { result, statements } = await countStatements(() =>
      app.inject({ method: 'POST', url: '/carts', payload: { currency: 'EUR' } }),
    )
    assert.equal(result.statusCode, 201, result.body)
    const { cart, token } = result.json()
    return { cart, statements, headers: { 'x-cart-token': token as string } }
  }
  const add = (cartId: string, headers: Record<string, string>, variantId: string, quantity: number) =>
    countStatements(() =>
      app.inject({ method: 'POST', url: `/carts/${cartId}/items`, headers, payload: { variantId, quantity } }),
    )
  const read = async (cartId: string, headers: Record<string, string>) =>
    (await app.inject({ url: `/carts/${cartId}`, headers })).json()

  await t.test('a new cart is the empty cart a GET shows, in one statement', async () => {
    const { cart, statements, headers } = await newCart()
    assert.deepEqual(cart, await read(cart.id, headers))
    assert.deepEqual([cart.lines, cart.itemCount, cart.subtotal, cart.status, cart.currency], [[], 0, 0, 'open', 'EUR'])
    assert.equal(statements.length, PINNED.create[dialect], statements.join('\n'))
  })

  await t.test('each add answers the cart a GET then shows (but its updatedAt, the one before the add)', async () => {
    const { cart, headers } = await newCart()
    let before = await read(cart.id, headers)
    // A new line, a second, the first again (adds up), a line whose product is then archived, a line
    // short of stock after the archive: lines in the order they were first added, prices from the server.
    const steps: [string, number][] = [
      [mugId, 2],
      [goneId, 1],
      [lampId, 1],
      [mugId, 3],
    ]
    for (const [i, [variantId, quantity]] of steps.entries()) {
      if (i === 3) await app.inject({ method: 'POST', url: `/admin/products/${gone.id}/archive`, headers: staff })
      const { result, statements } = await add(cart.id, headers, variantId, quantity)
      assert.equal(result.statusCode, 200, result.body)
      const after = await read(cart.id, headers)
      assert.deepEqual({ ...(result.json() as object), updatedAt: after.updatedAt }, after)
      assert.equal(result.json().updatedAt, before.updatedAt)
      assert.ok(after.updatedAt >= before.updatedAt)
      if (i === 0) assert.equal(statements.length, PINNED.add[dialect], statements.join('\n'))
      before = after
    }
    assert.deepEqual(
      before.lines.map((l: { variantId: string; quantity: number; available: boolean }) => [
        l.variantId,
        l.quantity,
        l.available,
      ]),
      [
        [mugId, 5, true],
        [goneId, 1, false],
        [lampId, 1, true],
      ],
    )
    assert.equal(before.subtotal, 5 * 1250 + 4000)
  })

  await t.test('adds racing on one line all count, and the caps still hold', async () => {
    const { cart, headers } = await newCart()
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        app.inject({
          method: 'POST',
          url: `/carts/${cart.id}/items`,
          headers,
          payload: { variantId: mugId, quantity: 3 },
        }),
      ),
    )
    assert.deepEqual(
      results.map((r) => r.statusCode),
      Array(8).fill(200),
    )
    assert.equal((await read(cart.id, headers)).lines[0].quantity, 24)
    // Over the stock (40), then over the per-line cap (99): refused, nothing written.
    const short = await add(cart.id, headers, mugId, 17)
    assert.equal(short.result.json().code, 'insufficient-stock')
    assert.equal(short.result.json().available, 40)
    const lamps = await add(cart.id, headers, lampId, 4)
    assert.equal(lamps.result.json().code, 'insufficient-stock')
    assert.equal((await read(cart.id, headers)).lines.length, 1)
  })

  await t.test('a closed cart, a cart of another, a variant not for sale: the same problems as before', async () => {
    const { cart, headers } = await newCart()
    const alice = await headersFor(app, { email: 'alice-add@example.test' })
    assert.equal((await add(cart.id, alice, mugId, 1)).result.statusCode, 404)
    assert.equal((await add(cart.id, {}, mugId, 1)).result.statusCode, 404)
    const missing = await add(cart.id, headers, goneId, 1) // archived above
    assert.equal(missing.result.statusCode, 404)
    assert.equal(missing.result.json().code, 'variant-not-found')
    // Merged into alice's cart: closed.
    const merged = await app.inject({
      method: 'POST',
      url: `/carts/${cart.id}/merge`,
      headers: { ...alice, 'x-cart-token': headers['x-cart-token'] },
    })
    assert.equal(merged.statusCode, 200, merged.body)
    const closed = await add(cart.id, headers, mugId, 1)
    assert.equal(closed.result.statusCode, 409)
    assert.equal(closed.result.json().code, 'cart-closed')
  })

  await t.test('a currency stops selling once its last product is archived (the held answer is dropped)', async () => {
    const usd = await makeProduct(app, staff, {
      handle: 'usd-only',
      variants: [{ sku: 'USD-ONLY', options: {}, prices: [{ currency: 'USD', amount: 700 }], stock: 1 }],
    })
    const create = () => app.inject({ method: 'POST', url: '/carts', payload: { currency: 'USD' } })
    assert.equal((await create()).statusCode, 201)
    assert.equal((await create()).statusCode, 201)
    await app.inject({ method: 'POST', url: `/admin/products/${usd.id}/archive`, headers: staff })
    const refused = await create()
    assert.equal(refused.statusCode, 422, refused.body)
    assert.equal(refused.json().type, '/problems/currency-not-sold')
  })
})
