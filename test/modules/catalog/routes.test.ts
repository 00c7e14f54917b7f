import assert from 'node:assert/strict'
import { test } from 'node:test'
import { headersFor, testApp } from '../../helpers.ts'
import { makeCategory, makeProduct, productBody, staffHeaders } from './fixtures.ts'

test('staff product API', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const post = (payload: object) => app.inject({ method: 'POST', url: '/admin/products', headers: staff, payload })

  await t.test('creates a draft by default, with ids, prices in minor units and stock', async () => {
    const res = await post({
      handle: 'oak-table',
      title: 'Oak Table',
      images: [{ url: 'https://img.example/oak.jpg', alt: 'An oak table' }],
      attributes: { material: 'oak', seats: 6 },
      variants: [
        {
          sku: 'OAK-1',
          options: { size: 'large' },
          prices: [{ currency: 'EUR', amount: 49900, compareAt: 59900 }],
          stock: 2,
          weightGrams: 30000,
        },
      ],
    })
    assert.equal(res.statusCode, 201, res.body)
    const body = res.json()
    assert.match(body.id, /^prod_/)
    assert.match(body.variants[0].id, /^var_/)
    assert.equal(body.status, 'draft')
    assert.deepEqual(body.variants[0].prices, [{ currency: 'EUR', amount: 49900, compareAt: 59900 }])
    assert.equal(body.variants[0].stock, 2)
    assert.equal((await app.inject({ url: '/store/products/oak-table' })).statusCode, 404) // a draft is not for sale
  })

  await t.test('duplicate handle or SKU is a 409 problem and writes nothing', async () => {
    const dupHandle = await post(productBody({ handle: 'oak-table', variants: [{ sku: 'OTHER-1' }] }))
    assert.equal(dupHandle.statusCode, 409)
    assert.equal(dupHandle.json().code, 'duplicate-handle')
    assert.match(String(dupHandle.headers['content-type']), /^application\/problem\+json/)
    const dupSku = await post(productBody({ handle: 'pine-table', variants: [{ sku: 'OAK-1' }] }))
    assert.equal(dupSku.statusCode, 409)
    assert.equal(dupSku.json().code, 'duplicate-sku')
    const twice = await post(productBody({ handle: 'pine-table', variants: [{ sku: 'P-1' }, { sku: 'P-1' }] }))
    assert.equal(twice.statusCode, 409)
    const list = (await app.inject({ url: '/admin/products', headers: staff })).json()
    assert.deepEqual(
      list.items.map((p: { handle: string }) => p.handle),
      ['oak-table'],
    )
  })

  await t.test('schema failures are 400 with pointers', async () => {
    const res = await post({ handle: 'Bad Handle', title: '', variants: [] })
    assert.equal(res.statusCode, 400)
    const pointers = res.json().errors.map((e: { pointer: string }) => e.pointer)
    assert.ok(pointers.includes('/handle'))
    assert.ok(pointers.includes('/variants'))
    const money = await post(
      productBody({ handle: 'float', variants: [{ sku: 'F-1', prices: [{ currency: 'EUR', amount: 9.99 }] }] }),
    )
    assert.equal(money.statusCode, 400)
  })

  await t.test('an unknown category is 422', async () => {
    const res = await post(productBody({ handle: 'lost', categoryIds: ['cat_nope'] }))
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().code, 'unknown-category')
  })

  await t.test('update keeps variant ids by SKU, publish, archive, delete', async () => {
    const created = await makeProduct(app, staff, {
      handle: 'wool-scarf',
      status: 'draft',
      variants: [
        { sku: 'WS-RED', options: { colour: 'red' } },
        { sku: 'WS-BLUE', options: { colour: 'blue' } },
      ],
    })
    const red = created.variants.find((v) => v.sku === 'WS-RED')!
    const patch = await app.inject({
      method: 'PATCH',
      url: `/admin/products/${created.id}`,
      headers: staff,
      payload: {
        title: 'Wool Scarf',
        variants: [
          { sku: 'WS-RED', options: { colour: 'red' }, prices: [{ currency: 'EUR', amount: 2500 }], stock: 9 },
          { sku: 'WS-GREEN', options: { colour: 'green' }, prices: [{ currency: 'EUR', amount: 2600 }] },
        ],
      },
    })
    assert.equal(patch.statusCode, 200, patch.body)
    const updated = patch.json()
    assert.equal(updated.title, 'Wool Scarf')
    assert.equal(updated.variants.find((v: { sku: string }) => v.sku === 'WS-RED').id, red.id)
    assert.deepEqual(
      updated.variants.map((v: { sku: string }) => v.sku),
      ['WS-RED', 'WS-GREEN'],
    )

    const published = await app.inject({ method: 'POST', url: `/admin/products/${created.id}/publish`, headers: staff })
    assert.equal(published.json().status, 'published')
    assert.ok(published.json().publishedAt)
    const doc = await app.inject({ url: '/store/products/wool-scarf' })
    assert.equal(doc.statusCode, 200)
    assert.equal(doc.json().variants[0].title, 'Wool Scarf / red')

    const archived = await app.inject({ method: 'POST', url: `/admin/products/${created.id}/archive`, headers: staff })
    assert.equal(archived.json().status, 'archived')
    assert.equal((await app.inject({ url: '/store/products/wool-scarf' })).statusCode, 404)

    const renamed = await app.inject({
      method: 'PATCH',
      url: `/admin/products/${created.id}`,
      headers: staff,
      payload: { handle: 'oak-table' },
    })
    assert.equal(renamed.statusCode, 409)

    const deleted = await app.inject({ method: 'DELETE', url: `/admin/products/${created.id}`, headers: staff })
    assert.equal(deleted.statusCode, 204)
    assert.equal((await app.inject({ url: `/admin/products/${created.id}`, headers: staff })).statusCode, 404)
    assert.equal(
      (await app.inject({ method: 'DELETE', url: `/admin/products/${created.id}`, headers: staff })).statusCode,
      404,
    )
  })

  await t.test('the staff list searches title, handle and SKU, case-insensitively and literally', async () => {
    for (const [handle, title, sku] of [
      ['linen-shirt', 'Linen Shirt', 'LS-1'],
      ['wool-coat', 'Wool Coat 100%', 'WC_7'],
      ['linen-towel', 'Bath towel', 'BT-1'],
    ]) {
      const res = await post(productBody({ handle, title, variants: [{ sku }] }))
      assert.equal(res.statusCode, 201, res.body)
    }
    const handles = async (query: string) =>
      (await app.inject({ url: `/admin/products?${query}`, headers: staff }))
        .json()
        .items.map((p: { handle: string }) => p.handle)
    assert.deepEqual(await handles('q=LINEN'), ['linen-towel', 'linen-shirt'])
    assert.deepEqual(await handles('q=wc_7'), ['wool-coat']) // a SKU
    assert.deepEqual(await handles('q=100%25'), ['wool-coat'])
    assert.deepEqual(await handles('q=%25'), ['wool-coat']) // % is a character, not a wildcard
    assert.deepEqual(await handles('q=s_1'), []) // so is _
    assert.deepEqual(await handles('q=linen&status=draft'), [])
    const first = (await app.inject({ url: '/admin/products?q=linen&limit=1', headers: staff })).json()
    assert.deepEqual(
      first.items.map((p: { handle: string }) => p.handle),
      ['linen-towel'],
    )
    const next = (
      await app.inject({ url: `/admin/products?q=linen&limit=1&cursor=${first.nextCursor}`, headers: staff })
    ).json()
    assert.deepEqual(
      next.items.map((p: { handle: string }) => p.handle),
      ['linen-shirt'],
    )
    assert.equal((await app.inject({ url: `/admin/products?q=${'x'.repeat(201)}`, headers: staff })).statusCode, 400)
  })

  await t.test('staff routes need catalog:write', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/admin/products', payload: {} })).statusCode, 401)
    const customer = await headersFor(app, { email: 'shopper@example.test', role: 'customer' })
    assert.equal(
      (await app.inject({ method: 'POST', url: '/admin/products', headers: customer, payload: {} })).statusCode,
      403,
    )
  })
})

