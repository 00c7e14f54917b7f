/**
 * The node's text index (search/text-index.ts) answers what the SQL path answers: the same matches,
 * totals and facets for every query and filter, and the quality table's expected product first on
 * both paths. Two readers over one database: one without a change signal (never builds an index: SQL
 * only) and one with a fixed version (builds the index once, then answers from memory). Runs on
 * SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ListQuery } from '../../../src/modules/catalog/schemas.ts'
import { createSearch } from '../../../src/modules/catalog/search/engine.ts'
import {
  createTextIndexBuilder,
  matchText,
  topMatches,
  typoCandidates,
} from '../../../src/modules/catalog/search/text-index.ts'
import type { ChangeSignal } from '../../../src/platform/db/change-signal.ts'
import { testApp } from '../../helpers.ts'
import { makeProduct } from './fixtures.ts'
import { CATALOG, QUERIES, seedQualityCatalog } from './search-catalog.ts'

test('matchText and topMatches on a small index', () => {
  const builder = createTextIndexBuilder()
  const row = (a: string, c = '', d = 'zzs70') => ({ a, b: '', c, d, e: '' })
  builder.add(row('desk lamp'), { EUR: 100 })
  builder.add(row('studio desk lamp 0421', 'a desk lamp for the studio desk'), { EUR: 200 })
  builder.add(row('lamp shade', 'fits a desk lamp'), {})
  builder.add(row('desk lamp', '', 'zzs64'), { EUR: 100 }) // hidden (a draft's token)
  builder.add(row('desks'), { EUR: 300 })
  const index = builder.finish(['zzs64'])
  const seqOf = Int32Array.from([1, 2, 3, 4, 5])
  const words = Uint16Array.from([2, 4, 2, 2, 1])
  const ask = (terms: { words: string[]; prefix: boolean }[], extra = {}) =>
    matchText(index, terms, { groups: [], currency: 'EUR', ...extra })
  const m = ask([
    { words: ['desk'], prefix: false },
    { words: ['lamp'], prefix: false },
  ])
  assert.deepEqual([...m.ordinals], [0, 1, 2])
  assert.deepEqual(
    topMatches(m, 10, words, seqOf).map((i) => m.ordinals[i]),
    [0, 1, 2],
  )
  assert.deepEqual([...ask([{ words: ['desk'], prefix: true }]).ordinals], [0, 1, 2, 4])
  assert.deepEqual([...ask([{ words: ['desk'], prefix: true }], { maxPrice: 250 }).ordinals], [0, 1])
  assert.deepEqual([...ask([{ words: ['nothing'], prefix: false }]).ordinals], [])
  assert.deepEqual([...ask([{ words: ['desk'], prefix: false }], { groups: [['zzt00']] }).ordinals], [])
  assert.deepEqual(typoCandidates(index, { head: 'la', tail: 'sk', minLength: 3, maxLength: 5 }).sort(), [
    'desk',
    'lamp',
  ])
  assert.deepEqual(typoCandidates(index, { head: 'de', minLength: 5, maxLength: 40 }), ['desks'])
  // The scratch arrays are clean again: the same query twice gives the same scores.
  assert.deepEqual(
    [...ask([{ words: ['lamp'], prefix: false }]).rank],
    [...ask([{ words: ['lamp'], prefix: false }]).rank],
  )
})

test('the text index answers as the SQL path does', async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  const { staff } = await seedQualityCatalog(app)
  await makeProduct(app, staff, {
    handle: 'draft-lamp',
    title: 'Desk Lamp Draft',
    description: 'Not shown.',
    status: 'draft',
    variants: [{ sku: 'DRF-1', prices: [{ currency: 'EUR', amount: 100 }] }],
  })
  await makeProduct(app, staff, {
    handle: 'sold-out-lamp',
    title: 'Sold Out Desk Lamp',
    description: 'None left.',
    stock: 0,
    variants: [{ sku: 'SOL-1', prices: [{ currency: 'EUR', amount: 100 }] }],
  })
  const { db, dialect } = app.backroom.database
  const resolveCategory = app.backroom.catalog.resolveCategory
  const fixed: ChangeSignal = { changed: async () => {}, version: () => 1, close: async () => {} }
  const fromSql = createSearch({ db, dialect, resolveCategory })
  const fromIndex = createSearch({ db, dialect, resolveCategory, changes: fixed })
  await fromIndex.search({ q: 'shirt' })
  await fromIndex.facetIndex().building
  assert.equal(fromIndex.facetIndex().built, true)

  const queries: ListQuery[] = [
    ...QUERIES.map(([, q]) => ({ q })),
    ...CATALOG.map((p) => ({ q: p.title })),
    { q: 'shirt', category: 'clothing' },
    { q: 'shirt', tag: ['summer'] },
    { q: 'shirt', tag: ['summer'], option: ['colour:white'] },
    { q: 'shirt', option: ['colour:black', 'colour:white'], category: 'clothing', tag: ['summer'] },
    { q: 'shirt', option: ['colour:black'] },
    { q: 'shirt', category: 'nowhere' },
    { q: 'jacket', maxPrice: 20000, option: ['colour:black'] },
    { q: 'jacket', minPrice: 9000 },
    { q: 'jacket', currency: 'USD', minPrice: 1 },
    { q: 'lamp', sort: 'price' },
    { q: 'a', sort: 'newest' },
    { q: 'a', sort: '-price' },
    { q: 'shirt', sort: 'name' },
    { q: 'a', sort: 'price', currency: 'USD' },
    { q: 'lamp', inStock: true },
    { q: 'desk lamp', inStock: true, maxPrice: 5000 },
    { q: 'desk lamp', limit: 1 },
    { q: 'desk la' },
    { q: 'de' },
    { q: 'a' },
    { q: 'xyzzyq' },
    { q: 'shrt ' },
  ]
  for (const query of queries) {
    const limited = { limit: 50, ...query }
    const [a, b] = [await fromSql.search(limited), await fromIndex.search(limited)]
    const label = JSON.stringify(query)
    assert.equal(b.total, a.total, label)
    assert.deepEqual(b.facets, a.facets, label)
    const handles = (r: typeof a) => r.items.map((i) => i.handle)
    if (a.total <= limited.limit) assert.deepEqual(handles(b).sort(), handles(a).sort(), label)
    if (query.sort) assert.deepEqual(handles(b), handles(a), label)
    assert.deepEqual(
      b.items.map((i) => i.highlights),
      b.items.map((i) => a.items.find((x) => x.id === i.id)?.highlights ?? i.highlights),
      label,
    )
  }
  for (const [kind, q, expected] of QUERIES) {
    assert.equal((await fromSql.search({ q })).items[0]?.handle, expected, `SQL: ${kind} "${q}"`)
    assert.equal((await fromIndex.search({ q })).items[0]?.handle, expected, `index: ${kind} "${q}"`)
  }
  // Exact titles, shorter first, rank the same on both paths (the text score decides only after them).
  for (const q of ['desk lamp', 'oak side table', 'linen shirt']) {
    const [a, b] = [await fromSql.search({ q }), await fromIndex.search({ q })]
    assert.equal(b.items[0].handle, a.items[0].handle, q)
  }
  // Stored orders page the same on both paths (cursors from one work on the other).
  for (const sort of ['newest', 'price', '-price', 'name'] as const) {
    const walk = async (reader: typeof fromSql) => {
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = await reader.search({ q: 'a', sort, limit: 2, ...(cursor ? { cursor } : {}) })
        seen.push(...page.items.map((i) => i.handle))
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      return seen
    }
    const expected = await walk(fromSql)
    assert.equal(expected.length, (await fromSql.search({ q: 'a', limit: 100 })).total, sort)
    assert.deepEqual(await walk(fromIndex), expected, sort)
  }
  // On both paths, paging by cursor gives the order of one long page.
  for (const reader of [fromSql, fromIndex]) {
    for (const q of ['a', 'shirt', 'lamp', 'jacket', 'lether jac']) {
      const all = (await reader.search({ q, limit: 100 })).items.map((i) => i.handle)
      const paged: string[] = []
      let cursor: string | undefined
      do {
        const page = await reader.search({ q, limit: 3, ...(cursor ? { cursor } : {}) })
        paged.push(...page.items.map((i) => i.handle))
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      assert.deepEqual(paged, all, q)
    }
  }
})
