/**
 * The per-node storefront document cache: what it keeps, what it refuses to keep, and that every
 * write is seen at once on the writing node and soon on another node (another process on the same
 * SQLite file, another API node on the same PostgreSQL).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createDocumentCache, type StoredDocument } from '../../../src/modules/catalog/document-cache.ts'
import type { ChangeSignal } from '../../../src/platform/db/change-signal.ts'
import type { Db } from '../../../src/platform/db/types.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { eventually, testApp } from '../../helpers.ts'
import { makeProduct, staffHeaders, twoNodes } from './fixtures.ts'

/** A signal whose version the test moves by hand. */
function manualSignal() {
  let version: number | undefined = 1
  const move = () => {
    version = (version ?? 0) + 1
  }
  const signal: ChangeSignal = { changed: async () => move(), version: () => version, close: async () => {} }
  const lose = () => {
    version = undefined
  }
  const regain = () => {
    version = 100
  }
  return { signal, move, lose, regain }
}

function countingReader(docs: Record<string, string>) {
  const reads: string[] = []
  const read = async (handle: string): Promise<StoredDocument | undefined> => {
    reads.push(handle)
    const doc = docs[handle]
    return doc === undefined ? undefined : { doc, etag: `"${doc.length}"` }
  }
  return { reads, read }
}

test('a document is read once and then served from memory until the version moves', async () => {
  const { signal, move } = manualSignal()
  const cache = createDocumentCache({ maxBytes: 1_000_000, signal })
  const { reads, read } = countingReader({ a: '{"title":"A"}' })
  assert.equal((await cache.get('a', read))?.doc, '{"title":"A"}')
  assert.equal((await cache.get('a', read))?.doc, '{"title":"A"}')
  assert.deepEqual(reads, ['a'])
  move()
  await cache.get('a', read)
  assert.deepEqual(reads, ['a', 'a'])
  assert.deepEqual(cache.stats(), { hits: 1, misses: 2, entries: 1, bytes: cache.stats().bytes })
})

test('a handle that is not there is not remembered', async () => {
  const cache = createDocumentCache({ maxBytes: 1_000_000, signal: manualSignal().signal })
  const { reads, read } = countingReader({})
  assert.equal(await cache.get('gone', read), undefined)
  assert.equal(await cache.get('gone', read), undefined)
  assert.deepEqual(reads, ['gone', 'gone'])
})

test('a read that raced a write is returned but not kept', async () => {
  const { signal, move } = manualSignal()
  const cache = createDocumentCache({ maxBytes: 1_000_000, signal })
  const slow = async (): Promise<StoredDocument> => {
    move() // a write commits while this read is in flight
    return { doc: '{"title":"old"}', etag: '"old"' }
  }
  assert.equal((await cache.get('a', slow))?.doc, '{"title":"old"}')
  const { reads, read } = countingReader({ a: '{"title":"new"}' })
  assert.equal((await cache.get('a', read))?.doc, '{"title":"new"}')
  assert.deepEqual(reads, ['a'])
})

test('while changes cannot be observed, every read goes to the database and nothing is kept', async () => {
  const { signal, lose, regain } = manualSignal()
  const cache = createDocumentCache({ maxBytes: 1_000_000, signal })
  const { reads, read } = countingReader({ a: '{"title":"A"}' })
  await cache.get('a', read)
  lose()
  await cache.get('a', read)
  await cache.get('a', read)
  assert.equal(reads.length, 3)
  regain()
  await cache.get('a', read)
  await cache.get('a', read)
  assert.equal(reads.length, 4, 'cached again once the signal is back, and only from then on')
})

test('memory is bounded: the least recently used documents go first', async () => {
  const docs: Record<string, string> = {}
  for (let i = 0; i < 100; i++) docs[`p${i}`] = `{"title":"${'x'.repeat(900)}"}`
  const cache = createDocumentCache({ maxBytes: 20_000, signal: manualSignal().signal })
  const { reads, read } = countingReader(docs)
  for (let i = 0; i < 100; i++) await cache.get(`p${i}`, read)
  const { entries, bytes } = cache.stats()
  assert.ok(bytes <= 20_000, `${bytes} bytes held`)
  assert.ok(entries > 10 && entries < 25, `${entries} entries`)
  await cache.get('p99', read)
  await cache.get('p0', read)
  assert.deepEqual(reads.slice(100), ['p0'], 'the newest is still there, the oldest was evicted')
})

