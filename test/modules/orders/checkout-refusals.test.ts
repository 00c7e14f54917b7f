import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../helpers.ts'
import { ADDRESS, cardToken, guestCart, seedShop } from './fixtures.ts'

/**
 * A refusal found by the reserve step's one write statement (a line short of stock: on PostgreSQL the
 * statement itself fails, platform/db/write-batch.ts `mustMatch`) answers the problem it always did and
 * writes nothing: not the other line's stock, not the cart's close, not the discount's use.
 */
test('a line short of stock at checkout: 409 with what is left, and nothing written', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [
    { handle: 'mug', price: 1250, stock: 10 },
    { handle: 'lamp', price: 4000, stock: 3 },
  ])
  const code = await app.inject({
    method: 'POST',
    url: '/checkout/discount-codes',
    headers: shop.admin,
    payload: { code: 'ONCE', kind: 'percentage', value: 1000, usageLimit: 1 },
  })
  assert.equal(code.statusCode, 201, code.body)
  const [mug, lamp] = shop.products.map((p) => p.variants[0].id)
  const db = app.backroom.database.db
  const stock = async (variantId: string) => (await app.backroom.catalog.getSellableVariant(db, variantId, 'EUR')).stock

  const { cartId, headers } = await guestCart(app, mug, 2)
  const added = await app.inject({
    method: 'POST',
    url: `/carts/${cartId}/items`,
    headers,
    payload: { variantId: lamp, quantity: 3 },
  })
  assert.equal(added.statusCode, 200, added.body)
  // Someone else takes two lamps after the cart was filled.
  assert.equal(await app.backroom.catalog.reserveStock(db, lamp, 2), true)

  const checkout = async (extra: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: '/checkout',
      headers,
      payload: {
        cartId,
        email: 'ada@example.test',
        shippingAddress: ADDRESS,
        shippingMethodId: shop.shippingMethodId,
        payment: { token: await cardToken(app) },
        ...extra,
      },
    })
  // Without a discount (PostgreSQL: the statement alone), then with one (a transaction begun at the
  // redemption, which the refusal rolls back too).
  for (const extra of [{}, { discountCode: 'ONCE' }]) {
    const res = await checkout(extra)
    assert.equal(res.statusCode, 409, res.body)
    assert.equal(res.json().code, 'insufficient-stock')
    assert.equal(res.json().variantId, lamp)
    assert.equal(res.json().available, 1)
    assert.deepEqual([await stock(mug), await stock(lamp)], [10, 1])
    const cart = await app.inject({ url: `/carts/${cartId}`, headers })
    assert.equal(cart.statusCode, 200, cart.body) // still open
    const codes = (await app.inject({ url: '/checkout/discount-codes', headers: shop.admin })).json().items
    assert.equal(codes.find((c: { code: string }) => c.code === 'ONCE').timesUsed, 0)
    const orders = await db.selectFrom('shop_order').select('id').where('cart_id', '=', cartId).execute()
    assert.equal(orders.length, 0)
  }

  // The same cart, with what is left: it goes through, and the discount's one use is taken.
  const fewer = await app.inject({
    method: 'PUT',
    url: `/carts/${cartId}/items/${lamp}`,
    headers,
    payload: { quantity: 1 },
  })
  assert.equal(fewer.statusCode, 200, fewer.body)
  const paid = await checkout({ discountCode: 'ONCE' })
  assert.equal(paid.statusCode, 201, paid.body)
  assert.deepEqual([await stock(mug), await stock(lamp)], [8, 0])
  const codes = (await app.inject({ url: '/checkout/discount-codes', headers: shop.admin })).json().items
  assert.equal(codes.find((c: { code: string }) => c.code === 'ONCE').timesUsed, 1)
})
