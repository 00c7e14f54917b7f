/**
 * The per-node cache of storefront list and search answers: what it keeps, what it refuses to keep
 * (answers that raced a write, anything while changes cannot be observed), that a cached answer is
 * the one a fresh computation gives (facets included), and that every kind of write is seen.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildApp } from '../../../src/app.ts'
import {
  type Answer,
  answerOf,
  createResultCache,
  resultKey,
} from '../../../src/modules/catalog/search/result-cache.ts'
import type { ChangeSignal } from '../../../src/platform/db/change-signal.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { eventually, testApp, testConfig, usingPostgres } from '../../helpers.ts'
import { makeCategory, makeProduct, staffHeaders, twoNodes } from './fixtures.ts'

function manualSignal() {
  let version: number | undefined = 1
  const move = () => {
    version = (version ?? 0) + 1
  }
  const signal: ChangeSignal = { changed: async () => move(), version: () => version, close: async () => {} }
  return {
    signal,
    move,
    lose: () => {
      version = undefined
    },
    regain: () => {
      version = 100
    },
  }
}

/** The answer as the routes keep it: JSON text and its ETag. */
const answer = (value: object, total?: number): Answer => answerOf(value, JSON.stringify, total)
const parsed = (a: Answer) => JSON.parse(a.body)

function counting(value: () => object) {
  let runs = 0
  return {
    runs: () => runs,
    compute: async () => {
      runs++
      return answer(value())
    },
  }
}

test('an answer is computed once and then served from memory until the version moves', async () => {
  const { signal, move } = manualSignal()
  const cache = createResultCache({ maxBytes: 1_000_000, signal })
  const c = counting(() => ({ items: [1, 2] }))
  const first = await cache.get('k', c.compute)
  assert.deepEqual(parsed(first), { items: [1, 2] })
  assert.match(first.etag, /^"[\w-]{27}"$/)
  assert.equal(await cache.get('k', c.compute), first, 'the kept answer itself: no serialising or hashing again')
  assert.equal(c.runs(), 1)
  move()
  await cache.get('k', c.compute)
  assert.equal(c.runs(), 2)
  assert.deepEqual(cache.stats(), { hits: 1, misses: 2, entries: 1, bytes: cache.stats().bytes })
})

test('an answer that raced a write is returned but not kept', async () => {
  const { signal, move } = manualSignal()
  const cache = createResultCache({ maxBytes: 1_000_000, signal })
  const stale = await cache.get('k', async () => {
    move() // a write commits while this answer is computed
    return answer({ v: 'old' })
  })
  assert.deepEqual(parsed(stale), { v: 'old' })
  const c = counting(() => ({ v: 'new' }))
  assert.deepEqual(parsed(await cache.get('k', c.compute)), { v: 'new' })
  assert.equal(c.runs(), 1)
})

test('concurrent misses of one key share one computation; a write in between starts a new one', async () => {
  const { signal, move } = manualSignal()
  const cache = createResultCache({ maxBytes: 1_000_000, signal })
  let release: () => void = () => {}
  let runs = 0
  const slow = () =>
    new Promise<Answer>((resolve) => {
      runs++
      const n = runs
      release = () => resolve(answer({ n }))
    })
  const a = cache.get('k', slow)
  const b = cache.get('k', slow)
  assert.equal(runs, 1)
  release()
  assert.deepEqual(parsed(await a), { n: 1 })
  assert.deepEqual(parsed(await b), { n: 1 })
  const c = cache.get('x', slow)
  move() // the catalog changed: a request arriving now must not get the answer started before
  const first = release
  const d = cache.get('x', slow)
  assert.equal(runs, 3)
  first()
  release()
  assert.deepEqual(parsed(await c), { n: 2 })
  assert.deepEqual(parsed(await d), { n: 3 })
})

test('a computation that fails is not kept and does not block the next one', async () => {
  const cache = createResultCache({ maxBytes: 1_000_000, signal: manualSignal().signal })
  await assert.rejects(
    cache.get('k', async () => {
      throw new Error('boom')
    }),
  )
  assert.deepEqual(parsed(await cache.get('k', async () => answer({ ok: true }))), { ok: true })
})