test('categories form a tree', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const clothing = await makeCategory(app, staff, 'clothing')
  const shirts = await makeCategory(app, staff, 'shirts', clothing.id)
  const home = await makeCategory(app, staff, 'home')
  await makeProduct(app, staff, { handle: 'tee', categoryIds: [shirts.id] })

  await t.test('lists depth first with depth', async () => {
    const items = (await app.inject({ url: '/store/categories' })).json().items
    const shirtsView = items.find((c: { handle: string }) => c.handle === 'shirts')
    assert.equal(shirtsView.depth, 1)
    assert.equal(shirtsView.parentId, clothing.id)
  })

  await t.test('a product is listed under its category and its ancestors', async () => {
    for (const category of ['clothing', 'shirts', clothing.id]) {
      const items = (await app.inject({ url: `/store/products?category=${category}` })).json().items
      assert.deepEqual(
        items.map((p: { handle: string }) => p.handle),
        ['tee'],
        category,
      )
    }
    assert.equal((await app.inject({ url: '/store/products?category=home' })).json().items.length, 0)
    assert.equal((await app.inject({ url: '/store/products?category=nowhere' })).json().items.length, 0)
    for (const sort of ['price', '-price']) {
      const items = (await app.inject({ url: `/store/products?category=clothing&sort=${sort}` })).json().items
      assert.deepEqual(
        items.map((p: { handle: string }) => p.handle),
        ['tee'],
        sort,
      )
    }
  })

  await t.test('moving a subtree moves its products; renaming re-renders documents', async () => {
    const moved = await app.inject({
      method: 'PATCH',
      url: `/admin/categories/${shirts.id}`,
      headers: staff,
      payload: { parentId: home.id, name: 'Tops' },
    })
    assert.equal(moved.statusCode, 200, moved.body)
    assert.equal((await app.inject({ url: '/store/products?category=home' })).json().items.length, 1)
    assert.equal((await app.inject({ url: '/store/search?q=tee&category=home' })).json().total, 1)
    assert.equal((await app.inject({ url: '/store/search?q=tee&category=clothing' })).json().total, 0)
    assert.equal((await app.inject({ url: '/store/products?category=clothing' })).json().items.length, 0)
    assert.equal((await app.inject({ url: '/store/products?category=clothing&sort=price' })).json().items.length, 0)
    assert.equal((await app.inject({ url: '/store/products?category=home&sort=price' })).json().items.length, 1)
    assert.equal((await app.inject({ url: '/store/products/tee' })).json().categories[0].name, 'Tops')
    const cycle = await app.inject({
      method: 'PATCH',
      url: `/admin/categories/${home.id}`,
      headers: staff,
      payload: { parentId: shirts.id },
    })
    assert.equal(cycle.statusCode, 422)
  })

  await t.test('a category in use cannot be deleted; an empty one can', async () => {
    const res = await app.inject({ method: 'DELETE', url: `/admin/categories/${home.id}`, headers: staff })
    assert.equal(res.statusCode, 409)
    assert.equal(res.json().code, 'category-not-empty')
    assert.equal(
      (await app.inject({ method: 'DELETE', url: `/admin/categories/${clothing.id}`, headers: staff })).statusCode,
      204,
    )
    const dup = await app.inject({
      method: 'POST',
      url: '/admin/categories',
      headers: staff,
      payload: { handle: 'home', name: 'Home' },
    })
    assert.equal(dup.statusCode, 409)
  })
})

