/**
 * Secrets of the accounts module: random tokens (stored only as SHA-256 hashes; they carry 256 bits,
 * so a fast hash is enough), API-key format, and encryption of TOTP secrets at rest.
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

/** A 256-bit random token, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
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

/** AES-256-GCM with a key derived from the server secret; the output is iv.tag.ciphertext in base64url. */
export function createSealer(secret: string) {
  const key = Buffer.from(hkdfSync('sha256', secret, 'backroom', 'accounts:totp-secret', 32))
  return {
    seal(plain: string): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')
    },
    open(sealed: string): string {
      const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'))
      const decipher = createDecipheriv('aes-256-gcm', key, iv)
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    },
  }
}
export type Sealer = ReturnType<typeof createSealer>
