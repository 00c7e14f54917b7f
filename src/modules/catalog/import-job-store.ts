/**
 * SQL of the import jobs (`catalog_import_job`, migrations 0606 and 0607). Every change of state is one
 * conditional UPDATE on the state it expects, so a job marked interrupted by one node cannot be moved
 * on by a runner that was only slow (its update matches no row).
 */
import type { Db } from '../../platform/db/types.ts'

export interface ImportJobTable {
  id: string
  /** queued | validating | writing | succeeded | failed */
  status: string
  /** csv | json | jsonl */
  format: string
  /** The uploaded file's name, sanitised (./import-upload.ts); null when none was given. */
  file_name: string | null
  dry_run: number
  /** Products checked (validating) or committed (writing) of `total`. */
  done: number
  total: number
  products_created: number
  products_updated: number
  variants: number
  /** Rows refused, all of them; `errors` holds the first ones as JSON. */
  error_count: number
  errors: string | null
  /** invalid-rows | interrupted | error, once failed. */
  failure_reason: string | null
  failure_detail: string | null
  created_at: number
  started_at: number | null
  /** The heartbeat: set with every change of state or progress. */
  updated_at: number
  finished_at: number | null
}

export type ImportJobRow = ImportJobTable
export const RUNNING = ['queued', 'validating', 'writing'] as const

export async function insertJob(db: Db, row: ImportJobTable): Promise<void> {
  await db.insertInto('catalog_import_job').values(row).execute()
}

export function findJob(db: Db, id: string): Promise<ImportJobRow | undefined> {
  return db.selectFrom('catalog_import_job').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Newest first (ids are time-ordered); `cursor` is the last id of the previous page. */
export function listJobs(db: Db, cursor: string | undefined, limit: number): Promise<ImportJobRow[]> {
  let query = db.selectFrom('catalog_import_job').selectAll().orderBy('id', 'desc').limit(limit)
  if (cursor) query = query.where('id', '<', cursor)
  return query.execute()
}

/** Moves a job that is in `from` (and, when given, has the heartbeat `heartbeat`); true if it did. */
export async function updateJob(
  db: Db,
  id: string,
  from: string | readonly string[],
  set: Partial<Omit<ImportJobTable, 'id'>>,
  heartbeat?: number,
): Promise<boolean> {
  let update = db.updateTable('catalog_import_job').set(set).where('id', '=', id).where('status', 'in', [from].flat())
  if (heartbeat !== undefined) update = update.where('updated_at', '=', heartbeat)
  const result = await update.executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** One committed write batch: adds to the counts of a job that is still writing; false if it is not. */
export async function addBatch(
  db: Db,
  id: string,
  batch: { done: number; created: number; updated: number },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('catalog_import_job')
    .set((eb) => ({
      done: eb('done', '+', batch.done),
      products_created: eb('products_created', '+', batch.created),
      products_updated: eb('products_updated', '+', batch.updated),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', '=', 'writing')
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Deletes finished jobs created before `before`; returns how many. */
export async function purgeJobs(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom('catalog_import_job')
    .where('created_at', '<', before)
    .where('status', 'in', ['succeeded', 'failed'])
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
