/**
 * ChangeSignal: how a node learns that another process or node wrote. SQLite: the topic's row of
 * `change_version`, across connections to one file. PostgreSQL: LISTEN/NOTIFY, including a lost listening connection.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import {
  changeSignalMigrations,
  postgresChangeSignal,
  sqliteChangeSignal,
} from '../../src/platform/db/change-signal.ts'
import { openSqlite } from '../../src/platform/db/sqlite.ts'
import type { Database } from '../../src/platform/db/types.ts'
import { eventually, usingPostgres } from '../helpers.ts'

/** Two connections to one new SQLite file, as two processes of one shop would have: `other` also through Kysely. */
function twoConnections(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-signal-'))
  const path = join(dir, 'shop.db')
  const mine = openSqlite(path).raw
  const otherFile = openSqlite(path)
  const otherDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: otherFile }) })
  t.after(async () => {
    if (mine.isOpen) mine.close()
    await otherDb.destroy()
    rmSync(dir, { recursive: true, force: true })
  })
  return { mine, other: otherFile.raw, otherDb }
}

test("SQLite: another connection's write under the topic moves the version; any other commit does not", {
  skip: usingPostgres,
}, async (t) => {
  const { mine, other, otherDb } = twoConnections(t)
  mine.exec('create table t (x integer)')
  const unmigrated = sqliteChangeSignal(mine, 'catalog', 0)
  assert.equal(unmigrated.version(), undefined, 'without change_version nothing can be observed')
  await changeSignalMigrations['0001_change_version'].up(otherDb)

  const signal = sqliteChangeSignal(mine, 'catalog', 0)
  const elsewhere = sqliteChangeSignal(other, 'catalog', 0)
  const otherTopic = sqliteChangeSignal(other, 'orders', 0)
  const before = signal.version()
  assert.equal(typeof before, 'number')
  assert.equal(signal.version(), before, 'nothing happened: the version stays')
  other.exec('insert into t values (2)')
  assert.equal(signal.version(), before, 'a commit that touches no topic (analytics, carts) moves nothing')
  await otherDb.transaction().execute((trx) => otherTopic.changed(trx))
  assert.equal(signal.version(), before, 'nor does a write under another topic')

  await otherDb.transaction().execute(async (trx) => {
    await sql`insert into t values (3)`.execute(trx)
    await elsewhere.changed(trx)
    assert.equal(signal.version(), before, 'not before the commit')
  })
  const after = signal.version()
  assert.ok(after !== undefined && before !== undefined && after > before, 'moved once committed')
  assert.equal(signal.version(), after)

  await assert.rejects(
    otherDb.transaction().execute(async (trx) => {
      await elsewhere.changed(trx)
      throw new Error('roll back')
    }),
    /roll back/,
  )
  assert.equal(signal.version(), after, 'a rolled-back write moved nothing')
  mine.close()
  assert.equal(signal.version(), undefined, 'a closed database observes nothing')
})

test('SQLite: another process is seen at most every checkMs', { skip: usingPostgres }, async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 })
  const { mine, other, otherDb } = twoConnections(t)
  await changeSignalMigrations['0001_change_version'].up(otherDb)
  const signal = sqliteChangeSignal(mine, 'catalog', 100)
  const v0 = signal.version()
  await otherDb.transaction().execute((trx) => sqliteChangeSignal(other, 'catalog').changed(trx))
  t.mock.timers.tick(99)
  assert.equal(signal.version(), v0, 'not checked again yet')
  t.mock.timers.tick(1)
  assert.notEqual(signal.version(), v0, 'checked, and moved')
})

test("SQLite: this connection's own write moves the version at once, and again when its transaction ends", {
  skip: usingPostgres,
}, async (t) => {
  const file = openSqlite(':memory:')
  const database = file.raw
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) })
  t.after(() => db.destroy())
  await changeSignalMigrations['0001_change_version'].up(db)
  const signal = sqliteChangeSignal(database, 'catalog', 60_000)
  const v0 = signal.version() as number
  await db.transaction().execute(async (trx) => {
    await signal.changed(trx)
    assert.equal(signal.version(), undefined, 'nothing may be cached while the write is uncommitted')
  })
  const v1 = signal.version() as number
  assert.ok(v1 > v0)
  assert.equal(signal.version(), v1, "its own row does not count as another process's write")
  await signal.changed(db) // outside a transaction: committed at once
  const v2 = signal.version() as number
  assert.ok(v2 > v1)
  assert.equal((await db.selectFrom('change_version').select('version').executeTakeFirstOrThrow()).version, 2)
})

test('SQLite: a reader that asks only inside transactions sees the writing transaction end', {
  skip: usingPostgres,
}, async (t) => {
  const file = openSqlite(':memory:')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) })
  t.after(() => db.destroy())
  await changeSignalMigrations['0001_change_version'].up(db)
  const signal = sqliteChangeSignal(file.raw, 'checkout', 60_000, file.transactionsBegun)
  const v0 = signal.version() as number
  await db.transaction().execute(async (trx) => {
    await signal.changed(trx)
    assert.equal(signal.version(), undefined, 'nothing may be cached while the write is uncommitted')
  })
  // The next transaction (a checkout reading its rates) may cache again, with a version past the write.
  await db.transaction().execute(async () => {
    const v1 = signal.version() as number
    assert.ok(v1 > v0)
    assert.equal(signal.version(), v1)
  })
  // Rolled back is ended too.
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await signal.changed(trx)
      throw new Error('roll back')
    }),
  )
  await db.transaction().execute(async () => assert.notEqual(signal.version(), undefined))
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
  await eventually(() => (signal.version() ?? 0) > (v0 ?? 0))

  // This node's own write: nothing is cached until its notification comes back.
  const v1 = signal.version()
  await db.transaction().execute((trx) => signal.changed(trx))
  await eventually(() => signal.version() !== undefined && signal.version() !== v1)

  // The listening connection dies: no version (cache nothing) until it has reconnected.
  const v2 = signal.version()
  await sql`select pg_terminate_backend(pid) from pg_stat_activity
    where query = ${`LISTEN "backroom_catalog_${schema}"`}`.execute(db)
  await eventually(() => signal.version() === undefined)
  await eventually(() => signal.version() !== undefined)
  assert.notEqual(signal.version(), v2, 'whatever happened meanwhile counts as a change')
  assert.ok(errors.length >= 1, 'the loss was reported')
  // And it still hears notifications after reconnecting.
  const v3 = signal.version()
  await sql`select pg_notify(${`backroom_catalog_${schema}`}, 'another-node')`.execute(db)
  await eventually(() => (signal.version() ?? 0) > (v3 ?? 0))
})
