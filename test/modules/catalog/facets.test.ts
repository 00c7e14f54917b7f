/** Facet counting from stored facet data, its per-node parsed cache, and the top-k page selection. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { bestFirst, pageCandidates } from '../../../src/modules/catalog/search/engine.ts'
import {
  type CountedFacets,
  createFacetCounter,
  type FacetHit,
  type FacetScanner,
} from '../../../src/modules/catalog/search/facets.ts'
import type { ChangeSignal } from '../../../src/platform/db/change-signal.ts'
import { eventually, testApp } from '../../helpers.ts'
import { makeCategory, makeProduct, staffHeaders } from './fixtures.ts'

function signalAt(start: number) {
  let version: number | undefined = start
  const signal: ChangeSignal = { changed: async () => {}, version: () => version, close: async () => {} }
  const set = (v: number | undefined) => {
    version = v
  }
  return { signal, set }
}

/**
 * Stands in for product.facets: seq → JSON, a loader by seqs and a scanner in seq order, both
 * recording what they were asked for.
 */
function stored() {
  const rows = new Map<number, string>()
  const asked: number[][] = []
  const scans: number[] = []
  const put = (seq: number, c: string[], o: [string, string][] = [], p: Record<string, number> = {}, w = 2) =>
    rows.set(seq, JSON.stringify({ c, o, p, w }))
  const load = async (seqs: readonly number[]) => {
    asked.push([...seqs])
    return new Map(seqs.filter((s) => rows.has(s)).map((s) => [s, rows.get(s)!]))
  }
  const scan: FacetScanner = async (after, limit) => {
    scans.push(after)
    return [...rows.keys()]
      .filter((seq) => seq > after)
      .sort((a, b) => a - b)
      .slice(0, limit)
      .map((seq) => ({ seq, facets: rows.get(seq)! }))
  }
  return { put, load, scan, asked, scans, remove: (seq: number) => rows.delete(seq) }
}

const hits = (...seqs: number[]) => seqs.map((seq) => ({ seq }) as FacetHit)

/** Comparable form of a count: sorted categories and options. */
function plain(counted: CountedFacets) {
  return {
    categories: [...counted.categories].sort(),
    options: counted.options.map((o) => `${o.name}=${o.value}:${o.count}`).sort(),
    prices: counted.prices,
  }
}

test('counts categories, option values and price buckets over every hit, from the database and from the index', async () => {
  const counter = createFacetCounter(signalAt(1).signal, stored().scan)
  const db = stored()
  const indexed = createFacetCounter(signalAt(1).signal, db.scan)
  db.put(
    1,
    ['cat_clothing', 'cat_shirts'],
    [
      ['size', 'M'],
      ['colour', 'Blue'],
    ],
    { EUR: 999, USD: 1200 },
    3,
  )
  db.put(2, ['cat_clothing'], [['size', 'M']], { EUR: 2500 })
  db.put(3, ['cat_kitchen'], [], { USD: 100 })
  const expected = {
    categories: [
      ['cat_clothing', 2],
      ['cat_kitchen', 1],
      ['cat_shirts', 1],
    ],
    options: ['colour=Blue:1', 'size=M:2'],
    // Buckets: < 1000, < 2500, < 5000, …; a product without an EUR price is in none.
    prices: [1, 0, 1, 0, 0, 0, 0],
  }
  const fromDb = hits(1, 2, 3)
  assert.deepEqual(plain(await counter.count(fromDb, 'EUR', 1, db.load)), expected)
  assert.deepEqual(
    fromDb.map((h) => h.words),
    [3, 2, 2],
  )
  assert.deepEqual(plain(await indexed.count(hits(1, 2, 3), 'EUR', 1, db.load)), expected) // starts the build
  await indexed.state().building
  const asked = db.asked.length
  const fromIndex = hits(1, 2, 3)
  assert.deepEqual(plain(await indexed.count(fromIndex, 'EUR', 1, db.load)), expected)
  assert.equal(db.asked.length, asked, 'counted on the index, nothing read')
  assert.deepEqual(
    fromIndex.map((h) => h.words),
    [3, 2, 2],
  )
})

