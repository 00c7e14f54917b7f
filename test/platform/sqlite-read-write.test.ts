/**
 * SQLite on a file: reads outside a transaction (query-builder selects and raw SQL that only reads) use
 * their own connection and never wait for the writer (platform/db/sqlite-read-write.ts); transactions
 * and writes still run one at a time, and wait for another connection's write lock on a timer, with
 * the event loop running, failing after the bound as busy_timeout did.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { changeSignalMigrations } from '../../src/platform/db/change-signal.ts'
import { directKysely } from '../../src/platform/db/direct-kysely.ts'
import { openSqlite } from '../../src/platform/db/sqlite.ts'
import { type ReadWriteDriver, readsOnly, SqliteReadWriteDialect } from '../../src/platform/db/sqlite-read-write.ts'
import { sqliteFileDatabase } from '../support/sqlite-file.ts'

test('readsOnly: only statements that cannot write go to the reader', () => {
  for (const text of [
    'select 1',
    '  SELECT * from t',
    '-- a comment\n/* another */ select 1',
    'values (1), (2)',
    'with x as (select 1 as v) select v from x',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n',
    'explain query plan select * from t',
  ]) {
    assert.equal(readsOnly(text), true, text)
  }
  for (const text of [
    'insert into t values (1)',
    'update t set n = 1',
    'delete from t',
    'replace into t values (1)',
    'with x as (select 1 as v) insert into t select v from x',
    'with x as (select 1 as v) update t set n = (select v from x)',
    'with x as (select 1 as v) delete from t where n in (select v from x)',
    'pragma wal_checkpoint(TRUNCATE)',
    'begin',
    'create table u (id integer)',
    '(select 1)',
    '/* unterminated select 1',
    'explain query plan insert into t values (1)',
    'select total_changes() as n', // the writer's count is the one asked for
    'select changes ()',
    'SELECT last_insert_rowid()',
    'selectx', // not a word we know
    '',
  ]) {
    assert.equal(readsOnly(text), false, text)
  }
})

