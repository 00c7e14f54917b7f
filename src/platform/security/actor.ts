/** Who is making a request. Built once per request by the authenticator; services receive it. */
import type { Permission, Role } from './permissions.ts'

export interface Actor {
  kind: 'anonymous' | 'user' | 'api-key'
  /** The signed-in account (customer or staff), or null. */
  userId: string | null
  /** The account whose customer data (carts, orders, addresses) this actor owns: the user, for users. */
  customerId: string | null
  role: Role | null
  permissions: ReadonlySet<Permission>
  sessionId: string | null
  apiKeyId: string | null
}

export const ANONYMOUS: Actor = Object.freeze({
  kind: 'anonymous',
  userId: null,
  customerId: null,
  role: null,
  permissions: new Set<Permission>(),
  sessionId: null,
  apiKeyId: null,
})
