/**
 * Fresh CSPRNG bytes cut from one pool drawn 4 KB at a time (issue 11): a `randomBytes` call is a trip
 * into OpenSSL that cost ~15 µs here, more than the rest of creating a guest cart, for 32 bytes; ids
 * (`db/ids.ts`), AES-GCM IVs (`crypto.ts`) and tokens each took one per value. Node's own `randomUUID`
 * keeps such a cache too. Every byte is handed out once.
 */
import { randomFillSync } from 'node:crypto'

const pool = Buffer.alloc(4096)
let used = pool.length

/**
 * A view of `bytes` fresh random bytes (at most 4096). Read or copy it at once, before the next call:
 * a later call may refill the pool under it (its bytes then change, they are never handed out twice).
 */
export function randomView(bytes: number): Buffer {
  if (bytes > pool.length) throw new Error(`randomView: at most ${pool.length} bytes`)
  if (used + bytes > pool.length) {
    randomFillSync(pool)
    used = 0
  }
  const view = pool.subarray(used, used + bytes)
  used += bytes
  return view
}

/** `bytes` fresh random bytes (at most 4096) as base64url: an unguessable token. */
export function randomToken(bytes = 32): string {
  return randomView(bytes).toString('base64url')
}
