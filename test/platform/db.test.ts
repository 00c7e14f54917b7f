import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { fixedQuery, preparedName } from '../../src/platform/db/fixed-query.ts'
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

test('ids made in one millisecond sort in the order they were made, and still differ unpredictably', () => {
  const at = 1_700_000_000_000
  const ids = Array.from({ length: 10_000 }, (_, i) => newId(i % 2 ? 'ord' : 'pay', at).slice(4))
  assert.deepEqual([...ids].sort(), ids)
  assert.equal(new Set(ids).size, ids.length)
  // The step from one to the next is random (1 to 2^32), not a counter.
  const steps = new Set(ids.slice(1, 100).map((id, i) => BigInt(`0x${decode(id)}`) - BigInt(`0x${decode(ids[i])}`)))
  assert.ok(steps.size > 90)
  for (const step of steps) assert.ok(step >= 1n && step <= 2n ** 32n)
  // A new millisecond starts afresh; an earlier one (an explicit time) is still a valid id.
  assert.ok(newId('x', at + 1) > newId('x', at))
  assert.match(newId('x', at - 1), /^x_[0-9a-z]{26}$/)
})

/** The random part (the last 16 characters) of an id as hex. */
function decode(id: string): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'
  let value = 0n
  for (const c of id.slice(-16)) value = value * 32n + BigInt(alphabet.indexOf(c))
  return value.toString(16)
}

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

test('fixed statements: prepared by name on PostgreSQL, per connection and schema, through errors and schema changes', async (t) => {
  const app = await testApp(t)
  const other = await testApp(t) // on PostgreSQL, another schema with the same tables
  type Probe = { fq_probe: { key: string; size: number } }
  const probe = fixedQuery((db, p: { key: string }) =>
    (db as unknown as Kysely<Probe>).selectFrom('fq_probe').select(['key', 'size']).where('key', '=', p.key),
  )
  const sizes = fixedQuery((db, p: { size: number }) =>
    (db as unknown as Kysely<Probe>).selectFrom('fq_probe').select('key').where('size', '>=', p.size),
  )
  const plain = (rows: object[]) => rows.map((row) => ({ ...row })) // SQLite's rows have no prototype
  const db = app.backroom.database.db
  await db.connection().execute(async (conn) => {
    // The table does not exist yet: the statement fails, and is prepared afresh once it does.
    await assert.rejects(probe(conn, { key: 'a' }), /fq_probe/)
    await sql`create table fq_probe (key text primary key, size integer not null)`.execute(conn)
    await sql`insert into fq_probe values ('a', 1), ('b', 2)`.execute(conn)
    assert.deepEqual(plain(await probe(conn, { key: 'a' })), [{ key: 'a', size: 1 }])
    assert.deepEqual(plain(await sizes(conn, { size: 2 })), [{ key: 'b' }])
    // A column added after the statement was prepared: the server plans it again, same columns out.
    await sql`alter table fq_probe add column note text`.execute(conn)
    assert.deepEqual(plain(await probe(conn, { key: 'b' })), [{ key: 'b', size: 2 }])
    if (app.backroom.database.dialect === 'postgres') {
      const { rows } = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements where name like 'fq\\_%'`.execute(conn)
      const names = new Map(rows.map((r) => [r.statement, r.name]))
      const probeSql = probe.compiled(conn, { key: 'a' }).compile().sql
      const sizesSql = sizes.compiled(conn, { size: 1 }).compile().sql
      assert.equal(names.get(probeSql), preparedName(probeSql))
      assert.equal(names.get(sizesSql), preparedName(sizesSql))
      assert.notEqual(preparedName(probeSql), preparedName(sizesSql))
    }
  })
  // The same statement on another app's connections reads that app's own table (its schema).
  const otherDb = other.backroom.database.db
  await sql`create table fq_probe (key text primary key, size integer not null)`.execute(otherDb)
  await sql`insert into fq_probe values ('a', 7)`.execute(otherDb)
  assert.deepEqual(plain(await probe(otherDb, { key: 'a' })), [{ key: 'a', size: 7 }])
  assert.deepEqual(plain(await probe(db, { key: 'a' })), [{ key: 'a', size: 1 }])
})

test('statements run again are prepared on PostgreSQL, and survive a changed result type', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  type Probe = { rt_probe: { key: string; size: number; note?: string | null } }
  const plain = (rows: object[]) => rows.map((row) => ({ ...row }))
  const all = (conn: Kysely<Probe>, key: string) =>
    conn.selectFrom('rt_probe').selectAll().where('key', '=', key).execute()
  await db.connection().execute(async (c) => {
    const conn = c as unknown as Kysely<Probe>
    await sql`create table rt_probe (key text primary key, size integer not null)`.execute(conn)
    await sql`insert into rt_probe values ('a', 1)`.execute(conn)
    for (let i = 0; i < 3; i++) assert.deepEqual(plain(await all(conn, 'a')), [{ key: 'a', size: 1 }])
    if (app.backroom.database.dialect === 'postgres') {
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from pg_prepared_statements where name like 's\_%' and statement like '%rt_probe%'`.execute(
        conn,
      )
      assert.equal(rows[0].n, 1, 'prepared from its second run')
    }
    // `select *` gains a column: outside a transaction the statement is prepared again and answers.
    await sql`alter table rt_probe add column note text`.execute(conn)
    assert.deepEqual(plain(await all(conn, 'a')), [{ key: 'a', size: 1, note: null }])
    await sql`alter table rt_probe add column extra text`.execute(conn)
    // Inside a transaction the transaction has failed (PostgreSQL), and the next one works again.
    const inTransaction = conn.transaction().execute(async (trx) => all(trx, 'a'))
    if (app.backroom.database.dialect === 'postgres') await assert.rejects(inTransaction, /cached plan/)
    else await inTransaction
    assert.deepEqual(plain(await all(conn, 'a')), [{ key: 'a', size: 1, note: null, extra: null }])
  })
})
