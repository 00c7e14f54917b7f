/**
 * Secrets of the accounts module: random tokens (stored only as SHA-256 hashes; they carry 256 bits,
 * so a fast hash is enough), API-key format, and the registration of TOTP secrets as encrypted columns.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto'
import type { EncryptedTable } from '../../platform/security/encrypted-columns.ts'

/** A 256-bit random token, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * A session token: a `newToken` that never starts with the API key prefix. A random 43-character
 * token starts with `bk_` once in 64³ = 262,144 tokens, and the authenticator took such a session for
 * an API key: the session was refused (401) on its very first request (issue 12, the flaky
 * `catalog import and export` run on PostgreSQL).
 */
export function newSessionToken(random: () => string = newToken): string {
  for (;;) {
    const token = random()
    if (!isApiKey(token)) return token
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** API keys are recognisable by their prefix, so `Authorization: Bearer` can carry either kind. */
export const API_KEY_PREFIX = 'bk_'

export function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url')
}

export function isApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX)
}

/** Ten recovery codes of 10 characters from an unambiguous 31-letter alphabet (~49 bits each), shown as xxxxx-xxxxx. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

/** Recovery codes compare case-insensitively and ignore spaces and dashes. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '')
}

/**
 * The TOTP secrets of `app_user`, sealed with the rotating ENCRYPTION_KEYS cipher (bound to row and
 * column) and registered in app.ts so `backroom rotate-keys` re-encrypts them. Values written before
 * that, in the `legacyTotpSealer` format, still open with `appSecret` (BACKROOM_SECRET) until
 * rotate-keys converts them.
 */
export function totpEncryptedColumns(appSecret: string): EncryptedTable {
  const legacy = legacyTotpSealer(appSecret)
  return {
    table: 'app_user',
    idColumn: 'id',
    columns: ['totp_secret', 'totp_pending_secret'],
    openLegacy: (value) => legacy.open(value),
  }
}

/**
 * The format TOTP secrets had before ENCRYPTION_KEYS: AES-256-GCM under a key derived from
 * BACKROOM_SECRET, `iv.tag.ciphertext` in base64url, no associated data. Only `open` is used by the
 * app; `seal` stays so tests can write rows the old way.
 */
export function legacyTotpSealer(secret: string) {
  const key = Buffer.from(hkdfSync('sha256', secret, 'backroom', 'accounts:totp-secret', 32))
  return {
    seal(plain: string): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')
    },
    open(sealed: string): string {
      const parts = sealed.split('.')
      if (parts.length !== 3) throw new Error('Unknown sealed TOTP secret format')
      const [iv, tag, body] = parts.map((part) => Buffer.from(part, 'base64url'))
      const decipher = createDecipheriv('aes-256-gcm', key, iv)
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    },
  }
}
