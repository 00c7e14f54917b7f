/** The webhooks section's server state: endpoints, the event types they may subscribe to, deliveries, attempts. */
import { queryOptions } from '@tanstack/react-query'
import { api, type Schemas, unwrap } from '../../../../shared/api.ts'

export type Endpoint = Schemas['EndpointView']
export type EndpointWithSecret = Schemas['EndpointWithSecretView']
export type EventType = Endpoint['events'][number]
export type Delivery = Schemas['DeliveryView']
export type Attempt = Schemas['AttemptView']

export const endpointsQuery = queryOptions({
  queryKey: ['webhooks', 'endpoints'],
  queryFn: () => unwrap(api.GET('/webhooks/endpoints')),
})

export const eventTypesQuery = queryOptions({
  queryKey: ['webhooks', 'event-types'],
  queryFn: () => unwrap(api.GET('/webhooks/event-types')),
  staleTime: Number.POSITIVE_INFINITY,
})

export function endpointQuery(endpointId: string) {
  return queryOptions({
    queryKey: ['webhooks', 'endpoint', endpointId],
    queryFn: () => unwrap(api.GET('/webhooks/endpoints/{endpointId}', { params: { path: { endpointId } } })),
  })
}

export function deliveriesQuery(endpointId: string, cursor?: string) {
  return queryOptions({
    queryKey: ['webhooks', 'deliveries', endpointId, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/webhooks/endpoints/{endpointId}/deliveries', {
          params: { path: { endpointId }, query: { limit: 20, cursor } },
        }),
      ),
  })
}

export function attemptsQuery(endpointId: string, deliveryId?: string) {
  return queryOptions({
    queryKey: ['webhooks', 'attempts', endpointId, deliveryId],
    queryFn: () =>
      unwrap(
        api.GET('/webhooks/endpoints/{endpointId}/attempts', {
          params: { path: { endpointId }, query: { limit: 20, deliveryId } },
        }),
      ),
  })
}
