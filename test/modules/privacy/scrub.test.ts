/**
 * The erasure's WAL checkpoint on a SQLite file (privacy/scrub.ts) waits for a reader holding an older
 * snapshot on a timer: SQLite's own wait (busy_timeout) would stop the event loop, and the reader
 * (another process, or a timer of this one) could never let go meanwhile.
 */
import assert from 'node:assert/strict'
import { statSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { test } from 'node:test'
import { sql } from 'kysely'
import { scrubAfterErasure } from '../../../src/modules/privacy/scrub.ts'
import { sqliteFileDatabase } from '../../support/sqlite-file.ts'

test('SQLite file: the checkpoint after erasure waits for an old snapshot with the event loop running', async (t) => {
  const handle = await sqliteFileDatabase(t, 'scrub')
  const { path } = handle
  const other = new DatabaseSync(path) // another process, as far as SQLite goes
  t.after(() => other.close())
  const { db } = handle
  await sql`create table note (id integer primary key, body text not null)`.execute(db)
  await sql`insert into note (body) values ('before')`.execute(db)
  other.exec('BEGIN')
  other.prepare('select count(*) from note').get() // holds this snapshot until COMMIT
  await sql`update note set body = 'erased'`.execute(db) // newer than the snapshot: the log cannot be emptied

  let ticks = 0
  const interval = setInterval(() => {
    if (++ticks === 10) other.exec('COMMIT') // only a running event loop lets the snapshot go
  }, 10)
  t.after(() => clearInterval(interval))
  await scrubAfterErasure(db, 'sqlite')
  assert.ok(ticks >= 10)
  assert.equal(statSync(`${path}-wal`).size, 0) // emptied
})