test('the index counts exactly what the stored facet data says, for any catalog and match set', async () => {
  const product = fc.record({
    c: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 3 }),
    o: fc.uniqueArray(fc.tuple(fc.constantFrom('size', 'colour'), fc.constantFrom('S', 'M', 'L', 'Navy')), {
      maxLength: 3,
      selector: ([n, v]) => `${n}=${v}`,
    }),
    p: fc.dictionary(fc.constantFrom('EUR', 'USD'), fc.integer({ min: 0, max: 80_000 })),
    w: fc.integer({ min: 0, max: 9 }),
  })
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 3000 }), product), {
        selector: ([seq]) => seq,
        maxLength: 400,
      }),
      fc.array(fc.nat(), { maxLength: 400 }),
      async (catalog, picks) => {
        const db = stored()
        for (const [seq, f] of catalog) db.put(seq, f.c, f.o as [string, string][], f.p, f.w)
        const counter = createFacetCounter(signalAt(7).signal, db.scan)
        await counter.count([], 'EUR', 7, db.load)
        await counter.state().building
        const seqs = catalog.length === 0 ? [] : [...new Set(picks.map((i) => catalog[i % catalog.length][0]))]
        const reference = createFacetCounter(undefined, db.scan)
        const a = hits(...seqs)
        const b = hits(...seqs)
        assert.deepEqual(
          plain(await counter.count(a, 'EUR', 7, db.load)),
          plain(await reference.count(b, 'EUR', 7, db.load)),
        )
        assert.deepEqual(
          a.map((h) => h.words),
          b.map((h) => h.words),
        )
      },
    ),
    { numRuns: 150 },
  )
})

test('the index is built once per catalog version; a build that raced a write is not kept', async () => {
  const { signal, set } = signalAt(1)
  const db = stored()
  let clock = 0
  let gate: Promise<void> = Promise.resolve()
  const scan: FacetScanner = async (after, limit) => {
    await gate
    return db.scan(after, limit)
  }
  const counter = createFacetCounter(signal, scan, { now: () => clock })
  db.put(1, ['cat_x'])
  db.put(2, ['cat_y'])
  const categories = async (readAt: number | undefined, ...seqs: number[]) =>
    [...(await counter.count(hits(...seqs), 'EUR', readAt, db.load)).categories.keys()].sort()
  assert.deepEqual(await categories(1, 1), ['cat_x'])
  await counter.state().building
  assert.deepEqual(db.scans, [0])
  assert.deepEqual(await categories(1, 1, 2), ['cat_x', 'cat_y'])
  assert.deepEqual(db.asked, [[1]], 'read from the database only before the index was built')

  db.put(1, ['cat_z'])
  set(2) // the catalog changed: the index is not used any more
  let release = () => {}
  gate = new Promise((resolve) => {
    release = resolve
  })
  assert.deepEqual(await categories(2, 1), ['cat_z'])
  assert.equal(db.asked.length, 2)
  db.put(3, ['cat_w'])
  set(3) // a write while the version-2 build runs: it is thrown away
  release()
  await counter.state().building
  assert.deepEqual(await categories(3, 1, 3), ['cat_w', 'cat_z'])
  assert.equal(db.asked.length, 3)
  assert.equal(counter.state().building, undefined, 'after a build lost to a write, the next waits a while')
  clock += 1000
  assert.deepEqual(await categories(3, 1, 3), ['cat_w', 'cat_z'])
  await counter.state().building
  assert.deepEqual(await categories(3, 1, 3), ['cat_w', 'cat_z'])
  assert.equal(db.asked.length, 4, 'the version-3 index answers')

  set(4) // hits read at version 3, counted at 4: from the database, for this answer only
  db.remove(3) // deleted between the hits and their facets: not counted
  assert.deepEqual(await categories(3, 1, 3), ['cat_z'])
  assert.equal(db.asked.length, 5)
  assert.equal(counter.state().building, undefined, 'no build from hits that raced a write')

  set(undefined) // no signal (a lost listener): read every time, nothing built
  await categories(undefined, 1)
  await categories(undefined, 1)
  assert.equal(db.asked.length, 7)
  assert.equal(counter.state().building, undefined)
})

test('a build that reads in several steps stops at the first step after a write', async () => {
  const { signal, set } = signalAt(1)
  const db = stored()
  for (let seq = 1; seq <= 4500; seq++) db.put(seq, [seq % 2 ? 'cat_odd' : 'cat_even'])
  let steps = 0
  const scan: FacetScanner = async (after, limit) => {
    if (++steps === 2) set(2) // a write lands while the second step is read
    return db.scan(after, limit)
  }
  const counter = createFacetCounter(signal, scan)
  await counter.count(hits(1), 'EUR', 1, db.load)
  await counter.state().building
  assert.equal(steps, 2, 'stopped without reading the rest')
  await counter.count(hits(1), 'EUR', 2, db.load)
  assert.equal(counter.state().building, undefined, 'not retried at once')
})

