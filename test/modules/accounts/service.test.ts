/** Pure rules of the accounts module, tested directly (no database). */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { FastifyRequest } from 'fastify'
import { TOTP } from 'otpauth'
import { ATTEMPT_LIMITS, retryAfterSeconds } from '../../../src/modules/accounts/attempts.ts'
import { createAuthenticator, csrfAllowed } from '../../../src/modules/accounts/authenticator.ts'
import {
  hashToken,
  isApiKey,
  legacyTotpSealer,
  newApiKey,
  newRecoveryCodes,
  newToken,
  normaliseRecoveryCode,
  totpEncryptedColumns,
} from '../../../src/modules/accounts/crypto.ts'
import { matchTotp, totpStep } from '../../../src/modules/accounts/mfa.ts'
import { hashPassword, needsRehash, normaliseEmail, passwordProblem } from '../../../src/modules/accounts/passwords.ts'
import { sessionAlive } from '../../../src/modules/accounts/sessions.ts'
import { ANONYMOUS } from '../../../src/platform/security/actor.ts'
import { createCipher, generateKey, isEnvelope } from '../../../src/platform/security/crypto.ts'
import { createFieldSealer } from '../../../src/platform/security/encrypted-columns.ts'

test('password policy: length and strength from zxcvbn-ts', () => {
  assert.match(passwordProblem('Sh0rt!') ?? '', /at least 10/)
  assert.match(passwordProblem('x'.repeat(129)) ?? '', /at most 128/)
  for (const common of ['password1234', 'iloveyou123', '1234567890', 'qwertyuiop', 'P@ssw0rd2024']) {
    assert.ok(passwordProblem(common), common)
  }
  assert.ok(
    passwordProblem('jane.doe.example', ['jane.doe@example.test', 'jane.doe.example']),
    'the email is guessable',
  )
  assert.equal(passwordProblem('plum-Violin-gravel-42-orbit'), undefined)
  assert.equal(passwordProblem('correct horse battery staple'), undefined)
})

test('emails normalise to trimmed lower case', () => {
  assert.equal(normaliseEmail('  Ann@Example.COM '), 'ann@example.com')
})

test('needsRehash compares the stored parameters with the current ones', async () => {
  const current = await hashPassword('plum-Violin-gravel-42-orbit')
  assert.equal(needsRehash(current), false)
  const weaker = await hashPassword('plum-Violin-gravel-42-orbit', { memoryCost: 4096, timeCost: 1, parallelism: 1 })
  assert.equal(needsRehash(weaker), true)
  assert.equal(needsRehash('$2b$10$bcrypt-or-garbage'), true)
})

test('sessionAlive: never after revocation, the absolute expiry, or idleness', () => {
  const policy = { idleMs: 1000, absoluteMs: 10_000 }
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e12 }),
      fc.integer({ min: 0, max: 20_000 }),
      fc.integer({ min: 0, max: 20_000 }),
      fc.boolean(),
      (created, sinceUse, sinceCreation, revoked) => {
        const now = created + sinceCreation
        const session = {
          lastSeenAt: now - sinceUse,
          expiresAt: created + policy.absoluteMs,
          revokedAt: revoked ? created : null,
        }
        const alive = sessionAlive(session, policy, now)
        if (alive) assert.ok(!revoked && sinceCreation < policy.absoluteMs && sinceUse < policy.idleMs)
        else assert.ok(revoked || sinceCreation >= policy.absoluteMs || sinceUse >= policy.idleMs)
      },
    ),
  )
})

test('retryAfterSeconds: zero under the limit or after the window, else the time left', () => {
  const { max, windowMs } = ATTEMPT_LIMITS['login:account']
  assert.equal(retryAfterSeconds(max - 1, 0, 'login:account', 1000), 0)
  assert.equal(retryAfterSeconds(max, 0, 'login:account', windowMs), 0)
  assert.equal(retryAfterSeconds(max, 0, 'login:account', windowMs - 1500), 2)
})

test('csrfAllowed: safe methods always; unsafe ones only from an allowed Origin or Referer', () => {
  const allowed = new Set(['https://shop.example'])
  assert.equal(csrfAllowed('GET', undefined, undefined, allowed), true)
  assert.equal(csrfAllowed('POST', 'https://shop.example', undefined, allowed), true)
  assert.equal(csrfAllowed('POST', undefined, 'https://shop.example/cart', allowed), true)
  assert.equal(csrfAllowed('POST', 'https://shop.example.evil', undefined, allowed), false)
  assert.equal(csrfAllowed('DELETE', undefined, 'not a url', allowed), false)
  assert.equal(csrfAllowed('PATCH', undefined, undefined, allowed), false)
})

