/**
 * The HTTP platform every route stands on: route rules checked at start-up, content negotiation,
 * XML bodies and responses, authentication, error handling. Called once from app.ts.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { AppError } from '../errors.ts'
import { type Authenticator, authorize } from '../security/auth.ts'
import { limits } from '../security/rate-limits.ts'
import { installErrorHandling } from './errors.ts'
import { installInputGuard } from './input-guard.ts'
import { contentTypeOf, DEFAULT_FORMATS, mediaTypesOf, negotiate } from './negotiation.ts'
import type { ProblemRegistry } from './problems.ts'
import { ProblemView } from './schemas.ts'
import type { App } from './types.ts'
import { fromXml, toXml } from './xml.ts'

export interface HttpSetup {
  problems: ProblemRegistry
  authenticate: Authenticator
  rateLimitScale: number
  /** Paths served by plugins we do not write (the docs UI): public, read-limited, not negotiated. */
  pluginPrefixes: readonly string[]
}

export function setupHttp(app: App, setup: HttpSetup): void {
  const { addRoute } = installErrorHandling(app, setup.problems)

  app.decorateRequest('actor', null as never)
  app.decorateRequest('format', 'json')

  app.addHook('onRoute', (route) => {
    checkRouteRules(route, setup)
    addRoute(route.method as string | string[], route.url)
  })

  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id)
    const config = req.routeOptions.config
    if (config.negotiate === false) return done()
    const format = negotiate(req.headers.accept, config.formats ?? DEFAULT_FORMATS)
    if (format === undefined) {
      const offered = mediaTypesOf(config.formats ?? DEFAULT_FORMATS).join(', ')
      return done(new AppError('not-acceptable', 'not-acceptable', `This endpoint produces ${offered}`))
    }
    req.format = format
    if (format === 'xml') {
      reply.type(contentTypeOf.xml)
      reply.serializer(xmlSerializer(req, reply))
    }
    done()
  })

  installInputGuard(app)

  app.addHook('preParsing', async (req) => {
    const rule = req.routeOptions.config.auth ?? 'public'
    const actor = await setup.authenticate(req, rule)
    req.actor = actor
    authorize(actor, rule)
  })

  // Bodies are JSON or XML only: Fastify's built-in text/plain parser would let text reach validation.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (req, body, done) => {
    try {
      done(null, fromXml(body as string, req.routeOptions.schema?.body as Record<string, any> | undefined))
    } catch (error) {
      done(error as Error, undefined)
    }
  })
}

/** Every route declares an auth rule and a rate-limit class; the server refuses to start otherwise. */
function checkRouteRules(route: RouteOptions, setup: HttpSetup): void {
  route.config ??= {}
  const config = route.config as NonNullable<RouteOptions['config']>
  const isPlugin = setup.pluginPrefixes.some((prefix) => route.url.startsWith(prefix)) || route.method === 'OPTIONS'
  if (isPlugin && config.auth === undefined) {
    config.auth = 'public'
    config.rateLimit = limits.read
    config.negotiate = false
    route.schema = { ...route.schema, hide: true }
  }
  const where = `${String(route.method)} ${route.url}`
  if (config.auth === undefined) throw new Error(`Route ${where} declares no auth rule (config.auth)`)
  const rateLimit = config.rateLimit
  if (!rateLimit || typeof rateLimit.max !== 'number') {
    throw new Error(
      `Route ${where} declares no rate-limit class (config.rateLimit from platform/security/rate-limits.ts)`,
    )
  }
  if (setup.rateLimitScale !== 1) {
    config.rateLimit = { ...rateLimit, max: Math.max(1, Math.round(rateLimit.max * setup.rateLimitScale)) }
  }
  if (isPlugin) return

  // Problems are serialised with their schema; the OpenAPI side is derived in ./openapi.ts.
  route.schema ??= {}
  const schema = route.schema as Record<string, any>
  if (schema.response) {
    schema.response = { '4xx': ProblemView, '5xx': ProblemView, ...schema.response }
  }
}

/** Serialises with the route's response schema (so unlisted fields are stripped), then writes XML. */
function xmlSerializer(req: FastifyRequest, reply: FastifyReply) {
  return (payload: unknown): string => {
    if (typeof payload === 'string') return payload
    const status = reply.statusCode
    const serialize = reply.getSerializationFunction(String(status))
    const filtered = serialize ? JSON.parse(serialize(payload as Record<string, unknown>)) : payload
    const responses = (req.routeOptions.schema?.response ?? {}) as Record<string, any>
    const schema = responses[status] ?? responses[`${String(status)[0]}xx`] ?? responses.default
    return toXml(filtered, schema)
  }
}