test('storefront lists: filters, sorts, cursors, ETags', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const made: string[] = []
  for (let i = 1; i <= 7; i++) {
    await makeProduct(app, staff, {
      handle: `item-${i}`,
      title: `Item ${String.fromCharCode(72 - i)}`, // G, F, E, ... so name order is reversed
      price: i * 1000,
      stock: i % 2,
      tags: i % 3 === 0 ? ['sale'] : [],
      variants: [
        {
          sku: `I-${i}`,
          options: { size: i < 4 ? 'S' : 'L' },
          prices: [
            { currency: 'EUR', amount: i * 1000 },
            { currency: 'USD', amount: i * 1100 },
          ],
          stock: i % 2,
        },
      ],
    })
    made.push(`item-${i}`)
  }
  await makeProduct(app, staff, { handle: 'hidden', status: 'draft' })
  const handles = async (url: string) =>
    (await app.inject({ url })).json().items.map((p: { handle: string }) => p.handle)

  await t.test('published only, newest first by default', async () => {
    assert.deepEqual(await handles('/store/products'), [...made].reverse())
  })
  await t.test('sort by price, -price and name', async () => {
    assert.deepEqual(await handles('/store/products?sort=price'), made)
    assert.deepEqual(await handles('/store/products?sort=-price'), [...made].reverse())
    assert.deepEqual(await handles('/store/products?sort=name'), [...made].reverse())
  })
  await t.test('filters: price range per currency, in stock, tags, options', async () => {
    assert.deepEqual(await handles('/store/products?sort=price&minPrice=2000&maxPrice=4000'), [
      'item-2',
      'item-3',
      'item-4',
    ])
    assert.deepEqual(await handles('/store/products?sort=price&currency=USD&maxPrice=2200'), ['item-1', 'item-2'])
    assert.deepEqual(await handles('/store/products?sort=price&inStock=true'), ['item-1', 'item-3', 'item-5', 'item-7'])
    assert.deepEqual(await handles('/store/products?sort=price&tag=sale'), ['item-3', 'item-6'])
    assert.deepEqual(await handles('/store/products?sort=price&option=size:S'), ['item-1', 'item-2', 'item-3'])
    assert.deepEqual(await handles('/store/products?sort=price&option=size:S&option=size:L&inStock=true&tag=sale'), [
      'item-3',
    ])
    const card = (await app.inject({ url: '/store/products?sort=price&limit=1&currency=USD' })).json().items[0]
    assert.deepEqual(card.price, { currency: 'USD', amount: 1100 })
    assert.equal(card.inStock, true)
  })
  await t.test('cursor pagination walks every sort without gaps or repeats', async () => {
    for (const sort of ['newest', 'name', 'price', '-price']) {
      const seen: string[] = []
      let url = `/store/products?sort=${sort}&limit=3`
      for (let guard = 0; guard < 10; guard++) {
        const page = (await app.inject({ url })).json()
        seen.push(...page.items.map((p: { handle: string }) => p.handle))
        if (!page.nextCursor) break
        url = `/store/products?sort=${sort}&limit=3&cursor=${page.nextCursor}`
      }
      assert.deepEqual([...seen].sort(), [...made].sort(), sort)
    }
    const bad = await app.inject({ url: '/store/products?sort=name&cursor=garbage' })
    assert.equal(bad.statusCode, 400)
    assert.equal(bad.json().code, 'invalid-cursor')
  })
  await t.test('GET answers If-None-Match with 304; a change gives a new ETag', async () => {
    for (const url of [
      '/store/products/item-1',
      '/store/products?sort=price',
      '/store/search?q=item',
      '/store/categories',
    ]) {
      const first = await app.inject({ url })
      const etag = first.headers.etag as string
      assert.ok(etag, url)
      const again = await app.inject({ url, headers: { 'if-none-match': etag } })
      assert.equal(again.statusCode, 304, url)
      assert.equal(again.body, '')
    }
    const xml = await app.inject({ url: '/store/products/item-1', headers: { accept: 'application/xml' } })
    assert.match(xml.body, /<product><id>/)
    assert.notEqual(xml.headers.etag, (await app.inject({ url: '/store/products/item-1' })).headers.etag)
    const before = (await app.inject({ url: '/store/products/item-1' })).headers.etag
    const id = (await app.inject({ url: '/store/products/item-1' })).json().id
    await app.inject({ method: 'PATCH', url: `/admin/products/${id}`, headers: staff, payload: { title: 'Renamed' } })
    const after = await app.inject({ url: '/store/products/item-1', headers: { 'if-none-match': before as string } })
    assert.equal(after.statusCode, 200)
    assert.equal(after.json().title, 'Renamed')
  })
  await t.test('live availability', async () => {
    const res = (await app.inject({ url: '/store/products/item-2/availability' })).json()
    assert.deepEqual(
      res.variants.map((v: { sku: string; inStock: boolean }) => [v.sku, v.inStock]),
      [['I-2', false]],
    )
  })
})

