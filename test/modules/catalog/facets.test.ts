/** Facet counting from stored facet data, its per-node parsed cache, and the top-k page selection. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { bestFirst } from '../../../src/modules/catalog/search/engine.ts'
import { createFacetCounter } from '../../../src/modules/catalog/search/facets.ts'
import type { ChangeSignal } from '../../../src/platform/db/change-signal.ts'
import { testApp } from '../../helpers.ts'
import { makeProduct, staffHeaders } from './fixtures.ts'

function signalAt(start: number) {
  let version: number | undefined = start
  const signal: ChangeSignal = { changed: async () => {}, version: () => version, close: async () => {} }
  const set = (v: number | undefined) => {
    version = v
  }
  return { signal, set }
}

/** Stands in for product.facets: seq → JSON, and a loader that records what it was asked for. */
function stored() {
  const rows = new Map<number, string>()
  const asked: number[][] = []
  const put = (seq: number, c: string[], o: [string, string][] = [], p: Record<string, number> = {}) =>
    rows.set(seq, JSON.stringify({ c, o, p }))
  const load = async (seqs: readonly number[]) => {
    asked.push([...seqs])
    return new Map(seqs.filter((s) => rows.has(s)).map((s) => [s, rows.get(s)!]))
  }
  return { put, load, asked, remove: (seq: number) => rows.delete(seq) }
}

const hits = (...seqs: number[]) => seqs.map((seq) => ({ seq }))

test('counts categories, option values and price buckets over every hit', async () => {
  const counter = createFacetCounter(signalAt(1).signal)
  const db = stored()
  db.put(
    1,
    ['cat_clothing', 'cat_shirts'],
    [
      ['size', 'M'],
      ['colour', 'Blue'],
    ],
    { EUR: 999, USD: 1200 },
  )
  db.put(2, ['cat_clothing'], [['size', 'M']], { EUR: 2500 })
  db.put(3, ['cat_kitchen'], [], { USD: 100 })
  const counted = await counter.count(hits(1, 2, 3), 'EUR', counter.version(), db.load)
  assert.deepEqual(Object.fromEntries(counted.categories), { cat_clothing: 2, cat_shirts: 1, cat_kitchen: 1 })
  assert.deepEqual(counted.options.map((o) => `${o.name}=${o.value}:${o.count}`).sort(), ['colour=Blue:1', 'size=M:2'])
  // Buckets: < 1000, < 2500, < 5000, …; a product without an EUR price is in none.
  assert.deepEqual(counted.prices, [1, 0, 1, 0, 0, 0, 0])
})

test('facets are read once and reused until the catalog changes; a read that raced a change is not kept', async () => {
  const { signal, set } = signalAt(1)
  const counter = createFacetCounter(signal)
  const db = stored()
  db.put(1, ['cat_x'])
  db.put(2, ['cat_y'])
  const categories = async (readAt: number | undefined, ...seqs: number[]) =>
    [...(await counter.count(hits(...seqs), 'EUR', readAt, db.load)).categories.keys()].sort()
  assert.deepEqual(await categories(1, 1), ['cat_x'])
  assert.deepEqual(await categories(1, 1, 2), ['cat_x', 'cat_y'])
  assert.deepEqual(db.asked, [[1], [2]], 'only what was not held yet is read')
  db.put(1, ['cat_z'])
  set(2) // the catalog changed: everything parsed is dropped
  assert.deepEqual(await categories(2, 1), ['cat_z'])
  assert.deepEqual(db.asked.at(-1), [1])
  set(3) // hits read at version 2, counted at 3: used for this answer only
  db.put(1, ['cat_w'])
  assert.deepEqual(await categories(2, 1), ['cat_w'])
  assert.deepEqual(await categories(3, 1), ['cat_w'])
  assert.equal(db.asked.length, 5, 'the raced read was not kept')
  db.remove(2) // deleted between the hits and their facets: not counted
  assert.deepEqual(await categories(3, 1, 2), ['cat_w'])
  set(undefined) // no signal (a lost listener): read every time, nothing kept
  await categories(undefined, 1)
  await categories(undefined, 1)
  assert.equal(db.asked.length, 8)
})

test('a count that awaits the database while another search drops the parsed facets stays right', async () => {
  const { signal, set } = signalAt(1)
  const counter = createFacetCounter(signal)
  const db = stored()
  db.put(1, ['cat_x'])
  db.put(2, ['cat_y'])
  db.put(3, ['cat_z', 'cat_w'])
  await counter.count(hits(1), 'EUR', 1, db.load) // seq 1 parsed and held
  let release = () => {}
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  const slow = async (seqs: readonly number[]) => {
    await gate
    return db.load(seqs)
  }
  const first = counter.count(hits(1, 2), 'EUR', 1, slow) // uses held seq 1, waits for seq 2
  await new Promise((r) => setImmediate(r))
  set(2) // a catalog write; another search starts over with new key numbers
  const other = await counter.count(hits(3), 'EUR', 2, db.load)
  assert.deepEqual(Object.fromEntries(other.categories), { cat_z: 1, cat_w: 1 })
  release()
  assert.deepEqual(Object.fromEntries((await first).categories), { cat_x: 1, cat_y: 1 })
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
