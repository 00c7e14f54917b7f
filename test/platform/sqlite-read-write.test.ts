/**
 * SQLite on a file: reads outside a transaction use their own connection and never wait for the
 * writer (platform/db/sqlite-read-write.ts); transactions and writes still run one at a time.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { changeSignalMigrations } from '../../src/platform/db/change-signal.ts'
import { connectDatabase } from '../../src/platform/db/connect.ts'

test('SQLite file: a reader beside the writer', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-rw-'))
  const path = join(dir, 'rw.db')
  const handle = await connectDatabase({
    url: `sqlite:${path}`,
    kind: 'sqlite',
    sqlitePath: path,
    schema: undefined,
    dropSchemaOnClose: false,
    poolSize: 1,
    migrateOnStart: false,
  })
  t.after(async () => {
    await handle.close()
    rmSync(dir, { recursive: true, force: true })
  })
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
