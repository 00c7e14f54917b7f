/**
 * Catalog import jobs (issue 13): `POST /admin/catalog/imports` answers 202 with a job at once and the
 * node that received the file runs it in the background; the job's state lives in the database, so any
 * node answers `GET /admin/catalog/imports/{id}`.
 *
 * - The whole file is validated first (yielding to the event loop between batches); if any row is
 *   invalid the job fails with the row errors and nothing is written.
 * - Then the products are written in batches (`batchSize`, 250 by default), each in its own short
 *   transaction that also adds the batch to the job's `done`, so `done` is exactly what has committed
 *   and, on SQLite, the write lock is held only for one batch at a time (checkouts and other writers
 *   go in between).
 * - A process that dies mid-write leaves the job running with an old heartbeat (`updated_at`); a job
 *   whose heartbeat is older than `staleAfterMs` (2 minutes) is marked failed, reason `interrupted`,
 *   by whoever reads it. What was committed stays; re-importing the same file finishes the import,
 *   because re-import updates by handle and SKU. A server that shuts down stops its jobs between
 *   batches and marks them interrupted at once.
 */
import { setImmediate } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { isAppError, notFound } from '../../platform/errors.ts'
import {
  type CatalogImporter,
  type ImportError,
  MAX_REPORTED_ERRORS,
  OPTIMIZE_AFTER,
  type ParsedImport,
} from './import.ts'
import * as store from './import-job-store.ts'
import type { ImportUpload } from './import-upload.ts'
import type { ImportJobStatus, ImportJobView } from './schemas.ts'
import type { CatalogService } from './service.ts'

export interface ImportJobOptions {
  /** Products per write transaction (250). */
  batchSize?: number
  /** A running job whose heartbeat is older than this is failed as interrupted (120,000 ms). */
  staleAfterMs?: number
  now?: () => number
  /** Tests: awaited after each committed write batch (a pause here is a slow or stopped process). */
  afterBatch?: (job: { id: string; done: number; total: number }) => Promise<void> | void
  /** Tests: told when a run on this node has ended, whatever its outcome. */
  finished?: (id: string) => void
}

export const IMPORT_BATCH_SIZE = 250
export const IMPORT_STALE_AFTER_MS = 120_000
/** Finished jobs are kept this long (the hourly purge). */
export const IMPORT_JOB_RETENTION_MS = 30 * 24 * 3_600_000

/** Thrown inside a run when the job is no longer its to move (marked interrupted elsewhere). */
class JobLost extends Error {}
/** Thrown inside a run when this server is shutting down. */
class ShuttingDown extends Error {}

