/** Operations endpoints: liveness, readiness, metrics, the problem-type catalogue and the OpenAPI document. */
import { Type } from 'typebox'
import type { DatabaseHandle } from '../../platform/db/connect.ts'
import { notFound, unavailable } from '../../platform/errors.ts'
import type { ProblemRegistry } from '../../platform/http/problems.ts'
import type { App } from '../../platform/http/types.ts'
import type { Metrics } from '../../platform/observability/metrics.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import { HealthView, ProblemCodeParams, ProblemTypeList, ProblemTypeView, ReadyView } from './schemas.ts'

export const systemProblems = {
  'database-unreachable': {
    title: 'Database unreachable',
    description: 'The readiness check could not reach the database.',
  },
  'problem-type-not-found': { title: 'Unknown problem type', description: 'No problem type has this code.' },
}

export async function systemRoutes(
  app: App,
  { database, metrics, problems }: { database: DatabaseHandle; metrics: Metrics; problems: ProblemRegistry },
) {
  app.get(
    '/healthz',
    {
      schema: { summary: 'Liveness: the process is up', tags: ['operations'], response: { 200: HealthView } },
      config: { auth: 'public', rateLimit: limits.probe },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      schema: { summary: 'Readiness: the database answers', tags: ['operations'], response: { 200: ReadyView } },
      config: { auth: 'public', rateLimit: limits.probe },
    },
    async () => {
      try {
        await database.ping()
      } catch {
        throw unavailable('database-unreachable', 'The database does not answer')
      }
      return { status: 'ready' as const, database: database.dialect }
    },
  )

  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics',
        tags: ['operations'],
        response: { 200: Type.String({ description: 'Prometheus text exposition format' }) },
      },
      config: { auth: 'public', rateLimit: limits.probe, formats: ['text'] },
    },
    async (_req, reply) => {
      reply.type(metrics.registry.contentType)
      return metrics.registry.metrics()
    },
  )

  const problemList = Object.entries(problems.types)
    .map(([code, type]) => ({ code, type: `/problems/${code}`, ...type }))
    .sort((a, b) => a.code.localeCompare(b.code))

  app.get(
    '/problems',
    {
      schema: {
        summary: 'Every problem type this API answers with',
        tags: ['operations'],
        response: { 200: ProblemTypeList },
      },
      config: { auth: 'public', rateLimit: limits.read },
    },
    async () => ({ items: problemList }),
  )

  app.get(
    '/problems/:code',
    {
      schema: {
        summary: "One problem type (the target of a problem document's `type`)",
        tags: ['operations'],
        params: ProblemCodeParams,
        response: { 200: ProblemTypeView },
      },
      config: { auth: 'public', rateLimit: limits.read },
    },
    async (req) => {
      const found = problemList.find((p) => p.code === req.params.code)
      if (!found) throw notFound('problem-type-not-found', `No problem type "${req.params.code}"`)
      return found
    },
  )

  app.get(
    '/openapi.json',
    {
      schema: { summary: 'This OpenAPI 3.1 document', tags: ['operations'], hide: true },
      config: { auth: 'public', rateLimit: limits.read, formats: ['json'] },
    },
    async () => app.swagger(),
  )
}
