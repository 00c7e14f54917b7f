/**
 * How long a read outside a transaction waits on SQLite while transactions run, with one connection
 * (Kysely's SqliteDialect) and with a query-only reader beside the writer (platform/db/sqlite-read-write.ts).
 * Writers: `--writers` concurrent loops of checkout-sized transactions (`--statements` statements each,
 * awaited one by one). Reader: one loop of primary-key reads. Prints the reader's latency percentiles.
 *
 *   node bench/sqlite-reads.ts [--writers 8] [--statements 32] [--seconds 5]
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { openSqlite } from '../src/platform/db/sqlite.ts'
import { SqliteReadWriteDialect } from '../src/platform/db/sqlite-read-write.ts'

const { values } = parseArgs({
  options: {
    writers: { type: 'string', default: '8' },
    statements: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '5' },
  },
})
const dir = join(import.meta.dirname, 'out')
mkdirSync(dir, { recursive: true })

interface Schema {
  item: { id: number; stock: number; title: string }
}

async function measure(mode: 'one connection' | 'reader beside writer') {
  const path = join(dir, 'sqlite-reads.db')
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  const writer = openSqlite(path)
  const dialect =
    mode === 'one connection'
      ? new SqliteDialect({ database: writer })
      : new SqliteReadWriteDialect(writer, openSqlite(path, { readOnly: true }))
  const db = new Kysely<Schema>({ dialect })
  await sql`create table item (id integer primary key, stock integer not null, title text not null)`.execute(db)
  await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 10000)
    insert into item select i, 1000000, 'item ' || i from n`.execute(db)
  const until = Date.now() + Number(values.seconds) * 1000
  let transactions = 0
  const writers = Array.from({ length: Number(values.writers) }, async (_, w) => {
    while (Date.now() < until) {
      await db.transaction().execute(async (trx) => {
        for (let s = 0; s < Number(values.statements); s++) {
          // As in a server, other requests' work gets turns between statements (network I/O, rendering).
          await new Promise((resolve) => setImmediate(resolve))
          const id = 1 + ((w * 97 + s * 31 + transactions) % 10000)
          if (s % 2) await trx.selectFrom('item').select('stock').where('id', '=', id).executeTakeFirst()
          else
            await trx
              .updateTable('item')
              .set((eb) => ({ stock: eb('stock', '-', 1) }))
              .where('id', '=', id)
              .execute()
        }
      })
      transactions++
    }
  })
  const waits: number[] = []
  const reader = (async () => {
    let k = 0
    while (Date.now() < until) {
      const started = performance.now()
      await db
        .selectFrom('item')
        .selectAll()
        .where('id', '=', 1 + (k++ % 10000))
        .executeTakeFirst()
      waits.push(performance.now() - started)
      await new Promise((resolve) => setImmediate(resolve))
    }
  })()
  await Promise.all([...writers, reader])
  await db.destroy()
  waits.sort((a, b) => a - b)
  const at = (p: number) => waits[Math.min(waits.length - 1, Math.floor(p * waits.length))].toFixed(2)
  console.log(
    `${mode.padEnd(22)} transactions ${transactions}, reads ${waits.length}, read p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
  )
}

await measure('one connection')
await measure('reader beside writer')
