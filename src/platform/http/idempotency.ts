/**
 * Idempotency keys with Stripe's semantics, for every route that sets `config: { idempotent: true }`.
 *
 * - `Idempotency-Key` (1–255 printable ASCII characters) is optional; keys are scoped per caller
 *   (account, API key, or client IP for anonymous callers), so two callers never share a key space.
 * - Same key, same request (method, path, body hash): the stored response is replayed (status, body,
 *   content type) with `Idempotent-Replayed: true`. Same key, different request: 422.
 * - The key is claimed with an INSERT on the primary key before the handler runs, on SQLite and
 *   PostgreSQL alike, so concurrent requests with one key run the handler once; the others get 409
 *   while the first is in flight, or its replay afterwards.
 * - A 5xx (or a response never finished) releases the key so the client can retry; anything else is
 *   stored for 24 hours. Requests refused before the handler (validation, auth) never claim a key.
 */
import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Migrations } from '../db/migrate.ts'
import type { Db } from '../db/types.ts'
import { badRequest, conflict, invalid } from '../errors.ts'
import type { Actor } from '../security/actor.ts'
import type { App } from './types.ts'

export interface IdempotencyKeyTable {
  scope: string
  key: string
  request_hash: string
  /** 'in-flight' while the first request runs, then 'done'. */
  state: string
  response_status: number | null
  response_type: string | null
  response_body: string | null
  created_at: number
}

export const idempotencyProblems = {
  'idempotency-key-invalid': {
    title: 'Invalid idempotency key',
    description: 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.',
  },
  'idempotency-key-reused': {
    title: 'Idempotency key reused',
    description: 'This Idempotency-Key was used with a different request (method, path or body); use a new key.',
  },
  'idempotency-key-in-use': {
    title: 'Idempotency key in use',
    description: 'A request with this Idempotency-Key is still being processed; retry once it has finished.',
  },
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
const KEY = /^[\x20-\x7e]{1,255}$/
const REPLAYED = 'idempotent-replayed'

interface Claim {
  scope: string
  key: string
  settled: boolean
}

/** Installs the hooks; `purge` runs hourly (unref'd) and on close it stops. */
export function installIdempotency(app: App, { db, now = Date.now }: { db: Db; now?: () => number }): void {
  const claims = new WeakMap<FastifyRequest, Claim>()

  // preHandler: after authentication and body validation, right before the handler.
  app.addHook('preHandler', async (req, reply) => {
    if (!req.routeOptions.config.idempotent) return
    const header = req.headers['idempotency-key']
    if (header === undefined) return
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw badRequest('idempotency-key-invalid', 'Idempotency-Key must be 1 to 255 printable ASCII characters')
    }
    const scope = scopeOf(req.actor, req.ip)
    const hash = requestHash(req)
    for (let attempt = 0; attempt < 2; attempt++) {
      const claimed = await db
        .insertInto('idempotency_key')
        .values({
          scope,
          key: header,
          request_hash: hash,
          state: 'in-flight',
          response_status: null,
          response_type: null,
          response_body: null,
          created_at: now(),
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .executeTakeFirst()
      if (claimed.numInsertedOrUpdatedRows === 1n) {
        claims.set(req, { scope, key: header, settled: false })
        return
      }
      const row = await db
        .selectFrom('idempotency_key')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', header)
        .executeTakeFirst()
      if (!row) continue // released between our insert and select: claim again
      if (row.created_at < now() - IDEMPOTENCY_TTL_MS) {
        await db
          .deleteFrom('idempotency_key')
          .where('scope', '=', scope)
          .where('key', '=', header)
          .where('created_at', '=', row.created_at)
          .execute()
        continue
      }
      if (row.request_hash !== hash) {
        throw invalid('idempotency-key-reused', 'This Idempotency-Key was used with a different request')
      }
      if (row.state !== 'done') {
        throw conflict('idempotency-key-in-use', 'A request with this Idempotency-Key is still in progress')
      }
      return replay(reply, row)
    }
    throw conflict('idempotency-key-in-use', 'A request with this Idempotency-Key is still in progress')
  })

  // onSend sees the serialised body; storing it here (before it is sent) means a client that
  // retries after reading the response always finds the key settled.
  app.addHook('onSend', async (req, reply, payload) => {
    const claim = claims.get(req)
    if (!claim || claim.settled) return payload
    claim.settled = true
    if (reply.statusCode >= 500 || (payload !== null && typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      await release(claim) // failures (and streams we cannot store) let the client retry
      return payload
    }
    await db
      .updateTable('idempotency_key')
      .set({
        state: 'done',
        response_status: reply.statusCode,
        response_type: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        response_body: payload === null ? '' : String(payload),
      })
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .execute()
    return payload
  })

  app.addHook('onResponse', async (req) => {
    const claim = claims.get(req)
    if (claim && !claim.settled) {
      claim.settled = true
      await release(claim)
    }
  })

  const timer = setInterval(
    () => {
      purgeIdempotencyKeys(db, now()).catch((err) => app.log.warn({ err }, 'idempotency purge failed'))
    },
    60 * 60 * 1000,
  )
  timer.unref()
  app.addHook('onClose', async () => clearInterval(timer))

  async function release(claim: Claim) {
    await db
      .deleteFrom('idempotency_key')
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .where('state', '=', 'in-flight')
      .execute()
  }
}

/** Deletes keys older than 24 hours; returns how many. */
export async function purgeIdempotencyKeys(db: Db, now: number = Date.now()): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_key')
    .where('created_at', '<', now - IDEMPOTENCY_TTL_MS)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Whose key space a key lives in. Anonymous callers are told apart by address only. */
export function scopeOf(actor: Actor, ip: string): string {
  if (actor.apiKeyId) return `key:${actor.apiKeyId}`
  if (actor.userId) return `user:${actor.userId}`
  return `ip:${ip}`
}

function requestHash(req: FastifyRequest): string {
  const path = req.url.split('?')[0]
  return createHash('sha256')
    .update(`${req.method}\n${path}\n${req.url.slice(path.length)}\n`)
    .update(req.body === undefined ? '' : JSON.stringify(req.body))
    .digest('base64url')
}

function replay(
  reply: FastifyReply,
  row: { response_status: number | null; response_type: string | null; response_body: string | null },
) {
  return reply
    .code(row.response_status ?? 200)
    .header(REPLAYED, 'true')
    .type(row.response_type ?? 'application/json; charset=utf-8')
    .send(row.response_body ?? '')
}

export const idempotencyMigrations: Migrations = {
  '0300_idempotency_keys': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('idempotency_key')
        .addColumn('scope', 'varchar(200)', (c) => c.notNull())
        .addColumn('key', 'varchar(255)', (c) => c.notNull())
        .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('response_status', 'integer')
        .addColumn('response_type', 'varchar(200)')
        .addColumn('response_body', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_key_pk', ['scope', 'key'])
        .execute()
      await db.schema.createIndex('idempotency_key_created_at').on('idempotency_key').column('created_at').execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('idempotency_key').execute()
    },
  },
}
