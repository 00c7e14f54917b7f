/**
 * The dashboard's navigation: one entry per section, shown only to roles holding its permission.
 * A section adds its entry here and its routes in router.tsx.
 */
import type { Permission } from './session.ts'

export interface NavEntry {
  to: string
  label: string
  /** Hidden without it; undefined: every staff member. */
  permission?: Permission
}

export const nav: NavEntry[] = [
  { to: '/', label: 'Overview' },
  { to: '/products', label: 'Products', permission: 'catalog:write' },
  { to: '/categories', label: 'Categories', permission: 'catalog:write' },
  { to: '/catalog/import-export', label: 'Import and export', permission: 'catalog:write' },
  { to: '/orders', label: 'Orders', permission: 'orders:read' },
  { to: '/customers', label: 'Customers', permission: 'customers:read' },
  { to: '/reports', label: 'Reports', permission: 'reports:read' },
  { to: '/webhooks', label: 'Webhooks', permission: 'webhooks:manage' },
  { to: '/users', label: 'Users and roles', permission: 'users:manage' },
  { to: '/api-keys', label: 'API keys', permission: 'api-keys:manage' },
  { to: '/audit', label: 'Audit log', permission: 'audit:read' },
  { to: '/security', label: 'Account security' },
]
