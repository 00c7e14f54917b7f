import type { Config } from '../../platform/config.ts'
import { newId } from '../../platform/db/ids.ts'
import type { SignalCache } from '../../platform/db/signal-cache.ts'
import type { Db } from '../../platform/db/types.ts'
import { invalid, notFound } from '../../platform/errors.ts'
import type { EncryptedTable, FieldSealer } from '../../platform/security/encrypted-columns.ts'
import { type SubjectTagger, tagColumn, tagsIn } from '../../platform/security/subject-tags.ts'
import type {
  AttemptQuery,
  AttemptView,
  DeliveryView,
  EndpointBody,
  EndpointPatch,
  EndpointView,
  EndpointWithSecretView,
  PageQuery,
  WebhookEventType,
} from './schemas.ts'
import { newSecret } from './signing.ts'
import * as store from './store.ts'
import { targetProblem } from './target.ts'

/** Whether any enabled endpoint listens for `type` (so a caller can skip building a costly payload). */
export async function hasSubscribers(db: Db, outbox: WebhookOutbox, type: WebhookEventType): Promise<boolean> {
  return (await subscribers(db, outbox, type)).length > 0
}

/** Ids of the enabled endpoints subscribed to `type`: from the outbox's cache when it has one. */
function subscribers(db: Db, outbox: WebhookOutbox, type: WebhookEventType): Promise<readonly string[]> {
  const read = async () => Object.freeze(await store.subscribedEndpoints(db, type))
  return outbox.subscribers ? outbox.subscribers.get(type, read) : read()
}

/**
 * `webhook_delivery.body`, registered in app.ts for `backroom rotate-keys`: bodies carry personal data
 * (`order.paid` the shipping address and phone, `customer.created` the email), so they are sealed,
 * bound to the delivery. Bodies written before 0500 are plaintext JSON; they still open, and
 * rotate-keys seals them.
 */
export const webhookDeliveryEncryptedColumns: EncryptedTable = {
  table: 'webhook_delivery',
  idColumn: 'id',
  columns: ['body'],
  openLegacy: (value) => {
    if (!value.startsWith('{')) throw new Error('not a webhook body')
    return value
  },
}

/** What enqueue needs besides the transaction: the body sealer and the subject tagger (app.ts builds it). */
export interface WebhookOutbox {
  bodies: FieldSealer
  tagger: SubjectTagger
  /**
   * Subscribed endpoint ids by event type, per process, dropped on every endpoint or subscription
   * write on any node (the `webhooks` change-signal topic, app.ts; docs/WEBHOOKS.md says how soon
   * other nodes see a write). Without it every event reads them.
   */
  subscribers?: SignalCache<readonly string[]>
}

/**
 * Writes one delivery per enabled endpoint subscribed to `type` into the outbox, in the caller's
 * transaction: the webhook goes out if and only if the change it announces commits. The body is fixed
 * now (`{ id, type, createdAt, data }`) so every retry sends, and signs, the same bytes; it is stored
 * sealed, with the subject tags of the people `data` names so an erasure can drop the delivery.
 * Returns the event id (shared by the deliveries; receivers de-duplicate on it).
 */
export async function enqueue(
  db: Db,
  outbox: WebhookOutbox,
  type: WebhookEventType,
  data: unknown,
  now: number = Date.now(),
): Promise<string> {
  const eventId = newId('whev', now)
  const endpoints = await subscribers(db, outbox, type)
  if (endpoints.length === 0) return eventId
  const body = JSON.stringify({ id: eventId, type, createdAt: now, data })
  const subjects = tagColumn(tagsIn(outbox.tagger, data))
  await store.insertDeliveries(
    db,
    endpoints.map((endpointId) => {
      const id = newId('whd', now)
      return {
        id,
        endpoint_id: endpointId,
        event_id: eventId,
        event_type: type,
        body: outbox.bodies.seal('body', id, body),
        subjects,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        claim_token: null,
        last_status_code: null,
        last_error: null,
        created_at: now,
        completed_at: null,
      }
    }),
  )
  return eventId
}

/**
 * Webhook deliveries in personal-data requests: erasure deletes every delivery that names the
 * subject, so one still pending is never sent (and a sent one keeps no copy).
 */
export function webhookPersonalData(tagger: SubjectTagger) {
  return {
    name: 'webhookDeliveries',
    async collect(db: Db, subject: { userId: string; email: string; otherEmails?: readonly string[] }) {
      const rows = await store.deliveriesTagged(db, tagger.of(subject))
      return rows.map((r) => ({ id: r.id, eventType: r.event_type, status: r.status, createdAt: Number(r.created_at) }))
    },
    async erase(trx: Db, subject: { userId: string; email: string; otherEmails?: readonly string[] }) {
      await store.deleteDeliveries(
        trx,
        (await store.deliveriesTagged(trx, tagger.of(subject))).map((r) => r.id),
      )
    },
  }
}

