/**
 * The relevance ranking's exactness signal (the title holds every word as typed) is checked on the
 * titles each node's facet index keeps once it is built, and in SQL before that (and when a write
 * raced the read): both must rank every page the same. Runs on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { exactTitle } from '../../../src/modules/catalog/search/engine.ts'
import { eventually, testApp } from '../../helpers.ts'
import { makeProduct, staffHeaders } from './fixtures.ts'

test('exactTitle: every typed word, whole, or as a prefix for the last term', () => {
  assert.equal(exactTitle(' desk lamp ', [' desk ', ' lamp ']), true)
  assert.equal(exactTitle(' studio desk lamp 0421 ', [' desk ', ' lamp ']), true)
  assert.equal(exactTitle(' desk lamps ', [' desk ', ' lamp ']), false, 'a longer word is not the word')
  assert.equal(exactTitle(' desk lamps ', [' desk ', ' lamp']), true, 'but it is the prefix')
  assert.equal(exactTitle(' desklamp ', [' lamp']), false, 'a prefix starts a word')
  assert.equal(exactTitle(' oak side table ', [' oak ', ' oak ']), true)
  assert.equal(exactTitle(' side table ', [' oak ', ' table ']), false)
  assert.equal(exactTitle('  ', [' lamp ']), false)
})

test('through the app: exactness from the node index ranks as the SQL signal did, across writes', async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  const staff = await staffHeaders(app)
  const titles = [
    'Desk Lamp',
    'Brass Desk Lamp',
    'Studio Desk Lamp 0421',
    'Desk Lamps Set',
    'Lamp for a Desk',
    'Oak Side Table',
    'Oak Oak Side Table',
    'Side Table',
    'Chelsea Boots',
    'Toy Sail Boats',
    'Boot Polish',
  ]
  for (const [i, title] of titles.entries()) {
    await makeProduct(app, staff, {
      handle: `p-${i}`,
      title,
      description: i % 2 ? 'A desk lamp, an oak table and boots.' : 'Plain.',
      variants: [{ sku: `SKU-${i}`, prices: [{ currency: 'EUR', amount: 1000 + i }] }],
    })
  }
  const urls = [
    '/store/search?q=desk%20lamp',
    '/store/search?q=desk%20la',
    '/store/search?q=lamp',
    '/store/search?q=oak%20side%20table',
    '/store/search?q=oak',
    '/store/search?q=chelsea%20boats',
    '/store/search?q=boots',
    '/store/search?q=boot',
    '/store/search?q=desk&limit=2',
  ]
  const answers = async () =>
    Promise.all(
      urls.map(async (url) => {
        const body = (await app.inject({ url })).json()
        return { url, total: body.total, handles: body.items.map((i: { handle: string }) => i.handle) }
      }),
    )
  // Before the facet index is built: exactness in SQL.
  assert.equal(app.backroom.catalog.facetIndex().built, false)
  const fromSql = await answers()
  assert.equal(fromSql[0].handles[0], 'p-0')
  assert.equal(fromSql[0].handles.includes('p-4'), true, '"Lamp for a Desk" holds both words too')
  await eventually(5000, async () => {
    await app.inject({ url: urls[0] })
    await app.backroom.catalog.facetIndex().building
    return app.backroom.catalog.facetIndex().built
  })
  assert.deepEqual(await answers(), fromSql)

  // A renamed title: the next answers (SQL while the index is stale, then the rebuilt index) see it.
  const id = (await app.inject({ url: '/store/products/p-3' })).json().id
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/admin/products/${id}`,
    headers: staff,
    payload: { title: 'Desk Lamp' },
  })
  assert.equal(renamed.statusCode, 200)
  const afterWrite = await answers()
  assert.deepEqual(afterWrite[0].handles.slice(0, 2).sort(), ['p-0', 'p-3'], 'two exact two-word titles first')
  await eventually(5000, async () => {
    await app.inject({ url: urls[0] })
    await app.backroom.catalog.facetIndex().building
    return app.backroom.catalog.facetIndex().built
  })
  assert.deepEqual(await answers(), afterWrite)
})
