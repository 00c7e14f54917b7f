import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fixedQuery } from '../../src/platform/db/fixed-query.ts'
import type { Db } from '../../src/platform/db/types.ts'
import {
  batchedTransaction,
  flushLater,
  insertLater,
  insertRowsLater,
  writeLater,
} from '../../src/platform/db/write-batch.ts'
import { testApp, usingPostgres } from '../helpers.ts'
import { countStatements } from '../support/sql-count.ts'

/** Rows as plain objects (node:sqlite gives them a null prototype). */
const plain = (rows: readonly object[]) => rows.map((row) => ({ ...row }))

const setValue = (db: Db, key: string, from: string, to: string, options: { mustMatch?: boolean } = {}) =>
  writeLater(
    db,
    db.updateTable('app_meta').set({ value: to }).where('key', '=', key).where('value', '=', from).returning('value'),
    options,
  )

const valuesOf = async (db: Db, keys: string[]) =>
  plain(await db.selectFrom('app_meta').select(['key', 'value']).where('key', 'in', keys).orderBy('key').execute())

/** BEGIN, COMMIT and ROLLBACK sent to PostgreSQL while `work` ran (none counted on SQLite). */
async function control(work: () => Promise<unknown>): Promise<string[]> {
  const { transactionControl } = await countStatements(work)
  return transactionControl.map((c) => c.toLowerCase())
}

test('writeLater: conditional writes go with the batch, in order, and a refusal rolls the batch back', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await db
    .insertInto('app_meta')
    .values([
      { key: 'a', value: '1', updated_at: 0 },
      { key: 'b', value: '1', updated_at: 0 },
    ])
    .execute()

  const rows = await batchedTransaction(db, async (trx) => {
    await insertLater(trx, trx.insertInto('app_meta').values({ key: 'c', value: '1', updated_at: 0 }))
    const a = setValue(trx, 'a', '1', '2')
    const b = setValue(trx, 'b', '9', '2') // matches nothing
    await flushLater(trx)
    return [plain(await a), plain(await b)]
  })
  assert.deepEqual(rows, [[{ value: '2' }], []])

  await assert.rejects(
    batchedTransaction(db, async (trx) => {
      await insertLater(trx, trx.insertInto('app_meta').values({ key: 'd', value: '1', updated_at: 0 }))
      const b = setValue(trx, 'b', '1', '3')
      const a = setValue(trx, 'a', '1', '3') // a is 2 now: refused
      await flushLater(trx)
      if ((await b).length !== 1 || (await a).length !== 1) throw new Error('refused')
    }),
    /refused/,
  )
  const values = await db
    .selectFrom('app_meta')
    .select(['key', 'value'])
    .where('key', 'in', ['a', 'b', 'c', 'd'])
    .orderBy('key')
    .execute()
  assert.deepEqual(plain(values), [
    { key: 'a', value: '2' },
    { key: 'b', value: '1' },
    { key: 'c', value: '1' },
  ])
})

test('fixedQuery: compiled once, run with each call’s values; a value used to pick the shape is refused', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await db
    .insertInto('app_meta')
    .values([
      { key: 'x', value: 'one', updated_at: 1 },
      { key: 'y', value: 'two', updated_at: 2 },
    ])
    .execute()
  const byKey = fixedQuery((db, v: { key: string }) =>
    db.selectFrom('app_meta').select(['key', 'value']).where('key', '=', v.key).where('updated_at', '>', 0),
  )
  assert.deepEqual(plain(await byKey(db, { key: 'x' })), [{ key: 'x', value: 'one' }])
  assert.deepEqual(plain(await byKey(db, { key: 'y' })), [{ key: 'y', value: 'two' }])
  await db.transaction().execute(async (trx) => {
    assert.deepEqual(plain(await byKey(trx, { key: 'y' })), [{ key: 'y', value: 'two' }])
  })

  const shaped = fixedQuery((db, v: { key: string; all: boolean }) => {
    const query = db.selectFrom('app_meta').select('key').where('key', '=', v.key)
    return v.all ? query : query.limit(1)
  })
  await assert.rejects(shaped(db, { key: 'x', all: true }), /the value all is not a parameter/)
})