test('size 0 turns the cache off', async () => {
  const cache = createDocumentCache({ maxBytes: 0, signal: manualSignal().signal })
  const { reads, read } = countingReader({ a: '{}' })
  await cache.get('a', read)
  await cache.get('a', read)
  assert.equal(reads.length, 2)
  await cache.changed(undefined as unknown as Db) // still tells the signal; no error without a cache
})

// ---------------------------------------------------------------------------------------------
// Through the app

async function title(app: App, handle: string) {
  const res = await app.inject({ method: 'GET', url: `/store/products/${handle}` })
  return res.statusCode === 200 ? (res.json() as { title: string }).title : res.statusCode
}

test('every write is seen at once by the next GET on the writing node', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const product = await makeProduct(app, staff, { handle: 'linen-shirt', title: 'Linen Shirt' })
  const first = await app.inject({ method: 'GET', url: '/store/products/linen-shirt' })
  assert.equal(first.json().title, 'Linen Shirt')
  assert.equal(await title(app, 'linen-shirt'), 'Linen Shirt') // from memory (PostgreSQL: once the write's notification is back)

  const patch = (payload: object) =>
    app.inject({ method: 'PATCH', url: `/admin/products/${product.id}`, headers: staff, payload })
  assert.equal((await patch({ title: 'Linen Shirt II' })).statusCode, 200)
  const second = await app.inject({ method: 'GET', url: '/store/products/linen-shirt' })
  assert.equal(second.json().title, 'Linen Shirt II')
  assert.notEqual(second.headers.etag, first.headers.etag)

  assert.equal((await patch({ handle: 'linen-shirt-2' })).statusCode, 200)
  assert.equal(await title(app, 'linen-shirt'), 404, 'the old handle is gone at once')
  assert.equal(await title(app, 'linen-shirt-2'), 'Linen Shirt II')
  assert.equal((await patch({ status: 'archived' })).statusCode, 200)
  assert.equal(await title(app, 'linen-shirt-2'), 404, 'archived: no longer on the storefront')
  assert.equal((await patch({ status: 'published' })).statusCode, 200)
  assert.equal(await title(app, 'linen-shirt-2'), 'Linen Shirt II')
  const deleted = await app.inject({ method: 'DELETE', url: `/admin/products/${product.id}`, headers: staff })
  assert.equal(deleted.statusCode, 204)
  assert.equal(await title(app, 'linen-shirt-2'), 404)

  const hits = async () => {
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body
    return Number(/^catalog_document_cache_hits_total (\d+)/m.exec(metrics)?.[1])
  }
  await makeProduct(app, staff, { handle: 'linen-shirt-3' })
  const before = await hits()
  await eventually(async () => {
    await title(app, 'linen-shirt-3')
    return (await hits()) > before
  })
})

test('a write by another node (or another process on the same SQLite file) reaches this node', async (t) => {
  const { writer, reader } = await twoNodes(t)

  const staff = await staffHeaders(writer)
  const product = await makeProduct(writer, staff, { handle: 'wool-scarf', title: 'Wool Scarf' })
  assert.equal(await title(reader, 'wool-scarf'), 'Wool Scarf')
  assert.equal(await title(reader, 'wool-scarf'), 'Wool Scarf') // cached on the reader now

  const res = await writer.inject({
    method: 'PATCH',
    url: `/admin/products/${product.id}`,
    headers: staff,
    payload: { title: 'Wool Scarf, Striped' },
  })
  assert.equal(res.statusCode, 200)
  const took = await eventually(async () => (await title(reader, 'wool-scarf')) === 'Wool Scarf, Striped')
  t.diagnostic(`seen by the other node after ${took} ms`)

  await writer.inject({ method: 'DELETE', url: `/admin/products/${product.id}`, headers: staff })
  await eventually(async () => (await title(reader, 'wool-scarf')) === 404)
})
