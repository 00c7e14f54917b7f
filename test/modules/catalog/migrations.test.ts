/**
 * Migration 0210 fills the new low-weight search text (category names with ancestors, option values)
 * of products written before it, and the full-text index and the typo vocabulary know those words.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { catalogMigrations } from '../../../src/modules/catalog/migrations.ts'
import { connectDatabase } from '../../../src/platform/db/connect.ts'
import { migrateToLatest } from '../../../src/platform/db/migrate.ts'
import { testConfig } from '../../helpers.ts'

test('0210_catalog_search_fields backfills category names, ancestors and option values', async (t) => {
  const config = testConfig()
  const handle = await connectDatabase({ ...config.database, dropSchemaOnClose: true })
  t.after(() => handle.close())
  const db = handle.db as unknown as Kysely<any>
  const { '0210_catalog_search_fields': _, ...before } = catalogMigrations
  await migrateToLatest(db, before, config.database.schema)

  const times = { created_at: 0, updated_at: 0 }
  await db
    .insertInto('category')
    .values([
      {
        id: 'cat_home',
        parent_id: null,
        handle: 'home',
        name: 'Home & Garden',
        path: '/cat_home/',
        position: 0,
        ...times,
      },
      {
        id: 'cat_lamps',
        parent_id: 'cat_home',
        handle: 'lamps',
        name: 'Lámps',
        path: '/cat_home/cat_lamps/',
        position: 0,
        ...times,
      },
    ])
    .execute()
  for (const [seq, id, title] of [
    [1, 'prod_a', 'Glass Globe'],
    [2, 'prod_b', 'Plain Thing'],
  ] as const) {
    await db
      .insertInto('product')
      .values({
        seq,
        id,
        handle: id,
        title,
        description: '',
        status: 'published',
        attributes: '{}',
        tags: '[]',
        images: '[]',
        category_ids: '[]',
        published_at: 0,
        ...times,
      })
      .execute()
    await db
      .insertInto('product_search')
      .values({
        seq,
        product_id: id,
        search_a: title.toLowerCase(),
        search_b: '',
        search_c: '',
        search_d: 'zzs7075626c6973686564',
      })
      .execute()
  }
  await db
    .insertInto('product_category')
    .values([
      { product_id: 'prod_a', category_id: 'cat_home', direct: 0 },
      { product_id: 'prod_a', category_id: 'cat_lamps', direct: 1 },
    ])
    .execute()
  await db.insertInto('product_option').values({ product_id: 'prod_a', name: 'colour', value: 'Grey' }).execute()

  const report = await migrateToLatest(db, catalogMigrations, config.database.schema)
  assert.deepEqual(report.applied, ['0210_catalog_search_fields'])

  const rows = await db.selectFrom('product_search').select(['product_id', 'search_e']).orderBy('seq').execute()
  assert.deepEqual(
    rows.map((r) => ({ ...r })),
    [
      { product_id: 'prod_a', search_e: 'home garden lamps grey' },
      { product_id: 'prod_b', search_e: '' },
    ],
  )
  const facets = await db.selectFrom('product').select(['id', 'facets']).orderBy('seq').execute()
  assert.deepEqual(
    facets.map((r) => JSON.parse(r.facets).w),
    [2, 2],
  )
  const vocabulary = await db
    .selectFrom('search_word')
    .select('word')
    .where('word', 'in', ['garden', 'lamps', 'grey'])
    .execute()
  assert.equal(vocabulary.length, 3)
  const found = async (word: string) =>
    handle.dialect === 'sqlite'
      ? (
          await sql<{
            seq: number
          }>`select rowid as seq from product_fts where product_fts match ${`{search_e} : "${word}"`}`.execute(db)
        ).rows
      : (
          await sql<{
            seq: number
          }>`select seq from product_search where search_vector @@ to_tsquery('simple', ${`${word}:D`})`.execute(db)
        ).rows
  assert.deepEqual(
    (await found('garden')).map((r) => Number(r.seq)),
    [1],
  )
  assert.deepEqual(
    (await found('grey')).map((r) => Number(r.seq)),
    [1],
  )
  assert.deepEqual(
    (await found('globe')).map((r) => Number(r.seq)),
    [],
    'title words are not in the low-weight field',
  )
})
