/**
 * Roles and the permissions each grants. Routes declare `{ permission: '…' }`; API keys carry a subset.
 * Add a permission here, grant it to the roles that need it, and name it on the route.
 */
export const PERMISSIONS = [
  'catalog:write',
  'orders:read',
  'orders:write',
  'customers:read',
  'customers:write',
  'users:manage',
  'api-keys:manage',
  'audit:read',
  'mail:read',
  'reports:read',
  'webhooks:manage',
  'checkout:configure',
  'privacy:manage',
] as const

export type Permission = (typeof PERMISSIONS)[number]

export const ROLES = ['customer', 'staff', 'admin'] as const
export type Role = (typeof ROLES)[number]

const staff: readonly Permission[] = [
  'catalog:write',
  'orders:read',
  'orders:write',
  'customers:read',
  'mail:read',
  'reports:read',
]

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  customer: [],
  staff,
  admin: PERMISSIONS,
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}
