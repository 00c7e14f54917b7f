/**
 * Configuration from environment variables, validated once at start. A bad value stops the process
 * with a message naming the variable (ConfigError), never a half-configured server.
 */
import { randomBytes } from 'node:crypto'
import { availableParallelism } from 'node:os'

export type DatabaseKind = 'sqlite' | 'postgres'

export interface Config {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  /** Public base URL of the API (used for links, cookie `Secure`, CSRF origin checks). */
  publicUrl: string
  database: {
    url: string
    kind: DatabaseKind
    /** SQLite: file path or ':memory:'. */
    sqlitePath: string
    /** PostgreSQL: schema to use (created if missing); tests use a throw-away schema each. */
    schema: string | undefined
    /** Drop the schema when the app closes (tests only). */
    dropSchemaOnClose: boolean
    poolSize: number
    migrateOnStart: boolean
  }
  /** Rendered storefront product documents kept in memory per node (CATALOG_CACHE_MB; 0 turns it off). */
  catalogCacheBytes: number
  /** Storefront list and search answers kept in memory per node (SEARCH_CACHE_MB; 0 turns it off). */
  searchCacheBytes: number
  /**
   * Memory cap of each node's search index (SEARCH_INDEX_MAX_MB): a catalog whose index would pass it
   * is searched through SQL only; 0 turns the index off.
   */
  searchIndexBytes: number
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  bodyLimit: number
  trustProxy: boolean | string
  corsOrigins: string[]
  rateLimit: { enabled: boolean; scale: number }
  redisUrl: string | undefined
  /** Key prefix in Redis, so several shops (or test runs) can share one server. */
  redisPrefix: string
  seedDemoData: boolean
  /** HMAC secret for server-side signatures (cursor tokens, cookies). Random per process when unset. */
  secret: string
  /** Event collection (src/modules/insights). */
  insights: { eventsMaxBatch: number }
  /**
   * The server's own events (storefront searches) wait in memory and are written in batches
   * (src/modules/insights/event-buffer.ts, docs/INSIGHTS.md): at least every `intervalMs` (0 = only when
   * `batch` wait, before reports and privacy requests, and on close), at most `max` waiting.
   */
  eventBuffer: { intervalMs: number; batch: number; max: number }
  /** Report rollups (docs/INSIGHTS.md): how often each node folds new events and order changes in; 0 = off. */
  rollups: { intervalMs: number }
  /** Outgoing webhooks (src/modules/webhooks, docs/WEBHOOKS.md). */
  webhooks: {
    /** Per-request timeout of a delivery, in ms. */
    timeoutMs: number
    /** Attempts per delivery before it is marked failed. */
    maxAttempts: number
    /** How long an endpoint may fail without a single success before it is disabled, in ms. */
    disableAfterMs: number
    /** Allow loopback/private/link-local targets (never in production unless set explicitly). */
    allowPrivateTargets: boolean
    /** How often the dispatcher looks for due deliveries; 0 turns it off (tests call it by hand). */
    dispatchIntervalMs: number
    /** Days a finished (succeeded or failed) delivery is kept, body included, before it is purged. */
    retentionDays: number
  }
  /** Sign-in sessions end after `idleMs` without use, and `absoluteMs` after sign-in at the latest. */
  sessions: { idleMs: number; absoluteMs: number }
  /** Outgoing mail: SMTP when `smtpUrl` is set, else the development transport (readable at GET /admin/mail). */
  mail: {
    smtpUrl: string | undefined
    from: string
    dispatchIntervalMs: number
    /** Days a sent (or failed for good) message is kept in the outbox before it is purged. */
    retentionDays: number
  }
  /**
   * Field-encryption keys (ENCRYPTION_KEYS), the first encrypts, all decrypt. Empty outside production
   * when unset: development then keeps a generated key in ./data/keys.json, tests use a random one.
   */
  encryptionKeys: EncryptionKey[]
  payments: {
    provider: 'test' | 'stripe'
    stripeSecretKey: string | undefined
    stripeWebhookSecret: string | undefined
    /** PAYMENT_TEST_LATENCY_MS: the test provider answers each call after this long (load tests). */
    testLatencyMs: number
  }
  /** PRICES_INCLUDE_TAX: catalog prices are gross (tax-inclusive) rather than net. */
  pricesIncludeTax: boolean
  /**
   * Server processes per machine (WEB_CONCURRENCY): `backroom serve` forks this many through node:cluster.
   * Default: the core count in production, 1 otherwise.
   */
  processes: number
  /** Load shedding (docs/ARCHITECTURE.md, "Heavy reads"). */
  load: {
    /** Exports (and other heavy reads) running at once per process; one more is answered 503 + Retry-After. */
    maxHeavyReads: number
    /** Requests are answered 503 + Retry-After while the event loop lags more than this; 0 turns it off. */
    maxEventLoopDelayMs: number
  }
  orders: {
    /** A pending order (payment never confirmed) is cancelled and its stock released after this long. */
    pendingTtlMs: number
    /** How often each node sweeps for such orders; 0 turns the sweep off (tests). */
    sweepIntervalMs: number
  }
}

