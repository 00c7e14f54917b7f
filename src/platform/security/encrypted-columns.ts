/**
 * The registry of encrypted columns, and key rotation over it. A module whose table holds encrypted
 * fields exports an `EncryptedTable`; app.ts lists them; `backroom rotate-keys` re-encrypts every
 * value written with an older key. Values are bound to their row with `fieldAad(table, column, id)`.
 */
import { sql } from 'kysely'
import type { Db } from '../db/types.ts'
import { type Cipher, fieldAad } from './crypto.ts'

export interface EncryptedTable {
  table: string
  idColumn: string
  /** Columns holding `v1.…` envelopes (nullable columns are skipped when null). */
  columns: readonly string[]
}

export interface RotationReport {
  /** Values re-encrypted, per table. */
  rotated: Record<string, number>
}

const BATCH = 500

/**
 * Re-encrypts, with the cipher's current key, every registered value written with another key.
 * Batched by id; each row is updated only if its ciphertext is still the one read (a concurrent
 * edit wins, and already re-encrypts with the current key).
 */
export async function rotateKeys(db: Db, cipher: Cipher, tables: readonly EncryptedTable[]): Promise<RotationReport> {
  const rotated: Record<string, number> = {}
  // Tables and columns come from the registry in code, never from input; Kysely's typed builder
  // cannot name them statically, so this goes through an untyped handle.
  const anyDb = db as unknown as Db & { selectFrom: (t: string) => any; updateTable: (t: string) => any }
  for (const { table, idColumn, columns } of tables) {
    rotated[table] = 0
    let after = ''
    for (;;) {
      const rows: Record<string, string | null>[] = await anyDb
        .selectFrom(table)
        .select([idColumn, ...columns])
        .where(sql.ref(idColumn), '>', after)
        .orderBy(sql.ref(idColumn))
        .limit(BATCH)
        .execute()
      if (rows.length === 0) break
      for (const row of rows) {
        const id = String(row[idColumn])
        const changes: Record<string, string> = {}
        for (const column of columns) {
          const value = row[column]
          if (value && cipher.needsRotation(value))
            changes[column] = cipher.reencrypt(value, fieldAad(table, column, id))
        }
        if (Object.keys(changes).length === 0) continue
        let update = anyDb.updateTable(table).set(changes).where(sql.ref(idColumn), '=', id)
        for (const column of Object.keys(changes)) update = update.where(sql.ref(column), '=', row[column])
        const result = await update.executeTakeFirst()
        if (result.numUpdatedRows === 1n) rotated[table] += Object.keys(changes).length
      }
      after = String(rows[rows.length - 1][idColumn])
    }
  }
  return { rotated }
}