test('while changes cannot be observed, every request computes and nothing is kept', async () => {
  const { signal, lose, regain } = manualSignal()
  const cache = createResultCache({ maxBytes: 1_000_000, signal })
  const c = counting(() => ({ a: 1 }))
  await cache.get('k', c.compute)
  lose()
  await cache.get('k', c.compute)
  await cache.get('k', c.compute)
  assert.equal(c.runs(), 3)
  regain()
  await cache.get('k', c.compute)
  await cache.get('k', c.compute)
  assert.equal(c.runs(), 4, 'cached again once the signal is back, and only from then on')
})

test('memory is bounded in bytes; size 0 or no signal turns the cache off', async () => {
  const cache = createResultCache({ maxBytes: 20_000, signal: manualSignal().signal })
  for (let i = 0; i < 100; i++) await cache.get(`k${i}`, async () => answer({ text: 'x'.repeat(900) }))
  const { entries, bytes } = cache.stats()
  assert.ok(bytes <= 20_000, `${bytes} bytes held`)
  assert.ok(entries > 10 && entries < 25, `${entries} entries`)
  for (const off of [
    createResultCache({ maxBytes: 0, signal: manualSignal().signal }),
    createResultCache({ maxBytes: 1_000_000, signal: undefined }),
  ]) {
    const c = counting(() => ({}))
    await off.get('k', c.compute)
    await off.get('k', c.compute)
    assert.equal(c.runs(), 2)
  }
})

test('the key is the normalised request: same words and filters, same key; anything that decides the answer, another', () => {
  const key = (q: Record<string, unknown>) => resultKey('search', q, 'EUR')
  assert.equal(key({ q: '  Linen  SHIRT' }), key({ q: 'linen shirt' }))
  assert.equal(key({ q: 'café' }), key({ q: 'cafe' }))
  assert.equal(key({ q: 'x', currency: 'EUR' }), key({ q: 'x' }))
  assert.equal(key({ q: 'x', tag: ['b', 'a'] }), key({ q: 'x', tag: ['a', 'b'] }))
  assert.equal(key({ q: 'x', limit: 20 }), key({ q: 'x' }))
  assert.notEqual(key({ q: 'shirt' }), key({ q: 'shirt.' }), 'a word ended by punctuation is not a prefix')
  assert.notEqual(key({ q: 'x' }), key({ q: 'x', currency: 'USD' }))
  assert.notEqual(key({ q: 'x' }), key({ q: 'x', cursor: 'abc' }))
  assert.notEqual(key({ q: 'x' }), key({ q: 'x', limit: 5 }))
  assert.notEqual(key({ q: 'x' }), key({ q: 'x', inStock: true }))
  assert.notEqual(key({ q: 'x' }), key({ q: 'x', option: ['size:M'] }))
  assert.notEqual(key({ q: 'x' }), key({ q: 'x', sort: 'price' }))
  assert.notEqual(resultKey('list', {}, 'EUR'), resultKey('search', {}, 'EUR'))
})

// ---------------------------------------------------------------------------------------------
// Through the app

async function resultHits(app: App) {
  const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body
  return Number(/^catalog_result_cache_hits_total (\d+)/m.exec(metrics)?.[1])
}

const get = async (app: App, url: string) => {
  const res = await app.inject({ method: 'GET', url })
  assert.equal(res.statusCode, 200, res.body)
  return res.json()
}

