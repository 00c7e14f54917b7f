import { Kysely, SqliteDialect } from 'kysely'
import { openSqlite } from '../src/platform/db/sqlite.ts'
import { sqliteChangeSignal } from '../src/platform/db/change-signal.ts'
import { createSearch } from '../src/modules/catalog/search/engine.ts'
const database = openSqlite(process.argv[2] ?? 'bench/out/catalog-100000.db')
const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) })
const search = createSearch({ db, dialect: 'sqlite', changes: sqliteChangeSignal(database.raw), resolveCategory: async (h) => ((await db.selectFrom('category').select('id').where((eb) => eb.or([eb('id', '=', h), eb('handle', '=', h)])).executeTakeFirst()) as any)?.id })
const Q = [{ q: 'shirt' }, { q: 'sh' }, { q: 'cotton' }, { q: 'wool', category: 'clothing' }, { q: 'linen shirt', category: 'clothing', maxPrice: 10000, inStock: true }, { q: 'merino', category: 'knitwear', option: ['size:M'] }, { q: 'lether boots', maxPrice: 20000 }, { q: 'waterproof jacket', option: ['colour:Navy'] }, { category: 'clothing' }]
for (const q of Q) {
  const ms: number[] = []; let r: any
  for (let i = 0; i < 5; i++) { const t = performance.now(); r = await search.search(q as any); ms.push(performance.now() - t) }
  console.log(JSON.stringify(q), r.total, ms.map((m) => m.toFixed(1)).join(' '), 'ms')
}
