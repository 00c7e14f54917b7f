/**
 * Issue 14: what another process (a second server process on the same SQLite file, `backroom
 * import`) or another API node writes empties this node's catalog caches only when it is a catalog
 * write. On SQLite the other process is seen through the catalog's row of `change_version`, checked
 * at most every 100 ms (the clock is faked, so "within the bound" is exact); analytics events, carts
 * and other commits leave the cached product and search answers in place. PostgreSQL notifies per
 * topic.
 */
import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { createImporter } from '../../../src/modules/catalog/import.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { eventually, headersFor, usingPostgres } from '../../helpers.ts'
import { makeProduct, staffHeaders, twoNodes } from './fixtures.ts'

const CHECK_MS = 100 // sqliteChangeSignal's default bound

async function counters(app: App) {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body
  const read = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1])
  return {
    docHits: read('catalog_document_cache_hits_total'),
    docMisses: read('catalog_document_cache_misses_total'),
    resultHits: read('catalog_result_cache_hits_total'),
    resultMisses: read('catalog_result_cache_misses_total'),
  }
}

async function title(app: App, handle: string) {
  const res = await app.inject({ method: 'GET', url: `/store/products/${handle}` })
  return res.statusCode === 200 ? (res.json() as { title: string }).title : res.statusCode
}

async function searchTitles(app: App, q: string) {
  const res = await app.inject({ method: 'GET', url: `/store/search?q=${q}` })
  assert.equal(res.statusCode, 200, res.body)
  return (res.json() as { items: { title: string }[] }).items.map((i) => i.title).sort()
}

/** Lets the reader's next look at the signal be a real check (SQLite; PostgreSQL needs no clock). */
function passCheckBound(t: TestContext) {
  if (!usingPostgres) t.mock.timers.tick(CHECK_MS)
}

test("another process: only catalog writes empty this node's caches", async (t) => {
  const { writer, reader } = await twoNodes(t)
  const staff = await staffHeaders(writer)
  const alice = await headersFor(writer, { email: 'alice-xproc@example.test' })
  const scarf = await makeProduct(writer, staff, { handle: 'wool-scarf', title: 'Wool Scarf' })
  await makeProduct(writer, staff, { handle: 'wool-hat', title: 'Wool Hat' })

  // The reader's caches fill (PostgreSQL: once the writer's notifications have arrived).
  await eventually(async () => {
    await title(reader, 'wool-scarf')
    await searchTitles(reader, 'wool')
    const before = await counters(reader)
    await title(reader, 'wool-scarf')
    await searchTitles(reader, 'wool')
    const after = await counters(reader)
    return after.docHits > before.docHits && after.resultHits > before.resultHits
  })
  if (!usingPostgres) t.mock.timers.enable({ apis: ['Date'], now: Date.now() })

  await t.test('analytics events, a cart and a search event flush do not', async () => {
    const events = await writer.inject({
      method: 'POST',
      url: '/events',
      headers: alice,
      payload: {
        events: [
          {
            type: 'product_view',
            anonymousId: 'anon_xproc_01',
            occurredAt: Date.now(),
            properties: { productId: scarf.id },
          },
        ],
      },
    })
    assert.equal(events.statusCode, 202, events.body)
    const cart = await writer.inject({ method: 'POST', url: '/carts', headers: alice, payload: { currency: 'EUR' } })
    assert.equal(cart.statusCode, 201, cart.body)
    const added = await writer.inject({
      method: 'POST',
      url: `/carts/${cart.json().cart.id}/items`,
      headers: alice,
      payload: { variantId: scarf.variants[0].id, quantity: 1 },
    })
    assert.equal(added.statusCode, 200, added.body)
    await searchTitles(writer, 'scarf') // a server-side search event…
    await writer.backroom.events.flush() // …written now

    passCheckBound(t)
    const before = await counters(reader)
    assert.equal(await title(reader, 'wool-scarf'), 'Wool Scarf')
    assert.deepEqual(await searchTitles(reader, 'wool'), ['Wool Hat', 'Wool Scarf'])
    const after = await counters(reader)
    assert.equal(after.docMisses, before.docMisses, 'the product came from memory')
    assert.equal(after.resultMisses, before.resultMisses, 'the search came from memory')
    assert.equal(after.docHits, before.docHits + 1)
    assert.equal(after.resultHits, before.resultHits + 1)
  })

  await t.test('a product update does, within the check bound', async () => {
    const res = await writer.inject({
      method: 'PATCH',
      url: `/admin/products/${scarf.id}`,
      headers: staff,
      payload: { title: 'Wool Scarf, Striped' },
    })
    assert.equal(res.statusCode, 200, res.body)
    if (usingPostgres) {
      await eventually(async () => (await title(reader, 'wool-scarf')) === 'Wool Scarf, Striped')
      await eventually(async () => (await searchTitles(reader, 'wool')).includes('Wool Scarf, Striped'))
      return
    }
    t.mock.timers.tick(CHECK_MS - 1)
    assert.equal(await title(reader, 'wool-scarf'), 'Wool Scarf', 'not checked again yet: still the cached copy')
    t.mock.timers.tick(1)
    assert.equal(await title(reader, 'wool-scarf'), 'Wool Scarf, Striped')
    assert.deepEqual(await searchTitles(reader, 'wool'), ['Wool Hat', 'Wool Scarf, Striped'])
  })

  await t.test('an import (as `backroom import` runs it) does', async () => {
    await title(reader, 'wool-socks') // a 404 is not cached; the search below is
    assert.deepEqual(await searchTitles(reader, 'socks'), [])
    const csv = 'handle,title,status,sku,stock,price_EUR\nwool-socks,Wool Socks,published,WS-1,3,900\n'
    const result = await createImporter({
      db: writer.backroom.database.db,
      catalog: writer.backroom.catalog,
    }).importText(csv, 'csv')
    assert.deepEqual(result.products, { created: 1, updated: 0 })
    if (usingPostgres) {
      await eventually(async () => (await searchTitles(reader, 'socks')).length === 1)
    } else {
      passCheckBound(t)
      assert.deepEqual(await searchTitles(reader, 'socks'), ['Wool Socks'])
    }
    assert.equal(await title(reader, 'wool-socks'), 'Wool Socks')
  })
})
