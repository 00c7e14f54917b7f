/** SQL for webhook endpoints, the delivery outbox and the attempt log. */
import type { Db } from '../../platform/db/types.ts'
import { insertRowsLater } from '../../platform/db/write-batch.ts'
import type { DeliveryStatus, WebhookEventType } from './schemas.ts'

export interface WebhookEndpointTable {
  id: string
  url: string
  description: string | null
  secret_sealed: string
  enabled: number
  consecutive_failures: number
  /** When the current run of failures began (no success since); null while the last attempt succeeded. */
  failing_since: number | null
  disabled_reason: string | null
  created_at: number
  updated_at: number
}
export interface WebhookSubscriptionTable {
  endpoint_id: string
  event_type: WebhookEventType
}
export interface WebhookDeliveryTable {
  id: string
  endpoint_id: string
  event_id: string
  event_type: WebhookEventType
  /** Sealed (`webhookDeliveryEncryptedColumns`). */
  body: string
  /** Subject tags (` a b `) of the people the body names (platform/security/subject-tags.ts). */
  subjects: string | null
  status: DeliveryStatus
  attempts: number
  next_attempt_at: number
  claim_token: string | null
  last_status_code: number | null
  last_error: string | null
  created_at: number
  completed_at: number | null
}
export interface WebhookAttemptTable {
  id: string
  delivery_id: string
  endpoint_id: string
  attempt: number
  started_at: number
  duration_ms: number
  status_code: number | null
  error: string | null
  ok: number
}

// ---------------------------------------------------------------------------------------------
// Endpoints

export async function insertEndpoint(db: Db, row: WebhookEndpointTable, events: readonly WebhookEventType[]) {
  await db.insertInto('webhook_endpoint').values(row).execute()
  await setSubscriptions(db, row.id, events)
}

export async function setSubscriptions(db: Db, endpointId: string, events: readonly WebhookEventType[]) {
  await db.deleteFrom('webhook_subscription').where('endpoint_id', '=', endpointId).execute()
  await db
    .insertInto('webhook_subscription')
    .values(events.map((event_type) => ({ endpoint_id: endpointId, event_type })))
    .execute()
}