export function createImportJobs(deps: {
  db: Db
  catalog: CatalogService
  importer: CatalogImporter
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>
  options?: ImportJobOptions
}) {
  const { db, catalog, importer, log, options = {} } = deps
  const now = options.now ?? Date.now
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE
  const staleAfterMs = options.staleAfterMs ?? IMPORT_STALE_AFTER_MS
  const runs = new Set<Promise<void>>()
  let stopping = false
  return { start, get, list, stop, purge }

  /** Records a queued job for a read upload and starts it on this node; answers the job as recorded. */
  async function start(upload: ImportUpload, dryRun: boolean): Promise<ImportJobView> {
    const at = now()
    const row: store.ImportJobRow = {
      id: newId('imp', at),
      status: 'queued',
      format: upload.format,
      file_name: upload.fileName,
      dry_run: dryRun ? 1 : 0,
      done: 0,
      total: 0,
      products_created: 0,
      products_updated: 0,
      variants: 0,
      error_count: 0,
      errors: null,
      failure_reason: null,
      failure_detail: null,
      created_at: at,
      started_at: null,
      updated_at: at,
      finished_at: null,
    }
    await store.insertJob(db, row)
    const file: { parsed?: ParsedImport } = { parsed: upload.take() }
    const running: Promise<void> = run(row.id, file, dryRun)
      .catch((err) => log.error({ err, importJob: row.id }, 'catalog import job: could not record its failure'))
      .finally(() => {
        runs.delete(running)
        options.finished?.(row.id)
      })
    runs.add(running)
    return view(row)
  }

  async function get(id: string): Promise<ImportJobView> {
    const row = await store.findJob(db, id)
    if (!row) throw notFound('import-job-not-found', `No import job ${id}`)
    return view(await settleIfStale(row))
  }

  async function list(query: { limit?: number; cursor?: string }) {
    const limit = query.limit ?? 20
    const rows = await store.listJobs(db, query.cursor, limit + 1)
    const items = []
    for (const row of rows.slice(0, limit)) items.push(view(await settleIfStale(row)))
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
  }

  /** Before the server closes: running jobs stop after their current batch, marked interrupted. */
  async function stop(): Promise<void> {
    stopping = true
    await Promise.allSettled([...runs])
  }

  /** Deletes finished jobs older than the retention; returns how many. */
  function purge(at: number = now()): Promise<number> {
    return store.purgeJobs(db, at - IMPORT_JOB_RETENTION_MS)
  }

  // -------------------------------------------------------------------------------------------

  async function run(id: string, file: { parsed?: ParsedImport }, dryRun: boolean): Promise<void> {
    try {
      let at = now()
      if (!(await store.updateJob(db, id, 'queued', { status: 'validating', started_at: at, updated_at: at }))) return
      const checked = await importer.check(file.parsed!, async (done, total) => {
        if (stopping) throw new ShuttingDown()
        if (!(await store.updateJob(db, id, 'validating', { done, total, updated_at: now() }))) throw new JobLost()
      })
      file.parsed = undefined // the products read are no longer needed; the checked ones to write are
      const { entries, errors, variants } = checked
      at = now()
      if (errors.length > 0) {
        await store.updateJob(db, id, 'validating', {
          ...failed('invalid-rows', `${errors.length} row error(s); nothing was imported`, at),
          error_count: errors.length,
          errors: JSON.stringify(errors.slice(0, MAX_REPORTED_ERRORS) satisfies ImportError[]),
        })
        return
      }
      if (dryRun) {
        const counts = await importer.countExisting(entries)
        await store.updateJob(db, id, 'validating', {
          status: 'succeeded',
          products_created: counts.created,
          products_updated: counts.updated,
          variants,
          finished_at: at,
          updated_at: at,
        })
        return
      }
      const total = entries.length
      const writing = { status: 'writing', done: 0, total, variants, updated_at: at }
      if (!(await store.updateJob(db, id, 'validating', writing))) return
      for (let i = 0; i < total; i += batchSize) {
        if (stopping) throw new ShuttingDown()
        const batch = entries.slice(i, i + batchSize)
        await db.transaction().execute(async (trx) => {
          let created = 0
          for (const saved of await catalog.saveProducts(trx, batch)) if (saved.created) created++
          const counts = { done: batch.length, created, updated: batch.length - created }
          if (!(await store.addBatch(trx, id, counts, now()))) throw new JobLost() // rolls the batch back
        })
        await options.afterBatch?.({ id, done: i + batch.length, total })
        await setImmediate()
      }
      if (total >= OPTIMIZE_AFTER) await catalog.optimizeSearchIndex()
      at = now()
      await store.updateJob(db, id, 'writing', { status: 'succeeded', finished_at: at, updated_at: at })
    } catch (error) {
      if (error instanceof JobLost) return // another node marked it interrupted; its record stands
      const row = await store.findJob(db, id)
      if (!row || !isRunning(row.status)) return
      if (error instanceof ShuttingDown) {
        await store.updateJob(db, id, row.status, failed('interrupted', interruptedDetail(row, 'shutdown'), now()))
        return
      }
      log.error({ err: error, importJob: id }, 'catalog import job failed')
      const why = isAppError(error) ? error.detail : 'An unexpected error stopped the import (logged with the job id)'
      await store.updateJob(db, id, row.status, failed('error', `${why}. ${writtenSoFar(row)}`, now()))
    }
  }

  /** A running job without a heartbeat for `staleAfterMs` is failed as interrupted (conditionally). */
  async function settleIfStale(row: store.ImportJobRow): Promise<store.ImportJobRow> {
    if (!isRunning(row.status) || Number(row.updated_at) >= now() - staleAfterMs) return row
    const set = failed('interrupted', interruptedDetail(row, 'stale'), now())
    if (await store.updateJob(db, row.id, row.status, set, Number(row.updated_at))) {
      log.warn({ importJob: row.id, done: row.done, total: row.total }, 'catalog import job interrupted (stale)')
      return { ...row, ...set }
    }
    return (await store.findJob(db, row.id)) ?? row // it moved on meanwhile: show what it is now
  }

  function interruptedDetail(row: store.ImportJobRow, why: 'stale' | 'shutdown'): string {
    const cause =
      why === 'shutdown'
        ? 'The server running the import shut down'
        : `The import made no progress for over ${Math.round(staleAfterMs / 1000)} s (the process running it stopped)`
    return `${cause}. ${writtenSoFar(row)}`
  }
}
export type ImportJobs = ReturnType<typeof createImportJobs>

function isRunning(status: string): boolean {
  return (store.RUNNING as readonly string[]).includes(status)
}

function failed(reason: 'invalid-rows' | 'interrupted' | 'error', detail: string, at: number) {
  return { status: 'failed', failure_reason: reason, failure_detail: detail, finished_at: at, updated_at: at }
}

function writtenSoFar(row: store.ImportJobRow): string {
  if (row.status !== 'writing') return 'Nothing was written; import the file again.'
  return (
    `${row.done} of ${row.total} products were written and stay; importing the same file again ` +
    'finishes the import (re-import updates by handle and SKU).'
  )
}

/** The API view of a job row. */
export function view(row: store.ImportJobRow): ImportJobView {
  const status = row.status as ImportJobStatus
  return {
    id: row.id,
    status,
    format: row.format === 'json' || row.format === 'jsonl' ? row.format : 'csv',
    fileName: row.file_name ?? null,
    dryRun: Number(row.dry_run) === 1,
    progress: { done: Number(row.done), total: Number(row.total) },
    result:
      status === 'succeeded'
        ? {
            products: { created: Number(row.products_created), updated: Number(row.products_updated) },
            variants: Number(row.variants),
          }
        : null,
    errorCount: Number(row.error_count),
    errors: row.errors ? (JSON.parse(row.errors) as ImportError[]) : [],
    failure:
      status === 'failed'
        ? {
            reason: (row.failure_reason ?? 'error') as 'invalid-rows' | 'interrupted' | 'error',
            detail: row.failure_detail ?? '',
          }
        : null,
    createdAt: Number(row.created_at),
    startedAt: row.started_at === null ? null : Number(row.started_at),
    updatedAt: Number(row.updated_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  }
}
