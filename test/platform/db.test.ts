import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { newId } from '../../src/platform/db/ids.ts'
import { testApp } from '../helpers.ts'

test('ids are prefixed, unique and sort by creation time', () => {
  const a = newId('prod', 1_700_000_000_000)
  const b = newId('prod', 1_700_000_000_001)
  assert.match(a, /^prod_[0-9a-z]{26}$/)
  assert.ok(a < b)
  const many = new Set(Array.from({ length: 10_000 }, () => newId('x')))
  assert.equal(many.size, 10_000)
})

test('transactions commit, roll back, and serialise concurrent writers', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await db.insertInto('app_meta').values({ key: 'counter', value: '0', updated_at: 0 }).execute()

  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await trx.updateTable('app_meta').set({ value: '99' }).where('key', '=', 'counter').execute()
      throw new Error('abort')
    }),
  )
  const after = await db.selectFrom('app_meta').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow()
  assert.equal(after.value, '0', 'rolled back')

  // 40 concurrent conditional increments that each read-modify-write inside a transaction.
  await Promise.all(
    Array.from({ length: 40 }, () =>
      db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_meta')
          .set({ value: sql`cast(cast(value as integer) + 1 as text)` })
          .where('key', '=', 'counter')
          .execute()
      }),
    ),
  )
  const final = await db.selectFrom('app_meta').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow()
  assert.equal(final.value, '40')
})

test('int8 values read back as exact numbers on both dialects', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const big = 9_007_199_254_740_000 // epoch-ms and minor units stay exact as numbers
  await db.insertInto('app_meta').values({ key: 'big', value: 'x', updated_at: big }).execute()
  const row = await db.selectFrom('app_meta').select(['updated_at']).where('key', '=', 'big').executeTakeFirstOrThrow()
  assert.equal(row.updated_at, big)
  assert.equal(typeof row.updated_at, 'number')
  const count = await db
    .selectFrom('app_meta')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  assert.equal(count.n, 1)
})
