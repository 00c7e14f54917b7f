/** Users and roles (users:manage): find accounts, change a role, disable or enable one. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createRoute } from '@tanstack/react-router'
import { useState } from 'react'
import { api, formatDate, type Schemas, unwrap } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { appRoute } from '../../routes/root.tsx'
import { useMe } from '../../session.ts'
import { useCursorPages } from './paging.tsx'

type User = Schemas['UserView']
type Role = User['role']
const ROLES: Role[] = ['customer', 'staff', 'admin']

export const usersRoute = createRoute({ getParentRoute: () => appRoute, path: '/users', component: Users })

function Users() {
  const me = useMe()
  const queryClient = useQueryClient()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role | ''>('')
  const [notice, setNotice] = useState('')
  const paging = useCursorPages([email, role])
  const list = useQuery({
    queryKey: ['admin-users', email, role, paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET('/admin/users', {
          params: {
            query: {
              ...(email ? { email } : {}),
              ...(role ? { role } : {}),
              ...(paging.cursor ? { cursor: paging.cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  })
  const update = useMutation({
    mutationFn: (input: { userId: string; body: Schemas['UpdateUserBody'] }) =>
      unwrap(api.PATCH('/admin/users/{userId}', { params: { path: { userId: input.userId } }, body: input.body })),
    onMutate: () => setNotice(''),
    onSuccess: async (user) => {
      // The notice appears once the table shows the change, so it never claims what the list does not show yet.
      await queryClient.invalidateQueries({ queryKey: ['admin-users'] })
      setNotice(`${user.email} is ${user.disabled ? 'disabled' : `now ${user.role}`}.`)
    },
  })

  const col = tableColumns<User>()
  const columns = col.columns([
    col.accessor('email', { header: 'Email' }),
    col.display({
      id: 'role',
      header: 'Role',
      cell: ({ row }) => {
        const user = row.original
        if (user.id === me.id) return user.role
        return (
          <select
            aria-label={`Role of ${user.email}`}
            value={user.role}
            disabled={update.isPending}
            onChange={(event) => {
              const next = event.target.value as Role
              if (window.confirm(`Make ${user.email} ${next}? Their sessions end.`)) {
                update.mutate({ userId: user.id, body: { role: next } })
              }
            }}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        )
      },
    }),
    col.accessor('mfaEnabled', { header: 'MFA', cell: (info) => (info.getValue() ? 'on' : 'off') }),
    col.accessor('createdAt', { header: 'Since', cell: (info) => formatDate(info.getValue()) }),
    col.display({
      id: 'status',
      header: 'Status',
      cell: ({ row }) => {
        const user = row.original
        if (user.id === me.id) return 'you'
        return (
          <button
            type="button"
            className={user.disabled ? 'secondary' : 'danger'}
            disabled={update.isPending}
            onClick={() => update.mutate({ userId: user.id, body: { disabled: !user.disabled } })}
          >
            {user.disabled ? `Enable ${user.email}` : `Disable ${user.email}`}
          </button>
        )
      },
    }),
  ])

  return (
    <>
      <h1>Users and roles</h1>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault()
          const data = new FormData(event.currentTarget)
          setEmail(String(data.get('email') ?? '').trim())
          setRole(String(data.get('role') ?? '') as Role | '')
        }}
      >
        <div>
          <label htmlFor="user-email">Email</label>
          <input id="user-email" name="email" type="email" defaultValue={email} />
        </div>
        <div>
          <label htmlFor="user-role">Role</label>
          <select id="user-role" name="role" defaultValue={role}>
            <option value="">any</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Find</button>
      </form>
      <ProblemAlert error={list.error ?? update.error} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <DataTable
        caption="Accounts"
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(u) => u.id}
        busy={list.isPlaceholderData}
      />
      {paging.controls(list.data?.nextCursor ?? null)}
    </>
  )
}
