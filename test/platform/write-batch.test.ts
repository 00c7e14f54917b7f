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
import { testApp } from '../helpers.ts'

/** Rows as plain objects (node:sqlite gives them a null prototype). */
const plain = (rows: readonly object[]) => rows.map((row) => ({ ...row }))

const setValue = (db: Db, key: string, from: string, to: string) =>
  writeLater(
    db,
    db.updateTable('app_meta').set({ value: to }).where('key', '=', key).where('value', '=', from).returning('value'),
  )

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