/** A field-encryption key: its id (written into every ciphertext) and 32 bytes of key material. */
export interface EncryptionKey {
  kid: string
  key: Buffer
}

export class ConfigError extends Error {
  readonly variable: string
  constructor(variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`)
    this.name = 'ConfigError'
    this.variable = variable
  }
}

type Env = Record<string, string | undefined>

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
const ENVS = ['development', 'production', 'test'] as const

/** Reads and validates configuration. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ENVS, 'development')
  const port = integer(env, 'PORT', 3000, 0, 65535)
  const host = env.HOST?.trim() || '127.0.0.1'
  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`)
  const databaseUrl = env.DATABASE_URL?.trim() || 'sqlite:./data/backroom.db'
  const database = parseDatabaseUrl(databaseUrl)
  const secret = env.BACKROOM_SECRET?.trim() || randomBytes(32).toString('base64url')
  if (env.BACKROOM_SECRET !== undefined && secret.length < 32) {
    throw new ConfigError('BACKROOM_SECRET', 'must be at least 32 characters')
  }
  if (nodeEnv === 'production' && !env.BACKROOM_SECRET) {
    throw new ConfigError('BACKROOM_SECRET', 'is required when NODE_ENV=production (stateless nodes must share it)')
  }
  const encryptionKeys = parseEncryptionKeys(env.ENCRYPTION_KEYS)
  if (nodeEnv === 'production' && encryptionKeys.length === 0) {
    throw new ConfigError('ENCRYPTION_KEYS', 'is required when NODE_ENV=production (kid:base64-32-bytes,...)')
  }
  return {
    env: nodeEnv,
    host,
    port,
    publicUrl,
    database: {
      ...database,
      poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
      migrateOnStart: boolean(env, 'MIGRATE_ON_START', true),
      dropSchemaOnClose: false,
    },
    catalogCacheBytes: integer(env, 'CATALOG_CACHE_MB', 32, 0, 65_536) * 1_048_576,
    searchCacheBytes: integer(env, 'SEARCH_CACHE_MB', 16, 0, 65_536) * 1_048_576,
    searchIndexBytes: integer(env, 'SEARCH_INDEX_MAX_MB', 256, 0, 65_536) * 1_048_576,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    bodyLimit: integer(env, 'BODY_LIMIT', 1_048_576, 1024, 100 * 1_048_576),
    trustProxy: trustProxy(env),
    corsOrigins: list(env, 'CORS_ORIGINS').map((origin) => {
      if (!/^https?:\/\/[^/\s]+$/.test(origin))
        throw new ConfigError('CORS_ORIGINS', `has an invalid origin "${origin}"`)
      return origin
    }),
    rateLimit: {
      enabled: boolean(env, 'RATE_LIMIT_ENABLED', true),
      scale: number(env, 'RATE_LIMIT_SCALE', 1, 0.01, 10_000),
    },
    redisUrl: optionalUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: env.REDIS_PREFIX?.trim() || 'backroom:',
    seedDemoData: boolean(env, 'SEED_DEMO_DATA', true),
    secret,
    insights: { eventsMaxBatch: integer(env, 'EVENTS_MAX_BATCH', 100, 1, 1000) },
    eventBuffer: {
      intervalMs: integer(env, 'EVENT_FLUSH_INTERVAL_MS', nodeEnv === 'test' ? 0 : 200, 0, 60_000),
      batch: integer(env, 'EVENT_FLUSH_BATCH', 500, 1, 10_000),
      max: integer(env, 'EVENT_BUFFER_MAX', 20_000, 1, 1_000_000),
    },
    rollups: { intervalMs: integer(env, 'ROLLUP_INTERVAL_MS', nodeEnv === 'test' ? 0 : 2000, 0, 3_600_000) },
    webhooks: {
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 10, 1, 50),
      disableAfterMs: webhookDisableAfterHours(env) * 3_600_000,
      allowPrivateTargets: boolean(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', nodeEnv !== 'production'),
      dispatchIntervalMs: integer(env, 'WEBHOOK_DISPATCH_INTERVAL_MS', nodeEnv === 'test' ? 0 : 5000, 0, 3_600_000),
      retentionDays: integer(env, 'WEBHOOK_RETENTION_DAYS', 30, 1, 3650),
    },
    sessions: {
      idleMs: integer(env, 'SESSION_IDLE_MINUTES', 7 * 24 * 60, 1, 525_600) * 60_000,
      absoluteMs: integer(env, 'SESSION_ABSOLUTE_DAYS', 30, 1, 3650) * 86_400_000,
    },
    mail: {
      smtpUrl: optionalUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']),
      from: mailFrom(env),
      dispatchIntervalMs: integer(env, 'MAIL_DISPATCH_INTERVAL_MS', 5000, 0, 3_600_000),
      retentionDays: integer(env, 'MAIL_RETENTION_DAYS', 30, 1, 3650),
    },
    encryptionKeys,
    payments: payments(env, nodeEnv),
    pricesIncludeTax: boolean(env, 'PRICES_INCLUDE_TAX', false),
    processes: integer(env, 'WEB_CONCURRENCY', nodeEnv === 'production' ? availableParallelism() : 1, 1, 1024),
    load: {
      maxHeavyReads: integer(env, 'HEAVY_READS_MAX', 2, 1, 64),
      maxEventLoopDelayMs: integer(env, 'MAX_EVENT_LOOP_DELAY_MS', nodeEnv === 'test' ? 0 : 1000, 0, 60_000),
    },
    orders: {
      pendingTtlMs: integer(env, 'PENDING_ORDER_TTL_MINUTES', 30, 1, 7 * 24 * 60) * 60_000,
      sweepIntervalMs: nodeEnv === 'test' ? 0 : 60_000,
    },
  }
}

