/**
 * Import a catalog file (CSV, JSON or JSON Lines) as an import job: a dry run first, listing every row the server
 * refuses (the import is all rows or none), then the import itself. Each upload answers at once with
 * a job that this page polls until it ends: a determinate progress bar ("N of M products") while the
 * file is checked and written, then the result, the per-row errors, or why it stopped. Export
 * downloads the whole catalog as CSV. Below the upload, the recent jobs (RecentImports.tsx).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { api, idempotencyKey, type Schemas, unwrap } from '../../../../shared/api.ts'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import './catalog.css'
import { invalidateCatalog } from './queries.ts'
import { invalidateRecentImports, RecentImports } from './RecentImports.tsx'

type ImportJob = Schemas['ImportJobView']

/** How often a running job is asked for its progress. */
const POLL_MS = 500

/**
 * Starts an import job. The file goes as a multipart form part, streamed from disk by the browser (not
 * read into the page first); the server reads it as it arrives, picks the format by the file's name
 * (.csv, .json, .jsonl) and keeps the name with the job.
 */
async function startImport(file: File, dryRun: boolean): Promise<ImportJob> {
  const form = new FormData()
  form.append('file', file, file.name)
  return unwrap(
    api.POST('/admin/catalog/imports', {
      // One key per press: a retried upload answers the same job instead of starting a second one.
      params: { query: { dryRun }, header: { 'idempotency-key': idempotencyKey() } },
      // `body` is the form's documented shape; the serializer sends the FormData itself, for which the
      // browser sets multipart/form-data with its boundary.
      body: { file: file.name },
      bodySerializer: () => form,
    }),
  )
}

const importJobQuery = (id: string | undefined) => ({
  queryKey: ['import-job', id],
  queryFn: () => unwrap(api.GET('/admin/catalog/imports/{id}', { params: { path: { id: id! } } })),
  enabled: id !== undefined,
  // Poll while the job runs; stop once it has succeeded or failed.
  refetchInterval: (query: { state: { data?: ImportJob } }) => (isRunning(query.state.data) ? POLL_MS : false),
  staleTime: 0,
})

function isRunning(job: ImportJob | undefined): boolean {
  return job !== undefined && job.status !== 'succeeded' && job.status !== 'failed'
}

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MB`
}

const count = new Intl.NumberFormat()

export function ImportExportPage() {
  return (
    <>
      <h1>Import and export</h1>
      <Import />
      <RecentImports />
      <Export />
    </>
  )
}

function Import() {
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File>()
  const [checked, setChecked] = useState<File>()
  const [jobId, setJobId] = useState<string>()
  const start = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => startImport(file!, dryRun),
    onSuccess: (job) => {
      queryClient.setQueryData(['import-job', job.id], job)
      setJobId(job.id)
      void invalidateRecentImports(queryClient)
    },
  })
  const poll = useQuery(importJobQuery(jobId))
  const job = jobId ? poll.data : undefined
  const running = start.isPending || isRunning(job)
  const outcome = job && !isRunning(job) ? `${job.id} ${job.status}` : undefined
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per finished job (`outcome`)
  useEffect(() => {
    if (!job || !outcome) return
    void invalidateRecentImports(queryClient)
    if (job.status === 'succeeded' && job.dryRun) setChecked(file)
    // An import that stopped part-way may have written some batches: the lists are refetched then too.
    if (!job.dryRun && job.failure?.reason !== 'invalid-rows') void invalidateCatalog(queryClient)
  }, [outcome])
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p className="muted" id="import-help">
        A CSV file (one row per variant; prices in minor units in <code>price_EUR</code>-style columns), a JSON array of
        products, or JSON Lines (<code>.jsonl</code>, one product per line). Check the file first: nothing is imported
        unless every row is valid.
      </p>
      <label htmlFor="import-file">Catalog file</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json,application/x-ndjson"
        aria-describedby="import-help"
        disabled={running}
        onChange={(event) => {
          setFile(event.target.files?.[0])
          setChecked(undefined)
          setJobId(undefined)
          start.reset()
        }}
      />
      <div className="row actions">
        <button type="button" disabled={!file || running} onClick={() => start.mutate({ dryRun: true })}>
          Check file (dry run)
        </button>
        <button
          type="button"
          disabled={!file || checked !== file || running}
          onClick={() => start.mutate({ dryRun: false })}
        >
          Import
        </button>
      </div>
      {file && running ? <Progress file={file} job={job} dryRun={start.variables?.dryRun ?? job?.dryRun} /> : null}
      {job && !running ? <Outcome job={job} /> : null}
      <ProblemAlert error={start.error} />
      <ProblemAlert error={poll.error} />
    </section>
  )
}

/** The job's step and, once it is known, a determinate bar: products checked or written of the total. */
function Progress({ file, job, dryRun }: { file: File; job: ImportJob | undefined; dryRun: boolean | undefined }) {
  const verb = dryRun ? 'Checking' : 'Importing'
  const step =
    !job || job.status === 'queued'
      ? 'uploaded, waiting to start'
      : job.status === 'validating'
        ? 'checking rows'
        : 'writing products'
  const known = job !== undefined && job.progress.total > 0
  return (
    <div role="status" className="import-progress">
      <label htmlFor="import-progress">
        {verb} {file.name} ({size(file.size)}): {step}
        {known ? `, ${count.format(job.progress.done)} of ${count.format(job.progress.total)} products` : '…'}
      </label>
      {known ? (
        <progress id="import-progress" max={job.progress.total} value={job.progress.done} />
      ) : (
        <progress id="import-progress" />
      )}
    </div>
  )
}

function Outcome({ job }: { job: ImportJob }) {
  if (job.status === 'succeeded' && job.result) {
    const { products, variants } = job.result
    return (
      <p className="notice" role="status">
        {job.dryRun ? 'The file is valid: importing it would create' : 'Imported: created'} {products.created} and
        update{job.dryRun ? '' : 'd'} {products.updated} product(s), with {variants} variant(s).
        {job.dryRun ? ' Nothing was written yet.' : ''}
      </p>
    )
  }
  if (!job.failure) return null
  return (
    <>
      <div className="problem" role="alert">
        {job.failure.detail}
        <span className="muted"> ({job.failure.reason})</span>
      </div>
      {job.errors.length > 0 ? (
        <table className="import-errors">
          <caption>
            Rows with errors (nothing was imported)
            {job.errorCount > job.errors.length
              ? `: the first ${count.format(job.errors.length)} of ${count.format(job.errorCount)}`
              : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {job.errors.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a line may have several errors; the list is fixed
              <tr key={i}>
                <td>{row.line}</td>
                <td>{row.field}</td>
                <td>{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  )
}

function Export() {
  const download = useMutation({
    mutationFn: async () => {
      const blob = await unwrap(api.GET('/admin/catalog/export', { parseAs: 'blob' }))
      const url = URL.createObjectURL(blob as Blob)
      const link = document.createElement('a')
      link.href = url
      link.download = `catalog-${new Date().toISOString().slice(0, 10)}.csv`
      document.body.append(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
    },
  })
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p className="muted">The whole catalog as CSV, in the import format.</p>
      <button type="button" disabled={download.isPending} onClick={() => download.mutate()}>
        Download catalog (CSV)
      </button>
      {download.isPending ? <p role="status">Preparing the export…</p> : null}
      <ProblemAlert error={download.error} />
    </section>
  )
}
