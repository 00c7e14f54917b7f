/**
 * `node --expose-gc bench/search-index-memory.ts`: the heap the per-node facet and text index
 * (src/modules/catalog/search/facets.ts, text-index.ts) holds for an already seeded catalog, and how
 * long building it takes. Builds the app with the result cache off, measures the heap (V8 heap plus
 * ArrayBuffers, after a full GC), asks one search (which starts the build), waits for the build,
 * measures again. Prints the difference and the text part's own estimate (textIndexBytes). Open a
 * COPY of a benchmark database: migrations run on start.
 *
 *   node --expose-gc bench/search-index-memory.ts [--db sqlite:/tmp/catalog-10000.db | postgres://…]
 */

import { parseArgs } from 'node:util'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/platform/config.ts'
import { inProcessSearchEnv } from './server-env.ts'

const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite:/tmp/catalog-10000.db' } } })
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')

const app = await buildApp(loadConfig(inProcessSearchEnv(values.db)))
await app.ready()
const heap = () => {
  gc()
  gc()
  const m = process.memoryUsage()
  if (process.env.MEM_DEBUG) console.log(m)
  return m.heapUsed + m.arrayBuffers
}
// One list page first (a search would start the build), then measure.
await app.inject({ url: '/store/products?limit=1' })
const state = app.backroom.catalog.facetIndex()
if (state.built) throw new Error('the index was built before the first measurement; the figure would be 0')
const before = heap()
const started = performance.now()
await app.inject({ url: '/store/search?q=shirt' })
await app.backroom.catalog.facetIndex().building
const buildMs = performance.now() - started
if (!app.backroom.catalog.facetIndex().built) throw new Error('the index was not built (a write raced it?)')
const after = heap()
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1)
console.log(
  `${values.db}: facet + text index ${mb(after - before)} MB of heap (text part, estimated: ${mb(app.backroom.catalog.facetIndex().textBytes)} MB); built in ${buildMs.toFixed(0)} ms`,
)
await app.close()
