/** Products: search by title, handle or SKU, filter by status, page through newest first. */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import './catalog.css'
import { type ProductStatus, productListQuery } from './queries.ts'
import { productsRoute } from './routes.tsx'

interface Row {
  id: string
  handle: string
  title: string
  status: ProductStatus
  updatedAt: number
}

const col = tableColumns<Row>()
const columns = col.columns([
  col.accessor('title', {
    header: 'Title',
    cell: (info) => (
      <Link to="/products/$id" params={{ id: info.row.original.id }}>
        {info.getValue()}
      </Link>
    ),
  }),
  col.accessor('handle', { header: 'Handle' }),
  col.accessor('status', {
    header: 'Status',
    cell: (info) => <span className={`status status-${info.getValue()}`}>{info.getValue()}</span>,
  }),
  col.accessor('updatedAt', {
    header: 'Updated',
    cell: (info) => new Date(info.getValue()).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
  }),
])

interface Filter {
  q: string
  status: '' | ProductStatus
}

export function ProductsPage() {
  const search = productsRoute.useSearch()
  const navigate = useNavigate({ from: productsRoute.fullPath })
  // Cursors of the pages before this one (the API pages forward only).
  const [previous, setPrevious] = useState<(string | undefined)[]>([])
  const list = useQuery({ ...productListQuery(search), placeholderData: keepPreviousData })
  const filter = useForm<Filter>({ values: { q: search.q ?? '', status: search.status ?? '' } })

  const apply = filter.handleSubmit(async ({ q, status }) => {
    setPrevious([])
    await navigate({ search: { q: q.trim() || undefined, status: status || undefined } })
  })

  return (
    <>
      <div className="row heading-row">
        <h1>Products</h1>
        <Link to="/products/new" className="button">
          New product
        </Link>
      </div>
      <search>
        <form className="row filters" onSubmit={apply}>
          <div>
            <label htmlFor="product-q">Search</label>
            <input id="product-q" type="search" placeholder="Title, handle or SKU" {...filter.register('q')} />
          </div>
          <div>
            <label htmlFor="product-status">Status</label>
            <select id="product-status" {...filter.register('status')}>
              <option value="">Any</option>
              <option value="draft">Draft</option>
              <option value="published">Published</option>
              <option value="archived">Archived</option>
            </select>
          </div>
          <button type="submit">Search</button>
        </form>
      </search>
      <ProblemAlert error={list.error} />
      <DataTable
        caption="Products"
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(row) => row.id}
        busy={list.isPlaceholderData}
        empty={list.isPending ? 'Loading…' : search.q || search.status ? 'No product matches.' : 'No products yet.'}
      />
      <div className="row pager">
        <button
          type="button"
          className="secondary"
          disabled={previous.length === 0}
          onClick={async () => {
            const cursor = previous[previous.length - 1]
            setPrevious(previous.slice(0, -1))
            await navigate({ search: { ...search, cursor } })
          }}
        >
          Previous page
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!list.data?.nextCursor}
          onClick={async () => {
            setPrevious([...previous, search.cursor])
            await navigate({ search: { ...search, cursor: list.data?.nextCursor ?? undefined } })
          }}
        >
          Next page
        </button>
      </div>
    </>
  )
}