export function findEndpoint(db: Db, id: string) {
  return db.selectFrom('webhook_endpoint').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listEndpoints(db: Db) {
  return db.selectFrom('webhook_endpoint').selectAll().orderBy('id').execute()
}

/** Subscriptions of the given endpoints, as endpoint id → event types (sorted). */
export async function subscriptionsOf(db: Db, endpointIds: readonly string[]) {
  const out = new Map<string, WebhookEventType[]>()
  if (endpointIds.length === 0) return out
  const rows = await db
    .selectFrom('webhook_subscription')
    .select(['endpoint_id', 'event_type'])
    .where('endpoint_id', 'in', endpointIds)
    .orderBy('event_type')
    .execute()
  for (const row of rows) out.set(row.endpoint_id, [...(out.get(row.endpoint_id) ?? []), row.event_type])
  return out
}

export async function updateEndpoint(
  db: Db,
  id: string,
  patch: Partial<Pick<WebhookEndpointTable, 'url' | 'description' | 'enabled' | 'secret_sealed' | 'updated_at'>>,
  reenable: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_endpoint')
    .set({ ...patch, ...(reenable ? { consecutive_failures: 0, failing_since: null, disabled_reason: null } : {}) })
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function deleteEndpoint(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoint').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows === 1n
}

// ---------------------------------------------------------------------------------------------
// The outbox

/** Ids of the enabled endpoints subscribed to `type`. */
export async function subscribedEndpoints(db: Db, type: WebhookEventType): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_subscription as s')
    .innerJoin('webhook_endpoint as e', 'e.id', 's.endpoint_id')
    .select('e.id')
    .where('s.event_type', '=', type)
    .where('e.enabled', '=', 1)
    .orderBy('e.id')
    .execute()
  return rows.map((r) => r.id)
}

export async function insertDeliveries(db: Db, rows: readonly WebhookDeliveryTable[]) {
  await insertRowsLater(db, 'webhook_delivery', rows)
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints for `token` in one conditional UPDATE: the
 * lease is a `next_attempt_at` pushed to `leaseUntil`. Two nodes racing for a row: PostgreSQL re-checks
 * the WHERE on the row the other node just updated (no longer due, so skipped); SQLite has one writer.
 * A node that dies mid-delivery leaves the row due again once the lease expires.
 */
export async function claimDue(db: Db, now: number, leaseUntil: number, limit: number, token: string) {
  const due = db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_endpoint as e', 'e.id', 'd.endpoint_id')
    .select('d.id')
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .where('e.enabled', '=', 1)
    .orderBy('d.next_attempt_at')
    .limit(limit)
  await db
    .updateTable('webhook_delivery')
    .set({ next_attempt_at: leaseUntil, claim_token: token })
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .execute()
  return db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_endpoint as e', 'e.id', 'd.endpoint_id')
    .select(['d.id', 'd.endpoint_id', 'd.event_id', 'd.event_type', 'd.body', 'd.attempts', 'e.url', 'e.secret_sealed'])
    .where('d.claim_token', '=', token)
    .where('d.status', '=', 'pending')
    .execute()
}
export type ClaimedDelivery = Awaited<ReturnType<typeof claimDue>>[number]

export async function insertAttempt(db: Db, row: WebhookAttemptTable) {
  await db.insertInto('webhook_attempt').values(row).execute()
}

/** Records a delivery's outcome, unless another node has claimed it since (lease expired). */
export async function finishAttempt(
  db: Db,
  id: string,
  token: string,
  outcome: Pick<
    WebhookDeliveryTable,
    'status' | 'attempts' | 'next_attempt_at' | 'last_status_code' | 'last_error' | 'completed_at'
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_delivery')
    .set({ ...outcome, claim_token: null })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function resetFailures(db: Db, endpointId: string) {
  await db
    .updateTable('webhook_endpoint')
    .set({ consecutive_failures: 0, failing_since: null })
    .where('id', '=', endpointId)
    .where('consecutive_failures', '>', 0)
    .execute()
}

/**
 * Counts one more failure (the run starts now if it had not); disables the endpoint once it has been
 * failing, without a single success, for `disableAfterMs`. True when this call disabled it.
 */
export async function countFailure(db: Db, endpointId: string, disableAfterMs: number, now: number): Promise<boolean> {
  await db
    .updateTable('webhook_endpoint')
    .set((eb) => ({
      consecutive_failures: eb('consecutive_failures', '+', 1),
      failing_since: eb.fn.coalesce('failing_since', eb.val(now)),
    }))
    .where('id', '=', endpointId)
    .execute()
  const hours = Math.round((disableAfterMs / 3_600_000) * 100) / 100
  const disabled = await db
    .updateTable('webhook_endpoint')
    .set({ enabled: 0, disabled_reason: `every delivery failed for ${hours} h`, updated_at: now })
    .where('id', '=', endpointId)
    .where('enabled', '=', 1)
    .where('failing_since', '<=', now - disableAfterMs)
    .executeTakeFirst()
  return disabled.numUpdatedRows === 1n
}

// ---------------------------------------------------------------------------------------------
// Personal data and retention

/** Deliveries whose body names any of `tags`. */
export function deliveriesTagged(db: Db, tags: readonly string[]) {
  return db
    .selectFrom('webhook_delivery')
    .select(['id', 'event_type', 'status', 'created_at'])
    .where((eb) => eb.or(tags.map((tag) => eb('subjects', 'like', `% ${tag} %`))))
    .orderBy('id')
    .execute()
}

/** Deletes deliveries and their attempt logs (explicitly: SQLite may run without foreign keys). */
export async function deleteDeliveries(db: Db, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500)
    await db.deleteFrom('webhook_attempt').where('delivery_id', 'in', batch).execute()
    await db.deleteFrom('webhook_delivery').where('id', 'in', batch).execute()
  }
}

/** Deletes finished deliveries (succeeded or failed for good) completed before `before`; returns how many. */
export async function purgeCompleted(db: Db, before: number): Promise<number> {
  let purged = 0
  for (;;) {
    const ids = (
      await db
        .selectFrom('webhook_delivery')
        .select('id')
        .where('status', '!=', 'pending')
        .where('completed_at', '<', before)
        .limit(500)
        .execute()
    ).map((r) => r.id)
    if (ids.length === 0) return purged
    await deleteDeliveries(db, ids)
    purged += ids.length
  }
}

// ---------------------------------------------------------------------------------------------
// Staff views, newest first (ids are time-ordered), keyset-paginated by id

export function listDeliveries(db: Db, endpointId: string, before: string | undefined, limit: number) {
  let query = db.selectFrom('webhook_delivery').selectAll().where('endpoint_id', '=', endpointId)
  if (before) query = query.where('id', '<', before)
  return query.orderBy('id', 'desc').limit(limit).execute()
}

export function listAttempts(
  db: Db,
  endpointId: string,
  deliveryId: string | undefined,
  before: string | undefined,
  limit: number,
) {
  let query = db.selectFrom('webhook_attempt').selectAll().where('endpoint_id', '=', endpointId)
  if (deliveryId) query = query.where('delivery_id', '=', deliveryId)
  if (before) query = query.where('id', '<', before)
  return query.orderBy('id', 'desc').limit(limit).execute()
}
