/**
 * Structured JSON logs (pino, through Fastify). Secrets are redacted wherever they appear in a logged
 * object, to three levels deep: credentials, cookies, passwords, tokens and card data.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'
import type { Bindings, ChildLoggerOptions, DestinationStream, LoggerOptions } from 'pino'
import type { Config } from '../config.ts'

/** Keys whose values never reach a log line. */
export const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'mfaToken',
  'refreshToken',
  'secret',
  'totpCode',
  'recoveryCode',
  'cardNumber',
  'cardHolder',
  'pan',
  'cvc',
  'cvv',
] as const

function redactPaths(): string[] {
  const paths: string[] = []
  for (const key of SECRET_KEYS) {
    const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`
    const dot = k.startsWith('[') ? '' : '.'
    paths.push(k, `*${dot}${k}`, `*.*${dot}${k}`, `*.*.*${dot}${k}`)
  }
  return paths
}

export function loggerOptions(config: Config, stream?: DestinationStream): FastifyServerOptions['logger'] {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: redactPaths(), censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; headers: Record<string, unknown>; ip?: string }) => ({
        method: req.method,
        url: req.url,
        ip: req.ip,
        headers: req.headers,
      }),
    },
  }
  return stream ? { ...options, stream } : options
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** Honours a sane incoming X-Request-Id (for tracing through a proxy); otherwise a new UUID. */
export function genReqId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id']
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

/**
 * Fastify makes a child logger per request (to bind its id). With redaction configured, pino pays
 * for that child up front on every request, even when the request never logs. This child is made
 * on the first log line at an enabled level instead: a request that logs nothing costs one small
 * object (a class: its methods are shared, not closures made per request).
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
  return new LazyChildLogger(logger as ParentLogger, bindings, options) as unknown as FastifyBaseLogger
}

type ParentLogger = FastifyBaseLogger & { isLevelEnabled(level: string): boolean }

class LazyChildLogger {
  #parent: ParentLogger
  #bindings: Bindings
  #options: ChildLoggerOptions
  #child: FastifyBaseLogger | undefined

  constructor(parent: ParentLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent
    this.#bindings = bindings
    this.#options = options
  }

  #real(): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options)
    return this.#child
  }

  #write(method: LogMethod, args: unknown[]): void {
    if (this.#child || this.#parent.isLevelEnabled(method)) (this.#real()[method] as (...a: unknown[]) => void)(...args)
  }

  get level(): string {
    return this.#child?.level ?? this.#parent.level
  }
  set level(level: string) {
    this.#real().level = level
  }
  silent(): void {}
  child(more: Bindings, opts?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(more, opts)
  }
  fatal(...args: unknown[]): void {
    this.#write('fatal', args)
  }
  error(...args: unknown[]): void {
    this.#write('error', args)
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args)
  }
  info(...args: unknown[]): void {
    this.#write('info', args)
  }
  debug(...args: unknown[]): void {
    this.#write('debug', args)
  }
  trace(...args: unknown[]): void {
    this.#write('trace', args)
  }
}

type LogMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'
