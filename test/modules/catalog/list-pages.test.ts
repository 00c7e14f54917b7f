/**
 * Category list pages (issue 14): every sort walks the category's own index (category_listing by
 * newest or name, category_price by price), pinned with EXPLAIN on both databases, and the pages are
 * exactly what the catalog holds (checked against plain SQL), through writes that change them.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CompiledQuery, sql } from 'kysely'
import { listCardsQuery, type Order } from '../../../src/modules/catalog/search/store.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { seedDemoData } from '../../../src/seed.ts'
import { testApp, usingPostgres } from '../../helpers.ts'
import { staffHeaders } from './fixtures.ts'

const SORTS: Order[] = ['newest', 'name', 'price', '-price']
/** The index each sort of a category page walks. */
const WALKS: Record<Exclude<Order, 'relevance'>, { table: string; alias: string; index: RegExp }> = {
  newest: { table: 'category_listing', alias: 'cl', index: /category_listing_pk|PRIMARY KEY/ },
  name: { table: 'category_listing', alias: 'cl', index: /category_listing_name/ },
  price: { table: 'category_price', alias: 'cp', index: /category_price_pk|sqlite_autoindex_category_price/ },
  '-price': { table: 'category_price', alias: 'cp', index: /category_price_pk|sqlite_autoindex_category_price/ },
}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  Plans?: PlanNode[]
}
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)]
}

async function explain(app: App, query: { sql: string; parameters: readonly unknown[] }): Promise<string[]> {
  const db = app.backroom.database.db
  if (usingPostgres) {
    const result = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
    )
    return nodes(result.rows[0]['QUERY PLAN'][0].Plan).map((n) =>
      `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`.trim(),
    )
  }
  const result = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
  )
  return result.rows.map((r) => r.detail)
}

test('every sort of a category page walks that category’s index, on both databases', async (t) => {
  const app = await testApp(t)
  await seedDemoData(app, { products: 1500 })
  const db = app.backroom.database.db
  await sql`analyze`.execute(db) // the planner's statistics, as a live catalog has them
  const dialect = app.backroom.database.dialect
  for (const handle of ['clothing', 'watches']) {
    const categoryId = await app.backroom.catalog.resolveCategory(handle)
    assert.ok(categoryId)
    for (const order of SORTS) {
      for (const inStock of [false, true]) {
        const filter = { currency: 'EUR', categoryId, inStock, tags: [], options: new Map() }
        const plan = await explain(app, listCardsQuery(dialect, filter, order, undefined, 21).compile(db))
        const label = `${handle} ${order}${inStock ? ' inStock' : ''}:\n  ${plan.join('\n  ')}`
        const walk = WALKS[order as keyof typeof WALKS]
        if (usingPostgres) {
          assert.ok(!plan.some((l) => /^(Sort|Incremental Sort)/.test(l)), `no sort: ${label}`)
          assert.ok(!plan.some((l) => /^Seq Scan/.test(l)), `no sequential scan: ${label}`)
          assert.ok(
            plan.some((l) => l.startsWith('Index') && l.includes(walk.table) && walk.index.test(l)),
            `walks ${walk.table}: ${label}`,
          )
        } else {
          assert.ok(!plan.some((l) => /TEMP B-TREE/.test(l)), `no sort: ${label}`)
          assert.ok(!plan.some((l) => /^SCAN /.test(l)), `no full scan: ${label}`)
          // The walk comes first; products are then read by id, one per card.
          assert.match(plan[0], new RegExp(`^SEARCH ${walk.alias} USING .*(${walk.index.source})`), label)
          assert.ok(
            plan.some((l) => /^SEARCH p USING INDEX sqlite_autoindex_product_\d \(id=\?\)/.test(l)),
            label,
          )
        }
      }
    }
  }
})