test('SQLite file: a reader beside the writer', async (t) => {
  const handle = await sqliteFileDatabase(t, 'rw')
  const { path } = handle
  const db = handle.db as unknown as Kysely<{ counter: { id: number; n: number } }>
  await sql`create table counter (id integer primary key, n integer not null)`.execute(db)
  await db.insertInto('counter').values({ id: 1, n: 0 }).execute()
  const current = async () =>
    (await db.selectFrom('counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow()).n

  await t.test('a read during an open transaction answers at once and sees only committed data', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('counter').set({ n: 100 }).where('id', '=', 1).execute()
      // On one connection this read would wait for the transaction it runs inside: a deadlock.
      assert.equal(await current(), 0)
      assert.equal((await trx.selectFrom('counter').select('n').executeTakeFirstOrThrow()).n, 100)
    })
    assert.equal(await current(), 100)
  })

  await t.test('transactions still run one at a time (read-modify-write stays exact)', async () => {
    await db.updateTable('counter').set({ n: 0 }).execute()
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction().execute(async (trx) => {
          const { n } = await trx.selectFrom('counter').select('n').executeTakeFirstOrThrow()
          await new Promise((resolve) => setImmediate(resolve)) // let the others try to interleave
          await trx
            .updateTable('counter')
            .set({ n: n + 1 })
            .execute()
        }),
      ),
    )
    assert.equal(await current(), 20)
  })

  await t.test('a raw read during an open transaction answers at once and sees only committed data', async () => {
    await db.updateTable('counter').set({ n: 0 }).execute()
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('counter').set({ n: 100 }).where('id', '=', 1).execute()
      // On the writer it would wait for the transaction it runs inside: it must not need to.
      let answered: number | undefined
      const read = sql<{ n: number }>`/* a search */ select n from counter where id = 1`.execute(db).then((r) => {
        answered = r.rows[0].n
      })
      await new Promise((resolve) => setImmediate(resolve))
      assert.equal(answered, 0)
      await read
      assert.equal((await sql<{ n: number }>`select n from counter`.execute(trx)).rows[0].n, 100) // read-your-writes
    })
    assert.equal((await sql<{ n: number }>`select n from counter`.execute(db)).rows[0].n, 100)
  })

  await t.test('raw statements that write go to the writer, in turn', async () => {
    const order: string[] = []
    let writes: Promise<unknown> = Promise.resolve()
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('counter').set({ n: 1 }).execute()
      writes = Promise.all([
        sql`with v(x) as (select 2) update counter set n = n + (select x from v)`.execute(db),
        sql`insert into counter (id, n) values (2, 5) returning id`.execute(db),
      ]).then((results) => {
        order.push('writes')
        return results
      })
      await new Promise((resolve) => setImmediate(resolve))
      order.push('transaction')
    })
    const [, inserted] = (await writes) as [unknown, { rows: { id: number }[] }]
    assert.deepEqual(order, ['transaction', 'writes'])
    assert.deepEqual(
      inserted.rows.map((r) => r.id),
      [2],
    )
    assert.equal(await current(), 3)
    await sql`delete from counter where id = 2`.execute(db)
  })

  await t.test("a read of the connection's own counters asks the writer", async () => {
    const changes = async () => Number((await sql<{ n: number }>`select total_changes() as n`.execute(db)).rows[0].n)
    const before = await changes()
    await db.updateTable('counter').set({ n: 3 }).execute()
    assert.equal((await changes()) - before, 1) // the reader, which writes nothing, would say 0
  })

  await t.test("a write waits for another connection's write lock with the event loop running", async () => {
    await db.updateTable('counter').set({ n: 0 }).execute()
    const other = new DatabaseSync(path) // another process, as far as SQLite's locks go
    t.after(() => other.close())
    other.exec('BEGIN IMMEDIATE')
    const autocommit = db
      .updateTable('counter')
      .set((eb) => ({ n: eb('n', '+', 1) }))
      .execute()
    const transaction = db.transaction().execute(async (trx) => {
      await trx
        .updateTable('counter')
        .set((eb) => ({ n: eb('n', '+', 10) }))
        .execute()
    })
    let written = false
    void Promise.all([autocommit, transaction]).then(() => {
      written = true
    })
    // The lock is let go by a timer that must tick 20 times first: with the event loop stopped in
    // SQLite's wait, it would never tick and both writes would fail at the bound.
    let ticks = 0
    let readWhileWaiting: number | undefined
    await new Promise<void>((resolve) => {
      const interval = setInterval(async () => {
        ticks++
        if (ticks === 1) readWhileWaiting = await current() // a read answers meanwhile
        if (ticks < 20) return
        clearInterval(interval)
        assert.equal(written, false) // still waiting for the lock
        other.exec('COMMIT')
        resolve()
      }, 15)
    })
    await Promise.all([autocommit, transaction])
    assert.equal(readWhileWaiting, 0)
    assert.ok(ticks >= 20)
    assert.equal(await current(), 11)
  })

  await t.test('a write outside a transaction waits for the open one; a rollback frees the writer', async () => {
    const order: string[] = []
    let write: Promise<unknown> = Promise.resolve()
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('counter').set({ n: -1 }).execute()
        write = db
          .updateTable('counter')
          .set({ n: 7 })
          .execute()
          .then(() => order.push('write'))
        await new Promise((resolve) => setImmediate(resolve))
        order.push('transaction')
        throw new Error('roll back')
      }),
      /roll back/,
    )
    await write
    assert.deepEqual(order, ['transaction', 'write'])
    assert.equal(await current(), 7)
  })

  await t.test('the change signal allows no caching while a writing transaction is open', async () => {
    await changeSignalMigrations['0001_change_version'].up(handle.db)
    const signal = await handle.changeSignal('catalog')
    const before = signal.version()
    assert.notEqual(before, undefined)
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('counter').set({ n: 8 }).execute()
      await signal.changed(trx as never)
      assert.equal(signal.version(), undefined) // a reader now would still see the old row
    })
    const after = signal.version()
    assert.ok(after !== undefined && before !== undefined && after > before)
  })
})

test('SQLite file: a write lock held beyond the bound fails as busy_timeout did', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-rw-'))
  const path = join(dir, 'busy.db')
  const setup = new DatabaseSync(path)
  setup.exec('PRAGMA journal_mode = WAL; create table counter (id integer primary key, n integer not null)')
  setup.exec('insert into counter values (1, 0)')
  const db = await directKysely<{ counter: { id: number; n: number } }>(
    new SqliteReadWriteDialect(openSqlite(path, { busyTimeoutMs: 0 }), openSqlite(path, { readOnly: true }), {
      lockWaitMs: 100,
    }),
    (driver) => (driver as ReadWriteDriver).runAlone,
  )
  t.after(async () => {
    await db.destroy()
    setup.close()
    rmSync(dir, { recursive: true, force: true })
  })
  // What SQLite's own wait gives up with: the error a write met until now.
  const blocked = new DatabaseSync(path)
  t.after(() => blocked.close())
  setup.exec('BEGIN IMMEDIATE')
  const expected = (() => {
    try {
      blocked.exec('BEGIN IMMEDIATE')
    } catch (error) {
      return error as Error & { code: string; errcode: number }
    }
    assert.fail('the lock is held')
  })()
  const same = { message: expected.message, code: expected.code, errcode: expected.errcode }
  assert.equal(same.errcode, 5) // SQLITE_BUSY

  await assert.rejects(db.updateTable('counter').set({ n: 1 }).execute(), same)
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await trx.updateTable('counter').set({ n: 2 }).execute()
    }),
    same,
  )
  assert.equal((await db.selectFrom('counter').select('n').executeTakeFirstOrThrow()).n, 0) // reads still answer
  setup.exec('COMMIT')
  // Nothing was left holding the writer: the next write runs.
  await db.updateTable('counter').set({ n: 3 }).execute()
  assert.equal((await db.selectFrom('counter').select('n').executeTakeFirstOrThrow()).n, 3)
})
