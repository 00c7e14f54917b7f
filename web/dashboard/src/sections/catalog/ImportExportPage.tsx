/**
 * Import a catalog file (CSV or JSON): a dry run first, listing every row the server refuses (the import
 * is all rows or none), then the import itself. Export downloads the whole catalog as CSV.
 *
 * Progress: the import is one synchronous request, so the page shows that it is under way (an
 * indeterminate bar) rather than invent a percentage the server does not report.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { api, ProblemError, type Schemas, unwrap } from '../../../../shared/api.ts'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import './catalog.css'
import { invalidateCatalog } from './queries.ts'

type ImportResult = Schemas['ImportResult']
interface RowError {
  line: number
  field: string
  message: string
}

function contentTypeOf(file: File): 'text/csv' | 'application/json' {
  return file.name.toLowerCase().endsWith('.json') || file.type === 'application/json' ? 'application/json' : 'text/csv'
}

/** The route reads its body as text (CSV or JSON) and names lines in its errors. */
async function importFile(file: File, dryRun: boolean): Promise<ImportResult> {
  const text = await file.text()
  const contentType = contentTypeOf(file)
  return unwrap(
    api.POST('/admin/catalog/import', {
      params: { query: { dryRun } },
      // The file's text is sent as it is (CSV, or JSON the server parses itself to name lines).
      body: text,
      bodySerializer: (body: unknown) => body as string,
      headers: { 'content-type': contentType },
    }),
  )
}

/** The per-row errors of a refused import (`rows` of its import-failed problem). */
function rowErrorsOf(error: unknown): RowError[] {
  if (!(error instanceof ProblemError) || error.code !== 'import-failed') return []
  const rows = (error.problem as { rows?: unknown }).rows
  return Array.isArray(rows) ? (rows as RowError[]) : []
}

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MB`
}

export function ImportExportPage() {
  return (
    <>
      <h1>Import and export</h1>
      <Import />
      <Export />
    </>
  )
}

function Import() {
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File>()
  const [checked, setChecked] = useState<File>()
  const run = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => importFile(file!, dryRun),
    onSuccess: async (result) => {
      if (result.dryRun) setChecked(file)
      else {
        setChecked(undefined)
        await invalidateCatalog(queryClient)
      }
    },
  })
  const rows = rowErrorsOf(run.error)
  const result = run.data
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p className="muted" id="import-help">
        A CSV file (one row per variant; prices in minor units in <code>price_EUR</code>-style columns) or a JSON array
        of products. Check the file first: nothing is imported unless every row is valid.
      </p>
      <label htmlFor="import-file">Catalog file</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,.json,text/csv,application/json"
        aria-describedby="import-help"
        onChange={(event) => {
          setFile(event.target.files?.[0])
          setChecked(undefined)
          run.reset()
        }}
      />
      <div className="row actions">
        <button type="button" disabled={!file || run.isPending} onClick={() => run.mutate({ dryRun: true })}>
          Check file (dry run)
        </button>
        <button
          type="button"
          disabled={!file || checked !== file || run.isPending}
          onClick={() => run.mutate({ dryRun: false })}
        >
          Import
        </button>
      </div>
      {run.isPending && file ? (
        <div role="status">
          <label htmlFor="import-progress">
            {run.variables.dryRun ? 'Checking' : 'Importing'} {file.name} ({size(file.size)})…
          </label>
          <progress id="import-progress" />
        </div>
      ) : null}
      {result ? (
        <p className="notice" role="status">
          {result.dryRun ? 'The file is valid: importing it would create' : 'Imported: created'}{' '}
          {result.products.created} and update{result.dryRun ? '' : 'd'} {result.products.updated} product(s), with{' '}
          {result.variants} variant(s).{result.dryRun ? ' Nothing was written yet.' : ''}
        </p>
      ) : null}
      <ProblemAlert error={run.error} />
      {rows.length > 0 ? (
        <table className="import-errors">
          <caption>Rows with errors (nothing was imported)</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
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
    </section>
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