test('insertRowsLater: rows written without Kysely go with the batch (a write’s parameters before theirs); odd rows through Kysely', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await db.insertInto('app_meta').values({ key: 'e', value: '1', updated_at: 0 }).execute()
  const [moved] = await batchedTransaction(db, async (trx) => {
    await insertRowsLater(trx, 'app_meta', [
      { key: 'f', value: 'x', updated_at: 1 },
      { key: 'g', value: 'y', updated_at: 2 },
    ])
    const e = setValue(trx, 'e', '1', '2')
    await insertRowsLater(trx, 'app_meta', { key: 'h', value: 'z', updated_at: 3 })
    // Rows whose columns differ in order: Kysely's own statement.
    await insertRowsLater(trx, 'app_meta', [
      { value: 'v', key: 'i', updated_at: 4 },
      { key: 'j', value: 'w', updated_at: 5 },
    ])
    await flushLater(trx)
    return [plain(await e)]
  })
  assert.deepEqual(moved, [{ value: '2' }])
  const values = await db
    .selectFrom('app_meta')
    .select(['key', 'value', 'updated_at'])
    .where('key', 'in', ['e', 'f', 'g', 'h', 'i', 'j'])
    .orderBy('key')
    .execute()
  assert.deepEqual(
    values.map((r) => [r.key, r.value]),
    [
      ['e', '2'],
      ['f', 'x'],
      ['g', 'y'],
      ['h', 'z'],
      ['i', 'v'],
      ['j', 'w'],
    ],
  )
  assert.deepEqual(
    values.slice(1).map((r) => Number(r.updated_at)),
    [1, 2, 3, 4, 5],
  )
})

test('writeLater mustMatch: a write that matched nothing fails the statement, which writes nothing', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await db
    .insertInto('app_meta')
    .values([
      { key: 'm1', value: '1', updated_at: 0 },
      { key: 'm2', value: '1', updated_at: 0 },
    ])
    .execute()

  // Each write resolves with the rows it returned (the refused one with none), so the caller's own
  // check throws its refusal; nothing of the batch is written.
  let seen: unknown
  const sent = await control(async () => {
    const refused = batchedTransaction(db, async (trx) => {
      await insertLater(trx, trx.insertInto('app_meta').values({ key: 'm3', value: '1', updated_at: 0 }))
      const m1 = setValue(trx, 'm1', '1', '2', { mustMatch: true })
      const m2 = setValue(trx, 'm2', '9', '2', { mustMatch: true }) // matches nothing
      await flushLater(trx, { last: true })
      seen = [plain(await m1), plain(await m2)]
      // What the caller reads to word its refusal still runs (outside the failed statement).
      seen = [...(seen as unknown[]), await valuesOf(trx, ['m2'])]
      throw new Error('refused')
    })
    await assert.rejects(refused, /refused/)
  })
  assert.deepEqual(seen, [[{ value: '2' }], [], [{ key: 'm2', value: '1' }]])
  assert.deepEqual(await valuesOf(db, ['m1', 'm2', 'm3']), [
    { key: 'm1', value: '1' },
    { key: 'm2', value: '1' },
  ])
  if (usingPostgres) assert.deepEqual(sent, [], 'the refused statement ran alone: no BEGIN, nothing to roll back')

  // Matched: written, and on PostgreSQL without BEGIN or COMMIT (the batch is the only write).
  const written = await control(() =>
    batchedTransaction(db, async (trx) => {
      await valuesOf(trx, ['m1']) // a plain read first
      const m1 = setValue(trx, 'm1', '1', '3', { mustMatch: true })
      await insertLater(trx, trx.insertInto('app_meta').values({ key: 'm3', value: '3', updated_at: 0 }))
      await flushLater(trx, { last: true })
      assert.equal((await m1).length, 1)
    }),
  )
  assert.deepEqual(await valuesOf(db, ['m1', 'm3']), [
    { key: 'm1', value: '3' },
    { key: 'm3', value: '3' },
  ])
  if (usingPostgres) assert.deepEqual(written, [])

  if (usingPostgres) {
    // The work must throw after a refusal: going on as if it had not been refused is an error.
    await assert.rejects(
      batchedTransaction(db, async (trx) => {
        const m2 = setValue(trx, 'm2', '9', '4', { mustMatch: true })
        await flushLater(trx)
        assert.deepEqual(await m2, [])
      }),
      /went on after its batch was refused/,
    )
  }
})

