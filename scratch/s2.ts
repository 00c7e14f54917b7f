import { Kysely, SqliteDialect } from 'kysely'
import { openSqlite } from '../src/platform/db/sqlite.ts'
import { createSearch } from '../src/modules/catalog/search/engine.ts'
const database = openSqlite(process.argv[2] ?? 'bench/out/catalog-100000.db')
const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) })
const search = createSearch({ db, dialect: 'sqlite', resolveCategory: async (h) => ((await db.selectFrom('category').select('id').where((eb) => eb.or([eb('id', '=', h), eb('handle', '=', h)])).executeTakeFirst()) as any)?.id })
for (const q of [{ category: 'clothing' }, {}, { q: 'shirt' }, { q: 'blue' }, { q: 'sh' }]) {
  let ms = 0, r: any
  for (let i = 0; i < 3; i++) { const t = performance.now(); r = await search.search(q as any); ms = performance.now() - t }
  console.log(JSON.stringify(q), r.total, ms.toFixed(1), 'ms')
}