test('contract for checkout: getSellableVariant, reserveStock, releaseStock', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const { catalog, database } = app.backroom
  const product = await makeProduct(app, staff, {
    handle: 'mug',
    title: 'Mug',
    variants: [{ sku: 'MUG-W', options: { colour: 'white' }, prices: [{ currency: 'EUR', amount: 1200 }], stock: 3 }],
  })
  const variantId = product.variants[0].id
  await t.test('a sellable variant has its price in the currency', async () => {
    const v = await catalog.getSellableVariant(database.db, variantId, 'EUR')
    assert.deepEqual(v, {
      id: variantId,
      productId: product.id,
      sku: 'MUG-W',
      title: 'Mug / white',
      price: 1200,
      currency: 'EUR',
      weightGrams: 0,
      stock: 3,
    })
    await assert.rejects(catalog.getSellableVariant(database.db, variantId, 'USD'), { code: 'variant-not-found' })
    await assert.rejects(catalog.getSellableVariant(database.db, 'var_missing', 'EUR'), { code: 'variant-not-found' })
  })
  await t.test('stock moves in one conditional statement, inside a transaction', async () => {
    assert.equal(await catalog.reserveStock(database.db, variantId, 2), true)
    assert.equal(await catalog.reserveStock(database.db, variantId, 2), false)
    await database.db.transaction().execute(async (trx) => {
      assert.equal(await catalog.reserveStock(trx, variantId, 1), true)
      await catalog.releaseStock(trx, variantId, 1)
    })
    await catalog.releaseStock(database.db, variantId, 2)
    assert.equal((await catalog.getSellableVariant(database.db, variantId, 'EUR')).stock, 3)
    const racers = await Promise.all(Array.from({ length: 5 }, () => catalog.reserveStock(database.db, variantId, 1)))
    assert.equal(racers.filter(Boolean).length, 3)
  })
  await t.test('an unpublished product is not sellable', async () => {
    await app.inject({ method: 'POST', url: `/admin/products/${product.id}/archive`, headers: staff })
    await assert.rejects(catalog.getSellableVariant(database.db, variantId, 'EUR'), { code: 'variant-not-found' })
  })
})
