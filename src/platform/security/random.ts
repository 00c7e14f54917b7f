/**
 * Random tokens cut from CSPRNG bytes drawn 4 KB at a time (issue 11): a `randomBytes` call is a trip
 * into OpenSSL that cost ~15 µs here, more than the rest of creating a guest cart, for 32 bytes. Node's
 * own `randomUUID` keeps such a cache too. Every byte is handed out once, and only as the token's text.
 */
import { randomFillSync } from 'node:crypto'

const pool = Buffer.alloc(4096)
let used = pool.length

/** `bytes` fresh random bytes (at most 4096) as base64url: an unguessable token. */
export function randomToken(bytes = 32): string {
  if (bytes > pool.length) throw new Error(`randomToken: at most ${pool.length} bytes`)
  if (used + bytes > pool.length) {
    randomFillSync(pool)
    used = 0
  }
  const token = pool.toString('base64url', used, used + bytes)
  used += bytes
  return token
}
