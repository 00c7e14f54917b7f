import { Kysely, SqliteDialect } from 'kysely'
import { openSqlite } from '../src/platform/db/sqlite.ts'
import * as store from '../src/modules/catalog/search/store.ts'
import { countFacets } from '../src/modules/catalog/search/engine.ts'
const database = openSqlite('bench/out/catalog-100000.db')
const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) })
const cat = (await db.selectFrom('category').select('id').where('handle', '=', 'clothing').executeTakeFirst())!.id
for (const f of [{ match: '{search_a search_b search_c} : (shirt)' }, { match: '{search_a search_b search_c} : (sh*)' }, { categoryId: cat }, {}]) {
  const filter = { currency: 'EUR', tags: [], options: new Map(), ...f } as any
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now(); const hits = await store.searchHits(db, 'sqlite', filter); const t1 = performance.now()
    countFacets(hits, 'EUR'); const t2 = performance.now()
    hits.sort((a, b) => b.rank - a.rank || (a.id < b.id ? 1 : -1)); const t3 = performance.now()
    if (i === 2) console.log(JSON.stringify(f).slice(0, 50), hits.length, 'sql', (t1 - t0).toFixed(1), 'facets', (t2 - t1).toFixed(1), 'sort', (t3 - t2).toFixed(1))
  }
}