test('TOTP: ±1 step accepted, further refused', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
  const now = Date.UTC(2031, 5, 1, 0, 0, 15)
  const at = (offset: number) =>
    TOTP.generate({ secret: new TOTP({ secret }).secret, timestamp: now + offset * 30_000 })
  assert.equal(matchTotp(secret, at(0), now), totpStep(now))
  assert.equal(matchTotp(secret, at(-1), now), totpStep(now) - 1)
  assert.equal(matchTotp(secret, at(1), now), totpStep(now) + 1)
  assert.equal(matchTotp(secret, at(-2), now), undefined)
  assert.equal(matchTotp(secret, at(2), now), undefined)
})

test('tokens, keys and recovery codes', () => {
  const tokens = new Set(Array.from({ length: 100 }, newToken))
  assert.equal(tokens.size, 100)
  for (const token of tokens) assert.equal(Buffer.from(token, 'base64url').length, 32)
  assert.equal(hashToken('abc').length, 64)
  assert.ok(isApiKey(newApiKey()))
  assert.ok(!isApiKey(newToken().replace(/^bk_/, 'xx')))
  const codes = newRecoveryCodes()
  assert.equal(codes.length, 10)
  for (const code of codes) assert.match(code, /^[a-z2-9]{5}-[a-z2-9]{5}$/)
  assert.equal(normaliseRecoveryCode(' ABCDE-fghij '), 'abcdefghij')
})

test('legacy TOTP secrets (BACKROOM_SECRET format) round-trip and refuse tampering or another key', () => {
  const sealer = legacyTotpSealer('a-server-secret-of-at-least-32-characters')
  const sealed = sealer.seal('JBSWY3DPEHPK3PXP')
  assert.notEqual(sealer.seal('JBSWY3DPEHPK3PXP'), sealed, 'a fresh IV each time')
  assert.equal(sealer.open(sealed), 'JBSWY3DPEHPK3PXP')
  assert.equal(isEnvelope(sealed), false, 'told apart from envelopes by shape')
  const [iv, tag, body] = sealed.split('.')
  const flipped = `${iv}.${tag}.${body.startsWith('A') ? `B${body.slice(1)}` : `A${body.slice(1)}`}`
  assert.throws(() => sealer.open(flipped))
  assert.throws(() => legacyTotpSealer('another-server-secret-of-32-characters!').open(sealed))
})

test('TOTP secrets are sealed with the rotating cipher, bound to row and column; legacy values still open', () => {
  const appSecret = 'a-server-secret-of-at-least-32-characters'
  const columns = totpEncryptedColumns(appSecret)
  const [a, b] = [generateKey('a'), generateKey('b')]
  const sealer = createFieldSealer(createCipher([a]), columns)
  const sealed = sealer.seal('totp_secret', 'usr_1', 'JBSWY3DPEHPK3PXP')
  assert.match(sealed, /^v1\.a\./)
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'))
  assert.equal(sealer.open('totp_secret', 'usr_1', sealed), 'JBSWY3DPEHPK3PXP')
  assert.throws(() => sealer.open('totp_secret', 'usr_2', sealed), 'another row')
  assert.throws(() => sealer.open('totp_pending_secret', 'usr_1', sealed), 'another column')
  // After a rotation (b first, a still listed) it opens; with b alone it does not.
  assert.equal(
    createFieldSealer(createCipher([b, a]), columns).open('totp_secret', 'usr_1', sealed),
    'JBSWY3DPEHPK3PXP',
  )
  assert.throws(() => createFieldSealer(createCipher([b]), columns).open('totp_secret', 'usr_1', sealed))
  // A value written the old way opens with BACKROOM_SECRET, whatever the keys.
  const legacy = legacyTotpSealer(appSecret).seal('JBSWY3DPEHPK3PXP')
  assert.equal(createFieldSealer(createCipher([b]), columns).open('totp_secret', 'usr_1', legacy), 'JBSWY3DPEHPK3PXP')
  const elsewhere = createFieldSealer(
    createCipher([b]),
    totpEncryptedColumns('another-server-secret-of-32-characters!'),
  )
  assert.throws(() => elsewhere.open('totp_secret', 'usr_1', legacy))
})

test('the authenticator makes no lookup when no credentials are sent', async () => {
  const explode = async () => {
    throw new Error('looked up')
  }
  const authenticate = createAuthenticator({
    sessions: { resolve: explode } as never,
    apiKeys: { resolve: explode } as never,
    allowedOrigins: [],
  })
  const req = { headers: {}, cookies: {}, method: 'POST' } as unknown as FastifyRequest
  // At once, not a promise: most requests carry no credentials.
  assert.equal(authenticate(req, 'customer'), ANONYMOUS)
  assert.equal(authenticate(req, 'public'), ANONYMOUS)
})
