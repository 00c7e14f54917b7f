import assert from 'node:assert/strict'
import { test } from 'node:test'
import { headersFor, TEST_PASSWORD, testApp } from '../../helpers.ts'
import { makeProduct, staffHeaders } from '../catalog/fixtures.ts'

test('carts', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const mug = await makeProduct(app, staff, { handle: 'mug', price: 1250, stock: 4 })
  const tee = await makeProduct(app, staff, {
    handle: 'tee',
    variants: [
      { sku: 'TEE-S', options: { size: 'S' }, prices: [{ currency: 'EUR', amount: 1999 }], stock: 10 },
      { sku: 'TEE-M', options: { size: 'M' }, prices: [{ currency: 'EUR', amount: 2199 }], stock: 0 },
    ],
  })
  const draft = await makeProduct(app, staff, { handle: 'secret', status: 'draft' })
  const mugId = mug.variants[0].id
  const [teeS, teeM] = [tee.variants[0].id, tee.variants[1].id]
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const bob = await headersFor(app, { email: 'bob@example.test' })

  const newGuestCart = async () => {
    const res = await app.inject({ method: 'POST', url: '/carts', payload: { currency: 'EUR' } })
    assert.equal(res.statusCode, 201, res.body)
    return res.json() as { cart: { id: string }; token: string }
  }
  const add = (cartId: string, headers: Record<string, string>, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/carts/${cartId}/items`, headers, payload })

  await t.test('a guest cart comes with a token; prices and totals come from the server', async () => {
    const { cart, token } = await newGuestCart()
    assert.match(token, /^[A-Za-z0-9_-]{43}$/)
    const guest = { 'x-cart-token': token }
    let res = await add(cart.id, guest, { variantId: mugId, quantity: 2 })
    assert.equal(res.statusCode, 200, res.body)
    res = await add(cart.id, guest, { variantId: teeS, quantity: 1 })
    const view = res.json()
    assert.equal(view.subtotal, 2 * 1250 + 1999)
    assert.equal(view.itemCount, 3)
    assert.deepEqual(
      view.lines.map((l: { sku: string; quantity: number; lineTotal: number }) => [l.sku, l.quantity, l.lineTotal]),
      [
        ['MUG-1', 2, 2500],
        ['TEE-S', 1, 1999],
      ],
    )
    // Adding again adds up; setting replaces; deleting removes.
    res = await add(cart.id, guest, { variantId: mugId, quantity: 1 })
    assert.equal(res.json().lines[0].quantity, 3)
    res = await app.inject({
      method: 'PUT',
      url: `/carts/${cart.id}/items/${mugId}`,
      headers: guest,
      payload: { quantity: 1 },
    })
    assert.equal(res.json().lines[0].quantity, 1)
    res = await app.inject({ method: 'DELETE', url: `/carts/${cart.id}/items/${teeS}`, headers: guest })
    assert.equal(res.json().lines.length, 1)
    const xml = await app.inject({ url: `/carts/${cart.id}`, headers: { ...guest, accept: 'application/xml' } })
    assert.match(xml.body, /<cart><id>cart_/)
  })

  await t.test('quantities are checked against stock and the per-line cap; nothing is written', async () => {
    const { cart, token } = await newGuestCart()
    const guest = { 'x-cart-token': token }
    let res = await add(cart.id, guest, { variantId: mugId, quantity: 5 })
    assert.equal(res.statusCode, 409)
    assert.equal(res.json().code, 'insufficient-stock')
    assert.equal(res.json().available, 4)
    res = await add(cart.id, guest, { variantId: teeM, quantity: 1 })
    assert.equal(res.json().code, 'insufficient-stock')
    res = await add(cart.id, guest, { variantId: draft.variants[0].id, quantity: 1 })
    assert.equal(res.statusCode, 404)
    assert.equal(res.json().code, 'variant-not-found')
    assert.equal((await app.inject({ url: `/carts/${cart.id}`, headers: guest })).json().lines.length, 0)
  })

  await t.test('bad input is a 400 problem and writes nothing', async () => {
    const { cart, token } = await newGuestCart()
    const guest = { 'x-cart-token': token }
    for (const payload of [
      { variantId: mugId, quantity: 0 },
      { variantId: mugId, quantity: 100 },
      { variantId: mugId, quantity: 1.5 },
      { variantId: 'not an id', quantity: 1 },
      { variantId: mugId },
      { variantId: mugId, quantity: 1, price: 1 },
    ]) {
      const res = await add(cart.id, guest, payload)
      assert.equal(res.statusCode, 400, JSON.stringify(payload))
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
    }
    const bad = await app.inject({ method: 'POST', url: '/carts', payload: { currency: 'euro' } })
    assert.equal(bad.statusCode, 400)
    assert.equal((await app.inject({ url: `/carts/${cart.id}`, headers: guest })).json().lines.length, 0)
  })

  await t.test('carts take only currencies the shop sells in: a published product is priced in it', async () => {
    // The draft product is priced in GBP too: a draft sells nothing.
    await makeProduct(app, staff, {
      handle: 'draft-gbp',
      status: 'draft',
      variants: [{ sku: 'GBP-1', options: {}, prices: [{ currency: 'GBP', amount: 900 }], stock: 1 }],
    })
    for (const currency of ['BTC', 'XXX', 'USD', 'GBP']) {
      for (const headers of [{}, alice]) {
        const res = await app.inject({ method: 'POST', url: '/carts', headers, payload: { currency } })
        assert.equal(res.statusCode, 422, `${currency}: ${res.body}`)
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
        assert.equal(res.json().type, '/problems/currency-not-sold')
        assert.deepEqual(res.json().currencies, ['EUR'])
      }
    }
    const registered = await app.inject({ url: '/problems/currency-not-sold' })
    assert.notEqual(registered.statusCode, 404)
    // Published with a USD price: now it sells in USD.
    await makeProduct(app, staff, {
      handle: 'usd-mug',
      variants: [{ sku: 'USD-1', options: {}, prices: [{ currency: 'USD', amount: 1500 }], stock: 1 }],
    })
    const usd = await app.inject({ method: 'POST', url: '/carts', payload: { currency: 'USD' } })
    assert.equal(usd.statusCode, 201, usd.body)
  })

  await t.test("without the token, or with another's, a guest cart does not exist", async () => {
    const { cart } = await newGuestCart()
    const other = await newGuestCart()
    for (const headers of [{}, { 'x-cart-token': other.token }, alice]) {
      const res = await app.inject({ url: `/carts/${cart.id}`, headers })
      assert.equal(res.statusCode, 404)
      assert.equal((await add(cart.id, headers, { variantId: mugId, quantity: 1 })).statusCode, 404)
    }
  })

  await t.test('a customer has one open cart per currency, invisible to others', async () => {
    const first = await app.inject({ method: 'POST', url: '/carts', headers: alice, payload: { currency: 'EUR' } })
    assert.equal(first.json().token, null)
    const again = await app.inject({ method: 'POST', url: '/carts', headers: alice, payload: { currency: 'EUR' } })
    assert.equal(again.json().cart.id, first.json().cart.id)
    const cartId = first.json().cart.id
    assert.equal((await add(cartId, alice, { variantId: teeS, quantity: 2 })).statusCode, 200)
    assert.equal((await app.inject({ url: `/carts/${cartId}`, headers: bob })).statusCode, 404)
    assert.equal((await add(cartId, bob, { variantId: teeS, quantity: 1 })).statusCode, 404)
    assert.equal((await app.inject({ url: `/carts/${cartId}` })).statusCode, 404)
  })

  await t.test('a guest cart merges into the customer cart at sign-in, once', async () => {
    const { cart, token } = await newGuestCart()
    const guest = { 'x-cart-token': token }
    await add(cart.id, guest, { variantId: mugId, quantity: 1 })
    await add(cart.id, guest, { variantId: teeS, quantity: 3 })
    const merge = () => app.inject({ method: 'POST', url: `/carts/${cart.id}/merge`, headers: { ...alice, ...guest } })
    const res = await merge()
    assert.equal(res.statusCode, 200, res.body)
    const lines = res.json().lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])
    assert.deepEqual(lines, [
      ['TEE-S', 5],
      ['MUG-1', 1],
    ])
    assert.equal((await merge()).statusCode, 409, 'a merged cart cannot merge again')
    assert.equal((await add(cart.id, guest, { variantId: mugId, quantity: 1 })).json().code, 'cart-closed')
    // Bob cannot merge a cart he does not hold the token of; anonymous callers cannot merge at all.
    const other = await newGuestCart()
    const stolen = await app.inject({ method: 'POST', url: `/carts/${other.cart.id}/merge`, headers: bob })
    assert.equal(stolen.statusCode, 404)
    const anonymous = await app.inject({
      method: 'POST',
      url: `/carts/${other.cart.id}/merge`,
      headers: { 'x-cart-token': other.token },
    })
    assert.equal(anonymous.statusCode, 401)
  })

  await t.test('a line whose product is unpublished stays visible but is not counted', async () => {
    const gone = await makeProduct(app, staff, { handle: 'gone', price: 500 })
    const { cart, token } = await newGuestCart()
    const guest = { 'x-cart-token': token }
    await add(cart.id, guest, { variantId: gone.variants[0].id, quantity: 1 })
    await add(cart.id, guest, { variantId: mugId, quantity: 1 })
    await app.inject({ method: 'POST', url: `/admin/products/${gone.id}/archive`, headers: staff })
    const view = (await app.inject({ url: `/carts/${cart.id}`, headers: guest })).json()
    assert.equal(view.subtotal, 1250)
    assert.deepEqual(
      view.lines.map((l: { available: boolean; unitPrice: number | null }) => [l.available, l.unitPrice]),
      [
        [false, null],
        [true, 1250],
      ],
    )
  })

  await t.test('lines list in the order they were added, even when added in the same millisecond', async () => {
    const pen = await makeProduct(app, staff, { handle: 'pen', price: 300 })
    const penSku = pen.variants[0].sku
    const carol = await headersFor(app, { email: 'carol@example.test' })
    // The clock stands still: every add, and the merge, happens in one millisecond. Variant ids are
    // random, so a tie broken by id would list these lines in any order.
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() })
    const { cart, token } = await newGuestCart()
    const guest = { 'x-cart-token': token }
    for (const variantId of [teeS, mugId, pen.variants[0].id]) {
      const res = await add(cart.id, guest, { variantId, quantity: 1 })
      assert.equal(res.statusCode, 200, res.body)
    }
    const skus = (view: { lines: { sku: string }[] }) => view.lines.map((l) => l.sku)
    const read = await app.inject({ url: `/carts/${cart.id}`, headers: guest })
    assert.deepEqual(skus(read.json()), ['TEE-S', 'MUG-1', penSku])
    // Merged into a customer cart that has a line already: that line first, then the guest's new ones in order.
    const own = await app.inject({ method: 'POST', url: '/carts', headers: carol, payload: { currency: 'EUR' } })
    assert.equal((await add(own.json().cart.id, carol, { variantId: pen.variants[0].id, quantity: 1 })).statusCode, 200)
    const merged = await app.inject({ method: 'POST', url: `/carts/${cart.id}/merge`, headers: { ...carol, ...guest } })
    assert.equal(merged.statusCode, 200, merged.body)
    assert.deepEqual(skus(merged.json()), [penSku, 'TEE-S', 'MUG-1'])
  })
})

test('signing in with a guest cart merges it into the account cart', async (t) => {
  const app = await testApp(t)
  const staff = await headersFor(app, { email: 'cart-staff@example.test', role: 'staff' })
  const lamp = await makeProduct(app, staff, { handle: 'lamp', price: 4000, stock: 5 })
  await app.backroom.users.createUser({ email: 'gina@example.test', password: TEST_PASSWORD, role: 'customer' })
  const guest = (await app.inject({ method: 'POST', url: '/carts', payload: { currency: 'EUR' } })).json()
  await app.inject({
    method: 'POST',
    url: `/carts/${guest.cart.id}/items`,
    headers: { 'x-cart-token': guest.token },
    payload: { variantId: lamp.variants[0].id, quantity: 2 },
  })
  const signIn = (guestCart: { id: string; token: string }) =>
    app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { email: 'gina@example.test', password: TEST_PASSWORD, guestCart },
    })
  const res = await signIn({ id: guest.cart.id, token: guest.token })
  assert.equal(res.statusCode, 200, res.body)
  const { token, cartId } = res.json()
  assert.ok(cartId && cartId !== guest.cart.id)
  const cart = (await app.inject({ url: `/carts/${cartId}`, headers: { authorization: `Bearer ${token}` } })).json()
  assert.deepEqual(
    cart.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]),
    [['LAMP-1', 2]],
  )
  // A stale or foreign guest cart never stops a sign-in; it just is not merged.
  const again = await signIn({ id: guest.cart.id, token: guest.token })
  assert.equal(again.statusCode, 200)
  assert.equal(again.json().cartId, undefined)
  const forged = await signIn({ id: guest.cart.id, token: 'not-the-token' })
  assert.equal(forged.statusCode, 200)
  assert.equal(forged.json().cartId, undefined)
})
