/** The Fastify instance type every module's routes receive, and the route config every route declares. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { Actor } from '../security/actor.ts'
import type { Permission } from '../security/permissions.ts'
import type { Format } from './negotiation.ts'

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

/**
 * - 'public': anyone; an actor is still resolved when credentials are sent.
 * - 'customer': any signed-in account, acting on its own data.
 * - { permission }: a user whose role grants it, or an API key scoped to it.
 */
export type AuthRule = 'public' | 'customer' | { permission: Permission }

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRule
    // rateLimit (a class from platform/security/rate-limits.ts) is declared by @fastify/rate-limit
    /**
     * Money-moving writes: the Idempotency-Key header is honoured. 'deferred': the key is claimed by the
     * handler's first write instead of a statement of its own before it (platform/http/idempotency.ts).
     */
    idempotent?: boolean | 'deferred'
    /** Response formats the route produces, first is the default. ['json', 'xml'] when absent. */
    formats?: readonly Format[]
    /** Module problem codes the route can answer with, for the OpenAPI document (also src/operation-problems.ts). */
    problems?: readonly string[]
    /**
     * The request body by media type, for the OpenAPI document only: a route that parses its own body
     * (the catalog import reads CSV or JSON as text) says here what clients send.
     */
    bodyDoc?: Record<string, { schema: object; example?: unknown }>
    /** false for routes served by plugins (docs UI) that pick their own content type. */
    negotiate?: boolean
  }
  interface FastifyRequest {
    actor: Actor
    format: Format
  }
}