test('cached answers equal fresh ones, and every kind of catalog write is seen at once on the writing node', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const clothing = await makeCategory(app, staff, 'clothing')
  const shirt = await makeProduct(app, staff, {
    handle: 'linen-shirt',
    title: 'Linen Shirt',
    categoryIds: [clothing.id],
    variants: [{ sku: 'LS-1', options: { colour: 'white' }, stock: 1 }],
  })
  await makeProduct(app, staff, { handle: 'oxford-shirt', title: 'Oxford Shirt', categoryIds: [clothing.id] })
  const search = '/store/search?q=shirt'
  const list = '/store/products?category=clothing&limit=20'
  // Wait until this node caches (on PostgreSQL: once its own write's notification is back).
  const first = await get(app, search)
  await eventually(async () => {
    const before = await resultHits(app)
    await get(app, search)
    return (await resultHits(app)) > before
  })
  assert.deepEqual(await get(app, search), first, 'the cached answer is the computed one, facets included')
  const firstList = await get(app, list)
  assert.deepEqual(await get(app, list), firstList)

  // A product edit.
  await app.inject({
    method: 'PATCH',
    url: `/admin/products/${shirt.id}`,
    headers: staff,
    payload: { title: 'Linen Shirt II' },
  })
  assert.equal((await get(app, search)).items.find((i: { id: string }) => i.id === shirt.id).title, 'Linen Shirt II')
  assert.equal((await get(app, list)).items.find((i: { id: string }) => i.id === shirt.id).title, 'Linen Shirt II')

  // A category rename: facet names.
  await app.inject({
    method: 'PATCH',
    url: `/admin/categories/${clothing.id}`,
    headers: staff,
    payload: { name: 'Apparel' },
  })
  assert.equal((await get(app, search)).facets.categories[0].name, 'Apparel')

  // A category created after a filter by its handle matched nothing.
  assert.deepEqual((await get(app, '/store/products?category=shirts')).items, [])
  const shirts = await makeCategory(app, staff, 'shirts')
  const moved = await app.inject({
    method: 'PATCH',
    url: `/admin/products/${shirt.id}`,
    headers: staff,
    payload: { categoryIds: [shirts.id] },
  })
  assert.equal(moved.statusCode, 200)
  assert.deepEqual(
    (await get(app, '/store/products?category=shirts')).items.map((i: { handle: string }) => i.handle),
    ['linen-shirt'],
  )

  // Stock running out through checkout's contract (not a product write), and coming back.
  const inStock = async () =>
    (await get(app, '/store/products?category=shirts&inStock=true')).items.map((i: { handle: string }) => i.handle)
  assert.deepEqual(await inStock(), ['linen-shirt'])
  const { catalog, database } = app.backroom
  const variantId = shirt.variants[0].id
  await database.db.transaction().execute(async (trx) => assert.ok(await catalog.reserveStock(trx, variantId, 1)))
  assert.deepEqual(await inStock(), [], 'sold out: gone from the in-stock page at once')
  assert.equal((await get(app, '/store/products?category=shirts')).items[0].inStock, false)
  await database.db.transaction().execute((trx) => catalog.releaseStock(trx, variantId, 1))
  assert.deepEqual(await inStock(), ['linen-shirt'])

  // A deleted product.
  await app.inject({ method: 'DELETE', url: `/admin/products/${shirt.id}`, headers: staff })
  assert.equal((await get(app, search)).total, 1)
})

test('a search answered from the cache still records its analytics event', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  await makeProduct(app, staff, { handle: 'wool-scarf', title: 'Wool Scarf' })
  await eventually(async () => {
    const before = await resultHits(app)
    await get(app, '/store/search?q=scarf')
    return (await resultHits(app)) > before
  })
  await app.backroom.events.flush() // written in batches (modules/insights/event-buffer.ts)
  const events = await app.backroom.database.db
    .selectFrom('event')
    .select(['properties'])
    .where('type', '=', 'search')
    .execute()
  assert.ok(events.length >= 2, `${events.length} search events`)
  for (const e of events) {
    const properties = typeof e.properties === 'string' ? JSON.parse(e.properties) : e.properties
    assert.deepEqual(properties, { query: 'scarf', resultCount: 1 })
  }
})

test('SEARCH_CACHE_MB=0: nothing is cached', async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  const staff = await staffHeaders(app)
  await makeProduct(app, staff, { handle: 'wool-scarf', title: 'Wool Scarf' })
  for (let i = 0; i < 3; i++) await get(app, '/store/search?q=scarf')
  assert.equal(await resultHits(app), 0)
})

test('a write by another node (or another process on the same SQLite file) reaches this node', async (t) => {
  const { writer, reader } = await twoNodes(t)
  const staff = await staffHeaders(writer)
  const product = await makeProduct(writer, staff, { handle: 'wool-scarf', title: 'Wool Scarf' })
  const titles = async () =>
    (await get(reader, '/store/search?q=scarf')).items.map((i: { title: string }) => i.title).join()
  assert.equal(await titles(), 'Wool Scarf')
  assert.equal(await titles(), 'Wool Scarf')
  await writer.inject({
    method: 'PATCH',
    url: `/admin/products/${product.id}`,
    headers: staff,
    payload: { title: 'Wool Scarf, Striped' },
  })
  await eventually(async () => (await titles()) === 'Wool Scarf, Striped')
  await writer.inject({ method: 'DELETE', url: `/admin/products/${product.id}`, headers: staff })
  await eventually(async () => (await titles()) === '')
})

