/** Webhook endpoints: the list, and a form to register one (its signing secret is shown once, here). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createRoute, Link } from '@tanstack/react-router'
import { api, formatDate, unwrap } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { guarded } from '../../routes/guard.tsx'
import { appRoute } from '../../routes/root.tsx'
import { type EndpointFields, EndpointForm } from './EndpointForm.tsx'
import { type Endpoint, endpointsQuery } from './queries.ts'

export const webhooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/webhooks',
  ...guarded('webhooks:manage'),
  component: Webhooks,
})

const col = tableColumns<Endpoint>()
const columns = col.columns([
  col.accessor('url', {
    header: 'URL',
    cell: (info) => (
      <Link to="/webhooks/$endpointId" params={{ endpointId: info.row.original.id }}>
        {info.getValue()}
      </Link>
    ),
  }),
  col.accessor('events', { header: 'Events', cell: (info) => info.getValue().join(', ') }),
  col.accessor('enabled', {
    header: 'State',
    cell: (info) =>
      info.getValue()
        ? 'Enabled'
        : `Disabled${info.row.original.disabledReason ? ` (${info.row.original.disabledReason})` : ''}`,
  }),
  col.accessor('consecutiveFailures', { header: 'Failures in a row' }),
  col.accessor('createdAt', { header: 'Created', cell: (info) => formatDate(info.getValue()) }),
])

export const emptyEndpoint: EndpointFields = { url: '', events: [], description: '', enabled: true }

/** A signing secret, shown once after creation or rotation: the server keeps only what verifies it. */
export function SecretOnce({ secret }: { secret: string }) {
  return (
    <div role="status" className="secret-once">
      <p>
        <strong>Signing secret — copy it now; it is not shown again.</strong>
      </p>
      <p className="secret" data-testid="webhook-secret">
        {secret}
      </p>
    </div>
  )
}

function Webhooks() {
  const queryClient = useQueryClient()
  const endpoints = useQuery(endpointsQuery)
  const create = useMutation({
    mutationFn: (values: EndpointFields) =>
      unwrap(
        api.POST('/webhooks/endpoints', {
          body: {
            url: values.url.trim(),
            events: values.events,
            enabled: values.enabled,
            ...(values.description.trim() ? { description: values.description.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: endpointsQuery.queryKey }),
  })
  return (
    <>
      <h1>Webhooks</h1>
      <ProblemAlert error={endpoints.error} />
      {endpoints.data ? (
        <DataTable
          caption="Webhook endpoints"
          columns={columns}
          rows={endpoints.data.items}
          rowKey={(endpoint) => endpoint.id}
          empty="No endpoints yet."
        />
      ) : null}
      <h2>New endpoint</h2>
      {create.data ? (
        <>
          <p>
            Endpoint{' '}
            <Link to="/webhooks/$endpointId" params={{ endpointId: create.data.id }}>
              {create.data.url}
            </Link>{' '}
            created.
          </p>
          <SecretOnce secret={create.data.secret} />
          <p>
            <button type="button" className="secondary" onClick={() => create.reset()}>
              Register another endpoint
            </button>
          </p>
        </>
      ) : (
        <EndpointForm
          idPrefix="new-endpoint"
          initial={emptyEndpoint}
          submitLabel="Create endpoint"
          error={create.error}
          onSubmit={(values) => create.mutateAsync(values)}
        />
      )}
    </>
  )
}
