/**
 * Structured JSON logs (pino, through Fastify). Secrets are redacted wherever they appear in a logged
 * object, to three levels deep: credentials, cookies, passwords, tokens and card data.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyServerOptions } from 'fastify'
import type { DestinationStream, LoggerOptions } from 'pino'
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
