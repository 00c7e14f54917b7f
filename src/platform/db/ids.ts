/**
 * Time-ordered, unguessable identifiers: `prefix_` + 10 base32 characters of milliseconds + 16 of
 * randomness (80 bits), like a ULID. Sorting by id sorts by creation time, which keyset pagination uses.
 *
 * Within one process, ids made in the same millisecond also sort in the order they were made (ULID's
 * monotonic mode): the random part of the next one is the last one's plus a fresh random step of 1 to
 * 2^32, so a list by id shows two rows written back to back in that order, and the next id still cannot
 * be told from the last. Ids from different processes in one millisecond sort at random among themselves.
 */
import { randomView } from '../security/random.ts'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case

/** The random part of the last id made, and its millisecond. */
const last = new Uint8Array(10)
let lastMs = Number.NaN

export function newId(prefix: string, now: number = Date.now()): string {
  let time = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time
    t = Math.floor(t / 32)
  }
  // From the shared pool (a call into the CSPRNG per id cost more than the id; issue 11).
  if (now !== lastMs || !stepLast()) {
    last.set(randomView(10))
    lastMs = now
  }
  let random = ''
  let buffer = 0
  let bits = 0
  for (let i = 0; i < 10; i++) {
    buffer = ((buffer << 8) | last[i]) & 0xffff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      random += ALPHABET[(buffer >> bits) & 31]
    }
  }
  return `${prefix}_${time}${random}`
}

/** Adds a random 1 to 2^32 to the last random part (big-endian); false when it would overflow 80 bits. */
function stepLast(): boolean {
  const step = randomView(4).readUInt32BE(0) + 1
  let carry = step
  for (let i = 9; i >= 0 && carry > 0; i--) {
    const sum = last[i] + (carry % 256)
    last[i] = sum & 0xff
    carry = Math.floor(carry / 256) + (sum >> 8)
  }
  return carry === 0
}

/** Pattern ids are validated against in schemas (loose enough for deterministic seed ids). */
export const ID_PATTERN = '^[a-z]{1,12}_[0-9a-z]{1,40}$'
