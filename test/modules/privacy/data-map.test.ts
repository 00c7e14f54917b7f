/**
 * issue 12.1: every text column of the live schema has a personal-data rule (sealed, erased, or
 * declared free of personal data) in src/modules/privacy/data-map.ts, on the database under test.
 * A new column without a rule fails here; so does a rule for a column that is gone, and a `sealed`
 * rule for a column `backroom rotate-keys` does not cover.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { CATALOG_SEARCH_INDEX, PERSONAL_DATA_RULES } from '../../../src/modules/privacy/data-map.ts'
import { testApp, usingPostgres } from '../../helpers.ts'

test('every text column has a personal-data rule', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  let columns: { table: string; column: string }[]
  if (usingPostgres) {
    const result = await sql<{ table: string; column: string }>`
      select table_name as "table", column_name as "column" from information_schema.columns
      where table_schema = current_schema()
        and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'xml', 'bytea')
      order by 1, 2`.execute(db)
    columns = result.rows
  } else {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db)
    columns = []
    for (const { name } of tables.rows) {
      if (CATALOG_SEARCH_INDEX.test(name)) continue
      const info = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})`.execute(
        db,
      )
      for (const c of info.rows) {
        // Text affinity (CHAR, CLOB, TEXT), and columns without a type (they store anything).
        if (/char|clob|text|blob|json/i.test(c.type) || c.type === '') columns.push({ table: name, column: c.name })
      }
    }
  }
  assert.ok(columns.length > 100, `read ${columns.length} text columns from the live schema`)

  const missing = columns.filter(({ table, column }) => PERSONAL_DATA_RULES[table]?.[column] === undefined)
  assert.deepEqual(
    missing.map(({ table, column }) => `${table}.${column}`),
    [],
    'text columns without a personal-data rule: add one to src/modules/privacy/data-map.ts',
  )

  const live = new Set(columns.map(({ table, column }) => `${table}.${column}`))
  const stale = Object.entries(PERSONAL_DATA_RULES).flatMap(([table, rules]) =>
    Object.keys(rules)
      .map((column) => `${table}.${column}`)
      .filter((name) => !live.has(name)),
  )
  assert.deepEqual(stale, [], 'rules for columns that do not exist')

  const registered = new Set(
    app.backroom.encryptedTables.flatMap(({ table, columns }) => columns.map((column) => `${table}.${column}`)),
  )
  const sealed = Object.entries(PERSONAL_DATA_RULES).flatMap(([table, rules]) =>
    Object.entries(rules)
      .filter(([, rule]) => rule === 'sealed')
      .map(([column]) => `${table}.${column}`),
  )
  assert.deepEqual(
    sealed.filter((name) => !registered.has(name)),
    [],
    'sealed columns that rotate-keys does not cover',
  )
  assert.deepEqual(
    [...registered].filter((name) => !sealed.includes(name)),
    [],
    'encrypted columns not ruled as sealed',
  )
})
