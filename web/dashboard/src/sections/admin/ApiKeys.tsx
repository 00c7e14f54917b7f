/** API keys (api-keys:manage): list, create with a subset of one's own permissions (the key is shown once), revoke. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createRoute } from '@tanstack/react-router'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { api, formatDate, ProblemError, type Schemas, unwrap } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { appRoute } from '../../routes/root.tsx'
import { type Permission, useMe } from '../../session.ts'

type ApiKey = Schemas['ApiKeyView']

export const apiKeysRoute = createRoute({ getParentRoute: () => appRoute, path: '/api-keys', component: ApiKeys })

interface KeyForm {
  name: string
  permissions: Permission[]
}

function ApiKeys() {
  const me = useMe()
  const queryClient = useQueryClient()
  const [created, setCreated] = useState<Schemas['CreatedApiKeyView'] | undefined>()
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/admin/api-keys')) })
  const form = useForm<KeyForm>({ defaultValues: { name: '', permissions: [] } })
  const create = useMutation({
    mutationFn: (body: KeyForm) => unwrap(api.POST('/admin/api-keys', { body })),
    onSuccess: (key) => {
      setCreated(key)
      form.reset()
      return queryClient.invalidateQueries({ queryKey: ['api-keys'] })
    },
    onError: (error) => {
      if (!(error instanceof ProblemError)) return
      for (const [field, message] of Object.entries(error.fieldErrors)) {
        if (field === 'name' || field === 'permissions') form.setError(field, { message })
      }
    },
  })
  const revoke = useMutation({
    mutationFn: (apiKeyId: string) =>
      unwrap(api.DELETE('/admin/api-keys/{apiKeyId}', { params: { path: { apiKeyId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  })

  const col = tableColumns<ApiKey>()
  const columns = col.columns([
    col.accessor('name', { header: 'Name' }),
    col.accessor('hint', { header: 'Key', cell: (info) => <code>{info.getValue()}…</code> }),
    col.accessor('permissions', { header: 'Permissions', cell: (info) => info.getValue().join(', ') }),
    col.accessor('lastUsedAt', {
      header: 'Last used',
      cell: (info) => (info.getValue() ? formatDate(info.getValue()!) : 'never'),
    }),
    col.display({
      id: 'revoke',
      header: 'Status',
      cell: ({ row }) =>
        row.original.revokedAt ? (
          `revoked ${formatDate(row.original.revokedAt)}`
        ) : (
          <button
            type="button"
            className="danger"
            disabled={revoke.isPending}
            onClick={() => {
              if (window.confirm(`Revoke “${row.original.name}”? Clients using it stop working at once.`)) {
                revoke.mutate(row.original.id)
              }
            }}
          >
            Revoke {row.original.name}
          </button>
        ),
    }),
  ])

  return (
    <>
      <h1>API keys</h1>
      <ProblemAlert error={keys.error ?? revoke.error} />
      <DataTable
        caption="API keys"
        columns={columns}
        rows={keys.data?.items ?? []}
        rowKey={(k) => k.id}
        empty="No API keys."
      />

      <h2>New key</h2>
      {created ? (
        <div className="notice" role="status">
          <p>Key “{created.name}” created. Copy it now: it is not shown again.</p>
          <p>
            <label htmlFor="new-key">The key</label>
            <input id="new-key" readOnly value={created.key} onFocus={(e) => e.currentTarget.select()} />
          </p>
          <button type="button" className="secondary" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </div>
      ) : (
        <form onSubmit={form.handleSubmit((values) => create.mutate(values))} noValidate>
          <ProblemAlert error={create.error} />
          <label htmlFor="key-name">Name</label>
          <input
            id="key-name"
            aria-invalid={form.formState.errors.name ? true : undefined}
            aria-describedby={form.formState.errors.name ? 'key-name-error' : undefined}
            {...form.register('name', { required: 'Give the key a name', maxLength: 100 })}
          />
          {form.formState.errors.name ? (
            <p id="key-name-error" className="field-error">
              {form.formState.errors.name.message}
            </p>
          ) : null}
          <fieldset>
            <legend>Permissions (only those your role holds)</legend>
            {me.permissions.map((permission) => (
              <div key={permission} className="row">
                <input
                  id={`perm-${permission}`}
                  type="checkbox"
                  value={permission}
                  {...form.register('permissions', { validate: (v) => v.length > 0 || 'Choose at least one' })}
                />
                <label htmlFor={`perm-${permission}`} style={{ fontWeight: 400, margin: 0 }}>
                  {permission}
                </label>
              </div>
            ))}
            {form.formState.errors.permissions ? (
              <p className="field-error">{form.formState.errors.permissions.message}</p>
            ) : null}
          </fieldset>
          <p>
            <button type="submit" disabled={create.isPending}>
              Create key
            </button>
          </p>
        </form>
      )}
    </>
  )
}
