/**
 * The node's search index follows catalog writes by applying the changed products (read from the
 * change log, search/change-log.ts) instead of rebuilding: after any sequence of writes (new products,
 * text edits, price and stock changes, publish, unpublish, delete, a category renamed), a reader that
 * applied them answers every query exactly as a reader that built its index from scratch. Runs on
 * SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import type { ListQuery } from '../../../src/modules/catalog/schemas.ts'
import { changeCursor, changesSince, pruneChanges } from '../../../src/modules/catalog/search/change-log.ts'
import { createSearch } from '../../../src/modules/catalog/search/engine.ts'
import type { ChangeSignal } from '../../../src/platform/db/change-signal.ts'
import { eventually, testApp } from '../../helpers.ts'
import { makeCategory, productBody, staffHeaders } from './fixtures.ts'
import { seedQualityCatalog } from './search-catalog.ts'

/** A small seeded generator (mulberry32): the same writes on every run. */
function random(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]
  return { next, int, pick }
}

const WORDS = [
  'linen',
  'shirt',
  'jacket',
  'lamp',
  'desk',
  'brass',
  'oak',
  'table',
  'wool',
  'summer',
  'boots',
  'boats',
  'leather',
  'coffee',
  'mug',
  'quartz',
  'zephyr',
  'glass',
  'globe',
  'cotton',
  'runner',
  'runners',
  'lampshade',
]

test('applying catalog writes to the index answers as a fresh build does', async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  await seedQualityCatalog(app)
  const staff = await staffHeaders(app)
  const extra = await makeCategory(app, staff, 'extras')
  const { db, dialect } = app.backroom.database
  const catalog = app.backroom.catalog
  const resolveCategory = catalog.resolveCategory
  let version = 1
  const moving: ChangeSignal = { changed: async () => {}, version: () => version, close: async () => {} }
  const fixed: ChangeSignal = { changed: async () => {}, version: () => 1, close: async () => {} }
  const applying = createSearch({ db, dialect, resolveCategory, changes: moving })
  const ready = async (reader: typeof applying) => {
    await reader.search({ q: 'shirt' })
    await reader.facetIndex().building
    assert.equal(reader.facetIndex().built, true)
  }
  await ready(applying)
  assert.equal(applying.facetIndex().last?.kind, 'build')

  const rnd = random(dialect === 'postgres' ? 7 : 11)
  const text = (n: number) => Array.from({ length: n }, () => rnd.pick(WORDS)).join(' ')
  const ids = (await db.selectFrom('product').select('id').execute()).map((r) => r.id)
  let made = 0
  const queries: ListQuery[] = [
    ...WORDS.map((q) => ({ q })),
    { q: 'lam' },
    { q: 'desk la' },
    { q: 'shrt ' },
    { q: 'runers' },
    { q: 'a' },
    { q: 'shirt', category: 'clothing' },
    { q: 'shirt', tag: ['summer'] },
    { q: 'lamp', option: ['colour:black'] },
    { q: 'lamp', minPrice: 2000, maxPrice: 20000 },
    { q: 'jacket', inStock: true },
    { q: 'a', sort: 'newest' },
    { q: 'a', sort: 'price' },
    { q: 'a', sort: '-price', currency: 'USD' },
    { q: 'extras' },
    { q: 'oak', category: 'extras' },
  ]
  for (let round = 0; round < 10; round++) {
    // The last two rounds change only prices and stock (the text stays: no posting moves).
    const writes = round >= 8 ? 3 : 1 + rnd.int(5)
    for (let w = 0; w < writes; w++) {
      const kind = round >= 8 ? rnd.pick([3, 6]) : rnd.int(8)
      const id = rnd.pick(ids)
      if (kind === 0 || ids.length < 5) {
        made++
        const body = productBody({
          handle: `made-${made}`,
          title: text(1 + rnd.int(4)),
          description: text(rnd.int(12)),
          tags: rnd.next() < 0.3 ? ['summer'] : [],
          categoryIds: rnd.next() < 0.4 ? [extra.id] : [],
          status: rnd.next() < 0.2 ? 'draft' : 'published',
          variants: [
            {
              sku: `MADE-${made}`,
              options: { colour: rnd.pick(['black', 'white', 'teal']) },
              prices: [
                { currency: 'EUR', amount: 500 + rnd.int(40_000) },
                ...(rnd.next() < 0.3 ? [{ currency: 'USD', amount: 600 + rnd.int(40_000) }] : []),
              ],
              stock: rnd.int(3),
            },
          ],
        })
        ids.push((await catalog.createProduct(body)).id)
      } else if (kind === 1) {
        await catalog.updateProduct(id, { title: text(1 + rnd.int(4)) })
      } else if (kind === 2) {
        await catalog.updateProduct(id, { description: text(rnd.int(15)) })
      } else if (kind === 3) {
        const current = await catalog.getAdminProduct(id)
        await catalog.updateProduct(id, {
          variants: current.variants.map((v) => ({
            sku: v.sku,
            options: v.options,
            stock: v.stock,
            prices: v.prices.map((p) => ({ currency: p.currency, amount: 500 + rnd.int(40_000) })),
          })),
        })
      } else if (kind === 4) {
        await catalog.setStatus(id, rnd.pick(['draft', 'published', 'archived'] as const))
      } else if (kind === 5) {
        await catalog.deleteProduct(id)
        ids.splice(ids.indexOf(id), 1)
      } else if (kind === 6) {
        // Stock running out or back, as checkout writes it (the variant's row only).
        await db
          .updateTable('variant')
          .set({ stock: rnd.next() < 0.5 ? 0 : 3 })
          .where('product_id', '=', id)
          .execute()
      } else {
        await catalog.updateCategory(extra.id, { name: `Extras ${text(1)}` })
      }
    }
    version++
    await ready(applying)
    assert.equal(applying.facetIndex().last?.kind, 'apply', `round ${round}`)
    const fresh = createSearch({ db, dialect, resolveCategory, changes: fixed, applyChanges: false })
    await ready(fresh)
    for (const query of queries) {
      const label = `round ${round}: ${JSON.stringify(query)}`
      const [a, b] = [await applying.search({ limit: 50, ...query }), await fresh.search({ limit: 50, ...query })]
      assert.deepEqual(a, b, label)
    }
  }
})

