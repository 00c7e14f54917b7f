import assert from 'node:assert/strict'
import { test } from 'node:test'
import { needsTransaction } from '../../src/platform/db/pg-lazy-begin.ts'

test('needsTransaction: only a plain read may run before BEGIN', () => {
  const reads = [
    'select "id", "updated_at" from "cart" where "id" = $1',
    '  (select 1) union all (select 2)',
    'with "x" as (select "id" from "variant") select * from "x"',
    'SELECT "e"."id" from "webhook_subscription" as "s" inner join "webhook_endpoint" as "e" on true',
  ]
  const writes = [
    'insert into "cart" ("id") values ($1)',
    'update "variant" set "stock" = "stock" - $1 where "id" = $2 returning "stock"',
    'delete from "cart_line" where "cart_id" = $1',
    'with "r0" as (update "cart" set "status" = $1 returning "id") select "r0"',
    'with "w0" as (insert into "payment" ("id") values ($1)) select 1 as "one"',
    'select "name" from "job_lock" where "name" = $1 for update skip locked',
    'select "id" from "variant" where "id" = $1 for no key update',
    'select "id" from "variant" for share',
    'select "id" from "variant" for key share',
    'select pg_notify($1, $2)',
    "select nextval('seq')",
    "select set_config('x', 'y', true)",
    'select pg_advisory_xact_lock($1)',
    'select "id" into "copy" from "cart"',
    'merge into "t" using "s" on true when matched then do nothing',
    'set local statement_timeout = 1000',
    'savepoint "sp"',
  ]
  for (const sql of reads) assert.equal(needsTransaction(sql), false, sql)
  for (const sql of writes) assert.equal(needsTransaction(sql), true, sql)
})
