/**
 * The erasure's WAL checkpoint on a SQLite file (privacy/scrub.ts) waits for a reader holding an older
 * snapshot on a timer: SQLite's own wait (busy_timeout) would stop the event loop, and the reader
 * (another process, or a timer of this one) could never let go meanwhile.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { test } from 'node:test'
import { sql } from 'kysely'
import { scrubAfterErasure } from '../../../src/modules/privacy/scrub.ts'
import { connectDatabase } from '../../../src/platform/db/connect.ts'

test('SQLite file: the checkpoint after erasure waits for an old snapshot with the event loop running', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-scrub-'))
  const path = join(dir, 'scrub.db')
  const handle = await connectDatabase({
    url: `sqlite:${path}`,
    kind: 'sqlite',
    sqlitePath: path,
    schema: undefined,
    dropSchemaOnClose: false,
    poolSize: 1,
    migrateOnStart: false,
  })
  const other = new DatabaseSync(path) // another process, as far as SQLite goes
  t.after(async () => {
    other.close()
    await handle.close()
    rmSync(dir, { recursive: true, force: true })
  })
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
