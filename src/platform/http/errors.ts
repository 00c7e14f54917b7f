/**
 * The one place where failures become HTTP: the error handler (problem documents in JSON or XML),
 * the 404 handler, and 405 with `Allow` for a known path asked with the wrong method.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import FindMyWay from 'find-my-way'
import { type AppError, isAppError, statusByKind } from '../errors.ts'
import { negotiate } from './negotiation.ts'
import type { ProblemRegistry } from './problems.ts'
import { ProblemView } from './schemas.ts'
import type { App } from './types.ts'
import { toXml } from './xml.ts'

interface Classified {
  status: number
  code: string
  detail: string | undefined
  extras?: object
  headers?: Record<string, string>
  unexpected?: boolean
  /** Leave `instance` out: the URL is the problem (too long, not decodable), so it is not echoed. */
  hideInstance?: boolean
}

/** Installs the error and not-found handlers; returns `addRoute` for the 405 router. */
export function installErrorHandling(app: App, problems: ProblemRegistry) {
  const router = FindMyWay({ ignoreTrailingSlash: true })
  const noop = () => {}

  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    const problem = classify(error)
    if (problem.unexpected) {
      // The body's shape, not its values: bodies carry personal data (addresses, emails) besides secrets.
      req.log.error({ err: error, bodyKeys: shapeOf(req.body) }, 'unexpected error')
    } else if (problem.status >= 500) {
      req.log.warn({ code: problem.code, detail: problem.detail }, 'request failed')
    } else {
      req.log.debug({ code: problem.code, detail: problem.detail }, 'request refused')
    }
    if (problem.headers) reply.headers(problem.headers)
    sendProblem(req, reply, problems, problem)
  })

  app.setNotFoundHandler((req, reply) => {
    const path = pathOf(req.url)
    const allowed = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((method) =>
      router.find(method as 'GET', path),
    )
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '))
      return sendProblem(req, reply, problems, {
        status: 405,
        code: 'method-not-allowed',
        detail: `${req.method} is not allowed on ${path}; use ${allowed.join(', ')}`,
      })
    }
    sendProblem(req, reply, problems, {
      status: 404,
      code: 'route-not-found',
      detail: `No endpoint at ${req.method} ${path}`,
    })
  })

  return {
    addRoute(methods: string | string[], url: string) {
      for (const method of Array.isArray(methods) ? methods : [methods]) {
        if (method === 'OPTIONS' || url.includes('*')) continue
        try {
          router.on(method as 'GET', url, noop)
        } catch {
          // already known (HEAD routes Fastify derives from GET)
        }
      }
    },
  }
}

function classify(error: FastifyError | AppError): Classified {
  if (isAppError(error)) {
    return {
      status: statusByKind[error.kind],
      code: error.code,
      detail: error.detail,
      extras: error.extras,
      headers: error.headers,
    }
  }
  const fastifyError = error as FastifyError
  if (fastifyError.validation) {
    const where = fastifyError.validationContext ?? 'body'
    return {
      status: 400,
      code: 'validation-failed',
      detail: `The request ${where === 'querystring' ? 'query string' : where} is invalid`,
      extras: {
        errors: fastifyError.validation.map((issue) => {
          const params = issue.params as Record<string, unknown>
          if (issue.keyword === 'discriminator') return discriminatorIssue(where, issue)
          const leaf = params?.missingProperty ?? params?.additionalProperty
          const pointer = (issue.instancePath || '') + (leaf ? `/${String(leaf)}` : '')
          const detail =
            params?.additionalProperty !== undefined
              ? `unknown property "${String(params.additionalProperty)}"`
              : (issue.message ?? 'is invalid')
          return { in: where, pointer: pointer || '/', detail }
        }),
      },
    }
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload-too-large', detail: 'The request body is larger than the limit' }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'unsupported-media-type',
        detail: 'Send the body as application/json or application/xml',
      }
    // Raised by the router (through `frameworkErrors`), before any route is chosen.
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        status: 414,
        code: 'uri-too-long',
        detail: 'A path segment is longer than 200 characters',
        hideInstance: true,
      }
    case 'FST_ERR_BAD_URL':
      return {
        status: 400,
        code: 'malformed-url',
        detail: 'The path is not valid percent-encoded UTF-8',
        hideInstance: true,
      }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'malformed-body', detail: 'The JSON body is empty' }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'malformed-body', detail: `The JSON body is not valid: ${fastifyError.message}` }
  }
  const status = fastifyError.statusCode
  if (status === 400 && error instanceof SyntaxError) {
    return { status: 400, code: 'malformed-body', detail: `The JSON body is not valid: ${error.message}` }
  }
  if (status === 503 && fastifyError.code === 'FST_ERR_SERVER_CLOSING') {
    return { status: 503, code: 'shutting-down', detail: 'The server is shutting down' }
  }
  // Fastify's own client errors (bad Content-Length, etc.) carry safe messages.
  if (status && status >= 400 && status < 500 && fastifyError.code?.startsWith('FST_')) {
    return { status, code: 'malformed-body', detail: fastifyError.message }
  }
  return { status: 500, code: 'internal', detail: undefined, unexpected: true }
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, problems: ProblemRegistry, p: Classified) {
  const format = negotiate(req.headers.accept, ['json', 'xml']) ?? 'json'
  const body =
    p.status >= 500
      ? { type: `/problems/${p.code}`, title: problems.title(p.code), status: p.status, requestId: String(req.id) }
      : problems.problem(p.code, p.status, p.detail, p.hideInstance ? undefined : pathOf(req.url), p.extras)
  reply.code(p.status)
  if (format === 'xml') {
    return reply.type('application/problem+xml; charset=utf-8').send(toXml(body, ProblemView))
  }
  return reply.type('application/problem+json; charset=utf-8').send(JSON.stringify(body))
}

/**
 * Fastify's `frameworkErrors` option: what the router refuses before a route is chosen (a path
 * parameter over `maxParamLength`, a path that is not valid percent-encoding) goes through the one
 * error handler above, so it is a problem document in JSON or XML like every other failure.
 */
export function frameworkErrors(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  req.server.errorHandler(error, req, reply)
}

/** The field names of a parsed body (two levels), for logs that must not hold its values. */
export function shapeOf(body: unknown, depth = 2): unknown {
  if (body === null || typeof body !== 'object') return body === undefined ? undefined : typeof body
  if (Array.isArray(body)) return depth > 0 && body.length > 0 ? [shapeOf(body[0], depth - 1)] : []
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) out[key] = depth > 0 ? shapeOf(value, depth - 1) : typeof value
  return out
}

function pathOf(url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

/**
 * A `oneOf` discriminated by a tag (e.g. an event's `type`) whose tag is missing or unknown: one issue
 * at the tag that names the allowed values (read from the branches' `const`), instead of one per branch.
 */
function discriminatorIssue(
  where: string,
  issue: { instancePath?: string; params?: unknown; parentSchema?: unknown },
): { in: string; pointer: string; detail: string } {
  const tag = String((issue.params as { tag?: unknown })?.tag ?? 'type')
  const branches = ((issue.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown }> }[] })?.oneOf ??
    []) as { properties?: Record<string, { const?: unknown }> }[]
  const allowed = branches.map((b) => b.properties?.[tag]?.const).filter((v) => typeof v === 'string')
  return {
    in: where,
    pointer: `${issue.instancePath ?? ''}/${tag}`,
    detail: allowed.length > 0 ? `must be one of: ${allowed.join(', ')}` : 'is not an allowed value',
  }
}
