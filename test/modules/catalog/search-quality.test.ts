/**
 * Search quality (issue 4, item 5): a fixed catalog and a table of queries with the product that must
 * rank first. Runs unchanged on SQLite (FTS5) and PostgreSQL (tsvector), through HTTP.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../helpers.ts'
import { makeCategory } from './fixtures.ts'
import { QUERIES, seedQualityCatalog } from './search-catalog.ts'

test('search quality: the expected product ranks first', async (t) => {
  const app = await testApp(t)
  const { staff, lighting, pendants } = await seedQualityCatalog(app)
  const search = async (q: string, extra = '') =>
    (await app.inject({ url: `/store/search?q=${encodeURIComponent(q)}${extra}` })).json()

  for (const [kind, q, expected] of QUERIES) {
    await t.test(`${kind}: "${q}" → ${expected}`, async () => {
      const result = await search(q)
      assert.equal(
        result.items[0]?.handle,
        expected,
        JSON.stringify(result.items.map((i: { handle: string }) => i.handle)),
      )
    })
  }

  await t.test('no typo tolerance under five letters, and nonsense finds nothing', async () => {
    assert.equal((await search('shrt ')).total, 0)
    assert.equal((await search('xyzzyq')).total, 0)
  })

  await t.test('highlights mark matched words, escaped', async () => {
    const item = (await search('lether jac')).items[0]
    assert.equal(item.highlights.title, '<mark>Leather</mark> <mark>Jacket</mark>')
    assert.match(item.highlights.description, /<mark>jacket<\/mark>/)
  })

  await t.test('facets count the filtered result', async () => {
    const all = await search('jacket')
    assert.equal(all.total, 3)
    assert.deepEqual(
      all.facets.categories.map((c: { handle: string; count: number }) => [c.handle, c.count]),
      [['clothing', 3]],
    )
    assert.deepEqual(
      all.facets.prices.map((b: { min: number; max: number | null; count: number }) => [b.min, b.max, b.count]),
      [
        [5000, 10000, 1],
        [10000, 25000, 1],
        [25000, 50000, 1],
      ],
    )
    assert.deepEqual(all.facets.options, [
      { name: 'colour', value: 'black', count: 2 },
      { name: 'colour', value: 'white', count: 1 },
    ])
    const cheap = await search('jacket', '&maxPrice=20000&option=colour:black')
    assert.equal(cheap.total, 1)
    assert.equal(cheap.items[0].handle, 'rain-jacket')
    assert.deepEqual(
      cheap.facets.prices.map((b: { count: number }) => b.count),
      [1],
    )
  })

  await t.test('category (with descendants), tag and option filters narrow a search', async () => {
    const handles = async (extra: string) =>
      (await search('shirt', extra)).items.map((i: { handle: string }) => i.handle).sort()
    assert.deepEqual(await handles('&category=clothing'), ['linen-shirt', 'oxford-shirt', 'shirt-dress'])
    assert.deepEqual(await handles('&tag=summer'), ['linen-shirt', 'shirt-dress'])
    assert.deepEqual(await handles('&tag=summer&option=colour:white'), ['linen-shirt', 'shirt-dress'])
    assert.deepEqual(await handles('&option=colour:black&option=colour:white&category=clothing&tag=summer'), [
      'linen-shirt',
      'shirt-dress',
    ])
    assert.deepEqual(await handles('&option=colour:black'), [])
    assert.deepEqual(await handles('&category=nowhere'), [])
  })

  await t.test('relevance pages with a cursor; other sorts apply to search too', async () => {
    const first = await search('shirt', '&limit=2')
    assert.equal(first.items.length, 2)
    const second = (await app.inject({ url: `/store/search?q=shirt&limit=2&cursor=${first.nextCursor}` })).json()
    const handles = [...first.items, ...second.items].map((i: { handle: string }) => i.handle)
    assert.deepEqual([...handles].sort(), ['linen-shirt', 'oxford-shirt', 'shirt-dress'])
    const byPrice = await search('shirt', '&sort=price')
    assert.deepEqual(
      byPrice.items.map((i: { handle: string }) => i.handle),
      ['oxford-shirt', 'linen-shirt', 'shirt-dress'],
    )
  })

  await t.test('renaming or moving a category re-indexes its products (subcategories too)', async () => {
    const patch = (id: string, payload: object) =>
      app.inject({ method: 'PATCH', url: `/admin/categories/${id}`, headers: staff, payload })
    assert.equal((await patch(pendants.id, { name: 'Ceiling Lights' })).statusCode, 200)
    assert.equal((await search('ceiling')).items[0]?.handle, 'glass-globe')
    assert.equal((await search('pendants')).total, 0)
    assert.equal((await patch(lighting.id, { name: 'Illumination' })).statusCode, 200)
    assert.equal((await search('illumination')).items[0]?.handle, 'glass-globe', 'an ancestor renamed')
    assert.equal((await search('lighting')).total, 0)
    const home = await makeCategory(app, staff, 'homeware')
    assert.equal((await patch(lighting.id, { parentId: home.id })).statusCode, 200)
    assert.equal((await search('homeware')).items[0]?.handle, 'glass-globe', 'a new ancestor after a move')
  })

  await t.test('exactness ranks the whole page, not only the first place', async () => {
    const handles = (await search('desk lamp')).items.map((i: { handle: string }) => i.handle)
    assert.deepEqual(handles, ['desk-lamp-plain', 'desk-lamp', 'studio-desk-lamp'])
  })

  await t.test('the index follows writes in the same transaction', async () => {
    const id = (await app.inject({ url: '/store/products/teapot' })).json().id
    await app.inject({
      method: 'PATCH',
      url: `/admin/products/${id}`,
      headers: staff,
      payload: { title: 'Cast Iron Kettle' },
    })
    assert.equal((await search('kettle')).items[0]?.handle, 'teapot')
    assert.equal((await search('teapot')).total, 0)
    await app.inject({ method: 'DELETE', url: `/admin/products/${id}`, headers: staff })
    assert.equal((await search('kettle')).total, 0)
  })
})
