import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { migrations } from '../../../src/migrations.ts'
import { connectDatabase } from '../../../src/platform/db/connect.ts'
import { migrateToLatest } from '../../../src/platform/db/migrate.ts'
import { testConfig } from '../../helpers.ts'

test('0341_webhook_failing_since: a fresh database and one created before it both get the column', async (t) => {
  const config = testConfig().database
  const handle = await connectDatabase(config)
  t.after(() => handle.close())
  const { db } = handle
  await migrateToLatest(db, migrations, config.kind === 'postgres' ? config.schema : undefined)
  const failingSince = () => db.selectFrom('webhook_endpoint').select('failing_since').execute()
  assert.deepEqual(await failingSince(), [])
  // A database migrated before 0341 existed: 0400 without the column, 0341 not applied yet.
  await db.schema.alterTable('webhook_endpoint').dropColumn('failing_since').execute()
  await sql`delete from kysely_migration where name = '0341_webhook_failing_since'`.execute(db)
  await assert.rejects(failingSince())
  const { applied } = await migrateToLatest(db, migrations, config.kind === 'postgres' ? config.schema : undefined)
  assert.deepEqual(applied, ['0341_webhook_failing_since'])
  assert.deepEqual(await failingSince(), [])
})
