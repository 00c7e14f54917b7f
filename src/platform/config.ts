/**
 * Configuration from environment variables, validated once at start. A bad value stops the process
 * with a message naming the variable (ConfigError), never a half-configured server.
 */
import { randomBytes } from 'node:crypto'

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
  }
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
