/** Admin endpoints of the accounts module: users and roles, API keys, the audit log. */
import { Type } from 'typebox'
import type { Db } from '../../platform/db/types.ts'
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import type { ApiKeyService } from './api-keys.ts'
import { listAudit } from './audit.ts'
import { clientOf } from './routes.ts'
import {
  ApiKeyList,
  ApiKeyParams,
  AuditList,
  AuditQuery,
  CreateApiKeyBody,
  CreatedApiKeyView,
  CustomerQuery,
  UpdateUserBody,
  UserList,
  UserParams,
  UserQuery,
  UserView,
} from './schemas.ts'
import type { UserService } from './users.ts'

export async function accountAdminRoutes(app: App, deps: { db: Db; users: UserService; apiKeys: ApiKeyService }) {
  const { db, users, apiKeys } = deps
  const tags = ['admin']

  app.get(
    '/admin/users',
    {
      schema: { summary: 'List accounts', tags, querystring: UserQuery, response: { 200: UserList } },
      config: { auth: { permission: 'users:manage' }, rateLimit: limits.read },
    },
    (req) => users.list(req.query),
  )

  // Staff look customers up (customers:read) without seeing staff or admin accounts (users:manage).
  app.get(
    '/admin/customers',
    {
      schema: {
        summary: 'Find customer accounts (by exact email)',
        tags,
        querystring: CustomerQuery,
        response: { 200: UserList },
      },
      config: { auth: { permission: 'customers:read' }, rateLimit: limits.read },
    },
    (req) => users.list({ ...req.query, role: 'customer' }),
  )

  app.get(
    '/admin/users/:userId',
    {
      schema: { summary: 'One account', tags, params: UserParams, response: { 200: UserView } },
      config: { auth: { permission: 'users:manage' }, rateLimit: limits.read },
    },
    (req) => users.get(req.params.userId),
  )

  app.patch(
    '/admin/users/:userId',
    {
      schema: {
        summary: 'Change an account’s role or disable it (its sessions end)',
        tags,
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: UserView },
      },
      config: { auth: { permission: 'users:manage' }, rateLimit: limits.write },
    },
    (req) => users.update(req.actor, req.params.userId, req.body, clientOf(req), Date.now()),
  )

  app.get(
    '/admin/api-keys',
    {
      schema: { summary: 'List API keys (never the keys themselves)', tags, response: { 200: ApiKeyList } },
      config: { auth: { permission: 'api-keys:manage' }, rateLimit: limits.read },
    },
    () => apiKeys.list(),
  )

  app.post(
    '/admin/api-keys',
    {
      schema: {
        summary: 'Create an API key with scoped permissions; the key is shown once',
        tags,
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeyView },
      },
      config: { auth: { permission: 'api-keys:manage' }, rateLimit: limits.write },
    },
    async (req, reply) => reply.code(201).send(await apiKeys.create(req.actor, req.body, clientOf(req), Date.now())),
  )

  app.delete(
    '/admin/api-keys/:apiKeyId',
    {
      schema: { summary: 'Revoke an API key', tags, params: ApiKeyParams, response: { 204: Type.Null() } },
      config: { auth: { permission: 'api-keys:manage' }, rateLimit: limits.write },
    },
    async (req, reply) => {
      await apiKeys.revoke(req.actor, req.params.apiKeyId, clientOf(req), Date.now())
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/admin/audit-events',
    {
      schema: {
        summary: 'Security audit log, newest first, filterable by user and type',
        tags,
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
      config: { auth: { permission: 'audit:read' }, rateLimit: limits.read },
    },
    (req) => listAudit(db, req.query),
  )
}
