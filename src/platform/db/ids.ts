/**
 * Time-ordered, unguessable identifiers: `prefix_` + 10 base32 characters of milliseconds + 16 of
 * randomness (80 bits), like a ULID. Sorting by id sorts by creation time, which keyset pagination uses.
 */
import { randomView } from '../security/random.ts'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case

export function newId(prefix: string, now: number = Date.now()): string {
  let time = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time
    t = Math.floor(t / 32)
  }
  // From the shared pool (a call into the CSPRNG per id cost more than the id; issue 11).
  const bytes = randomView(10)
  let random = ''
  let buffer = 0
  let bits = 0
  for (let i = 0; i < 10; i++) {
    buffer = ((buffer << 8) | bytes[i]) & 0xffff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      random += ALPHABET[(buffer >> bits) & 31]
    }
  }
  return `${prefix}_${time}${random}`
}

/** Pattern ids are validated against in schemas (loose enough for deterministic seed ids). */
export const ID_PATTERN = '^[a-z]{1,12}_[0-9a-z]{1,40}$'