const KID = /^[A-Za-z0-9_-]{1,32}$/

/** `kid:base64-32-bytes,kid2:...`; key ids unique, each key exactly 32 bytes (AES-256). */
function parseEncryptionKeys(raw: string | undefined): EncryptionKey[] {
  const keys: EncryptionKey[] = []
  for (const entry of (raw ?? '').split(',').map((item) => item.trim())) {
    if (!entry) continue
    const colon = entry.indexOf(':')
    const kid = entry.slice(0, colon)
    if (colon < 1 || !KID.test(kid)) {
      throw new ConfigError('ENCRYPTION_KEYS', 'entries must look like kid:base64key (kid: letters, digits, _ or -)')
    }
    const material = entry.slice(colon + 1)
    const key = Buffer.from(material, 'base64')
    if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+=*$/.test(material)) {
      throw new ConfigError('ENCRYPTION_KEYS', `key "${kid}" must be 32 bytes, base64-encoded`)
    }
    if (keys.some((k) => k.kid === kid)) throw new ConfigError('ENCRYPTION_KEYS', `has key id "${kid}" twice`)
    keys.push({ kid, key })
  }
  return keys
}

function payments(env: Env, nodeEnv: Config['env']): Config['payments'] {
  const provider = oneOf(env, 'PAYMENT_PROVIDER', ['test', 'stripe'] as const, 'test')
  if (provider === 'test' && nodeEnv === 'production') {
    throw new ConfigError('PAYMENT_PROVIDER', 'must be stripe when NODE_ENV=production (test accepts fake cards)')
  }
  const stripeSecretKey = env.STRIPE_SECRET_KEY?.trim() || undefined
  const stripeWebhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim() || undefined
  if (stripeSecretKey !== undefined && !/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/.test(stripeSecretKey)) {
    throw new ConfigError('STRIPE_SECRET_KEY', 'must be a Stripe secret key (sk_test_..., sk_live_... or rk_...)')
  }
  if (stripeWebhookSecret !== undefined && !/^whsec_[A-Za-z0-9+/=_-]{8,}$/.test(stripeWebhookSecret)) {
    throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'must be a Stripe webhook signing secret (whsec_...)')
  }
  if (provider === 'stripe') {
    if (!stripeSecretKey) throw new ConfigError('STRIPE_SECRET_KEY', 'is required when PAYMENT_PROVIDER=stripe')
    if (!stripeWebhookSecret) {
      throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'is required when PAYMENT_PROVIDER=stripe')
    }
  }
  const testLatencyMs = integer(env, 'PAYMENT_TEST_LATENCY_MS', 0, 0, 60_000)
  return { provider, stripeSecretKey, stripeWebhookSecret, testLatencyMs }
}

