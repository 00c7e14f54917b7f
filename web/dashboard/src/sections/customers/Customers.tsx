/**
 * Customers: find an account by email, see its orders, download everything held about it (a JSON file)
 * and erase its personal data (typed confirmation). Each part shows only with the permission its API
 * route asks for: finding accounts customers:read (GET /admin/customers), the privacy actions
 * privacy:manage, the orders orders:read; the customer CSV export customers:read.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createRoute, Link, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { api, formatDate, formatMoney, type Schemas, unwrap } from '../../../../shared/api.ts'
import { DataTable, tableColumns } from '../../../../shared/DataTable.tsx'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { ConfirmButton } from '../../components/ConfirmButton.tsx'
import { guarded } from '../../routes/guard.tsx'
import { appRoute } from '../../routes/root.tsx'
import { can, useMe } from '../../session.ts'
import type { OrderSummary } from '../orders/queries.ts'

type Customer = Schemas['UserView']

export const customersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers',
  ...guarded('customers:read'),
  validateSearch: (search: Record<string, unknown>): { email?: string } =>
    typeof search.email === 'string' && search.email.includes('@') ? { email: search.email.trim().slice(0, 254) } : {},
  component: Customers,
})

function Customers() {
  const me = useMe()
  const { email } = customersRoute.useSearch()
  const navigate = useNavigate({ from: customersRoute.fullPath })
  const form = useForm<{ email: string }>({ values: { email: email ?? '' } })
  const found = useQuery({
    queryKey: ['customers', 'find', email],
    enabled: Boolean(email) && can(me, 'customers:read'),
    queryFn: () => unwrap(api.GET('/admin/customers', { params: { query: { email, limit: 20 } } })),
  })
  return (
    <>
      <h1>Customers</h1>
      <p>
        <a href="/exports/customers" download="customers.csv">
          Download all customer accounts (CSV)
        </a>
      </p>
      <h2>Find a customer</h2>
      {can(me, 'customers:read') ? (
        <search aria-label="Customers">
          <form
            className="filters"
            onSubmit={form.handleSubmit((values) => navigate({ search: { email: values.email.trim() || undefined } }))}
          >
            <div>
              <label htmlFor="customer-email">Email</label>
              <input id="customer-email" type="email" {...form.register('email')} />
            </div>
            <div>
              <button type="submit">Find</button>
            </div>
          </form>
        </search>
      ) : (
        <p className="muted">Looking up customers needs the customers:read permission.</p>
      )}
      <ProblemAlert error={found.error} />
      {found.data && found.data.items.length === 0 ? <p role="status">No customer with the email {email}.</p> : null}
      {found.data?.items.map((customer) => (
        <CustomerPanel key={customer.id} customer={customer} />
      ))}
    </>
  )
}

function CustomerPanel({ customer }: { customer: Customer }) {
  const me = useMe()
  return (
    <section aria-labelledby={`customer-${customer.id}`}>
      <h3 id={`customer-${customer.id}`}>{customer.email}</h3>
      <dl className="facts">
        <dt>Account</dt>
        <dd>{customer.id}</dd>
        <dt>Since</dt>
        <dd>{formatDate(customer.createdAt)}</dd>
        <dt>Email verified</dt>
        <dd>{customer.emailVerified ? 'Yes' : 'No'}</dd>
        <dt>Disabled</dt>
        <dd>{customer.disabled ? 'Yes' : 'No'}</dd>
      </dl>
      {can(me, 'orders:read') ? <CustomerOrders customerId={customer.id} /> : null}
      {can(me, 'privacy:manage') ? <PrivacyActions customer={customer} /> : null}
    </section>
  )
}

const col = tableColumns<OrderSummary>()
const orderColumns = col.columns([
  col.accessor('id', {
    header: 'Order',
    cell: (info) => (
      <Link to="/orders/$orderId" params={{ orderId: info.getValue() }}>
        {info.getValue()}
      </Link>
    ),
  }),
  col.accessor('createdAt', { header: 'Placed', cell: (info) => formatDate(info.getValue()) }),
  col.accessor('status', { header: 'Status' }),
  col.accessor('total', { header: 'Total', cell: (info) => formatMoney(info.getValue(), info.row.original.currency) }),
])

function CustomerOrders({ customerId }: { customerId: string }) {
  const orders = useQuery({
    queryKey: ['orders', 'list', { customerId }],
    queryFn: () => unwrap(api.GET('/orders', { params: { query: { customerId, limit: 20 } } })),
  })
  return (
    <>
      <h4>Orders</h4>
      <ProblemAlert error={orders.error} />
      {orders.data ? (
        <DataTable
          caption="The customer's orders, newest first"
          columns={orderColumns}
          rows={orders.data.items}
          rowKey={(order) => order.id}
          empty="No orders."
        />
      ) : null}
    </>
  )
}

/** Saves a value as a file the browser downloads (no navigation, no server round trip). */
function saveJson(name: string, value: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

function PrivacyActions({ customer }: { customer: Customer }) {
  const queryClient = useQueryClient()
  const path = { userId: customer.id }
  const [typed, setTyped] = useState('')
  const download = useMutation({
    mutationFn: () => unwrap(api.GET('/admin/customers/{userId}/personal-data', { params: { path } })),
    onSuccess: (data) => saveJson(`personal-data-${customer.id}.json`, data),
  })
  const erase = useMutation({
    mutationFn: () => unwrap(api.POST('/admin/customers/{userId}/erasure', { params: { path } })),
    // The found account stays on screen with the outcome (searching again no longer finds the email).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['orders'] }),
  })
  const confirmId = `erase-confirm-${customer.id}`
  return (
    <>
      <h4>Personal data</h4>
      <ProblemAlert error={download.error} />
      <p>
        <button type="button" className="secondary" disabled={download.isPending} onClick={() => download.mutate()}>
          Download personal data (JSON)
        </button>
      </p>
      {erase.data ? (
        <p role="status" className="ok">
          Personal data erased at {formatDate(erase.data.at)}. Orders are kept without it.
        </p>
      ) : (
        <>
          <ProblemAlert error={erase.error} />
          <label htmlFor={confirmId}>Type the customer's email to confirm erasure</label>
          <input
            id={confirmId}
            value={typed}
            autoComplete="off"
            aria-describedby={`${confirmId}-help`}
            onChange={(event) => setTyped(event.target.value)}
          />
          <p className="muted" id={`${confirmId}-help`}>
            Erasure cannot be undone: the account can no longer sign in and its personal data is removed.
          </p>
          <ConfirmButton
            label="Erase personal data"
            question={`Erase ${customer.email} for good?`}
            confirmLabel="Yes, erase"
            danger
            disabled={typed.trim().toLowerCase() !== customer.email.toLowerCase()}
            onConfirm={() => erase.mutateAsync()}
          />
        </>
      )}
    </>
  )
}
