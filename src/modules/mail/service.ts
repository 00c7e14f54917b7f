/**
 * Outgoing mail through a durable outbox. `enqueueMail(trx, …)` writes a message inside the caller's
 * transaction (so an order confirmation exists exactly when the order does); the dispatcher sends due
 * messages through the configured transport, retrying with back-off, and is safe to run on every node.
 */
import type { FastifyBaseLogger } from 'fastify'
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import type { EncryptedTable, FieldSealer } from '../../platform/security/encrypted-columns.ts'
import type { MailList, MailQuery, MailView } from './schemas.ts'
import * as store from './store.ts'
import type { MailTransport } from './transports.ts'

export interface MailMessage {
  to: string
  subject: string
  text: string
  html?: string
}

const MAX_ATTEMPTS = 8
const LEASE_MS = 60_000
const BATCH = 50

/**
 * `mail_outbox.text_body` and `html_body`, registered in app.ts for `backroom rotate-keys`: a message
 * carries names and addresses, so the bodies are sealed, bound to the message id. The recipient stays
 * readable (it is what the outbox sends to and erasure finds); the subject is a fixed template that
 * names no person (see the personal-data rules, test/platform/personal-data-rules.ts). Bodies written
 * before 0500 are plaintext; they still open, and rotate-keys seals them.
 */
export const mailEncryptedColumns: EncryptedTable = {
  table: 'mail_outbox',
  idColumn: 'id',
  columns: ['text_body', 'html_body'],
  openLegacy: (value) => value,
}

/** Writes a message to the outbox, sealed; works inside the caller's transaction. Returns the message id. */
export type EnqueueMail = (db: Db, message: MailMessage, now?: number) => Promise<string>

/** The outbox writer for `sealer` (`mailEncryptedColumns`); app.ts hands it to the modules that send mail. */
export function mailOutbox(sealer: FieldSealer): EnqueueMail {
  return (db, message, now) => enqueueMail(db, sealer, message, now)
}

export async function enqueueMail(
  db: Db,
  sealer: FieldSealer,
  message: MailMessage,
  now: number = Date.now(),
): Promise<string> {
  const id = newId('mail', now)
  await store.insertMessage(db, {
    id,
    to_address: message.to,
    subject: message.subject.slice(0, 300),
    text_body: sealer.seal('text_body', id, message.text),
    html_body: message.html === undefined ? null : sealer.seal('html_body', id, message.html),
    status: 'pending',
    attempts: 0,
    last_error: null,
    transport: null,
    next_attempt_at: now,
    created_at: now,
    sent_at: null,
  })
  return id
}

/** Seconds to wait before attempt `n` (1-based): 30 s, 1 min, 2 min, … capped at an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** (attempt - 1))
}

export function createMailService(deps: {
  db: Db
  transport: MailTransport
  from: string
  log: FastifyBaseLogger
  intervalMs: number
  /** Seals and opens bodies (`mailEncryptedColumns`). */
  sealer: FieldSealer
  /** Days sent and failed messages are kept (MAIL_RETENTION_DAYS). */
  retentionDays: number
}) {
  const { db, transport, from, log, sealer } = deps
  const enqueue = mailOutbox(sealer)
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  return { enqueue, dispatch, list, purge, start, stop, transport: transport.name }

  /** Deletes sent and failed messages older than the retention; returns how many. */
  function purge(now: number = Date.now()): Promise<number> {
    return store.purgeFinished(db, now - deps.retentionDays * 86_400_000)
  }

  /** Sends every due message once; returns how many were sent. Concurrent calls share one run. */
  function dispatch(now: number = Date.now()): Promise<number> {
    running ??= dispatchOnce(now).finally(() => {
      running = undefined
    })
    return running
  }

  async function dispatchOnce(now: number): Promise<number> {
    await store.releaseExpiredLeases(db, now)
    let sent = 0
    for (const row of await store.listDue(db, now, BATCH)) {
      if (!(await store.claim(db, row.id, now, LEASE_MS))) continue
      try {
        await transport.send({
          from,
          to: row.to_address,
          subject: row.subject,
          text: sealer.open('text_body', row.id, row.text_body),
          html: row.html_body === null ? undefined : sealer.open('html_body', row.id, row.html_body),
        })
        await store.markSent(db, row.id, transport.name, now)
        sent++
      } catch (error) {
        const attempt = row.attempts + 1
        const next = attempt >= MAX_ATTEMPTS ? null : now + retryDelayMs(attempt)
        log.warn({ mailId: row.id, attempt, err: error }, 'mail delivery failed')
        await store.markFailed(db, row.id, error instanceof Error ? error.message : String(error), next)
      }
    }
    return sent
  }

  async function list(query: MailQuery): Promise<MailList> {
    const limit = query.limit ?? 20
    const rows = await store.listMessages(db, { to: query.to?.toLowerCase(), cursor: query.cursor, limit })
    const items: MailView[] = rows.slice(0, limit).map((row) => ({
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      text: sealer.open('text_body', row.id, row.text_body),
      html: row.html_body === null ? null : sealer.open('html_body', row.id, row.html_body),
      status: row.status,
      transport: row.transport,
      attempts: row.attempts,
      createdAt: row.created_at,
      sentAt: row.sent_at,
    }))
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
  }

  function start() {
    if (transport.name === 'dev')
      log.info('mail: development transport (no SMTP_URL); messages stay in the outbox, see GET /admin/mail')
    if (deps.intervalMs <= 0 || timer) return
    timer = setInterval(() => {
      dispatch().catch((error) => log.error({ err: error }, 'mail dispatcher failed'))
    }, deps.intervalMs)
    timer.unref()
  }

  async function stop() {
    if (timer) clearInterval(timer)
    timer = undefined
    await running?.catch(() => {})
    transport.close()
  }
}
export type MailService = ReturnType<typeof createMailService>
