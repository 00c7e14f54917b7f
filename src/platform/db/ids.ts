/**
 * Time-ordered, unguessable identifiers: `prefix_` + 10 base32 characters of milliseconds + 16 of
 * randomness (80 bits), like a ULID. Sorting by id sorts by creation time, which keyset pagination uses.
 */
import { randomFillSync } from 'node:crypto'

// Random bytes drawn 1 KB at a time (a call into the CSPRNG per id cost more than the id; issue 11).
const pool = Buffer.alloc(1000)
let used = pool.length

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case

export function newId(prefix: string, now: number = Date.now()): string {
  let time = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time
    t = Math.floor(t / 32)
  }
  if (used === pool.length) {
    randomFillSync(pool)
    used = 0
  }
  let random = ''
  let buffer = 0
  let bits = 0
  for (let i = used; i < used + 10; i++) {
    buffer = ((buffer << 8) | pool[i]) & 0xffff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      random += ALPHABET[(buffer >> bits) & 31]
    }
  }
  used += 10
  return `${prefix}_${time}${random}`
}

/** Pattern ids are validated against in schemas (loose enough for deterministic seed ids). */
export const ID_PATTERN = '^[a-z]{1,12}_[0-9a-z]{1,40}$'
