/**
 * A table over TanStack Table (v9): the library owns the row model, this owns the markup. Columns come
 * from the caller (`tableColumns<Row>()` below); server-side search and paging stay with the caller,
 * which passes the current page's rows.
 */
import { createColumnHelper, type RowData, tableFeatures, useTable } from '@tanstack/react-table'
import type { ReactNode } from 'react'

const features = tableFeatures({})

/** A column helper for rows of type `Row`: `const col = tableColumns<Order>(); col.columns([col.accessor('id', …)])`. */
export function tableColumns<Row extends RowData>() {
  return createColumnHelper<typeof features, Row>()
}

export type TableColumns<Row extends RowData> = ReturnType<ReturnType<typeof tableColumns<Row>>['columns']>

export function DataTable<Row extends RowData>(props: {
  /** What the table lists, for screen readers (a visually hidden caption). */
  caption: string
  columns: TableColumns<Row>
  rows: Row[]
  /** Shown in place of the body when there are no rows. */
  empty?: ReactNode
  rowKey?: (row: Row) => string
  /**
   * True while the rows shown are not yet those of the current search (a previous page kept on screen
   * while the new one loads): the table says so with `aria-busy`, for assistive technology and tests.
   */
  busy?: boolean
}) {
  const table = useTable({
    features,
    columns: props.columns,
    data: props.rows,
    ...(props.rowKey ? { getRowId: (row: Row) => props.rowKey!(row) } : {}),
  })
  const rows = table.getRowModel().rows
  return (
    <table aria-busy={props.busy ?? false}>
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} scope="col">
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={table.getAllLeafColumns().length} className="muted">
              {props.empty ?? 'Nothing here yet.'}
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  )
}