test('bestFirst gives the same page as a full sort, for any ranks, ties and page depth', () => {
  const full = (list: { seq: number; rank: number }[]) => [...list].sort((a, b) => b.rank - a.rank || b.seq - a.seq)
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.record({ seq: fc.integer({ min: 1, max: 10_000 }), rank: fc.integer({ min: 0, max: 5 }) }), {
        selector: (h) => h.seq,
        maxLength: 300,
      }),
      fc.integer({ min: 0, max: 320 }),
      (list, k) => {
        assert.deepEqual(bestFirst(list, k), full(list).slice(0, k))
      },
    ),
    { numRuns: 300 },
  )
})

test('pageCandidates keeps every hit that can reach the best k, whatever the scores of the others', () => {
  const hit = fc.record({
    seq: fc.integer({ min: 1, max: 100_000 }),
    exact: fc.constantFrom(0, 1),
    words: fc.integer({ min: 1, max: 4 }),
    typed: fc.constantFrom(0, 1),
    rank: fc.integer({ min: 0, max: 5 }),
  })
  fc.assert(
    fc.property(
      fc
        .uniqueArray(hit, { selector: (h) => h.seq, maxLength: 200 })
        .map((hits) => hits.map((h) => ({ ...h, typed: h.exact ? 1 : h.typed }))),
      fc.integer({ min: 0, max: 220 }),
      (hits, k) => {
        const candidates = pageCandidates(hits, k)
        assert.deepEqual(bestFirst(candidates, k), bestFirst(hits, k))
        // Scores are only needed for the candidates: the others may have any (here: the best possible).
        const unscored = hits.map((h) => (candidates.includes(h) ? h : { ...h, rank: 1000 }))
        assert.deepEqual(
          bestFirst(pageCandidates(unscored, k), k).map((h) => h.seq),
          bestFirst(hits, k).map((h) => h.seq),
        )
      },
    ),
    { numRuns: 300 },
  )
})

test('search finds published products only, through the index alone and with product filters', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const lamp = await makeProduct(app, staff, { handle: 'brass-lamp', title: 'Brass Lamp', status: 'draft' })
  await makeProduct(app, staff, { handle: 'brass-hook', title: 'Brass Hook' })
  const found = async (query: string) => {
    const body = (await app.inject({ url: `/store/search?${query}` })).json()
    return { handles: body.items.map((p: { handle: string }) => p.handle).sort(), total: body.total }
  }
  const both = ['q=brass', 'q=brass&inStock=true', 'q=bra&maxPrice=100000'] // index only; with stock; with price
  for (const query of both) assert.deepEqual(await found(query), { handles: ['brass-hook'], total: 1 }, query)
  const publish = await app.inject({ method: 'POST', url: `/admin/products/${lamp.id}/publish`, headers: staff })
  assert.equal(publish.statusCode, 200)
  for (const query of both)
    assert.deepEqual(await found(query), { handles: ['brass-hook', 'brass-lamp'], total: 2 }, query)
  await app.inject({ method: 'POST', url: `/admin/products/${lamp.id}/archive`, headers: staff })
  for (const query of both) assert.deepEqual(await found(query), { handles: ['brass-hook'], total: 1 }, query)
  // Merging the index (after seeding or a large import) changes no answer.
  await app.backroom.catalog.optimizeSearchIndex()
  for (const query of both) assert.deepEqual(await found(query), { handles: ['brass-hook'], total: 1 }, query)
})

