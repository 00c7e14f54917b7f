/** Facet counting from stored facet data, its per-node parsed cache, and the top-k page selection. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { bestFirst } from '../../../src/modules/catalog/search/engine.ts'
import { createFacetCounter } from '../../../src/modules/catalog/search/facets.ts'
import type { ChangeSignal } from '../../../src/platform/db/change-signal.ts'

function signalAt(start: number) {
  let version: number | undefined = start
  const signal: ChangeSignal = { changed: async () => {}, version: () => version, close: async () => {} }
  const set = (v: number | undefined) => {
    version = v
  }
  return { signal, set }
}

const hit = (id: string, c: string[], o: [string, string][], p: Record<string, number>) => ({
  id,
  facets: JSON.stringify({ c, o, p }),
})

test('counts categories, option values and price buckets over every hit', () => {
  const counter = createFacetCounter(signalAt(1).signal)
  const hits = [
    hit(
      'a',
      ['cat_clothing', 'cat_shirts'],
      [
        ['size', 'M'],
        ['colour', 'Blue'],
      ],
      { EUR: 999, USD: 1200 },
    ),
    hit('b', ['cat_clothing'], [['size', 'M']], { EUR: 2500 }),
    hit('c', ['cat_kitchen'], [], { USD: 100 }),
  ]
  const counted = counter.count(hits, 'EUR', counter.version())
  assert.deepEqual(Object.fromEntries(counted.categories), { cat_clothing: 2, cat_shirts: 1, cat_kitchen: 1 })
  assert.deepEqual(counted.options.map((o) => `${o.name}=${o.value}:${o.count}`).sort(), ['colour=Blue:1', 'size=M:2'])
  // Buckets: < 1000, < 2500, < 5000, …; a product without an EUR price is in none.
  assert.deepEqual(counted.prices, [1, 0, 1, 0, 0, 0, 0])
})

test('parsed facets are reused until the catalog changes, and a read that raced a change is not kept', () => {
  const { signal, set } = signalAt(1)
  const counter = createFacetCounter(signal)
  const v1 = counter.version()
  assert.deepEqual([...counter.count([hit('a', ['cat_x'], [], {})], 'EUR', v1).categories.keys()], ['cat_x'])
  // Same version: the stored facets of "a" are used (a stale row text would not matter).
  assert.deepEqual([...counter.count([hit('a', ['cat_y'], [], {})], 'EUR', v1).categories.keys()], ['cat_x'])
  set(2) // the catalog changed: what was parsed is dropped
  assert.deepEqual([...counter.count([hit('a', ['cat_y'], [], {})], 'EUR', 2).categories.keys()], ['cat_y'])
  // Read at version 2, counted at version 3: used for this answer only.
  set(3)
  assert.deepEqual([...counter.count([hit('a', ['cat_z'], [], {})], 'EUR', 2).categories.keys()], ['cat_z'])
  assert.deepEqual([...counter.count([hit('a', ['cat_w'], [], {})], 'EUR', 3).categories.keys()], ['cat_w'])
  // No signal (or a lost listener): parsed every time, nothing kept.
  set(undefined)
  assert.deepEqual([...counter.count([hit('a', ['cat_v'], [], {})], 'EUR', undefined).categories.keys()], ['cat_v'])
})

test('bestFirst gives the same page as a full sort, for any ranks, ties and page depth', () => {
  const full = (hits: { id: string; rank: number }[]) =>
    [...hits].sort((a, b) => b.rank - a.rank || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  fc.assert(
    fc.property(
      fc.uniqueArray(
        fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), rank: fc.integer({ min: 0, max: 5 }) }),
        {
          selector: (h) => h.id,
          maxLength: 300,
        },
      ),
      fc.integer({ min: 0, max: 320 }),
      (hits, k) => {
        assert.deepEqual(bestFirst(hits, k), full(hits).slice(0, k))
      },
    ),
    { numRuns: 300 },
  )
})
