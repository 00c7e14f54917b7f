/**
 * Subject tags: how a sealed copy of personal data (a stored idempotent response, a webhook delivery)
 * is found again at erasure without keeping the email or account id beside it in clear. A tag is
 * HMAC-SHA256 over `user:<id>` or `email:<lower-cased address>` under a key derived from
 * BACKROOM_SECRET, cut to 128 bits (hex), so a database dump alone does not tell whose row it is, and
 * nobody can test a guessed address against it without the secret. Tags live as long as the rows they
 * mark (24 h for idempotency keys, the retention for deliveries); after a BACKROOM_SECRET change older
 * rows are no longer matched, which docs/PRIVACY.md states.
 */
import { createHmac, createSecretKey, hkdfSync } from 'node:crypto'

export interface SubjectTagger {
  user(userId: string): string
  email(email: string): string
  /** The tags of an erasure subject: its account id and every email it is known by. */
  of(subject: { userId: string; email: string; otherEmails?: readonly string[] }): string[]
}

/** Keys whose string value names a person: `email` by address, the others by account id. */
const USER_KEYS = new Set(['customerId', 'userId'])
const MAX_DEPTH = 3
const MAX_TAGS = 5

export function createSubjectTagger(appSecret: string): SubjectTagger {
  // A key object made once: given raw bytes, every createHmac builds one again (~35 of ~40 µs a tag;
  // issue 11, a checkout tags its caller and order a few times).
  const key = createSecretKey(Buffer.from(hkdfSync('sha256', appSecret, 'backroom', 'subject-tags/v1', 32)))
  const tag = (text: string) => createHmac('sha256', key).update(text).digest('hex').slice(0, 32)
  const user = (userId: string) => tag(`user:${userId}`)
  const email = (address: string) => tag(`email:${address.trim().toLowerCase()}`)
  return {
    user,
    email,
    of: (subject) => [user(subject.userId), ...[subject.email, ...(subject.otherEmails ?? [])].map(email)],
  }
}

/**
 * The tags of everyone a JSON value names: every `email`, `customerId` and `userId` string, and the
 * `id` of a `customer` object, down to three levels (`{ order: { email, customerId } }`,
 * `{ customer: { id, email } }`). At most five, de-duplicated.
 */
export function tagsIn(tagger: SubjectTagger, ...values: unknown[]): string[] {
  const tags = new Set<string>()
  // A value named twice (the checkout's email in the request and in the reply) costs one HMAC.
  const seen = new Set<string>()
  const add = (kind: 'email' | 'user', text: string) => {
    const key = `${kind}:${text}`
    if (seen.has(key)) return
    seen.add(key)
    tags.add(kind === 'email' ? tagger.email(text) : tagger.user(text))
  }
  const walk = (value: unknown, parentKey: string, depth: number) => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || tags.size >= MAX_TAGS) return
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue
      const child = (value as Record<string, unknown>)[key]
      if (typeof child === 'string' && child !== '') {
        if (key === 'email' && child.includes('@')) add('email', child)
        else if (USER_KEYS.has(key) || (key === 'id' && parentKey === 'customer')) add('user', child)
      } else if (!Array.isArray(child)) walk(child, key, depth + 1)
    }
  }
  for (const value of values) walk(value, '', 1)
  return [...tags].slice(0, MAX_TAGS)
}

/** The stored form of a row's tags: ` a b ` (spaces around each), matched with `like '% a %'`. */
export function tagColumn(tags: readonly string[]): string | null {
  return tags.length === 0 ? null : ` ${tags.join(' ')} `
}
