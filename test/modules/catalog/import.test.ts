import assert from 'node:assert/strict'
import { test } from 'node:test'
import { headersFor, testApp } from '../../helpers.ts'
import { makeCategory, staffHeaders } from './fixtures.ts'

const CSV = `handle,title,description,status,tags,categories,images,attributes,sku,options,stock,weight_grams,price_EUR,compare_at_EUR,price_USD
linen-shirt,Linen Shirt,"Breezy, light",published,summer;eco,shirts,https://img.example/l.jpg|Linen shirt,"{""material"":""linen""}",LS-S,size=S;colour=white,4,200,4900,5900,5300
linen-shirt,,,,,,,,LS-M,size=M;colour=white,0,210,4900,,5300
wool-hat,Wool Hat,Warm,draft,,clothing,,,WH-1,,10,90,1900,,
`

test('catalog import and export', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const clothing = await makeCategory(app, staff, 'clothing')
  await makeCategory(app, staff, 'shirts', clothing.id)
  const upload = (body: string, type: string, query = '') =>
    app.inject({
      method: 'POST',
      url: `/admin/catalog/import${query}`,
      headers: { ...staff, 'content-type': type },
      payload: body,
    })
  const count = async () => (await app.inject({ url: '/admin/products?limit=100', headers: staff })).json().items.length

  await t.test('a dry run validates and writes nothing', async () => {
    const res = await upload(CSV, 'text/csv', '?dryRun=true')
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json().products, { created: 2, updated: 0 })
    assert.equal(await count(), 0)
  })

  let firstVariantIds: string[] = []
  await t.test('CSV: one row per variant, product fields on the first row', async () => {
    const res = await upload(CSV, 'text/csv')
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), {
      ok: true,
      dryRun: false,
      products: { created: 2, updated: 0 },
      variants: 3,
      errors: [],
    })
    const doc = (await app.inject({ url: '/store/products/linen-shirt' })).json()
    assert.equal(doc.description, 'Breezy, light')
    assert.deepEqual(doc.tags, ['summer', 'eco'])
    assert.deepEqual(doc.attributes, { material: 'linen' })
    assert.deepEqual(doc.images, [{ url: 'https://img.example/l.jpg', alt: 'Linen shirt' }])
    assert.deepEqual(doc.variants[0].options, { size: 'S', colour: 'white' })
    assert.deepEqual(doc.variants[0].prices, [
      { currency: 'EUR', amount: 4900, compareAt: 5900 },
      { currency: 'USD', amount: 5300, compareAt: null },
    ])
    firstVariantIds = doc.variants.map((v: { id: string }) => v.id)
    assert.equal((await app.inject({ url: '/store/products?category=clothing' })).json().items.length, 1) // the hat is a draft
  })

  await t.test('re-import updates by handle and SKU instead of duplicating', async () => {
    const changed = CSV.replace('4900,5900,5300', '4500,5900,5000')
    const res = await upload(changed, 'text/csv')
    assert.deepEqual(res.json().products, { created: 0, updated: 2 })
    assert.equal(await count(), 2)
    const doc = (await app.inject({ url: '/store/products/linen-shirt' })).json()
    assert.equal(doc.variants[0].prices[0].amount, 4500)
    assert.deepEqual(
      doc.variants.map((v: { id: string }) => v.id),
      firstVariantIds,
    )
  })

  await t.test('every bad row is reported with its line; nothing is half-written', async () => {
    const bad = `handle,title,sku,options,price_EUR,categories,stock
new-one,New One,NEW-1,,1000,,1
new-one,,NEW-2,,12.50,,1
Bad Handle,Bad,BAD-1,,100,,1
other,Other,LS-S,,100,,1
ghost,Ghost,GH-1,,100,nowhere,1
dupe,Dupe,NEW-1,size,100,,-3
`
    const res = await upload(bad, 'text/csv')
    assert.equal(res.statusCode, 422, res.body)
    assert.equal(res.json().code, 'import-failed')
    const rows = res.json().rows as { line: number; field: string; message: string }[]
    const at = (line: number) => rows.filter((r) => r.line === line).map((r) => r.field)
    assert.deepEqual(at(2), [])
    assert.ok(at(3).includes('price_EUR'), JSON.stringify(rows))
    assert.ok(at(4).includes('handle'))
    assert.ok(at(5).includes('sku')) // LS-S belongs to linen-shirt
    assert.ok(at(6).includes('categories'))
    assert.ok(
      at(7).includes('sku') && at(7).includes('options') && at(7).includes('variants.stock'),
      JSON.stringify(at(7)),
    )
    assert.equal(await count(), 2)
    assert.equal((await app.inject({ url: '/store/products/new-one' })).statusCode, 404)
  })

  await t.test('JSON: an array of products, errors by line', async () => {
    const json = `[
  {"handle": "json-mug", "title": "JSON Mug", "status": "published", "categories": ["clothing"],
   "variants": [{"sku": "JM-1", "prices": [{"currency": "EUR", "amount": 1500}], "stock": 3}]},
  {"handle": "json-bad", "title": "",
   "variants": []}
]`
    const res = await upload(json, 'application/json')
    assert.equal(res.statusCode, 422)
    assert.deepEqual([...new Set(res.json().rows.map((r: { line: number }) => r.line))], [4])
    const good = await upload(json.replace(/,\n {2}\{"handle": "json-bad"[\s\S]*\]\}/, ''), 'application/json')
    assert.equal(good.statusCode, 200, good.body)
    assert.equal((await app.inject({ url: '/store/products/json-mug' })).json().categories[0].handle, 'clothing')
    assert.equal((await upload('{"not": "an array"}', 'application/json')).statusCode, 422)
  })

  await t.test('export is CSV in the import format and re-imports as updates', async () => {
    const res = await app.inject({ url: '/admin/catalog/export', headers: staff })
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers['content-type']), /^text\/csv/)
    const lines = res.body.trim().split('\n')
    assert.ok(
      lines[0].startsWith(
        'handle,title,description,status,tags,categories,images,attributes,sku,options,stock,weight_grams,price_EUR',
      ),
    )
    assert.equal(lines.length, 1 + 4)
    const before = (await app.inject({ url: '/store/products/linen-shirt' })).json()
    const again = await upload(res.body, 'text/csv')
    assert.deepEqual(again.json().products, { created: 0, updated: 3 })
    const after = (await app.inject({ url: '/store/products/linen-shirt' })).json()
    assert.deepEqual({ ...after, updatedAt: 0 }, { ...before, updatedAt: 0 })
  })

  await t.test('import needs catalog:write', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/catalog/import',
      headers: { 'content-type': 'text/csv' },
      payload: CSV,
    })
    assert.equal(res.statusCode, 401)
  })
})

test('the import examples in the OpenAPI document import as they are', async (t) => {
  const app = await testApp(t)
  const staff = await headersFor(app, { email: 'examples@example.test', role: 'staff' })
  const category = await app.inject({
    method: 'POST',
    url: '/admin/categories',
    headers: staff,
    payload: { name: 'Kitchen', handle: 'kitchen' },
  })
  assert.equal(category.statusCode, 201, category.body)
  const doc = (await app.inject({ url: '/openapi.json' })).json()
  const content = doc.paths['/admin/catalog/import'].post.requestBody.content
  assert.deepEqual(Object.keys(content).sort(), [
    'application/json',
    'application/x-ndjson',
    'multipart/form-data',
    'text/csv',
  ])
  for (const [type, body] of [
    ['text/csv', content['text/csv'].example],
    ['application/json', JSON.stringify(content['application/json'].example)],
    ['application/x-ndjson', content['application/x-ndjson'].example],
  ]) {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/catalog/import?dryRun=true',
      headers: { ...staff, 'content-type': type },
      payload: body,
    })
    assert.equal(res.statusCode, 200, `${type}: ${res.body}`)
    assert.equal(res.json().products.created, 1, `${type}: ${res.body}`)
  }
})
