import { connectDatabase } from './src/platform/db/connect.ts'
import { loadConfig } from './src/platform/config.ts'
import { expandTerms } from './src/modules/catalog/search/engine.ts'
import * as s from './src/modules/catalog/search/store.ts'
import { toFts5, toTsquery } from './src/modules/catalog/search/text.ts'
const url = process.argv[2]
const config = loadConfig({ DATABASE_URL: url })
const h = await connectDatabase(config.database)
const q = process.argv[3]
for (let i = 0; i < 3; i++) {
  let t = performance.now()
  const terms = await expandTerms(h.db, q)
  const t1 = performance.now() - t
  const f: s.Filter = { currency: 'EUR', tags: [], options: new Map(), match: h.dialect === 'sqlite' ? toFts5(terms) : toTsquery(terms), maxPrice: 20000 }
  t = performance.now()
  const rows = await s.listCards(h.db, h.dialect, f, 'relevance', undefined, 21)
  const t2 = performance.now() - t
  t = performance.now()
  const facets = await s.facetCounts(h.db, h.dialect, f)
  const t3 = performance.now() - t
  console.log(JSON.stringify(terms), `expand ${t1.toFixed(1)} list ${t2.toFixed(1)} (${rows.length}) facets ${t3.toFixed(1)} (${facets.length})`)
}
await h.close()