test('an answer from memory is byte for byte what a node without the cache sends: JSON, ETag, 304, XML', async (t) => {
  let config = testConfig()
  if (!usingPostgres) {
    const dir = mkdtempSync(join(tmpdir(), 'backroom-results-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    config = testConfig({ database: { ...config.database, sqlitePath: join(dir, 'shop.db') } })
  }
  const cached = await buildApp(config)
  t.after(() => cached.close())
  const fresh = await buildApp({
    ...config,
    searchCacheBytes: 0,
    database: { ...config.database, migrateOnStart: false, dropSchemaOnClose: false },
  })
  t.after(() => fresh.close())
  const staff = await staffHeaders(cached)
  const clothing = await makeCategory(cached, staff, 'clothing')
  for (let i = 0; i < 7; i++) {
    await makeProduct(cached, staff, {
      handle: `linen-shirt-${i}`,
      title: `Linen Shirt ${String.fromCharCode(90 - i)}`,
      description: `A shirt in linen, number ${i}, with "quotes" & <angles>`,
      categoryIds: i % 3 ? [clothing.id] : [],
      tags: i % 2 ? ['sale'] : [],
      price: 1000 + ((i * 700) % 3000),
      stock: i === 4 ? 0 : 3,
      variants: [{ sku: `LS-${i}`, options: { size: i % 2 ? 'M' : 'L' } }],
    })
  }
  const urls = [
    '/store/products?category=clothing&limit=2',
    '/store/products?category=clothing&limit=2&sort=price',
    '/store/products?category=clothing&limit=20&sort=-price&inStock=true',
    '/store/products?category=clothing&limit=3&sort=name',
    '/store/products?limit=3&tag=sale&sort=newest',
    '/store/search?q=linen&limit=3',
    '/store/search?q=shrt&category=clothing&option=size:M',
    '/store/search?q=linen&sort=price&maxPrice=2500',
  ]
  // Both nodes answer from their text index (the SQL path before it orders equal tiers by another text score).
  for (const app of [cached, fresh]) {
    await eventually(async () => {
      await app.inject({ url: '/store/search?q=linen%20ready' })
      await app.backroom.catalog.facetIndex().building
      return app.backroom.catalog.facetIndex().built
    })
  }
  // Second pages too (their cursors come from the first).
  for (const url of urls.slice()) {
    const cursor = (await get(fresh, url)).nextCursor
    if (cursor) urls.push(`${url}&cursor=${cursor}`)
  }
  const hit = async (url: string, headers: Record<string, string> = {}) => {
    await eventually(async () => {
      const before = await resultHits(cached)
      await cached.inject({ url, headers })
      return (await resultHits(cached)) > before
    })
    return cached.inject({ url, headers })
  }
  for (const url of urls) {
    const memory = await hit(url)
    const computed = await fresh.inject({ url })
    assert.equal(memory.statusCode, 200, url)
    assert.equal(memory.body, computed.body, url)
    assert.equal(memory.headers.etag, computed.headers.etag, url)
    assert.equal(memory.headers['content-type'], computed.headers['content-type'], url)
    assert.equal(memory.headers.vary, 'Accept', url)
    const again = await cached.inject({ url, headers: { 'if-none-match': memory.headers.etag as string } })
    assert.equal(again.statusCode, 304, url)
    assert.equal(again.body, '')
    const xml = { accept: 'application/xml' }
    const memoryXml = await hit(url, xml)
    const computedXml = await fresh.inject({ url, headers: xml })
    assert.match(memoryXml.headers['content-type'] as string, /^application\/xml/, url)
    assert.equal(memoryXml.body, computedXml.body, url)
    assert.equal(memoryXml.headers.etag, computedXml.headers.etag, url)
    assert.notEqual(memoryXml.headers.etag, memory.headers.etag, 'XML has its own ETag')
  }
})
