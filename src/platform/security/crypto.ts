/**
 * Field encryption at rest: AES-256-GCM (node:crypto), a random 96-bit IV per value, the 128-bit auth
 * tag, and the key id in the envelope so keys can rotate:
 *
 *   v1.<kid>.<iv>.<tag>.<ciphertext>     (iv, tag, ciphertext base64url)
 *
 * The first key encrypts; every listed key decrypts. Associated data (e.g. `address.line1:adr_…`) binds
 * a ciphertext to its row and column, so a value copied into another row or column fails to decrypt.
 */

import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Config, EncryptionKey } from '../config.ts'
import { randomView } from './random.ts'

export interface Cipher {
  /** The key id new values are encrypted with. */
  readonly currentKid: string
  encrypt(plaintext: string, aad?: string): string
  /** Throws on a tampered value, a wrong `aad`, or an unknown key id. */
  decrypt(envelope: string, aad?: string): string
  /** Whether `envelope` was written with a key other than the current one. */
  needsRotation(envelope: string): boolean
  /** Re-encrypts with the current key (a fresh IV); returns the input when it is already current. */
  reencrypt(envelope: string, aad?: string): string
}

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

// IVs are cut from the shared pool of CSPRNG bytes (random.ts): a randomBytes call per value was ~40 %
// of an encryption (issue 11: a dozen per checkout). Each IV is 12 fresh random bytes, never handed out
// twice; the view is only read inside encrypt (createCipheriv copies it), before the pool can be refilled.
function nextIv(): Buffer {
  return randomView(IV_BYTES)
}

/** A Cipher over `keys` (first encrypts, all decrypt). */
export function createCipher(keys: readonly EncryptionKey[]): Cipher {
  if (keys.length === 0) throw new Error('createCipher needs at least one key')
  // Key objects made once: given raw bytes, every createCipheriv builds one again (issue 11: that was
  // most of an encryption's cost, a dozen of them per checkout).
  const byKid = new Map(keys.map((k) => [k.kid, createSecretKey(k.key)]))
  const current = { kid: keys[0].kid, key: createSecretKey(keys[0].key) }
  return { currentKid: current.kid, encrypt, decrypt, needsRotation, reencrypt }

  function encrypt(plaintext: string, aad?: string): string {
    const iv = nextIv()
    const cipher = createCipheriv('aes-256-gcm', current.key, iv, { authTagLength: TAG_BYTES })
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'))
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const tag = cipher.getAuthTag()
    return `${VERSION}.${current.kid}.${iv.toString('base64url')}.${tag.toString('base64url')}.${ct.toString('base64url')}`
  }

  function decrypt(envelope: string, aad?: string): string {
    const { kid, iv, tag, ct } = parseEnvelope(envelope)
    const key = byKid.get(kid)
    if (!key) throw new Error(`No decryption key with id "${kid}" is configured (ENCRYPTION_KEYS)`)
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8')
  }

  function needsRotation(envelope: string): boolean {
    return parseEnvelope(envelope).kid !== current.kid
  }

  function reencrypt(envelope: string, aad?: string): string {
    return needsRotation(envelope) ? encrypt(decrypt(envelope, aad), aad) : envelope
  }
}

/**
 * Whether `value` has the shape of a `v1.<kid>.…` envelope (five dot-separated parts). Formats that
 * predate ENCRYPTION_KEYS have fewer parts, so a reader can tell them apart before decrypting.
 */
export function isEnvelope(value: string): boolean {
  const parts = value.split('.')
  return parts.length === 5 && parts[0] === VERSION
}

function parseEnvelope(envelope: string) {
  const parts = envelope.split('.')
  if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('Not an encrypted value (expected v1.<kid>.…)')
  const [, kid, iv, tag, ct] = parts
  const ivBytes = Buffer.from(iv, 'base64url')
  const tagBytes = Buffer.from(tag, 'base64url')
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new Error('Malformed encrypted value')
  return { kid, iv: ivBytes, tag: tagBytes, ct: Buffer.from(ct, 'base64url') }
}

/** The associated data binding a column's value to its row: `table.column:id`. */
export function fieldAad(table: string, column: string, id: string): string {
  return `${table}.${column}:${id}`
}

/** A fresh random key, as ENCRYPTION_KEYS writes it (`kid:base64`). */
export function generateKey(kid: string): EncryptionKey {
  return { kid, key: randomBytes(32) }
}

/** Where development keeps its generated key: beside the SQLite file (./data/keys.json by default). */
export function devKeyFile(database: Pick<Config['database'], 'kind' | 'sqlitePath'>): string {
  const besideDb = database.kind === 'sqlite' && database.sqlitePath !== ':memory:'
  return join(besideDb ? dirname(database.sqlitePath) : './data', 'keys.json')
}

/**
 * The keys the app encrypts with. Configured keys win. Without ENCRYPTION_KEYS (never in production,
 * config refuses that): tests get a random in-memory key; development keeps one generated key in
 * ./data/keys.json (mode 0600) so `npm start` needs no set-up and data survives restarts.
 */
export function resolveEncryptionKeys(
  config: Pick<Config, 'env' | 'encryptionKeys' | 'database'>,
  warn: (message: string) => void,
  file = devKeyFile(config.database),
): EncryptionKey[] {
  if (config.encryptionKeys.length > 0) return config.encryptionKeys
  if (config.env === 'production') throw new Error('ENCRYPTION_KEYS is required in production')
  if (config.env === 'test') return [generateKey('test')]
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { kid: string; key: string }[]
    warn(`ENCRYPTION_KEYS is not set: using the development key in ${file}`)
    return stored.map((k) => ({ kid: k.kid, key: Buffer.from(k.key, 'base64') }))
  }
  const key = generateKey(`dev${Date.now().toString(36)}`)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify([{ kid: key.kid, key: key.key.toString('base64') }], null, 2), { mode: 0o600 })
  chmodSync(file, 0o600)
  warn(
    `ENCRYPTION_KEYS is not set: generated a development key in ${file}. ` +
      'Set ENCRYPTION_KEYS in production; losing this file makes encrypted fields unreadable.',
  )
  return [key]
}
