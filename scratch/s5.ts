import { Kysely, SqliteDialect } from 'kysely'
import { openSqlite } from '../src/platform/db/sqlite.ts'
import { sqliteChangeSignal } from '../src/platform/db/change-signal.ts'
import { createSearch } from '../src/modules/catalog/search/engine.ts'
const database = openSqlite('bench/out/catalog-100000.db')
let sqlms = 0; const per: string[] = []
const db = new Kysely<any>({ dialect: new SqliteDialect({ database }), log: (e) => { sqlms += e.queryDurationMillis; per.push(e.queryDurationMillis.toFixed(1) + ' ' + e.query.sql.slice(0, 50).replace(/\s+/g, ' ')) } })
const search = createSearch({ db, dialect: 'sqlite', changes: sqliteChangeSignal(database.raw), resolveCategory: async (h) => ((await db.selectFrom('category').select('id').where((eb) => eb.or([eb('id', '=', h), eb('handle', '=', h)])).executeTakeFirst()) as any)?.id })
for (const q of [{ q: 'shirt' }, { q: 'linen shirt', category: 'clothing', maxPrice: 10000, inStock: true }]) {
  for (let i = 0; i < 4; i++) { sqlms = 0; per.length = 0; const t = performance.now(); await search.search(q as any); if (i === 3) console.log(JSON.stringify(q), (performance.now() - t).toFixed(1), 'sql', sqlms.toFixed(1), per) }
}
