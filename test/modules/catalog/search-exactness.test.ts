/**
 * The relevance ranking's exactness signal (the title holds every word as typed) is checked on the
 * titles each node's facet index keeps once it is built, and in SQL before that (and when a write
 * raced the read), and the node's text index ranks by it too: every page has the same exactness tiers
 * in the same order, and the same matches. Runs on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { exactTitle } from '../../../src/modules/catalog/search/engine.ts'
import { normalize, parseQuery } from '../../../src/modules/catalog/search/text.ts'
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
  const current = new Map(titles.map((title, i) => [`p-${i}`, title]))
  /**
   * Each answer's total, its matches (as a set) and its exactness tiers in page order: the title's word
   * count for a title holding every word as typed, else '-'. The SQL path and the node's text index
   * rank by different text scores (search/text-index.ts), but the tiers come first on both.
   */
  const answers = async () =>
    Promise.all(
      urls.map(async (url) => {
        const body = (await app.inject({ url: url.includes('limit') ? url : `${url}&limit=50` })).json()
        const handles: string[] = body.items.map((i: { handle: string }) => i.handle)
        const q = new URL(url, 'http://x').searchParams.get('q') ?? ''
        const typed = parseQuery(q).map((t) => ` ${t.text}${t.prefix ? '' : ' '}`)
        const tiers = handles.map((h) => {
          const title = normalize(current.get(h) ?? '')
          return exactTitle(` ${title} `, typed) ? title.split(' ').length : '-'
        })
        // A page that cuts a tier may hold different products of it (the text scores differ).
        const set = handles.length === body.total ? [...handles].sort() : []
        return { url, total: body.total, set, tiers }
      }),
    )
  // Before the facet index is built: exactness in SQL.
  assert.equal(app.backroom.catalog.facetIndex().built, false)
  const fromSql = await answers()
  assert.equal(fromSql[0].tiers[0], 2, 'the one exact two-word title, "Desk Lamp", first')
  assert.equal(fromSql[0].set.includes('p-4'), true, '"Lamp for a Desk" holds both words too')
  await eventually(async () => {
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
  current.set('p-3', 'Desk Lamp')
  const afterWrite = await answers()
  assert.deepEqual(afterWrite[0].tiers.slice(0, 2), [2, 2], 'two exact two-word titles first')
  await eventually(async () => {
    await app.inject({ url: urls[0] })
    await app.backroom.catalog.facetIndex().building
    return app.backroom.catalog.facetIndex().built
  })
  assert.deepEqual(await answers(), afterWrite)
})
