/**
 * The Authenticator the platform calls before each request body is read. No credentials: ANONYMOUS,
 * without touching the database. Otherwise an API key (`x-api-key`, or `Authorization: Bearer bk_…`),
 * a bearer session token, or the session cookie. Bad or expired credentials on a public route resolve
 * to ANONYMOUS; elsewhere they are a 401.
 */
import type { FastifyRequest } from 'fastify'
import { AppError, forbidden } from '../../platform/errors.ts'
import type { AuthRule } from '../../platform/http/types.ts'
import { type Actor, ANONYMOUS } from '../../platform/security/actor.ts'
import type { Authenticator } from '../../platform/security/auth.ts'
import type { ApiKeyService } from './api-keys.ts'
import { isApiKey } from './crypto.ts'
import type { SessionService } from './sessions.ts'

export const SESSION_COOKIE = 'backroom_session'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const MAX_CREDENTIAL_LENGTH = 200

/** Whether a cookie-authenticated request may proceed: safe methods always, others from an allowed origin. */
export function csrfAllowed(
  method: string,
  origin: string | undefined,
  referer: string | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  if (SAFE_METHODS.has(method)) return true
  if (origin) return allowed.has(origin)
  if (referer) {
    try {
      return allowed.has(new URL(referer).origin)
    } catch {
      return false
    }
  }
  return false // OWASP: with neither header, refuse state changes from a cookie
}

export function createAuthenticator(deps: {
  sessions: SessionService
  apiKeys: ApiKeyService
  allowedOrigins: readonly string[]
  now?: () => number
}): Authenticator {
  const allowed = new Set(deps.allowedOrigins)
  const now = deps.now ?? (() => Date.now())
  // Most requests carry no credentials: they are answered without a promise (the platform's hook
  // takes either), and only a request with credentials goes on to the async look-up.
  return (req: FastifyRequest, rule: AuthRule): Actor | Promise<Actor> => {
    const header = req.headers.authorization
    const apiKeyHeader = req.headers['x-api-key']
    const cookie = req.cookies?.[SESSION_COOKIE]
    if (header === undefined && apiKeyHeader === undefined && !cookie) return ANONYMOUS
    return withCredentials(req, rule, header, apiKeyHeader, cookie)
  }

  async function withCredentials(
    req: FastifyRequest,
    rule: AuthRule,
    header: string | undefined,
    apiKeyHeader: string | string[] | undefined,
    cookie: string | undefined,
  ): Promise<Actor> {
    const refuse = (): Actor => {
      if (rule === 'public') return ANONYMOUS
      // RFC 6750 §3: tell the client its bearer credential is the problem.
      throw new AppError(
        'unauthorized',
        'invalid-credentials',
        'The session or API key is unknown, expired or revoked',
        undefined,
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      )
    }

    if (typeof apiKeyHeader === 'string' || header !== undefined) {
      const credential = typeof apiKeyHeader === 'string' ? apiKeyHeader : bearer(header)
      if (!credential || credential.length > MAX_CREDENTIAL_LENGTH) return refuse()
      const asApiKey = isApiKey(credential) ? await deps.apiKeys.resolve(credential, now()) : undefined
      // A bearer token is a session unless it is an API key: one issued before session tokens avoided
      // the `bk_` prefix (newSessionToken) is still a session.
      const actor =
        asApiKey ?? (typeof apiKeyHeader === 'string' ? undefined : await deps.sessions.resolve(credential, now()))
      return actor ?? refuse()
    }

    if (!cookie || cookie.length > MAX_CREDENTIAL_LENGTH) return refuse()
    const origin = req.headers.origin
    const referer = req.headers.referer
    if (!csrfAllowed(req.method, origin, typeof referer === 'string' ? referer : undefined, allowed)) {
      if (rule === 'public') return ANONYMOUS // the cookie is simply not used
      throw forbidden('csrf-origin-mismatch', 'Cookie-authenticated writes must come from an allowed origin')
    }
    return (await deps.sessions.resolve(cookie, now())) ?? refuse()
  }
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}
