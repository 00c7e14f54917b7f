/**
 * Issue 11: a storefront search never waits for a write transaction. Search reads are raw SQL
 * (search/store.ts: `searchHits` before the node's index is built, `cardsBySeqs` once it answers from
 * the index); on a SQLite file they go to the read connection like query-builder selects
 * (platform/db/sqlite-read-write.ts), so a search answers while a transaction holds the writer. Here
 * the search is sent from inside that transaction: had it gone to the writer, it would wait for the
 * transaction, which waits for it (the timeout turns that deadlock into a failure).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildApp } from '../../../src/app.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { testConfig, usingPostgres } from '../../helpers.ts'
import { makeProduct, staffHeaders } from './fixtures.ts'

async function searchTitles(app: App, q: string) {
  const res = await app.inject({ method: 'GET', url: `/store/search?q=${q}` })
  assert.equal(res.statusCode, 200, res.body)
  return (res.json() as { items: { title: string }[] }).items.map((i) => i.title).sort()
}

test('a storefront search answers while a write transaction is open', { timeout: 60_000 }, async (t) => {
  let config = testConfig()
  if (!usingPostgres) {
    const dir = mkdtempSync(join(tmpdir(), 'backroom-search-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    config = testConfig({ database: { ...config.database, sqlitePath: join(dir, 'shop.db') } })
  }
  const app = await buildApp(config)
  t.after(() => app.close())
  const staff = await staffHeaders(app)
  await makeProduct(app, staff, { handle: 'wool-scarf', title: 'Wool Scarf' })
  await makeProduct(app, staff, { handle: 'wool-hat', title: 'Wool Hat' })
  await makeProduct(app, staff, { handle: 'linen-shirt', title: 'Linen Shirt' })
  const { db } = app.backroom.database
  const { catalog } = app.backroom
  /** Searches for `q` while a transaction holds the writer (it has written a row). */
  const searchDuringWrite = (q: string) =>
    db.transaction().execute(async (trx) => {
      await trx
        .insertInto('job_lock')
        .values({ name: `held-${q}`, held_at: 0 })
        .execute()
      return searchTitles(app, q)
    })

  assert.equal(catalog.facetIndex().built, false)
  assert.deepEqual(await searchDuringWrite('wool'), ['Wool Hat', 'Wool Scarf']) // from SQL (searchHits)
  await catalog.facetIndex().building
  assert.equal(catalog.facetIndex().built, true)
  assert.deepEqual(await searchDuringWrite('shirt'), ['Linen Shirt']) // from the index (cardsBySeqs)
})
