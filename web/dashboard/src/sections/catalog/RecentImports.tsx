/**
 * The last import jobs (GET /admin/catalog/imports, newest first): when, the file's name, check or
 * import, status, products done of total, and the outcome. Refetched while any listed job runs, and
 * when this page starts or finishes one (`invalidateRecentImports`).
 */
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query'
import { api, formatDate, type Schemas, unwrap } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'

type ImportJob = Schemas['ImportJobView']

/** How many jobs the table lists. */
const RECENT = 10
/** How often the list is refetched while a job in it runs. */
const POLL_MS = 1000

const running = (job: ImportJob) => job.status !== 'succeeded' && job.status !== 'failed'

const recentImportsQuery = queryOptions({
  queryKey: ['import-jobs', 'recent'],
  queryFn: () => unwrap(api.GET('/admin/catalog/imports', { params: { query: { limit: RECENT } } })),
  refetchInterval: (query) => (query.state.data?.items.some(running) ? POLL_MS : false),
})

/** After this page started a job or saw one end. */
export function invalidateRecentImports(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['import-jobs'] })
}

const count = new Intl.NumberFormat()

function outcome(job: ImportJob): string {
  if (job.result) {
    const { products, variants } = job.result
    const verb = job.dryRun ? 'would create' : 'created'
    return `${verb} ${count.format(products.created)}, ${job.dryRun ? 'update' : 'updated'} ${count.format(products.updated)} (${count.format(variants)} variants)`
  }
  if (job.failure?.reason === 'invalid-rows') return `${count.format(job.errorCount)} row error(s)`
  if (job.failure) return job.failure.detail
  return ''
}

const col = tableColumns<ImportJob>()
const columns = col.columns([
  col.accessor('createdAt', { header: 'Started', cell: (info) => formatDate(info.getValue()) }),
  col.accessor('fileName', { header: 'File', cell: (info) => info.getValue() ?? '—' }),
  col.accessor('dryRun', { header: 'Kind', cell: (info) => (info.getValue() ? 'Check (dry run)' : 'Import') }),
  col.accessor('format', {
    header: 'Format',
    cell: (info) => (info.getValue() === 'jsonl' ? 'JSON Lines' : info.getValue().toUpperCase()),
  }),
  col.accessor('status', { header: 'Status' }),
  col.accessor('progress', {
    header: 'Products',
    cell: (info) => `${count.format(info.getValue().done)} of ${count.format(info.getValue().total)}`,
  }),
  col.display({ id: 'outcome', header: 'Outcome', cell: (info) => outcome(info.row.original) }),
])

export function RecentImports() {
  const jobs = useQuery(recentImportsQuery)
  return (
    <section aria-labelledby="recent-imports-heading">
      <h2 id="recent-imports-heading">Recent imports</h2>
      {jobs.data ? (
        <DataTable
          caption="Recent imports"
          columns={columns}
          rows={jobs.data.items}
          rowKey={(job) => job.id}
          empty="No imports yet."
        />
      ) : jobs.isPending ? (
        <p role="status">Loading…</p>
      ) : null}
      <ProblemAlert error={jobs.error} />
    </section>
  )
}
