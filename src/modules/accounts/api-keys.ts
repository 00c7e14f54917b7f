/** API keys for server-to-server use: scoped permissions, shown once, stored hashed, revocable. */
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { forbidden, notFound } from '../../platform/errors.ts'
import type { Actor } from '../../platform/security/actor.ts'
import { isPermission, type Permission } from '../../platform/security/permissions.ts'
import { recordAudit } from './audit.ts'
import { hashToken, newApiKey } from './crypto.ts'
import type { ApiKeyView, CreateApiKeyBody, CreatedApiKeyView } from './schemas.ts'
import type { ClientInfo } from './sessions.ts'
import * as store from './store.ts'

const TOUCH_EVERY_MS = 60_000

export function createApiKeyService(deps: { db: Db }) {
  const { db } = deps
  return { create, list, revoke, resolve }

  async function create(
    actor: Actor,
    input: CreateApiKeyBody,
    client: ClientInfo,
    now: number,
  ): Promise<CreatedApiKeyView> {
    const missing = input.permissions.filter((p) => !actor.permissions.has(p))
    if (missing.length > 0) {
      throw forbidden('permission-not-held', `You cannot grant permissions you do not hold: ${missing.join(', ')}`)
    }
    const key = newApiKey()
    const row = {
      id: newId('key', now),
      name: input.name,
      key_hash: hashToken(key),
      hint: key.slice(0, 10),
      permissions: JSON.stringify([...input.permissions].sort()),
      created_by: actor.userId ?? actor.apiKeyId,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    }
    await db.transaction().execute(async (trx) => {
      await store.insertApiKey(trx, row)
      await recordAudit(
        trx,
        {
          type: 'api-key.created',
          userId: null,
          actorId: row.created_by,
          ip: client.ip,
          data: { apiKeyId: row.id, name: row.name, permissions: row.permissions },
        },
        now,
      )
    })
    return { ...toView(row), key }
  }

  async function list(): Promise<{ items: ApiKeyView[] }> {
    return { items: (await store.listApiKeys(db)).map(toView) }
  }

  async function revoke(actor: Actor, id: string, client: ClientInfo, now: number): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (!(await store.revokeApiKey(trx, id, now))) throw notFound('api-key-not-found', 'No live API key has this id')
      await recordAudit(
        trx,
        {
          type: 'api-key.revoked',
          userId: null,
          actorId: actor.userId ?? actor.apiKeyId,
          ip: client.ip,
          data: { apiKeyId: id },
        },
        now,
      )
    })
  }

  async function resolve(key: string, now: number): Promise<Actor | undefined> {
    const row = await store.findApiKeyByHash(db, hashToken(key))
    if (!row || row.revoked_at !== null) return undefined
    if (row.last_used_at === null || now - row.last_used_at > TOUCH_EVERY_MS) await store.touchApiKey(db, row.id, now)
    const permissions = (JSON.parse(row.permissions) as string[]).filter(isPermission)
    return {
      kind: 'api-key',
      userId: null,
      customerId: null,
      role: null,
      permissions: new Set<Permission>(permissions),
      sessionId: null,
      apiKeyId: row.id,
    }
  }
}
export type ApiKeyService = ReturnType<typeof createApiKeyService>

function toView(row: store.ApiKeyTable | Omit<store.ApiKeyTable, 'key_hash'>): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    permissions: JSON.parse(row.permissions) as string[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}
