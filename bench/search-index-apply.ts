/**
 * `node bench/search-index-apply.ts`: what a catalog write costs the node's search index
 * (src/modules/catalog/search/facets.ts, text-index.ts): the full build, then applying a 1-product
 * price change, a 1-product title change (every posting is scored again: the mean title length moved)
 * and a 1,000-product text change (`--many`), each read from the change log (search/change-log.ts).
 * Wall time and the process's CPU time (every thread: the SQLite read worker included) of each step,
 * the writes themselves not counted. Open a COPY of a benchmark database: it writes to it (and
 * migrations run on start).
 *
 *   node bench/search-index-apply.ts [--db sqlite:/tmp/catalog-10000.db | postgres://…] [--many 1000]
 */

import { parseArgs } from 'node:util'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/platform/config.ts'
import { inProcessSearchEnv } from './server-env.ts'

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite:/tmp/catalog-10000.db' },
    many: { type: 'string', default: '1000' },
  },
})
const app = await buildApp(loadConfig(inProcessSearchEnv(values.db)))
await app.ready()
const catalog = app.backroom.catalog

/** Starts the index's move to the current version with one search and waits for it. */
async function step(label: string) {
  const cpu = process.cpuUsage()
  const started = performance.now()
  // The search starts the move (and is answered by SQL meanwhile): a word no product holds, so that
  // answer costs little beside the index's work.
  const search = app.inject({ url: '/store/search?q=qqxqzz' })
  for (let i = 0; i < 1000 && !catalog.facetIndex().building; i++) await new Promise((r) => setImmediate(r))
  await catalog.facetIndex().building
  await search
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  const state = catalog.facetIndex()
  if (!state.built) throw new Error(`${label}: the index is not at the current version (a write raced it?)`)
  console.log(
    `${label}: ${state.last?.kind} of ${state.last?.products} products: ${state.last?.ms} ms from start to end` +
      (state.last?.applyMs === undefined ? '' : ` (laying out: ${state.last.applyMs.toFixed(0)} ms CPU)`) +
      `; with the (cheap) search that started it ${ms.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU of the process; index ${(state.bytes / 1_048_576).toFixed(1)} MB (estimate)`,
  )
}

await step('full build')
const { db } = app.backroom.database
const ids = (await db.selectFrom('product').select('id').orderBy('seq').limit(Number(values.many)).execute()).map(
  (r) => r.id,
)
const first = await catalog.getAdminProduct(ids[0])
await catalog.updateProduct(ids[0], {
  variants: first.variants.map((v) => ({
    sku: v.sku,
    options: v.options,
    stock: v.stock,
    prices: v.prices.map((p) => ({ currency: p.currency, amount: p.amount + 1 })),
  })),
})
await step('1 product, price')
await catalog.updateProduct(ids[0], { title: `${first.title} renamed` })
await step('1 product, title')
for (const [i, id] of ids.entries()) await catalog.updateProduct(id, { description: `edited ${i} ${first.title}` })
await step(`${ids.length} products, description`)
await app.close()
