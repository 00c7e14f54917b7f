import assert from 'node:assert/strict'
import { test } from 'node:test'
import { upsertRows, whereIn } from '../../src/platform/db/bulk.ts'
import { testApp } from '../helpers.ts'

/** Rows as plain objects (node:sqlite gives them a null prototype). */
const plain = (rows: readonly object[]) => rows.map((row) => ({ ...row }))

test('upsertRows: inserts, updates on conflict with the given expressions, returns, and splits big lists', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await upsertRows(db, 'app_meta', [{ key: 'a', value: '1', updated_at: 1 }], { key: ['key'] })
  // Do nothing on conflict; column order of later rows does not matter.
  await upsertRows(
    db,
    'app_meta',
    [
      { key: 'a', value: 'ignored', updated_at: 9 },
      { updated_at: 2, value: '2', key: 'b' },
    ],
    { key: ['key'] },
  )
  const returned = await upsertRows<{ key: string; updated_at: number }>(
    db,
    'app_meta',
    [
      { key: 'a', value: '10', updated_at: 5 },
      { key: 'c', value: '3', updated_at: 3 },
    ],
    {
      key: ['key'],
      set: { value: 'excluded."value"', updated_at: '"app_meta"."updated_at" + excluded."updated_at"' },
      returning: ['key', 'updated_at'],
    },
  )
  assert.deepEqual(
    returned.map((r) => ({ key: r.key, updated_at: Number(r.updated_at) })).sort((x, y) => (x.key < y.key ? -1 : 1)),
    [
      { key: 'a', updated_at: 6 },
      { key: 'c', updated_at: 3 },
    ],
  )
  const rows = await db
    .selectFrom('app_meta')
    .select(['key', 'value'])
    .where(whereIn(db, 'key', ['a', 'b', 'c', 'zz']))
    .orderBy('key')
    .execute()
  assert.deepEqual(plain(rows), [
    { key: 'a', value: '10' },
    { key: 'b', value: '2' },
    { key: 'c', value: '3' },
  ])
  // More values than one statement takes (30,000 parameters): several statements, all written.
  const many = Array.from({ length: 12_000 }, (_, i) => ({ key: `k${i}`, value: 'v', updated_at: i }))
  await upsertRows(db, 'app_meta', many, { key: ['key'] })
  const keys = many.map((r) => r.key)
  const counted = await db
    .selectFrom('app_meta')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(whereIn(db, 'key', keys))
    .executeTakeFirstOrThrow()
  assert.equal(Number(counted.n), 12_000)
  await assert.rejects(
    upsertRows(
      db,
      'app_meta',
      [
        { key: 'x', value: 'v', updated_at: 1 },
        { key: 'y', value: 'v' },
      ],
      { key: ['key'] },
    ),
    /differ in their columns/,
  )
})
