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
 * - An in-flight key is held by a lease, not for 24 hours: the row names its owner (this app
 *   instance: host, pid, a random nonce) and `lease_until` (now + 30 s), renewed every 10 s while the
 *   request runs. A request finding the key in flight takes it over when the lease has run out, or at
 *   once when the owner is a process on this host that no longer exists (`kill -9`, a crash): one
 *   conditional UPDATE on the owner and lease it read, so among racing retries exactly one wins. The
 *   dead request's transaction rolled back with its connection, so the retry runs the handler once.
 * - The stored response is sealed with the ENCRYPTION_KEYS cipher (`idempotencyEncryptedColumns`,
 *   bound to the row's `id`, covered by `backroom rotate-keys`), and tagged with the subjects it
 *   names (platform/security/subject-tags.ts) so an erasure finds and deletes it.
 */
import { hash, randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import { fixedQuery } from '../db/fixed-query.ts'
import { newId } from '../db/ids.ts'
import type { Migrations } from '../db/migrate.ts'
import type { Db } from '../db/types.ts'
import { badRequest, conflict, invalid } from '../errors.ts'
import type { Actor } from '../security/actor.ts'
import type { EncryptedTable, FieldSealer } from '../security/encrypted-columns.ts'
import { type SubjectTagger, tagColumn, tagsIn } from '../security/subject-tags.ts'
import type { App } from './types.ts'

export interface IdempotencyKeyTable {
  scope: string
  key: string
  request_hash: string
  /** 'in-flight' while the first request runs, then 'done'. */
  state: string
  response_status: number | null
  response_type: string | null
  /** Sealed (`idempotencyEncryptedColumns`); '' for an empty body. */
  response_body: string | null
  created_at: number
  /** The row's id for the cipher's associated data and rotate-keys (0500; older rows: `scope key`). */
  id: string | null
  /** The app instance holding an in-flight key (`host/pid/nonce`). */
  owner: string | null
  /** When an in-flight key's lease runs out unless its owner renews it (epoch ms). */
  lease_until: number | null
  /** Subject tags (` a b `) of the people the stored response names, for erasure. */
  subjects: string | null
}

/** `idempotency_key.response_body`, registered in app.ts for `backroom rotate-keys`. */
export const idempotencyEncryptedColumns: EncryptedTable = {
  table: 'idempotency_key',
  idColumn: 'id',
  columns: ['response_body'],
  // Bodies stored before 0500 are plaintext; they still replay, and rotate-keys seals them.
  openLegacy: (value) => value,
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
/** How long an in-flight key stays held without its owner renewing it. */
export const IDEMPOTENCY_LEASE_MS = 30_000
const RENEW_EVERY_MS = IDEMPOTENCY_LEASE_MS / 3
/** App instances of this process that are still open (a key owned by a closed one is free). */
const liveInstances = new Set<string>()
const KEY = /^[\x20-\x7e]{1,255}$/
const REPLAYED = 'idempotent-replayed'

interface Claim {
  scope: string
  key: string
  id: string
  settled: boolean
  /** The handler's reply object, before serialisation: its subjects are tagged without parsing the JSON again. */
  sent?: unknown
}

export interface IdempotencyDeps {
  db: Db
  /** Seals stored responses (`idempotencyEncryptedColumns`). */
  sealer: FieldSealer
  tagger: SubjectTagger
  now?: () => number
  /** Who holds in-flight keys; a fresh `host/pid/nonce` by default. */
  instanceId?: string
}

/** Installs the hooks; `purge` runs hourly (unref'd) and on close it stops. */
export function installIdempotency(app: App, deps: IdempotencyDeps): void {
  const { db, sealer, tagger, now = Date.now } = deps
  const owner = deps.instanceId ?? `${hostname()}/${process.pid}/${randomBytes(6).toString('hex')}`
  liveInstances.add(owner)
  const claims = new WeakMap<FastifyRequest, Claim>()
  const inFlight = new Set<Claim>()
  // Renews the leases of the keys this instance holds; with none in flight a tick does nothing. One
  // timer for the app's life: starting and clearing one per request showed in a checkout's profile.
  const renewer = setInterval(() => {
    renewLeases().catch((err) => app.log.warn({ err }, 'idempotency lease renewal failed'))
  }, RENEW_EVERY_MS)
  renewer.unref()

  // The hooks run on every request: callback hooks, so a request without a key (or on another route)
  // passes each with a check, not a promise and a trip through the microtask queue.

  // preHandler: after authentication and body validation, right before the handler.
  app.addHook('preHandler', (req, reply, done) => {
    // The header first: most requests send none, and req.routeOptions builds an object on every read.
    if (req.headers['idempotency-key'] === undefined || !req.routeOptions.config.idempotent) return done()
    claimOrReplay(req, reply).then((replayed) => {
      if (!replayed) done() // a replay has sent the reply: the handler must not run
    }, done)
  })

  /** Claims the request's key (false: the handler runs) or sends the stored reply (true). */
  async function claimOrReplay(req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const header = req.headers['idempotency-key']
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw badRequest('idempotency-key-invalid', 'Idempotency-Key must be 1 to 255 printable ASCII characters')
    }
    const scope = scopeOf(req.actor, req.ip)
    const hash = requestHash(req)
    for (let attempt = 0; attempt < 2; attempt++) {
      const at = now()
      const id = newId('idem', at)
      const claimed = await claimKey(db, {
        scope,
        key: header,
        request_hash: hash,
        created_at: at,
        id,
        owner,
        lease_until: at + IDEMPOTENCY_LEASE_MS,
      })
      if (claimed.length === 1) {
        hold(req, { scope, key: header, id, settled: false })
        return false
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
        if (await takeOver(row)) {
          hold(req, { scope, key: header, id: row.id ?? `${scope} ${header}`, settled: false })
          return false
        }
        throw conflict('idempotency-key-in-use', 'A request with this Idempotency-Key is still in progress')
      }
      replay(reply, row, sealer)
      return true
    }
    throw conflict('idempotency-key-in-use', 'A request with this Idempotency-Key is still in progress')
  }

  // The object the reply is serialised from (not called for strings, buffers or null): onSend tags the
  // people it names from it instead of parsing the serialised JSON back (issue 11: a checkout's reply is ~1 KB).
  app.addHook('preSerialization', (req, _reply, payload, done) => {
    const claim = claims.get(req)
    if (claim && !claim.settled) claim.sent = payload
    done(null, payload)
  })

  // onSend sees the serialised body; storing it here (before it is sent) means a client that
  // retries after reading the response always finds the key settled.
  app.addHook('onSend', (req, reply, payload, done) => {
    const claim = claims.get(req)
    if (!claim || claim.settled) return done(null, payload)
    settleReply(req, reply, claim, payload).then(
      () => done(null, payload),
      (err) => done(err),
    )
  })

  async function settleReply(req: FastifyRequest, reply: FastifyReply, claim: Claim, payload: unknown) {
    settle(claim)
    if (reply.statusCode >= 500 || (payload !== null && typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      await release(claim) // failures (and streams we cannot store) let the client retry
      return
    }
    const body = payload === null ? '' : String(payload)
    const type = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8')
    await storeResponse(db, {
      status: reply.statusCode,
      type,
      body: body === '' ? '' : sealer.seal('response_body', claim.id, body),
      subjects: tagColumn(subjectsOf(req, type, body, claim.sent)),
      scope: claim.scope,
      key: claim.key,
      owner, // a key taken over from us (lease lost) is the new owner's to settle
    })
  }

  app.addHook('onResponse', (req, _reply, done) => {
    const claim = claims.get(req)
    if (!claim || claim.settled) return done()
    settle(claim)
    release(claim).then(() => done(), done)
  })

  const timer = setInterval(
    () => {
      purgeIdempotencyKeys(db, now()).catch((err) => app.log.warn({ err }, 'idempotency purge failed'))
    },
    60 * 60 * 1000,
  )
  timer.unref()
  app.addHook('onClose', async () => {
    clearInterval(timer)
    clearInterval(renewer)
    liveInstances.delete(owner)
  })

  function hold(req: FastifyRequest, claim: Claim) {
    claims.set(req, claim)
    inFlight.add(claim)
  }

  function settle(claim: Claim) {
    claim.settled = true
    inFlight.delete(claim)
  }

  /** One statement renews every key this instance holds (a request running longer than a lease). */
  async function renewLeases() {
    if (inFlight.size === 0) return
    await db
      .updateTable('idempotency_key')
      .set({ lease_until: now() + IDEMPOTENCY_LEASE_MS })
      .where('owner', '=', owner)
      .where('state', '=', 'in-flight')
      .execute()
  }

  /**
   * Takes an in-flight key whose holder is gone: its lease ran out, or its owner is a process of this
   * host that has exited (or an app instance of this process that closed). Conditional on the owner
   * and lease read, so of several retries racing for it exactly one gets it.
   */
  async function takeOver(row: IdempotencyKeyTable): Promise<boolean> {
    const at = now()
    const leaseUntil = row.lease_until ?? row.created_at + IDEMPOTENCY_LEASE_MS // rows from before 0500
    if (leaseUntil > at && !ownerGone(row.owner)) return false
    let update = db
      .updateTable('idempotency_key')
      .set({ owner, lease_until: at + IDEMPOTENCY_LEASE_MS, created_at: at, id: row.id ?? `${row.scope} ${row.key}` })
      .where('scope', '=', row.scope)
      .where('key', '=', row.key)
      .where('state', '=', 'in-flight')
      .where('created_at', '=', row.created_at)
    update = row.owner === null ? update.where('owner', 'is', null) : update.where('owner', '=', row.owner)
    update =
      row.lease_until === null
        ? update.where('lease_until', 'is', null)
        : update.where('lease_until', '=', row.lease_until)
    const result = await update.executeTakeFirst()
    if (result.numUpdatedRows !== 1n) return false
    app.log.warn(
      { idempotencyScope: row.scope, previousOwner: row.owner },
      'idempotency key taken over from a dead request',
    )
    return true
  }

  async function release(claim: Claim) {
    await db
      .deleteFrom('idempotency_key')
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .where('state', '=', 'in-flight')
      .where('owner', '=', owner)
      .execute()
  }

  /**
   * Who the stored reply names: the caller, the request body and the JSON reply. The reply is the object
   * it was serialised from when there is one (the schema's serialiser only drops fields, so it names the
   * same people or, for a field the schema drops, one more tag: never fewer); otherwise the body, parsed.
   */
  function subjectsOf(req: FastifyRequest, type: string, body: string, sent: unknown): string[] {
    let response: unknown
    if (type.includes('json') && body !== '') {
      if (sent !== undefined) response = sent
      else {
        try {
          response = JSON.parse(body)
        } catch {}
      }
    }
    const caller = req.actor.userId ? { userId: req.actor.userId } : undefined
    return tagsIn(tagger, caller, req.body, response)
  }
}

/**
 * Whether the instance that holds a key is known to be gone: a closed app of this process, or a
 * process of this host that no longer exists. Other hosts' owners are only freed by their lease.
 */
export function ownerGone(owner: string | null): boolean {
  if (owner === null) return false
  const [host, pidText] = owner.split('/')
  const pid = Number(pidText)
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return !liveInstances.has(owner)
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/**
 * Erasure of a subject's stored responses (a PersonalDataContributor, listed in app.ts): every key
 * of the subject's own account, and every stored response that names them (tags).
 */
export function idempotencyPersonalData(tagger: SubjectTagger) {
  return {
    name: 'idempotencyKeys',
    async collect(db: Db, subject: { userId: string; email: string; otherEmails?: readonly string[] }) {
      // Replays of the subject's own requests; their contents are the orders and payments listed elsewhere.
      const rows = await matching(db, subject).select(['key', 'created_at']).execute()
      return rows.map((r) => ({ key: r.key, createdAt: Number(r.created_at) }))
    },
    async erase(trx: Db, subject: { userId: string; email: string; otherEmails?: readonly string[] }) {
      const keys = await matching(trx, subject).select(['scope', 'key']).execute()
      for (const { scope, key } of keys) {
        await trx.deleteFrom('idempotency_key').where('scope', '=', scope).where('key', '=', key).execute()
      }
    },
  }

  function matching(db: Db, subject: { userId: string; email: string; otherEmails?: readonly string[] }) {
    return db
      .selectFrom('idempotency_key')
      .where((eb) =>
        eb.or([
          eb('scope', '=', `user:${subject.userId}`),
          ...tagger.of(subject).map((tag) => eb('subjects', 'like', `% ${tag} %`)),
        ]),
      )
  }
}

// The two statements of every idempotent request, compiled once (platform/db/fixed-query.ts).
const claimKey = fixedQuery(
  (
    db,
    v: Pick<IdempotencyKeyTable, 'scope' | 'key' | 'request_hash' | 'created_at' | 'id' | 'owner' | 'lease_until'>,
  ) =>
    db
      .insertInto('idempotency_key')
      .values({
        ...v,
        state: 'in-flight',
        response_status: null,
        response_type: null,
        response_body: null,
        subjects: null,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('scope'),
)

const storeResponse = fixedQuery(
  (
    db,
    v: {
      status: number
      type: string
      body: string
      subjects: string | null
      scope: string
      key: string
      owner: string
    },
  ) =>
    db
      .updateTable('idempotency_key')
      .set({
        state: 'done',
        response_status: v.status,
        response_type: v.type,
        response_body: v.body,
        subjects: v.subjects,
        lease_until: null,
      })
      .where('scope', '=', v.scope)
      .where('key', '=', v.key)
      .where('owner', '=', v.owner),
)

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

/** SHA-256 of method, path, query and body (one-shot `hash`: the same digest as hashing the parts in turn). */
function requestHash(req: FastifyRequest): string {
  const query = req.url.indexOf('?')
  const path = query < 0 ? req.url : req.url.slice(0, query)
  const body = req.body === undefined ? '' : JSON.stringify(req.body)
  return hash('sha256', `${req.method}\n${path}\n${req.url.slice(path.length)}\n${body}`, 'base64url')
}

function replay(reply: FastifyReply, row: IdempotencyKeyTable, sealer: FieldSealer) {
  const body = row.response_body ?? ''
  return reply
    .code(row.response_status ?? 200)
    .header(REPLAYED, 'true')
    .type(row.response_type ?? 'application/json; charset=utf-8')
    .send(body === '' ? '' : sealer.open('response_body', row.id ?? `${row.scope} ${row.key}`, body))
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
  '0500_idempotency_lease': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('idempotency_key').addColumn('id', 'varchar(460)').execute()
      await db.schema.alterTable('idempotency_key').addColumn('owner', 'varchar(200)').execute()
      await db.schema.alterTable('idempotency_key').addColumn('lease_until', 'bigint').execute()
      await db.schema.alterTable('idempotency_key').addColumn('subjects', 'varchar(200)').execute()
      // Rows from before keep their plaintext body until rotate-keys seals it under this id.
      await sql`update idempotency_key set id = scope || ' ' || ${sql.ref('key')} where id is null`.execute(db)
      await db.schema.createIndex('idempotency_key_id').on('idempotency_key').column('id').unique().execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('idempotency_key_id').execute()
      for (const column of ['subjects', 'lease_until', 'owner', 'id']) {
        await db.schema.alterTable('idempotency_key').dropColumn(column).execute()
      }
    },
  },
}
