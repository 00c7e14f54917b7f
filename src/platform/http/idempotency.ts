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
 * - A route with `idempotent: 'deferred'` (the checkout, issue 11: one round trip fewer) has its
 *   handler carry the claim instead: the handler only reads before its first write, and that write
 *   includes the claim (`deferredClaim(req)`: `write` into a write-batch.ts batch with `mustMatch`, or
 *   `claimNow`), so the claim commits with it, or the key's existing row refuses it and nothing is
 *   written. The layer then answers as above (replay, 409, 422, or takes the key over from a dead
 *   owner and runs the handler again: its first run wrote nothing). A handler that refuses (a 4xx)
 *   before writing claims the key then, and its problem is stored as any; when the key exists by
 *   then, the existing row answers instead (a duplicate that found the cart closed by the first is
 *   answered by the key, not as `cart-closed`); an answer it returns without writing, the same. One
 *   it sends itself without writing is stored by one INSERT (`done`) that leaves an existing row
 *   alone. The row is the one the eager claim writes (owner, lease), so leases, take-over and crash
 *   recovery are unchanged. Its answer may also be stored by its last write (`replyLater`), which
 *   saves the statement after it.
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
import { type FixedStatement, fixedQuery } from '../db/fixed-query.ts'
import { newId } from '../db/ids.ts'
import type { Migrations } from '../db/migrate.ts'
import type { Db } from '../db/types.ts'
import { writeLater } from '../db/write-batch.ts'
import { badRequest, conflict, invalid, isAppError, statusByKind } from '../errors.ts'
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
  /** The row is this request's (written, or taken over); false: a deferred claim not written yet. */
  held: boolean
  /** A deferred claim's request hash (its row is written by the handler's first write). */
  hash?: string
  /** The reply the handler's last write stored (`replyLater`, committed): sending it writes nothing more. */
  stored?: { status: number; type: string; body: string }
  /** The handler's reply object, before serialisation: its subjects are tagged without parsing the JSON again. */
  sent?: unknown
}

/**
 * What the handler of a route with `idempotent: 'deferred'` gets (`deferredClaim(req)`): the claim its
 * first write carries. Until it is written the handler must only read.
 */
export interface DeferredClaim {
  /**
   * The claim's insert, for write-batch.ts `writeLater(trx, claim.write(trx), { mustMatch: true })` with
   * the first write (on SQLite it runs at once, in the transaction). Its rows go to `check`.
   */
  write(db: Db): FixedStatement<{ claimed: number }>
  /** After the write ran: no row means the key exists; throws (the layer answers from the row). */
  check(rows: readonly unknown[]): void
  /** The transaction that wrote it committed: the key is this request's (renewed, its reply stored). */
  committed(): void
  /** For a first write that cannot carry it: claims the key now, alone (throws as `check` does). */
  claimNow(): Promise<void>
  /**
   * The handler's answer (what it will send with the route's one 2xx status), serialised as it will be
   * sent, sealed and tagged, stored by the handler's last write (write-batch.ts `writeLater`, `mustMatch`:
   * conditional on this request still owning the key; no row back: it does not, and the work must
   * throw and write without it). Undefined when the key is not held or the route has no single 2xx.
   */
  replyLater(db: Db, answer: unknown): Promise<unknown[]> | undefined
  /** That write committed: the reply is stored, and sending those same bytes writes nothing more. */
  replyCommitted(): void
}

/** The request's deferred claim; undefined when there is none (no key, another route, or claimed already). */
export function deferredClaim(req: FastifyRequest): DeferredClaim | undefined {
  return deferredClaims.get(req)
}

/**
 * The request's Idempotency-Key in its caller's scope, hashed; undefined without a key. The same on
 * every request with this key (the row's id is not: a 5xx deletes the row), for a handler to record on
 * what it creates with the key. Valid once the layer has checked the header (an idempotent route).
 */
export function idempotencyKeyHash(req: FastifyRequest): string | undefined {
  const header = req.headers['idempotency-key']
  if (typeof header !== 'string') return undefined
  return hash('sha256', `${scopeOf(req.actor, req.ip)}\n${header}`, 'base64url')
}

