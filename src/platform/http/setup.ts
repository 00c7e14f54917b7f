/**
 * The HTTP platform every route stands on: route rules checked at start-up, content negotiation,
 * XML bodies and responses, authentication, error handling. Called once from app.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { AppError } from '../errors.ts'
import type { Actor } from '../security/actor.ts'
import { type Authenticator, authorize } from '../security/auth.ts'
import { limits } from '../security/rate-limits.ts'
import { installErrorHandling } from './errors.ts'
import { installInputGuard } from './input-guard.ts'
import { contentTypeOf, DEFAULT_FORMATS, type Format, mediaTypesOf, negotiate } from './negotiation.ts'
import type { ProblemRegistry } from './problems.ts'
import { ProblemView } from './schemas.ts'
import type { App, AuthRule } from './types.ts'
import { fromXml, toXml } from './xml.ts'

export interface HttpSetup {
  problems: ProblemRegistry
  authenticate: Authenticator
  rateLimitScale: number
  /** Paths served by plugins we do not write (the docs UI): public, read-limited, not negotiated. */
  pluginPrefixes: readonly string[]
  /**
   * helmet's middleware, built once (`helmet(options)` in app.ts): it sets the same headers on every
   * response. (@fastify/helmet built it again on every request, in two async hooks.)
   */
  securityHeaders: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void
}

/**
 * The hooks every request passes. They run on every request, so they are callback hooks (no promise
 * per hook), and what depends on the route (its formats, its auth rule) is resolved once, when the
 * route is added, into route-level hooks, instead of being looked up on every request
 * (`req.routeOptions` builds a new object on every read).
 */
export function setupHttp(app: App, setup: HttpSetup): void {
  const { addRoute } = installErrorHandling(app, setup.problems)
  const { securityHeaders } = setup

  app.decorateRequest('actor', null as never)
  app.decorateRequest('format', 'json')

  app.addHook('onRoute', (route) => {
    checkRouteRules(route, setup)
    addRoute(route.method as string | string[], route.url)
    const config = route.config as NonNullable<RouteOptions['config']>
    if (config.negotiate !== false) appendHook(route, 'onRequest', negotiation(config.formats ?? DEFAULT_FORMATS))
    appendHook(route, 'preParsing', authentication(setup.authenticate, config.auth ?? 'public'))
  })

  // Every response, whatever answers it (a route, the 404 and 405 handlers, an error before the route's
  // own hooks): its request id and the security headers. First, so that even a refusal carries them.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id)
    securityHeaders(req.raw, reply.raw, done as (err?: unknown) => void)
  })

  installInputGuard(app)

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

type RouteHook = 'onRequest' | 'preParsing'

/**
 * Adds a route-level hook after the route's own (route-level hooks run after the global ones). A new
 * array: Fastify derives a GET's HEAD route from the options as they were before `onRoute`, and gives
 * that route its own `onRoute` call.
 */
function appendHook(route: RouteOptions, name: RouteHook, hook: (...args: any[]) => void): void {
  const existing = route[name] as ((...args: any[]) => void) | ((...args: any[]) => void)[] | undefined
  route[name] = [...(existing === undefined ? [] : [existing].flat()), hook] as never
}

/** The route's response format from `Accept` (406 when it produces nothing acceptable). */
function negotiation(formats: readonly Format[]) {
  const offered = mediaTypesOf(formats).join(', ')
  return (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const format = negotiate(req.headers.accept, formats)
    if (format === undefined) {
      return done(new AppError('not-acceptable', 'not-acceptable', `This endpoint produces ${offered}`))
    }
    req.format = format
    if (format === 'xml') {
      reply.type(contentTypeOf.xml)
      reply.serializer(xmlSerializer(req, reply))
    }
    done()
  }
}

/**
 * Resolves the caller and enforces the route's rule, before the body is read. A request without
 * credentials resolves at once (the authenticator answers ANONYMOUS without a promise).
 */
function authentication(authenticate: Authenticator, rule: AuthRule) {
  return (req: FastifyRequest, _reply: FastifyReply, _payload: unknown, done: (err?: Error | null) => void) => {
    let resolved: Actor | Promise<Actor>
    try {
      resolved = authenticate(req, rule)
    } catch (error) {
      return done(error as Error)
    }
    if (resolved instanceof Promise) {
      resolved.then((actor) => admit(req, actor, rule, done), done)
    } else {
      admit(req, resolved, rule, done)
    }
  }
}

function admit(req: FastifyRequest, actor: Actor, rule: AuthRule, done: (err?: Error | null) => void): void {
  req.actor = actor
  let refused: Error | undefined
  try {
    authorize(actor, rule)
  } catch (error) {
    refused = error as Error
  }
  done(refused)
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
