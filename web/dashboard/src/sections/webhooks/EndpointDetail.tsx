/** One webhook endpoint: edit, rotate its secret (shown once), delete, and its deliveries and attempts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createRoute, Link, useNavigate } from '@tanstack/react-router'
import { api, formatDate, unwrap } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { ConfirmButton } from '../../components/ConfirmButton.tsx'
import { guarded } from '../../routes/guard.tsx'
import { appRoute } from '../../routes/root.tsx'
import { type EndpointFields, EndpointForm } from './EndpointForm.tsx'
import {
  type Attempt,
  attemptsQuery,
  type Delivery,
  deliveriesQuery,
  type Endpoint,
  endpointQuery,
  endpointsQuery,
} from './queries.ts'
import { SecretOnce } from './Webhooks.tsx'

export const endpointRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/webhooks/$endpointId',
  ...guarded('webhooks:manage'),
  validateSearch: (search: Record<string, unknown>): { deliveryId?: string } =>
    typeof search.deliveryId === 'string' && /^[\w-]{1,100}$/.test(search.deliveryId)
      ? { deliveryId: search.deliveryId }
      : {},
  component: EndpointDetail,
})

const when = (ms: number | null) => (ms === null ? '—' : formatDate(ms))

function EndpointDetail() {
  const { endpointId } = endpointRoute.useParams()
  const endpoint = useQuery(endpointQuery(endpointId))
  return (
    <>
      <p>
        <Link to="/webhooks">← Webhooks</Link>
      </p>
      <h1>Webhook endpoint</h1>
      <ProblemAlert error={endpoint.error} />
      {endpoint.data ? <EndpointPanels endpoint={endpoint.data} /> : null}
    </>
  )
}

function EndpointPanels({ endpoint }: { endpoint: Endpoint }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const path = { endpointId: endpoint.id }
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['webhooks'] })
  }
  const update = useMutation({
    mutationFn: (values: EndpointFields) =>
      unwrap(
        api.PATCH('/webhooks/endpoints/{endpointId}', {
          params: { path },
          body: {
            url: values.url.trim(),
            events: values.events,
            enabled: values.enabled,
            description: values.description.trim() || null,
          },
        }),
      ),
    onSuccess: refresh,
  })
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/webhooks/endpoints/{endpointId}/secret', { params: { path } })),
    onSuccess: refresh,
  })
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/webhooks/endpoints/{endpointId}', { params: { path } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: endpointQuery(endpoint.id).queryKey })
      await queryClient.invalidateQueries({ queryKey: endpointsQuery.queryKey })
      await navigate({ to: '/webhooks' })
    },
  })
  return (
    <>
      <p className="secret">{endpoint.url}</p>
      <dl className="facts">
        <dt>State</dt>
        <dd>
          {endpoint.enabled ? 'Enabled' : `Disabled${endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ''}`}
        </dd>
        <dt>Failures in a row</dt>
        <dd>{endpoint.consecutiveFailures}</dd>
        <dt>Failing since</dt>
        <dd>{when(endpoint.failingSince)}</dd>
        <dt>Updated</dt>
        <dd>{when(endpoint.updatedAt)}</dd>
      </dl>
      <h2>Signing secret</h2>
      <ProblemAlert error={rotate.error} />
      {rotate.data ? <SecretOnce secret={rotate.data.secret} /> : null}
      <ConfirmButton
        label="Rotate secret"
        question="Replace the signing secret? Receivers must switch to the new one."
        confirmLabel="Yes, rotate"
        onConfirm={() => rotate.mutateAsync()}
      />
      <h2>Settings</h2>
      {update.isSuccess ? (
        <p role="status" className="ok">
          Saved.
        </p>
      ) : null}
      <EndpointForm
        key={endpoint.updatedAt}
        idPrefix="endpoint"
        initial={{
          url: endpoint.url,
          events: endpoint.events,
          description: endpoint.description ?? '',
          enabled: endpoint.enabled,
        }}
        submitLabel="Save changes"
        error={update.error}
        onSubmit={(values) => update.mutateAsync(values)}
      />
      <h2>Delete</h2>
      <ProblemAlert error={remove.error} />
      <ConfirmButton
        label="Delete endpoint"
        question="Delete this endpoint and its deliveries?"
        confirmLabel="Yes, delete"
        danger
        onConfirm={() => remove.mutateAsync()}
      />
      <Deliveries endpointId={endpoint.id} />
    </>
  )
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const { deliveryId } = endpointRoute.useSearch()
  const deliveries = useQuery(deliveriesQuery(endpointId))
  const attempts = useQuery(attemptsQuery(endpointId, deliveryId))
  const dcol = tableColumns<Delivery>()
  const deliveryColumns = dcol.columns([
    dcol.accessor('createdAt', { header: 'Queued', cell: (info) => when(info.getValue()) }),
    dcol.accessor('eventType', { header: 'Event' }),
    dcol.accessor('status', { header: 'Status' }),
    dcol.accessor('attempts', { header: 'Attempts' }),
    dcol.accessor('lastStatusCode', { header: 'Last HTTP status', cell: (info) => info.getValue() ?? '—' }),
    dcol.accessor('nextAttemptAt', { header: 'Next attempt', cell: (info) => when(info.getValue()) }),
    dcol.display({
      id: 'show',
      header: 'Attempts',
      cell: (info) => (
        <Link
          to="/webhooks/$endpointId"
          params={{ endpointId }}
          search={{ deliveryId: info.row.original.id }}
          aria-label={`Attempts of delivery ${info.row.original.id}`}
        >
          Show
        </Link>
      ),
    }),
  ])
  const acol = tableColumns<Attempt>()
  const attemptColumns = acol.columns([
    acol.accessor('startedAt', { header: 'Started', cell: (info) => when(info.getValue()) }),
    acol.accessor('attempt', { header: 'Try' }),
    acol.accessor('ok', { header: 'Result', cell: (info) => (info.getValue() ? 'Succeeded' : 'Failed') }),
    acol.accessor('statusCode', { header: 'HTTP status', cell: (info) => info.getValue() ?? '—' }),
    acol.accessor('durationMs', { header: 'Duration (ms)' }),
    acol.accessor('error', { header: 'Error', cell: (info) => info.getValue() ?? '—' }),
  ])
  return (
    <>
      <h2>Deliveries</h2>
      <ProblemAlert error={deliveries.error} />
      {deliveries.data ? (
        <DataTable
          caption="Deliveries, newest first"
          columns={deliveryColumns}
          rows={deliveries.data.items}
          rowKey={(delivery) => delivery.id}
          empty="Nothing delivered yet."
        />
      ) : null}
      <h2>Attempts{deliveryId ? ` of delivery ${deliveryId}` : ''}</h2>
      {deliveryId ? (
        <p>
          <Link to="/webhooks/$endpointId" params={{ endpointId }} search={{}}>
            All attempts
          </Link>
        </p>
      ) : null}
      <ProblemAlert error={attempts.error} />
      {attempts.data ? (
        <DataTable
          caption="Delivery attempts, newest first"
          columns={attemptColumns}
          rows={attempts.data.items}
          rowKey={(attempt) => attempt.id}
          empty="No attempts yet."
        />
      ) : null}
    </>
  )
}