test('batchedTransaction: BEGIN only once a statement needs it (PostgreSQL)', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await db.insertInto('app_meta').values({ key: 'l1', value: '1', updated_at: 0 }).execute()

  // A direct write begins the transaction; the refused batch after it rolls all of it back at once,
  // and the work can still read before it throws.
  let read: unknown
  const refused = await control(() =>
    assert.rejects(
      batchedTransaction(db, async (trx) => {
        await valuesOf(trx, ['l1'])
        await trx.insertInto('app_meta').values({ key: 'l2', value: '1', updated_at: 0 }).execute()
        const l1 = setValue(trx, 'l1', '9', '2', { mustMatch: true })
        await insertLater(trx, trx.insertInto('app_meta').values({ key: 'l3', value: '1', updated_at: 0 }))
        await flushLater(trx)
        assert.deepEqual(await l1, [])
        read = await valuesOf(trx, ['l1'])
        throw new Error('refused')
      }),
      /refused/,
    ),
  )
  assert.deepEqual(read, [{ key: 'l1', value: '1' }])
  assert.deepEqual(await valuesOf(db, ['l1', 'l2', 'l3']), [{ key: 'l1', value: '1' }])
  if (usingPostgres) assert.deepEqual(refused, ['begin', 'rollback'])

  // A direct write: BEGIN before it, COMMIT at the end, the batch inside.
  const direct = await control(() =>
    batchedTransaction(db, async (trx) => {
      await valuesOf(trx, ['l1'])
      await trx.insertInto('app_meta').values({ key: 'l2', value: '2', updated_at: 0 }).execute()
      const l1 = setValue(trx, 'l1', '1', '2', { mustMatch: true })
      await flushLater(trx)
      assert.equal((await l1).length, 1)
    }),
  )
  if (usingPostgres) assert.deepEqual(direct, ['begin', 'commit'])

  // A locking read needs the transaction (its lock lasts till the commit). SQLite has no row locks.
  const locking = await control(() =>
    batchedTransaction(db, async (trx) => {
      const read = trx.selectFrom('app_meta').select('value').where('key', '=', 'l1')
      await (usingPostgres ? read.forUpdate() : read).execute()
      await insertLater(trx, trx.insertInto('app_meta').values({ key: 'l3', value: '3', updated_at: 0 }))
    }),
  )
  if (usingPostgres) assert.deepEqual(locking, ['begin', 'commit'])

  // Reads only, then the batch: neither BEGIN nor COMMIT. A write after that batch is a transaction
  // of its own: a throw after it undoes that write, not the batch already committed.
  const alone = await control(async () => {
    const after = batchedTransaction(db, async (trx) => {
      await valuesOf(trx, ['l1'])
      const l1 = setValue(trx, 'l1', '2', '3', { mustMatch: true })
      await insertLater(trx, trx.insertInto('app_meta').values({ key: 'l4', value: '4', updated_at: 0 }))
      await flushLater(trx, { last: true })
      assert.equal((await l1).length, 1)
      if (!usingPostgres) return
      await trx.insertInto('app_meta').values({ key: 'l5', value: '5', updated_at: 0 }).execute()
      throw new Error('after the batch')
    })
    if (usingPostgres) await assert.rejects(after, /after the batch/)
    else await after
  })
  if (usingPostgres) assert.deepEqual(alone, ['begin', 'rollback'])
  assert.deepEqual(await valuesOf(db, ['l1', 'l2', 'l3', 'l4', 'l5']), [
    { key: 'l1', value: '3' },
    { key: 'l2', value: '2' },
    { key: 'l3', value: '3' },
    { key: 'l4', value: '4' },
  ])

  // Nothing but reads: nothing sent around them.
  const reads = await control(() => batchedTransaction(db, (trx) => valuesOf(trx, ['l1'])))
  if (usingPostgres) assert.deepEqual(reads, [])
})
