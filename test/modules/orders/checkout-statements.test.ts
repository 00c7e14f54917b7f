import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../helpers.ts'
import { countStatements } from '../../support/sql-count.ts'
import { ADDRESS, cardToken, guestCart, seedShop } from './fixtures.ts'

test('SQL statements per checkout', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [
    { handle: 'mug', price: 1250, stock: 50 },
    { handle: 'lamp', price: 4000, stock: 50 },
  ])
  const [mug, lamp] = shop.products.map((p) => p.variants[0].id)
  const { cartId, headers } = await guestCart(app, mug, 2)
  await app.inject({
    method: 'POST',
    url: `/carts/${cartId}/items`,
    headers,
    payload: { variantId: lamp, quantity: 1 },
  })
  const token = await cardToken(app)
  const { result, statements } = await countStatements(() =>
    app.inject({
      method: 'POST',
      url: '/checkout',
      headers,
      payload: {
        cartId,
        email: 'ada@example.test',
        shippingAddress: ADDRESS,
        shippingMethodId: shop.shippingMethodId,
        payment: { token },
      },
    }),
  )
  assert.equal(result.statusCode, 201, result.body)
  t.diagnostic(`${statements.length} statements for a two-line guest checkout`)
  if (process.env.SHOW_SQL) for (const s of statements) t.diagnostic(s.slice(0, 160))
})
