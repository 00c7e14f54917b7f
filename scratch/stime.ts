import { Kysely, SqliteDialect } from 'kysely'
import { openSqlite } from '../src/platform/db/sqlite.ts'
import { createSearch } from '../src/modules/catalog/search/engine.ts'
const database = openSqlite(process.argv[2] ?? 'bench/out/catalog-100000.db')
const times = new Map<string, number[]>()
const db = new Kysely<any>({ dialect: new SqliteDialect({ database }), log: (e) => { if (e.level === 'query') { const k = e.query.sql.replace(/\s+/g, ' ').slice(0, 90); (times.get(k) ?? times.set(k, []).get(k)!).push(e.queryDurationMillis) } } })
const search = createSearch({ db, dialect: 'sqlite', resolveCategory: async (h) => ((await db.selectFrom('category').select('id').where((eb) => eb.or([eb('id', '=', h), eb('handle', '=', h)])).executeTakeFirst()) as any)?.id })
const Q = [
  { q: 'linen shirt', category: 'clothing', maxPrice: 10000, inStock: true },
  { q: 'merino', category: 'knitwear', option: ['size:M'] },
  { q: 'lether boots', maxPrice: 20000 },
  { q: 'stonewar mu', category: 'kitchen', inStock: true },
  { q: 'canvas back', tag: ['eco'] },
  { q: 'waterproof jacket', option: ['colour:Navy'] },
]
for (let round = 0; round < 3; round++) for (const q of Q) { times.clear(); const t = performance.now(); const r = await search.search(q as any); const ms = performance.now() - t; if (round === 2) { console.log(`\n${JSON.stringify(q)} total=${r.total} ${ms.toFixed(1)} ms`); for (const [k, v] of times) console.log('  ', v.map((x) => x.toFixed(2)).join(','), k) } }