function mailFrom(env: Env): string {
  const raw = env.MAIL_FROM?.trim() || 'Backroom <no-reply@backroom.localhost>'
  if (!/^[^<>\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(raw)) {
    throw new ConfigError('MAIL_FROM', `must be an address like "Shop <shop@example.com>", got "${raw}"`)
  }
  return raw
}

function parseDatabaseUrl(value: string): Pick<Config['database'], 'url' | 'kind' | 'sqlitePath' | 'schema'> {
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\//, '')
    if (!path) throw new ConfigError('DATABASE_URL', 'needs a path after "sqlite:" (e.g. sqlite:./data/backroom.db)')
    return { url: value, kind: 'sqlite', sqlitePath: path, schema: undefined }
  }
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    let parsed: URL
    try {
      parsed = new URL(value)
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL')
    }
    const schema = parsed.searchParams.get('schema') ?? undefined
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new ConfigError('DATABASE_URL', 'has an invalid schema parameter (lowercase letters, digits, _)')
    }
    parsed.searchParams.delete('schema')
    return { url: parsed.toString(), kind: 'postgres', sqlitePath: '', schema }
  }
  throw new ConfigError('DATABASE_URL', 'must start with sqlite: or postgres://')
}

/** WEBHOOK_DISABLE_AFTER_HOURS; the count it replaced (issue 12) is refused rather than silently ignored. */
function webhookDisableAfterHours(env: Env): number {
  if (env.WEBHOOK_DISABLE_AFTER_FAILURES?.trim()) {
    throw new ConfigError(
      'WEBHOOK_DISABLE_AFTER_FAILURES',
      'is no longer read: endpoints are disabled after failing for WEBHOOK_DISABLE_AFTER_HOURS (default 24)',
    )
  }
  return integer(env, 'WEBHOOK_DISABLE_AFTER_HOURS', 24, 1, 720)
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`)
  return value
}

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value)) throw new ConfigError(name, `must be a number, got "${raw}"`)
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`)
  return value
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`)
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(name, `must be one of ${values.join(', ')}`)
  return raw as T
}

function url(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  try {
    const parsed = new URL(raw)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol')
    return parsed.origin + parsed.pathname.replace(/\/$/, '')
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`)
  }
}

function optionalUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim()
  if (!raw) return undefined
  try {
    if (protocols.includes(new URL(raw).protocol)) return raw
  } catch {}
  throw new ConfigError(name, `must be a ${protocols.join(' or ')}// URL`)
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

function trustProxy(env: Env): boolean | string {
  const raw = env.TRUST_PROXY?.trim()
  if (!raw) return false
  if (raw === 'true') return true
  if (raw === 'false') return false
  return raw // an IP, CIDR list or hop count, as Fastify understands it
}