test('the change log: every product write, and stock crossing zero, is found from a cursor; pruning moves the floor', async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  const { db, dialect } = app.backroom.database
  const catalog = app.backroom.catalog
  const seqOf = async (id: string) =>
    Number((await db.selectFrom('product').select('seq').where('id', '=', id).executeTakeFirstOrThrow()).seq)
  const a = await catalog.createProduct(productBody({ handle: 'log-a' }))
  const b = await catalog.createProduct(productBody({ handle: 'log-b' }))
  // On PostgreSQL the cursor is a snapshot's xmin, held back by any transaction open in the cluster
  // (other test files): rows already read may come again, so only "found" is asserted there.
  const exact = dialect === 'sqlite'
  const found = async (cursor: number, expected: number[]) => {
    const read = await changesSince(db, dialect, cursor, 100)
    assert.ok(read)
    if (exact) assert.deepEqual(read.seqs, expected)
    else for (const seq of expected) assert.ok(read.seqs.includes(seq), `${seq} in ${read.seqs}`)
    return read.cursor
  }
  const start = await changeCursor(db, dialect)
  await found(start, [])
  await catalog.updateProduct(a.id, { title: 'log a again' })
  const cursor = await found(start, [await seqOf(a.id)])
  // Stock moving without crossing zero is not a change of the index; crossing zero is.
  await db.updateTable('variant').set({ stock: 4 }).where('product_id', '=', b.id).execute()
  await found(cursor, [])
  await db.updateTable('variant').set({ stock: 0 }).where('product_id', '=', b.id).execute()
  const next = await found(cursor, [await seqOf(b.id)])
  // A deleted product is found by its seq.
  const bSeq = await seqOf(b.id)
  await catalog.deleteProduct(b.id)
  await found(next, [bSeq])
  // PostgreSQL: a transaction that took its id first but commits last is still found from a cursor
  // read while it was open (the cursor is the snapshot's xmin, not the highest id seen).
  if (dialect === 'postgres') {
    const late = await seqOf(a.id)
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let opened: () => void = () => {}
    const open = new Promise<void>((resolve) => {
      opened = resolve
    })
    const slow = db.transaction().execute(async (trx) => {
      await sql`update product set title = 'late' where id = ${a.id}`.execute(trx)
      opened()
      await gate
    })
    await open
    const c = await catalog.createProduct(productBody({ handle: 'log-c' }))
    const now = await changeCursor(db, dialect)
    assert.ok((await changesSince(db, dialect, start, 100_000))?.seqs.includes(await seqOf(c.id)))
    release()
    await slow
    assert.ok((await changesSince(db, dialect, now, 100_000))?.seqs.includes(late))
  }
  // Over the limit, or behind the pruned floor: undefined (the caller rebuilds).
  assert.equal(await changesSince(db, dialect, start, 0), undefined)
  assert.ok((await pruneChanges(db, dialect, 1)) > 0)
  assert.equal(await changesSince(db, dialect, start, 100), undefined)
  // (On PostgreSQL a cursor taken now may still be at or below the floor while another transaction of
  // the cluster is open: that reader rebuilds once more.)
  const after = await changeCursor(db, dialect)
  if (exact) {
    await found(after, [])
    await catalog.updateProduct(a.id, { title: 'log a once more' })
    await found(after, [await seqOf(a.id)])
  }
})

