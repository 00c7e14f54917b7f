/**
 * Authentication and authorization of every request, before its body is parsed. The accounts module
 * supplies the Authenticator; the platform enforces the route's declared rule.
 */
import type { FastifyRequest } from 'fastify'
import { forbidden, unauthorized } from '../errors.ts'
import type { AuthRule } from '../http/types.ts'
import { type Actor, ANONYMOUS } from './actor.ts'

/** Resolves the caller. Bad or expired credentials on a 'public' route resolve to ANONYMOUS; elsewhere they may throw. */
export type Authenticator = (req: FastifyRequest, rule: AuthRule) => Actor | Promise<Actor>

export const anonymousOnly: Authenticator = () => ANONYMOUS

/** Throws unless `actor` satisfies `rule`. */
export function authorize(actor: Actor, rule: AuthRule): void {
  if (rule === 'public') return
  if (actor.kind === 'anonymous') {
    throw unauthorized('unauthenticated', 'Sign in, or send an API key, to use this endpoint')
  }
  if (rule === 'customer') {
    if (actor.kind !== 'user') throw forbidden('permission-denied', 'This endpoint acts for a signed-in customer')
    return
  }
  if (!actor.permissions.has(rule.permission)) {
    throw forbidden('permission-denied', `This endpoint needs the ${rule.permission} permission`)
  }
}

export function describeRule(rule: AuthRule): string {
  if (rule === 'public') return 'Public'
  if (rule === 'customer') return 'Signed-in account (acts on its own data)'
  return `Permission \`${rule.permission}\` (staff role or scoped API key)`
}
