/**
 * The cost of `PRAGMA secure_delete = ON` (docs/PRIVACY.md) on a write-heavy SQLite case: an outbox's
 * churn. Rows with a 1 KB body (a sealed mail or webhook body) are inserted in transactions of 50,
 * updated once (sent), then deleted in batches of 500 (retention purge), on a file database with the
 * server's pragmas (WAL, synchronous NORMAL). Each mode runs on a fresh file; modes alternate over
 * rounds and the best round is reported.
 *
 *   npx node bench/secure-delete.ts [--rows 20000] [--rounds 3]
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openSqlite } from '../src/platform/db/sqlite.ts'

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } },
})
const rows = Number(values.rows)
const rounds = Number(values.rounds)

interface Timing {
  insertMs: number
  updateMs: number
  deleteMs: number
  totalMs: number
  fileBytes: number
}

function run(secureDelete: boolean): Timing {
  const dir = mkdtempSync(join(tmpdir(), 'bench-secure-delete-'))
  try {
    const path = join(dir, 'bench.db')
    const db = openSqlite(path)
    const raw = db.raw
    raw.exec(`PRAGMA secure_delete = ${secureDelete ? 'ON' : 'OFF'}`)
    raw.exec(
      'create table outbox (id text primary key, to_address text not null, body text not null, status text not null)',
    )
    raw.exec('create index outbox_to on outbox (to_address)')
    const insert = raw.prepare('insert into outbox (id, to_address, body, status) values (?, ?, ?, ?)')
    const update = raw.prepare("update outbox set status = 'sent' where id = ?")
    const purge = raw.prepare('delete from outbox where id in (select id from outbox order by id limit 500)')
    const body = () => randomBytes(768).toString('base64') // ~1 KB, incompressible like a ciphertext
    const t0 = performance.now()
    for (let i = 0; i < rows; i += 50) {
      raw.exec('begin')
      for (let j = i; j < Math.min(rows, i + 50); j++) {
        insert.run(`m${String(j).padStart(8, '0')}`, `person${j}@example.test`, body(), 'pending')
      }
      raw.exec('commit')
    }
    const t1 = performance.now()
    for (let i = 0; i < rows; i++) update.run(`m${String(i).padStart(8, '0')}`)
    const t2 = performance.now()
    while (Number(purge.run().changes) > 0) {}
    const t3 = performance.now()
    raw.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    const fileBytes = statSync(path).size
    db.close()
    return { insertMs: t1 - t0, updateMs: t2 - t1, deleteMs: t3 - t2, totalMs: t3 - t0, fileBytes }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const best: Record<'off' | 'on', Timing | undefined> = { off: undefined, on: undefined }
for (let round = 0; round < rounds; round++) {
  for (const mode of ['off', 'on'] as const) {
    const timing = run(mode === 'on')
    if (!best[mode] || timing.totalMs < (best[mode] as Timing).totalMs) best[mode] = timing
  }
}
const fmt = (n: number) => n.toFixed(0).padStart(7)
console.log(
  `secure_delete cost: ${rows} rows (1 KB body), best of ${rounds}; ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`,
)
console.log('mode   insert ms  update ms  delete ms   total ms')
for (const mode of ['off', 'on'] as const) {
  const t = best[mode] as Timing
  console.log(`${mode.padEnd(5)} ${fmt(t.insertMs)}    ${fmt(t.updateMs)}    ${fmt(t.deleteMs)}    ${fmt(t.totalMs)}`)
}
const off = best.off as Timing
const on = best.on as Timing
console.log(`secure_delete adds ${(((on.totalMs - off.totalMs) / off.totalMs) * 100).toFixed(1)} % to the total`)