export function createWebhookService(deps: {
  db: Db
  config: Config['webhooks']
  secrets: FieldSealer
  outbox: WebhookOutbox
}) {
  const { db, config, secrets, outbox } = deps
  return {
    enqueue: (type: WebhookEventType, data: unknown) => enqueue(db, outbox, type, data),
    purgeCompleted: (now: number = Date.now()) => store.purgeCompleted(db, now - config.retentionDays * 86_400_000),
    createEndpoint,
    listEndpoints,
    getEndpoint,
    updateEndpoint,
    deleteEndpoint,
    rotateSecret,
    listDeliveries,
    listAttempts,
  }

  function checkUrl(url: string) {
    const problem = targetProblem(url, config.allowPrivateTargets)
    if (problem) throw invalid('webhook-url-not-allowed', `The URL ${problem}`, { url })
  }

  async function createEndpoint(input: EndpointBody, now = Date.now()): Promise<EndpointWithSecretView> {
    checkUrl(input.url)
    const secret = newSecret()
    const id = newId('whe', now)
    const row = {
      id,
      url: input.url,
      description: input.description ?? null,
      secret_sealed: secrets.seal('secret_sealed', id, secret),
      enabled: input.enabled === false ? 0 : 1,
      consecutive_failures: 0,
      failing_since: null,
      disabled_reason: null,
      created_at: now,
      updated_at: now,
    }
    await db.transaction().execute(async (trx) => {
      await store.insertEndpoint(trx, row, input.events)
      await outbox.subscribers?.changed(trx)
    })
    return { ...(await getEndpoint(row.id)), secret }
  }

  async function listEndpoints(): Promise<{ items: EndpointView[] }> {
    const rows = await store.listEndpoints(db)
    const events = await store.subscriptionsOf(
      db,
      rows.map((r) => r.id),
    )
    return { items: rows.map((r) => endpointView(r, events.get(r.id) ?? [])) }
  }

  async function getEndpoint(id: string): Promise<EndpointView> {
    const row = await store.findEndpoint(db, id)
    if (!row) throw notFound('webhook-endpoint-not-found', 'No such webhook endpoint')
    const events = await store.subscriptionsOf(db, [id])
    return endpointView(row, events.get(id) ?? [])
  }

  async function updateEndpoint(id: string, patch: EndpointPatch, now = Date.now()): Promise<EndpointView> {
    if (patch.url !== undefined) checkUrl(patch.url)
    await db.transaction().execute(async (trx) => {
      const current = await store.findEndpoint(trx, id)
      if (!current) throw notFound('webhook-endpoint-not-found', 'No such webhook endpoint')
      await store.updateEndpoint(
        trx,
        id,
        {
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
          updated_at: now,
        },
        patch.enabled === true,
      )
      if (patch.events) await store.setSubscriptions(trx, id, patch.events)
      await outbox.subscribers?.changed(trx)
    })
    return getEndpoint(id)
  }

  async function deleteEndpoint(id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (!(await store.deleteEndpoint(trx, id)))
        throw notFound('webhook-endpoint-not-found', 'No such webhook endpoint')
      await outbox.subscribers?.changed(trx)
    })
  }

  /** A new secret, effective for the next attempt; the old one stops signing at once. */
  async function rotateSecret(id: string, now = Date.now()): Promise<EndpointWithSecretView> {
    const secret = newSecret()
    const updated = await store.updateEndpoint(
      db,
      id,
      { secret_sealed: secrets.seal('secret_sealed', id, secret), updated_at: now },
      false,
    )
    if (!updated) throw notFound('webhook-endpoint-not-found', 'No such webhook endpoint')
    return { ...(await getEndpoint(id)), secret }
  }

  async function listDeliveries(endpointId: string, page: PageQuery) {
    await getEndpoint(endpointId)
    const limit = page.limit ?? 20
    const rows = await store.listDeliveries(db, endpointId, page.cursor, limit + 1)
    return paged(rows, limit, deliveryView)
  }

  async function listAttempts(endpointId: string, query: AttemptQuery) {
    await getEndpoint(endpointId)
    const limit = query.limit ?? 20
    const rows = await store.listAttempts(db, endpointId, query.deliveryId, query.cursor, limit + 1)
    return paged(rows, limit, attemptView)
  }
}
export type WebhookService = ReturnType<typeof createWebhookService>

function paged<R extends { id: string }, V>(rows: R[], limit: number, view: (row: R) => V) {
  const items = rows.slice(0, limit)
  return { items: items.map(view), nextCursor: rows.length > limit ? items[items.length - 1].id : null }
}

function endpointView(row: store.WebhookEndpointTable, events: WebhookEventType[]): EndpointView {
  return {
    id: row.id,
    url: row.url,
    events,
    enabled: Number(row.enabled) === 1,
    description: row.description,
    consecutiveFailures: Number(row.consecutive_failures),
    failingSince: row.failing_since === null ? null : Number(row.failing_since),
    disabledReason: row.disabled_reason,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  }
}

function deliveryView(row: store.WebhookDeliveryTable): DeliveryView {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.status === 'pending' ? Number(row.next_attempt_at) : null,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
  }
}

function attemptView(row: store.WebhookAttemptTable): AttemptView {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    attempt: Number(row.attempt),
    startedAt: Number(row.started_at),
    durationMs: Number(row.duration_ms),
    statusCode: row.status_code === null ? null : Number(row.status_code),
    error: row.error,
    ok: Number(row.ok) === 1,
  }
}

export const webhookProblems = {
  'webhook-endpoint-not-found': {
    title: 'Webhook endpoint not found',
    description: 'No webhook endpoint has this id.',
  },
  'webhook-url-not-allowed': {
    title: 'Webhook URL not allowed',
    description:
      'A webhook URL must be http(s) without credentials; in production it may not point to a loopback, private or link-local address.',
  },
}
