import type { CsvField } from '../../platform/csv-format.ts'
import { type CsvColumn, sendCsv, streamCsv } from '../../platform/http/csv.ts'
import type { App } from '../../platform/http/types.ts'
import { RangeQuery } from '../../platform/reports.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import {
  EVENT_TYPES,
  EventBatchBody,
  EventBatchView,
  EventExportQuery,
  FunnelView,
  type VolumePoint,
  VolumeQuery,
  VolumeView,
  ZeroResultQuery,
  ZeroResultView,
} from './schemas.ts'
import type { InsightsService } from './service.ts'

const reports = {
  auth: { permission: 'reports:read' },
  rateLimit: limits.heavy,
  formats: ['json', 'xml', 'csv'],
} as const

export async function insightsRoutes(app: App, { insights }: { insights: InsightsService }) {
  app.post(
    '/events',
    {
      schema: {
        summary: 'Record a batch of storefront events (analytics)',
        description:
          'Appends up to EVENTS_MAX_BATCH events. The customer is the signed-in account, if any; a body cannot name one.',
        tags: ['insights'],
        body: EventBatchBody,
        response: { 202: EventBatchView },
      },
      config: { auth: 'public', rateLimit: limits.events },
    },
    async (req, reply) => reply.code(202).send(await insights.collect(req.actor, req.body)),
  )

  app.get(
    '/reports/funnel',
    {
      schema: {
        summary: 'Funnel: product view → add to cart → checkout started → order placed (distinct visitors)',
        tags: ['reports'],
        querystring: RangeQuery,
        response: { 200: FunnelView },
      },
      config: reports,
    },
    async (req, reply) => {
      const view = await insights.funnel(req.query)
      if (req.format !== 'csv') return view
      return sendCsv(reply, `funnel_${view.from}_${view.to}.csv`, view.steps, [
        { header: 'step', value: (s) => s.step },
        { header: 'visitors', value: (s) => s.visitors },
        { header: 'reached', value: (s) => s.reached },
        { header: 'conversion', value: (s) => s.conversion },
      ])
    },
  )

  app.get(
    '/reports/searches/zero-results',
    {
      schema: {
        summary: 'Searches that returned nothing: query, count, last seen',
        tags: ['reports'],
        querystring: ZeroResultQuery,
        response: { 200: ZeroResultView },
      },
      config: reports,
    },
    async (req, reply) => {
      const view = await insights.zeroResultSearches(req.query)
      if (req.format !== 'csv') return view
      return sendCsv(reply, `zero-result-searches_${view.from}_${view.to}.csv`, view.items, [
        { header: 'query', value: (r) => r.query },
        { header: 'count', value: (r) => r.count },
        { header: 'lastSeenAt', value: (r) => new Date(r.lastSeenAt).toISOString() },
      ])
    },
  )

  app.get(
    '/reports/events/volume',
    {
      schema: {
        summary: 'Event volume per day or week, by type, with explicit zero buckets',
        tags: ['reports'],
        querystring: VolumeQuery,
        response: { 200: VolumeView },
      },
      config: reports,
    },
    async (req, reply) => {
      const view = await insights.volume(req.query)
      if (req.format !== 'csv') return view
      const columns: CsvColumn<VolumePoint>[] = [
        { header: 'date', value: (p) => p.date },
        { header: 'total', value: (p) => p.total },
        ...EVENT_TYPES.map((type) => ({ header: type, value: (p: VolumePoint) => p[type] })),
      ]
      return sendCsv(reply, `event-volume_${view.granularity}_${view.from}_${view.to}.csv`, view.points, columns)
    },
  )

  app.get(
    '/exports/events',
    {
      schema: {
        summary: 'All events of a date range as CSV, streamed',
        tags: ['reports'],
        querystring: EventExportQuery,
      },
      config: { ...reports, formats: ['csv'] },
    },
    async (req, reply) => {
      const { range, chunks } = insights.exportCsv(req.query, exportFields)
      return streamCsv(reply, `events_${range.from}_${range.to}.csv`, chunks)
    },
  )
}

/** The events export's columns (formatted where the rows are read, platform/csv-format.ts). */
const exportFields: CsvField[] = [
  { header: 'id', column: 'id' },
  { header: 'type', column: 'type' },
  { header: 'occurredAt', column: 'occurred_at', as: 'time' },
  { header: 'receivedAt', column: 'received_at', as: 'time' },
  { header: 'anonymousId', column: 'anonymous_id' },
  { header: 'customerId', column: 'customer_id' },
  { header: 'source', column: 'source' },
  { header: 'properties', column: 'properties' },
]
