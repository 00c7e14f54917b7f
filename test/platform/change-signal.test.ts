/**
 * ChangeSignal: how a node learns that another process or node wrote. SQLite: `PRAGMA data_version`
 * across connections to one file. PostgreSQL: LISTEN/NOTIFY, including a lost listening connection.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { test } from 'node:test'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { postgresChangeSignal, sqliteChangeSignal } from '../../src/platform/db/change-signal.ts'
import type { Database } from '../../src/platform/db/types.ts'
import { eventually, usingPostgres } from '../helpers.ts'

test('SQLite: a commit by another connection to the same file moves the version', {
  skip: usingPostgres,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-signal-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'shop.db')
  const mine = new DatabaseSync(path)
  const other = new DatabaseSync(path)
  t.after(() => {
    if (mine.isOpen) mine.close()
    other.close()
  })
  mine.exec('PRAGMA journal_mode = WAL; create table t (x integer)')
  const signal = sqliteChangeSignal(mine, 0)
  const before = signal.version()
  assert.equal(signal.version(), before, 'nothing happened: the version stays')
  mine.exec('insert into t values (1)')
  assert.equal(signal.version(), before, 'own writes are announced with changed(), not seen in data_version')
  other.exec('insert into t values (2)')
  const after = signal.version()
  assert.ok(after !== undefined && before !== undefined && after > before)
  await signal.changed(undefined as never)
  assert.equal(signal.version(), (after ?? 0) + 1)
  mine.close()
  assert.equal(signal.version(), undefined, 'a closed database observes nothing')
})

test('PostgreSQL: a notification moves the version; a lost listener means no version until it is back', {
  skip: !usingPostgres,
}, async (t) => {
  const url = process.env.DATABASE_URL as string
  const schema = `t_${randomBytes(6).toString('hex')}`
  const errors: Error[] = []
  const signal = await postgresChangeSignal({
    url,
    schema,
    topic: 'catalog',
    quietMs: 200,
    onError: (e) => errors.push(e),
  })
  t.after(() => signal.close())
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
  })
  t.after(() => db.destroy())

  const v0 = signal.version()
  assert.equal(typeof v0, 'number')
  // Another node's write: the version moves once it commits, not before.
  await db.transaction().execute(async (trx) => {
    await sql`select pg_notify(${`backroom_catalog_${schema}`}, 'another-node')`.execute(trx)
    await new Promise((r) => setTimeout(r, 50))
    assert.equal(signal.version(), v0, 'not before the commit')
  })
  await eventually(2000, () => (signal.version() ?? 0) > (v0 ?? 0))

  // This node's own write: nothing is cached until its notification comes back.
  const v1 = signal.version()
  await db.transaction().execute((trx) => signal.changed(trx))
  await eventually(2000, () => signal.version() !== undefined && signal.version() !== v1)

  // The listening connection dies: no version (cache nothing) until it has reconnected.
  const v2 = signal.version()
  await sql`select pg_terminate_backend(pid) from pg_stat_activity
    where query = ${`LISTEN "backroom_catalog_${schema}"`}`.execute(db)
  await eventually(2000, () => signal.version() === undefined)
  await eventually(5000, () => signal.version() !== undefined)
  assert.notEqual(signal.version(), v2, 'whatever happened meanwhile counts as a change')
  assert.ok(errors.length >= 1, 'the loss was reported')
  // And it still hears notifications after reconnecting.
  const v3 = signal.version()
  await sql`select pg_notify(${`backroom_catalog_${schema}`}, 'another-node')`.execute(db)
  await eventually(2000, () => (signal.version() ?? 0) > (v3 ?? 0))
})
