/** The orders section's server state: the searched list, one order, and the staff actions on it. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas, unwrap } from '../../../../shared/api.ts'

export type Order = Schemas['OrderView']
export type OrderSummary = Schemas['OrderSummaryView']
export type OrderStatus = Order['status']

export const ORDER_STATUSES: OrderStatus[] = [
  'pending',
  'paid',
  'fulfilled',
  'delivered',
  'cancelled',
  'refunded',
  'partially_refunded',
]

export interface OrderSearch {
  q?: string
  status?: OrderStatus
  /** First and last day of creation (YYYY-MM-DD, UTC). */
  from?: string
  to?: string
  cursor?: string
}

const DAY_MS = 86_400_000

export function ordersQuery(search: OrderSearch) {
  return queryOptions({
    queryKey: ['orders', 'list', search],
    queryFn: () =>
      unwrap(
        api.GET('/orders', {
          params: {
            query: {
              q: search.q,
              status: search.status,
              from: search.from ? Date.parse(`${search.from}T00:00:00Z`) : undefined,
              to: search.to ? Date.parse(`${search.to}T00:00:00Z`) + DAY_MS - 1 : undefined,
              cursor: search.cursor,
              limit: 20,
            },
          },
        }),
      ),
  })
}

export function orderQuery(orderId: string) {
  return queryOptions({
    queryKey: ['orders', 'one', orderId],
    queryFn: () => unwrap(api.GET('/orders/{orderId}', { params: { path: { orderId } } })),
  })
}

export type OrderAction = 'capture' | 'refund' | 'fulfil' | 'deliver' | 'cancel'

export interface ActionInput {
  action: OrderAction
  /** One per user action, reused when the same action is retried. */
  idempotencyKey: string
  /** Refund only: minor units. */
  amount?: number
  reason?: string
}

/** Runs one staff action on an order and refreshes it (and the lists, and the reports it moves). */
export function useOrderAction(orderId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ActionInput): Promise<Order> => {
      const path = { orderId }
      const header = { 'idempotency-key': input.idempotencyKey }
      switch (input.action) {
        case 'capture':
          return unwrap(api.POST('/orders/{orderId}/capture', { params: { path, header } }))
        case 'cancel':
          return unwrap(api.POST('/orders/{orderId}/cancel', { params: { path, header } }))
        case 'refund':
          return unwrap(
            api.POST('/orders/{orderId}/refunds', {
              params: { path, header },
              body: { amount: input.amount!, ...(input.reason ? { reason: input.reason } : {}) },
            }),
          )
        // Fulfil and deliver are state moves the server refuses to repeat; the key rides along anyway.
        case 'fulfil':
          return unwrap(api.POST('/orders/{orderId}/fulfil', { params: { path }, headers: header }))
        case 'deliver':
          return unwrap(api.POST('/orders/{orderId}/deliver', { params: { path }, headers: header }))
      }
    },
    onSuccess: async (order) => {
      queryClient.setQueryData(orderQuery(orderId).queryKey, order)
      await queryClient.invalidateQueries({ queryKey: ['orders', 'list'] })
      await queryClient.invalidateQueries({ queryKey: ['reports'] })
    },
  })
}