test('over the memory cap the node keeps no index and searches through SQL', async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  await seedQualityCatalog(app)
  const { db, dialect } = app.backroom.database
  const resolveCategory = app.backroom.catalog.resolveCategory
  const fixed: ChangeSignal = { changed: async () => {}, version: () => 1, close: async () => {} }
  const warnings: number[] = []
  const capped = createSearch({
    db,
    dialect,
    resolveCategory,
    changes: fixed,
    indexMaxBytes: 1000,
    onIndexCapped: (bytes) => warnings.push(bytes),
  })
  const free = createSearch({ db, dialect, resolveCategory, changes: fixed })
  for (const reader of [capped, free]) {
    await reader.search({ q: 'shirt' })
    await reader.facetIndex().building
  }
  assert.equal(capped.facetIndex().built, false)
  assert.equal(capped.facetIndex().capped, true)
  assert.equal(free.facetIndex().built, true)
  assert.ok(free.facetIndex().bytes > 1000)
  await capped.search({ q: 'shirt' })
  assert.equal(warnings.length, 1)
  const [a, b] = [await capped.search({ q: 'desk lamp' }), await free.search({ q: 'desk lamp' })]
  assert.equal(a.total, b.total)
  assert.equal(a.items[0].handle, b.items[0].handle)
})

test('through the app: a product write reaches the node index as an update, not a rebuild', async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  await seedQualityCatalog(app)
  const catalog = app.backroom.catalog
  const ready = async () => {
    await app.inject({ url: '/store/search?q=lamp' })
    await catalog.facetIndex().building
    return catalog.facetIndex().built
  }
  await eventually(ready)
  assert.equal(catalog.facetIndex().last?.kind, 'build')
  const { id } = await catalog.createProduct(productBody({ handle: 'quokka-lamp', title: 'Quokka Lamp' }))
  await eventually(ready)
  assert.equal(catalog.facetIndex().last?.kind, 'apply')
  const res = await app.inject({ url: '/store/search?q=quokka' })
  assert.deepEqual(
    res.json().items.map((i: { id: string }) => i.id),
    [id],
  )
})