const deferredClaims = new WeakMap<FastifyRequest, DeferredClaim>()
/** Errors `DeferredClaim.check` threw: the key exists, the layer answers from its row. */
const keyTaken = new WeakSet<object>()

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
  /** Replies handed to a batch by `replyLater`, not known to be committed yet. */
  const pendingReplies = new WeakMap<Claim, { status: number; type: string; body: string }>()
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
    if (req.headers['idempotency-key'] === undefined) return done()
    const mode = req.routeOptions.config.idempotent
    if (!mode) return done()
    if (mode === 'deferred') {
      try {
        defer(req, reply)
      } catch (error) {
        return done(error as Error)
      }
      return done() // no statement: the handler's first write claims the key
    }
    claimOrReplay(req, reply).then((replayed) => {
      if (!replayed) done() // a replay has sent the reply: the handler must not run
    }, done)
  })

  // A deferred route's handler, wrapped: when its run ends without the key written (it found the key
  // taken, or refused before writing), the key's row decides, as the eager claim would have.
  app.addHook('onRoute', (route) => {
    if (route.config?.idempotent !== 'deferred') return
    const handler = route.handler
    route.handler = async function claimingHandler(this: unknown, req: FastifyRequest, reply: FastifyReply) {
      const claim = claims.get(req)
      let result: unknown
      try {
        result = await handler.call(this as never, req, reply)
      } catch (error) {
        if (!claim || claim.held || claim.settled) throw error
        if (!keyTaken.has(error as object)) {
          // A 5xx stores nothing; a 4xx before any write is the request's answer once the key is ours.
          if (!isAppError(error) || statusByKind[error.kind] >= 500) throw error
          if (await claimDeferred(claim)) throw error
        }
        return answerFromKey(this, req, reply)
      }
      // An answer returned (not sent yet) without a write: the same, once the key is ours. One the
      // handler sent itself is stored by onSend (one INSERT that leaves an existing row alone).
      if (!claim || claim.held || claim.settled || result === reply || result === undefined) return result
      if (await claimDeferred(claim)) return result
      return answerFromKey(this, req, reply)
    }
    /** The key exists: its row answers (replay, 409, 422), or, taken over, the handler runs again. */
    async function answerFromKey(self: unknown, req: FastifyRequest, reply: FastifyReply) {
      deferredClaims.delete(req)
      claims.delete(req)
      if (await claimOrReplay(req, reply, true)) return reply
      return handler.call(self as never, req, reply) // the key is ours now; the first run wrote nothing
    }
  })

  /** Validates the key and notes the claim that the handler's first write will carry. */
  function defer(req: FastifyRequest, reply: FastifyReply) {
    const key = validKey(req)
    const claim: Claim = {
      scope: scopeOf(req.actor, req.ip),
      key,
      id: newId('idem', now()),
      settled: false,
      held: false,
      hash: requestHash(req),
    }
    claims.set(req, claim)
    deferredClaims.set(req, {
      write: (trx) => claimKey.compiled(trx, claimRow(claim)),
      check(rows) {
        if (rows.length === 0) throw taken()
      },
      committed: () => {
        if (claim.held || claim.settled) return
        claim.held = true
        inFlight.add(claim)
        deferredClaims.delete(req)
      },
      async claimNow() {
        if (claim.held || claim.settled) return
        if (!(await claimDeferred(claim))) throw taken()
        deferredClaims.delete(req)
      },
      replyLater(trx, answer) {
        const status = successStatus(req)
        if (!claim.held || claim.settled || status === undefined) return undefined
        const before = reply.statusCode
        let body: unknown
        try {
          reply.code(status) // the serialiser (JSON by the route's schema, or XML) is the status's
          body = reply.serialize(answer)
        } finally {
          reply.code(before)
        }
        if (typeof body !== 'string') return undefined
        const type = String(reply.getHeader('content-type') ?? JSON_TYPE)
        pendingReplies.set(claim, { status, type, body })
        const write = storeResponse.compiled(trx, {
          status,
          type,
          body: body === '' ? '' : sealer.seal('response_body', claim.id, body),
          subjects: tagColumn(subjectsOf(req, type, body, answer)),
          scope: claim.scope,
          key: claim.key,
          owner,
        })
        return writeLater(trx, write, { mustMatch: true })
      },
      replyCommitted() {
        claim.stored = pendingReplies.get(claim)
      },
    })
  }

  /** The row the eager claim writes (in flight, this instance's lease). */
  function claimRow(claim: Claim) {
    const at = now()
    return {
      scope: claim.scope,
      key: claim.key,
      request_hash: claim.hash ?? '',
      created_at: at,
      id: claim.id,
      owner,
      lease_until: at + IDEMPOTENCY_LEASE_MS,
    }
  }

  /** Writes a deferred claim alone; false when the key exists. */
  async function claimDeferred(claim: Claim): Promise<boolean> {
    if ((await claimKey(db, claimRow(claim))).length !== 1) return false
    claim.held = true
    inFlight.add(claim)
    return true
  }

  /**
   * Claims the request's key (false: the handler runs) or sends the stored reply (true). `known`: a
   * deferred claim found the key taken already, so the row is read first.
   */
  async function claimOrReplay(req: FastifyRequest, reply: FastifyReply, known = false): Promise<boolean> {
    const header = validKey(req)
    const scope = scopeOf(req.actor, req.ip)
    const hash = requestHash(req)
    for (let attempt = 0; attempt < 2; attempt++) {
      const at = now()
      const id = newId('idem', at)
      const claimed =
        known && attempt === 0
          ? []
          : await claimKey(db, {
              scope,
              key: header,
              request_hash: hash,
              created_at: at,
              id,
              owner,
              lease_until: at + IDEMPOTENCY_LEASE_MS,
            })
      if (claimed.length === 1) {
        hold(req, { scope, key: header, id, settled: false, held: true })
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
          hold(req, { scope, key: header, id: row.id ?? `${scope} ${header}`, settled: false, held: true })
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
      if (claim.held) await release(claim) // failures (and streams we cannot store) let the client retry
      return
    }
    const body = payload === null ? '' : String(payload)
    const type = String(reply.getHeader('content-type') ?? JSON_TYPE)
    const known = claim.stored
    if (known && known.body === body && known.status === reply.statusCode && known.type === type) return
    const stored = {
      status: reply.statusCode,
      type,
      body: body === '' ? '' : sealer.seal('response_body', claim.id, body),
      subjects: tagColumn(subjectsOf(req, type, body, claim.sent)),
      scope: claim.scope,
      key: claim.key,
    }
    if (claim.held) {
      // A key taken over from us (lease lost) is the new owner's to settle.
      await storeResponse(db, { ...stored, owner })
    } else {
      // A deferred claim the handler never wrote (it answered without writing): the reply is the row.
      // A row written meanwhile by another request with the key is left alone.
      await storeDeferred(db, { ...stored, request_hash: claim.hash ?? '', created_at: now(), id: claim.id, owner })
    }
  }

  app.addHook('onResponse', (req, _reply, done) => {
    const claim = claims.get(req)
    if (!claim || claim.settled) return done()
    settle(claim)
    if (!claim.held) return done()
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

  function taken() {
    const error = conflict('idempotency-key-in-use', 'A request with this Idempotency-Key is still in progress')
    keyTaken.add(error)
    return error
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

const JSON_TYPE = 'application/json; charset=utf-8'

/** The route's success status, when its response schema lists exactly one 2xx. */
function successStatus(req: FastifyRequest): number | undefined {
  const statuses = Object.keys((req.routeOptions.schema?.response ?? {}) as object).filter((s) => /^2\d\d$/.test(s))
  return statuses.length === 1 ? Number(statuses[0]) : undefined
}

function validKey(req: FastifyRequest): string {
  const header = req.headers['idempotency-key']
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw badRequest('idempotency-key-invalid', 'Idempotency-Key must be 1 to 255 printable ASCII characters')
  }
  return header
}

// The two statements of every idempotent request, compiled once (platform/db/fixed-query.ts). The
// claim returns a constant, not the scope: in a refused write batch every write's rows go to
// PostgreSQL's log (write-batch.ts), and a scope names a user or an address.
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
      .returning(sql<number>`1`.as('claimed')),
)

/** A stored reply's columns (sealed body, subject tags) and the key it is stored on. */
type StoredReply = {
  status: number
  type: string
  body: string
  subjects: string | null
  scope: string
  key: string
}

/** A deferred claim's reply when its handler never wrote: the whole row at once, `done`. */
const storeDeferred = fixedQuery(
  (db, v: StoredReply & { request_hash: string; created_at: number; id: string; owner: string }) =>
    db
      .insertInto('idempotency_key')
      .values({
        scope: v.scope,
        key: v.key,
        request_hash: v.request_hash,
        state: 'done',
        response_status: v.status,
        response_type: v.type,
        response_body: v.body,
        created_at: v.created_at,
        id: v.id,
        owner: v.owner,
        lease_until: null,
        subjects: v.subjects,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing()),
)

/** The reply, on the row this instance owns; returns a row when it matched (for `writeLater`'s `mustMatch`). */
const storeResponse = fixedQuery((db, v: StoredReply & { owner: string }) =>
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
    .where('owner', '=', v.owner)
    .returning(sql<number>`1`.as('stored')),
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
