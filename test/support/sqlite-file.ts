/**
 * A database on a throw-away SQLite file, as the app opens one (WAL, the reader beside the writer,
 * platform/db/connect.ts), closed and removed after the test `t`. For tests of what only a file has:
 * the second connection, the file lock, the write-ahead log.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { connectDatabase } from '../../src/platform/db/connect.ts'

export async function sqliteFileDatabase(t: TestContext, name: string) {
  const dir = mkdtempSync(join(tmpdir(), `backroom-${name}-`))
  const path = join(dir, `${name}.db`)
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
  return { ...handle, path }
}
