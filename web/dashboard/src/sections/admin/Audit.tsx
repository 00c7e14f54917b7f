/** The security audit log (audit:read): newest first, filtered by account and event type, paged by cursor. */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { createRoute } from '@tanstack/react-router'
import { useState } from 'react'
import { api, formatDate, type Schemas, unwrap } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { appRoute } from '../../routes/root.tsx'
import { useCursorPages } from './paging.tsx'

type AuditEvent = Schemas['AuditEventView']

export const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/audit', component: Audit })

function Audit() {
  const [type, setType] = useState('')
  const [userId, setUserId] = useState('')
  const paging = useCursorPages([type, userId])
  const events = useQuery({
    queryKey: ['audit', type, userId, paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET('/admin/audit-events', {
          params: {
            query: {
              ...(type ? { type } : {}),
              ...(userId ? { userId } : {}),
              ...(paging.cursor ? { cursor: paging.cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  })

  const col = tableColumns<AuditEvent>()
  const columns = col.columns([
    col.accessor('createdAt', { header: 'When', cell: (info) => formatDate(info.getValue()) }),
    col.accessor('type', { header: 'Event' }),
    col.accessor('userId', { header: 'Account', cell: (info) => info.getValue() ?? '—' }),
    col.accessor('actorId', { header: 'By', cell: (info) => info.getValue() ?? '—' }),
    col.accessor('ip', { header: 'IP', cell: (info) => info.getValue() ?? '—' }),
    col.accessor('data', {
      header: 'Details',
      cell: (info) =>
        Object.entries(info.getValue())
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join(', ') || '—',
    }),
  ])

  return (
    <>
      <h1>Audit log</h1>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault()
          const data = new FormData(event.currentTarget)
          setType(String(data.get('type') ?? '').trim())
          setUserId(String(data.get('userId') ?? '').trim())
        }}
      >
        <div>
          <label htmlFor="audit-type">Event type</label>
          <input
            id="audit-type"
            name="type"
            placeholder="e.g. sign-in.failed"
            defaultValue={type}
            pattern="[a-z.\-]{1,40}"
          />
        </div>
        <div>
          <label htmlFor="audit-user">Account id</label>
          <input id="audit-user" name="userId" defaultValue={userId} />
        </div>
        <button type="submit">Filter</button>
      </form>
      <ProblemAlert error={events.error} />
      <DataTable
        caption="Audit events"
        columns={columns}
        rows={events.data?.items ?? []}
        rowKey={(e) => e.id}
        empty="No events."
        busy={events.isPlaceholderData}
      />
      {paging.controls(events.data?.nextCursor ?? null)}
    </>
  )
}