test("through the app: facets counted on the node's index equal those read from the database, across writes", async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  const staff = await staffHeaders(app)
  const clothing = await makeCategory(app, staff, 'clothing')
  const shirts = await makeCategory(app, staff, 'shirts', clothing.id)
  const colours = ['Navy', 'White', 'Olive']
  for (let i = 0; i < 40; i++) {
    await makeProduct(app, staff, {
      handle: `shirt-${i}`,
      title: `${i % 3 ? 'Linen' : 'Oxford'} Shirt ${i}`,
      categoryIds: [i % 2 ? shirts.id : clothing.id],
      variants: [
        {
          sku: `S-${i}`,
          options: { colour: colours[i % 3], size: i % 4 ? 'M' : 'L' },
          prices: [{ currency: 'EUR', amount: 900 + i * 700 }],
        },
      ],
    })
  }
  const urls = [
    '/store/search?q=shirt&limit=50',
    '/store/search?q=linen&maxPrice=20000&limit=50',
    '/store/search?q=shirt&option=colour:Navy&limit=50',
  ]
  // The matches as a set: the SQL path and the node's text index order equal tiers by different text scores.
  const answers = async () =>
    Promise.all(
      urls.map(async (url) => {
        const { total, facets, items } = (await app.inject({ url })).json()
        return { total, facets, handles: items.map((i: { handle: string }) => i.handle).sort() }
      }),
    )
  /** Searches until this node has built its facet index (PostgreSQL: once its own writes' notices are back). */
  const indexed = () =>
    eventually(async () => {
      await app.inject({ url: urls[0] })
      await app.backroom.catalog.facetIndex().building
      return app.backroom.catalog.facetIndex().built
    })
  const fromDatabase = await answers()
  assert.equal(fromDatabase[0].total, 40)
  assert.deepEqual(
    fromDatabase[0].facets.categories.map((c: { handle: string; count: number }) => [c.handle, c.count]),
    [
      ['clothing', 40],
      ['shirts', 20],
    ],
  )
  await indexed()
  assert.deepEqual(await answers(), fromDatabase)

  const moved = await app.inject({
    method: 'PATCH',
    url: `/admin/products/${(await app.inject({ url: '/store/products/shirt-0' })).json().id}`,
    headers: staff,
    payload: { categoryIds: [shirts.id] },
  })
  assert.equal(moved.statusCode, 200)
  const afterWrite = await answers()
  assert.deepEqual(
    afterWrite[0].facets.categories.map((c: { handle: string; count: number }) => [c.handle, c.count]),
    [
      ['clothing', 40],
      ['shirts', 21],
    ],
  )
  await indexed()
  assert.deepEqual(await answers(), afterWrite)
})

test('through the app: paging by relevance gives the order of one long page (only page candidates are scored)', async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  const staff = await staffHeaders(app)
  const titles = ['Linen Shirt', 'Linen Camp Shirt', 'Relaxed Linen Camp Shirt', 'Shirt in Linen', 'Linen Shirt Dress']
  for (let i = 0; i < 30; i++) {
    await makeProduct(app, staff, {
      handle: `p-${i}`,
      title: `${titles[i % titles.length]}${i % 7 === 0 ? '' : ` ${i}`}`,
      description: i % 3 ? 'A shirt of linen, linen again.' : 'Cotton.',
      tags: i % 4 ? [] : ['linen'],
    })
  }
  await makeProduct(app, staff, { handle: 'lnen-shirt', title: 'Lnen Shirt' })
  // Answers come from the node's text index once it is built (it ranks the text score its own way):
  // wait for it, so that every page below is ranked by it.
  await eventually(async () => {
    await app.inject({ url: '/store/search?q=shirt' })
    await app.backroom.catalog.facetIndex().building
    return app.backroom.catalog.facetIndex().built
  })
  for (const q of ['linen shirt', 'shirt', 'linen', 'linne shirt', 'shi']) {
    const all = (await app.inject({ url: `/store/search?q=${encodeURIComponent(q)}&limit=100` })).json()
    const paged: string[] = []
    let cursor = ''
    for (let page = 0; page < 20; page++) {
      const body = (await app.inject({ url: `/store/search?q=${encodeURIComponent(q)}&limit=4${cursor}` })).json()
      assert.equal(body.total, all.total)
      assert.deepEqual(body.facets, all.facets)
      paged.push(...body.items.map((i: { handle: string }) => i.handle))
      if (!body.nextCursor) break
      cursor = `&cursor=${body.nextCursor}`
    }
    assert.deepEqual(
      paged,
      all.items.map((i: { handle: string }) => i.handle),
      q,
    )
  }
})

test("through the app: the node's category names and handles follow category writes", async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  const staff = await staffHeaders(app)
  const bags = await makeCategory(app, staff, 'bags')
  await makeProduct(app, staff, { handle: 'tote', title: 'Canvas Tote', categoryIds: [bags.id] })
  const search = async (extra = '') => (await app.inject({ url: `/store/search?q=tote${extra}` })).json()
  assert.equal((await search('&category=totes')).total, 0)
  assert.equal((await search()).facets.categories[0].name, 'bags')
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/admin/categories/${bags.id}`,
    headers: staff,
    payload: { name: 'Bags and Totes', handle: 'totes' },
  })
  assert.equal(renamed.statusCode, 200, renamed.body)
  assert.equal((await search()).facets.categories[0].name, 'Bags and Totes')
  assert.equal((await search('&category=totes')).total, 1)
  assert.equal((await search(`&category=${bags.id}`)).total, 1)
  assert.equal((await search('&category=bags')).total, 0)
})
