/**
 * The registry of encrypted columns, and key rotation over it. A module whose table holds encrypted
 * fields exports an `EncryptedTable`; app.ts lists them; `backroom rotate-keys` re-encrypts every
 * value written with an older key. Values are bound to their row with `fieldAad(table, column, id)`.
 *
 * A table whose values were once sealed another way (TOTP and webhook secrets, under a key derived
 * from BACKROOM_SECRET) gives `openLegacy`: such values still open, and rotate-keys rewrites them as
 * envelopes under the current key. Migrations get no keys, so this cannot happen in a migration.
 */
import { sql } from 'kysely'
import type { Db } from '../db/types.ts'
import { type Cipher, fieldAad, isEnvelope } from './crypto.ts'

export interface EncryptedTable {
  table: string
  idColumn: string
  /** Columns holding `v1.…` envelopes (nullable columns are skipped when null). */
  columns: readonly string[]
  /** Opens a value in a format older than envelopes (anything `isEnvelope` refuses); throws when it cannot. */
  openLegacy?: (value: string, column: string, id: string) => string
}

export interface RotationReport {
  /** Values re-encrypted, per table (legacy values included). */
  rotated: Record<string, number>
  /** Of those, values converted from a table's legacy format, per table. */
  converted: Record<string, number>
}

/** Seals and opens one registered table's columns with the rotating cipher. */
export interface FieldSealer {
  /** An envelope under the current key, bound to this row and column. */
  seal(column: string, id: string, plaintext: string): string
  /** Opens an envelope (any configured key) or, when the table has one, a legacy value. */
  open(column: string, id: string, value: string): string
}

/** A FieldSealer for `table`: what a module uses instead of calling the cipher with hand-made AAD. */
export function createFieldSealer(cipher: Cipher, table: EncryptedTable): FieldSealer {
  return {
    seal: (column, id, plaintext) => cipher.encrypt(plaintext, fieldAad(table.table, column, id)),
    open: (column, id, value) => openField(cipher, table, column, id, value),
  }
}

function openField(cipher: Cipher, table: EncryptedTable, column: string, id: string, value: string): string {
  if (isEnvelope(value)) return cipher.decrypt(value, fieldAad(table.table, column, id))
  if (!table.openLegacy) throw new Error(`${table.table}.${column} of ${id} is not an encrypted value`)
  return table.openLegacy(value, column, id)
}

const BATCH = 500

/**
 * Re-encrypts, with the cipher's current key, every registered value written with another key or in
 * its table's legacy format. Batched by id; each row is updated only if its ciphertext is still the
 * one read (a concurrent edit wins, and already re-encrypts with the current key).
 */
export async function rotateKeys(db: Db, cipher: Cipher, tables: readonly EncryptedTable[]): Promise<RotationReport> {
  const rotated: Record<string, number> = {}
  const converted: Record<string, number> = {}
  // Tables and columns come from the registry in code, never from input; Kysely's typed builder
  // cannot name them statically, so this goes through an untyped handle.
  const anyDb = db as unknown as Db & { selectFrom: (t: string) => any; updateTable: (t: string) => any }
  for (const encrypted of tables) {
    const { table, idColumn, columns } = encrypted
    rotated[table] = 0
    converted[table] = 0
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
        let legacy = 0
        for (const column of columns) {
          const value = row[column]
          if (!value) continue
          try {
            if (!isEnvelope(value)) {
              const plaintext = openField(cipher, encrypted, column, id, value)
              changes[column] = cipher.encrypt(plaintext, fieldAad(table, column, id))
              legacy++
            } else if (cipher.needsRotation(value)) {
              changes[column] = cipher.reencrypt(value, fieldAad(table, column, id))
            }
          } catch (error) {
            // Stop rather than skip: the operator must not drop a key while a value still needs it.
            throw new Error(`Cannot re-encrypt ${table}.${column} of ${id}: ${(error as Error).message}`, {
              cause: error,
            })
          }
        }
        if (Object.keys(changes).length === 0) continue
        let update = anyDb.updateTable(table).set(changes).where(sql.ref(idColumn), '=', id)
        for (const column of Object.keys(changes)) update = update.where(sql.ref(column), '=', row[column])
        const result = await update.executeTakeFirst()
        if (result.numUpdatedRows === 1n) {
          rotated[table] += Object.keys(changes).length
          converted[table] += legacy
        }
      }
      after = String(rows[rows.length - 1][idColumn])
    }
  }
  return { rotated, converted }
}
