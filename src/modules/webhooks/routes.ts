import { Type } from 'typebox'
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import {
  AttemptPage,
  AttemptQuery,
  DeliveryPage,
  EndpointBody,
  EndpointList,
  EndpointParams,
  EndpointPatch,
  EndpointView,
  EndpointWithSecretView,
  EventTypeList,
  PageQuery,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_EVENTS,
} from './schemas.ts'
import type { WebhookService } from './service.ts'

const manage = { permission: 'webhooks:manage' } as const
const tags = ['webhooks']

export async function webhookRoutes(app: App, { webhooks }: { webhooks: WebhookService }) {
  app.get(
    '/webhooks/event-types',
    {
      schema: { summary: 'Event types a webhook endpoint can subscribe to', tags, response: { 200: EventTypeList } },
      config: { auth: manage, rateLimit: limits.read },
    },
    async () => ({ items: WEBHOOK_EVENT_TYPES.map((type) => ({ type, description: WEBHOOK_EVENTS[type] })) }),
  )

  app.post(
    '/webhooks/endpoints',
    {
      schema: {
        summary: 'Register a webhook endpoint (the answer holds its signing secret)',
        tags,
        body: EndpointBody,
        response: { 201: EndpointWithSecretView },
      },
      config: { auth: manage, rateLimit: limits.write },
    },
    async (req, reply) => reply.code(201).send(await webhooks.createEndpoint(req.body)),
  )

  app.get(
    '/webhooks/endpoints',
    {
      schema: { summary: 'List webhook endpoints', tags, response: { 200: EndpointList } },
      config: { auth: manage, rateLimit: limits.read },
    },
    () => webhooks.listEndpoints(),
  )

  app.get(
    '/webhooks/endpoints/:endpointId',
    {
      schema: { summary: 'One webhook endpoint', tags, params: EndpointParams, response: { 200: EndpointView } },
      config: { auth: manage, rateLimit: limits.read },
    },
    (req) => webhooks.getEndpoint(req.params.endpointId),
  )

  app.patch(
    '/webhooks/endpoints/:endpointId',
    {
      schema: {
        summary: 'Change a webhook endpoint (URL, events, enabled, description)',
        tags,
        params: EndpointParams,
        body: EndpointPatch,
        response: { 200: EndpointView },
      },
      config: { auth: manage, rateLimit: limits.write },
    },
    (req) => webhooks.updateEndpoint(req.params.endpointId, req.body),
  )

  app.delete(
    '/webhooks/endpoints/:endpointId',
    {
      schema: {
        summary: 'Delete a webhook endpoint with its deliveries',
        tags,
        params: EndpointParams,
        response: { 204: Type.Null({ description: 'Deleted' }) },
      },
      config: { auth: manage, rateLimit: limits.write },
    },
    async (req, reply) => {
      await webhooks.deleteEndpoint(req.params.endpointId)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/webhooks/endpoints/:endpointId/secret',
    {
      schema: {
        summary: 'Rotate the signing secret (the answer holds the new one)',
        tags,
        params: EndpointParams,
        response: { 200: EndpointWithSecretView },
      },
      config: { auth: manage, rateLimit: limits.write },
    },
    (req) => webhooks.rotateSecret(req.params.endpointId),
  )

  app.get(
    '/webhooks/endpoints/:endpointId/deliveries',
    {
      schema: {
        summary: "An endpoint's deliveries, newest first",
        tags,
        params: EndpointParams,
        querystring: PageQuery,
        response: { 200: DeliveryPage },
      },
      config: { auth: manage, rateLimit: limits.read },
    },
    (req) => webhooks.listDeliveries(req.params.endpointId, req.query),
  )

  app.get(
    '/webhooks/endpoints/:endpointId/attempts',
    {
      schema: {
        summary: "An endpoint's delivery attempts (status code, duration, error), newest first",
        tags,
        params: EndpointParams,
        querystring: AttemptQuery,
        response: { 200: AttemptPage },
      },
      config: { auth: manage, rateLimit: limits.read },
    },
    (req) => webhooks.listAttempts(req.params.endpointId, req.query),
  )
}
