/**
 * Sends due deliveries from the outbox. Any number of API nodes may run one: each run claims a batch
 * with a lease (store.claimDue), POSTs each signed delivery, logs the attempt, then either completes the
 * delivery or schedules a retry with capped exponential backoff and jitter. An endpoint whose deliveries
 * have all failed for WEBHOOK_DISABLE_AFTER_HOURS (no success since its first failure) is disabled. Time comes in as `now`; tests never sleep.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../../platform/config.ts'
import { newId } from '../../platform/db/ids.ts'
import type { SignalCache } from '../../platform/db/signal-cache.ts'
import type { Db } from '../../platform/db/types.ts'
import type { FieldSealer } from '../../platform/security/encrypted-columns.ts'
import { signatureHeader } from './signing.ts'
import * as store from './store.ts'
import { type PostResult, post } from './target.ts'

export const RETRY_BASE_MS = 30_000
export const RETRY_CAP_MS = 3_600_000
const BATCH = 20

/**
 * Delay before attempt `failures + 1`: 30 s × 2^(failures−1), times a jitter factor in [0.75, 1.25)
 * (so endpoints that failed together do not retry together), capped at one hour.
 */
export function retryDelayMs(failures: number, random: number): number {
  const exponential = RETRY_BASE_MS * 2 ** Math.max(0, failures - 1)
  return Math.min(RETRY_CAP_MS, Math.round(exponential * (0.75 + random * 0.5)))
}

export type Sender = typeof post

export interface DispatcherDeps {
  db: Db
  config: Config['webhooks']
  /** Opens endpoint secrets (`webhookEncryptedColumns`). */
  secrets: FieldSealer
  /** Opens delivery bodies (`webhookDeliveryEncryptedColumns`). */
  bodies: FieldSealer
  log: FastifyBaseLogger
  /** The subscriber cache (`WebhookOutbox.subscribers`): told when an endpoint is disabled for failing. */
  subscribers?: Pick<SignalCache<unknown>, 'changed'>
  /** Seams for tests. */
  send?: Sender
  random?: () => number
}

export interface RunReport {
  claimed: number
  succeeded: number
  retrying: number
  failed: number
}

export function createDispatcher(deps: DispatcherDeps) {
  const { db, config, secrets, bodies, log } = deps
  const send = deps.send ?? post
  const random = deps.random ?? Math.random
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  return { runOnce, start, stop }

  /** One pass: claim what is due at `now` and deliver it. Safe to run concurrently on several nodes. */
  async function runOnce(now: number = Date.now()): Promise<RunReport> {
    const token = newId('claim', now)
    const leaseUntil = now + config.timeoutMs + 60_000
    const claimed = await store.claimDue(db, now, leaseUntil, BATCH, token)
    const outcomes = await Promise.all(claimed.map((delivery) => deliver(delivery, token, now)))
    return {
      claimed: claimed.length,
      succeeded: outcomes.filter((o) => o === 'succeeded').length,
      retrying: outcomes.filter((o) => o === 'pending').length,
      failed: outcomes.filter((o) => o === 'failed').length,
    }
  }

  async function deliver(d: store.ClaimedDelivery, token: string, now: number) {
    const attempt = Number(d.attempts) + 1
    let result: PostResult
    try {
      const secret = secrets.open('secret_sealed', d.endpoint_id, d.secret_sealed)
      const body = bodies.open('body', d.id, d.body)
      result = await send(
        d.url,
        {
          'user-agent': 'Backroom-Webhooks/1',
          'backroom-event': d.event_type,
          'backroom-event-id': d.event_id,
          'backroom-delivery': d.id,
          'backroom-signature': signatureHeader(secret, now, body),
        },
        body,
        { timeoutMs: config.timeoutMs, allowPrivate: config.allowPrivateTargets },
      )
    } catch (error) {
      // The secret cannot be opened (its key is no longer in ENCRYPTION_KEYS, or a legacy value after
      // BACKROOM_SECRET changed): a failure like any other, and logged.
      result = { statusCode: null, error: `cannot sign: ${(error as Error).message}`, durationMs: 0 }
    }
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300
    const error = ok ? null : (result.error ?? `HTTP ${result.statusCode}`)
    const status = ok ? 'succeeded' : attempt >= config.maxAttempts ? 'failed' : 'pending'
    let disabled = false
    await db.transaction().execute(async (trx) => {
      await store.insertAttempt(trx, {
        id: newId('wha', now),
        delivery_id: d.id,
        endpoint_id: d.endpoint_id,
        attempt,
        started_at: now,
        duration_ms: result.durationMs,
        status_code: result.statusCode,
        error: error?.slice(0, 500) ?? null,
        ok: ok ? 1 : 0,
      })
      await store.finishAttempt(trx, d.id, token, {
        status,
        attempts: attempt,
        next_attempt_at: status === 'pending' ? now + retryDelayMs(attempt, random()) : now,
        last_status_code: result.statusCode,
        last_error: error?.slice(0, 500) ?? null,
        completed_at: status === 'pending' ? null : now,
      })
      if (ok) await store.resetFailures(trx, d.endpoint_id)
      else disabled = await store.countFailure(trx, d.endpoint_id, config.disableAfterMs, now)
      // A disabled endpoint gets no new deliveries: every node's subscriber cache must forget it.
      if (disabled) await deps.subscribers?.changed(trx)
    })
    const fields = { delivery: d.id, endpoint: d.endpoint_id, event: d.event_type, attempt, ...result }
    if (ok) log.debug(fields, 'webhook delivered')
    else log.warn(fields, status === 'failed' ? 'webhook delivery failed for good' : 'webhook delivery failed')
    if (disabled) log.warn({ endpoint: d.endpoint_id }, 'webhook endpoint disabled: failing for too long')
    return status
  }

  /** Runs every WEBHOOK_DISPATCH_INTERVAL_MS (a no-op when 0); one pass at a time per node. */
  function start() {
    if (config.dispatchIntervalMs <= 0 || timer) return
    timer = setInterval(() => {
      if (running) return
      running = runOnce()
        .catch((error: unknown) => log.error({ err: error }, 'webhook dispatch failed'))
        .finally(() => {
          running = undefined
        })
    }, config.dispatchIntervalMs)
    timer.unref()
  }

  /** Stops the interval and waits for a pass in flight (before the database closes). */
  async function stop() {
    if (timer) clearInterval(timer)
    timer = undefined
    await running
  }
}
export type Dispatcher = ReturnType<typeof createDispatcher>