/** The published products of a category in a sort's order, straight from the tables. */
async function expected(app: App, categoryId: string, order: Order, inStock: boolean): Promise<string[]> {
  const db = app.backroom.database.db
  const rows = await db
    .selectFrom('product as p')
    .innerJoin('product_category as pc', 'pc.product_id', 'p.id')
    .leftJoin('product_price as pp', (j) => j.onRef('pp.product_id', '=', 'p.id').on('pp.currency', '=', 'EUR'))
    .select(['p.id', 'p.handle', 'p.title', 'p.created_at', 'pp.min_amount'])
    .select(sql<number>`(select count(*) from variant v where v.product_id = p.id and v.stock > 0)`.as('stocked'))
    .where('pc.category_id', '=', categoryId)
    .where('p.status', '=', 'published')
    .execute()
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const list = rows.filter((r) => !inStock || Number(r.stocked) > 0)
  const priced = list.filter((r) => r.min_amount !== null)
  const sorted = {
    newest: () => [...list].sort((a, b) => Number(b.created_at) - Number(a.created_at) || -byId(a, b)),
    name: () => [...list].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : byId(a, b))),
    price: () => [...priced].sort((a, b) => Number(a.min_amount) - Number(b.min_amount) || byId(a, b)),
    '-price': () => [...priced].sort((a, b) => Number(b.min_amount) - Number(a.min_amount) || -byId(a, b)),
    relevance: () => [],
  }[order]()
  return sorted.map((r) => r.handle)
}

async function walkPages(app: App, handle: string, order: Order, inStock: boolean): Promise<string[]> {
  const seen: string[] = []
  let url = `/store/products?category=${handle}&sort=${order}&limit=7${inStock ? '&inStock=true' : ''}`
  for (let guard = 0; guard < 200; guard++) {
    const res = await app.inject({ url })
    assert.equal(res.statusCode, 200, res.body)
    const page = res.json()
    seen.push(...page.items.map((p: { handle: string }) => p.handle))
    if (!page.nextCursor) return seen
    url = `/store/products?category=${handle}&sort=${order}&limit=7${inStock ? '&inStock=true' : ''}&cursor=${page.nextCursor}`
  }
  throw new Error('too many pages')
}

test('category pages list exactly the published products, in order, through writes', async (t) => {
  const app = await testApp(t, { searchCacheBytes: 0 })
  await seedDemoData(app, { products: 120 })
  const staff = await staffHeaders(app)
  const check = async (when: string) => {
    for (const handle of ['clothing', 'shirts', 'home']) {
      const categoryId = (await app.backroom.catalog.resolveCategory(handle)) as string
      for (const order of SORTS) {
        for (const inStock of [false, true]) {
          const want = await expected(app, categoryId, order, inStock)
          assert.deepEqual(await walkPages(app, handle, order, inStock), want, `${when}: ${handle} ${order} ${inStock}`)
        }
      }
    }
  }
  await check('seeded')
  // A rename, a product taken down, one deleted, one moved to another category.
  const clothing = (await app.inject({ url: '/store/products?category=clothing&limit=4' })).json().items
  const ids = await Promise.all(
    clothing.map(async (c: { handle: string }) => {
      const found = await app.backroom.database.db
        .selectFrom('product')
        .select('id')
        .where('handle', '=', c.handle)
        .executeTakeFirstOrThrow()
      return found.id
    }),
  )
  const patch = (id: string, payload: object) =>
    app.inject({ method: 'PATCH', url: `/admin/products/${id}`, headers: staff, payload })
  assert.equal((await patch(ids[0], { title: 'Aaa First By Name' })).statusCode, 200)
  assert.equal((await patch(ids[1], { status: 'draft' })).statusCode, 200)
  assert.equal(
    (await app.inject({ method: 'DELETE', url: `/admin/products/${ids[2]}`, headers: staff })).statusCode,
    204,
  )
  const home = await app.backroom.catalog.resolveCategory('home')
  assert.equal((await patch(ids[3], { categoryIds: [home] })).statusCode, 200)
  await check('after writes')
  assert.equal((await patch(ids[1], { status: 'published' })).statusCode, 200)
  await check('republished')
})
