/**
 * Webhook secrets and signatures (docs/WEBHOOKS.md).
 * - Each endpoint has a random secret `whsec_…`. HMAC needs the secret itself, so it cannot be stored
 *   as a hash: it is encrypted with the rotating ENCRYPTION_KEYS cipher (`webhookEncryptedColumns`),
 *   so a database dump alone does not let anyone forge deliveries, and `backroom rotate-keys` covers it.
 * - A delivery carries `Backroom-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
 *   Receivers recompute it over the raw body, compare in constant time and refuse old timestamps (replay).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import type { EncryptedTable } from '../../platform/security/encrypted-columns.ts'

export const SIGNATURE_HEADER = 'backroom-signature'
/** How old a signature timestamp a receiver should still accept (our own verifier's default). */
export const DEFAULT_TOLERANCE_SECONDS = 300

export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

/**
 * `webhook_endpoint.secret_sealed`, registered in app.ts so `backroom rotate-keys` re-encrypts it.
 * Values written before ENCRYPTION_KEYS covered it (`legacySeal`) still open with `appSecret`
 * (BACKROOM_SECRET) until rotate-keys converts them.
 */
export function webhookEncryptedColumns(appSecret: string): EncryptedTable {
  return {
    table: 'webhook_endpoint',
    idColumn: 'id',
    columns: ['secret_sealed'],
    openLegacy: (value, _column, endpointId) => legacyUnseal(value, appSecret, endpointId),
  }
}

function legacyKeyOf(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'backroom', 'webhook-secrets/v1', 32))
}

/**
 * The format webhook secrets had before ENCRYPTION_KEYS: `v1.<iv>.<tag>.<ciphertext>` (base64url, four
 * parts; envelopes have five) under a key derived from BACKROOM_SECRET, `endpointId` as associated
 * data. The app only opens it; sealing stays so tests can write rows the old way.
 */
export function legacySeal(secret: string, appSecret: string, endpointId: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', legacyKeyOf(appSecret), iv)
  cipher.setAAD(Buffer.from(endpointId, 'utf8'))
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

/** Opens a `legacySeal` value; throws when BACKROOM_SECRET changed or the value was tampered with. */
export function legacyUnseal(sealed: string, appSecret: string, endpointId: string): string {
  const parts = sealed.split('.')
  const [version, iv, tag, data] = parts
  if (parts.length !== 4 || version !== 'v1' || !iv || !tag) throw new Error('Unknown sealed secret format')
  const decipher = createDecipheriv('aes-256-gcm', legacyKeyOf(appSecret), Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(endpointId, 'utf8'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}

/** The hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

/** The Backroom-Signature header value for a body sent at `nowMs`. */
export function signatureHeader(secret: string, nowMs: number, body: string): string {
  const t = Math.floor(nowMs / 1000)
  return `t=${t},v1=${signature(secret, t, body)}`
}

/**
 * Receiver side (also the reference for docs/WEBHOOKS.md): true when `header` holds a v1 signature of
 * `body` by `secret` with a timestamp within `toleranceSeconds` of `nowMs`.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowMs: number = Date.now(),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  if (!header) return false
  const parts = header.split(',').map((p) => p.trim().split('='))
  const t = Number(parts.find(([k]) => k === 't')?.[1])
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > toleranceSeconds) return false
  const expected = Buffer.from(signature(secret, t, body), 'hex')
  return parts.some(([k, v]) => {
    if (k !== 'v1' || !v || v.length !== expected.length * 2) return false
    return timingSafeEqual(Buffer.from(v, 'hex'), expected)
  })
}
