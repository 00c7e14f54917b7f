import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { ConfigError, loadConfig } from '../../src/platform/config.ts'
import { createCipher, devKeyFile, generateKey, resolveEncryptionKeys } from '../../src/platform/security/crypto.ts'

const a = generateKey('a')
const b = generateKey('b')

test('AES-256-GCM envelope: round trip, fresh IV, key id, associated data', () => {
  const cipher = createCipher([a])
  const sealed = cipher.encrypt('42 Wonderland Lane', 'address.line1_enc:adr_1')
  assert.match(sealed, /^v1\.a\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/)
  assert.ok(!sealed.includes('Wonderland'))
  assert.equal(cipher.decrypt(sealed, 'address.line1_enc:adr_1'), '42 Wonderland Lane')
  assert.notEqual(cipher.encrypt('same'), cipher.encrypt('same')) // random IV per value
  assert.equal(cipher.decrypt(cipher.encrypt('')), '')
  assert.equal(cipher.decrypt(cipher.encrypt('Ünïcødé ✓')), 'Ünïcødé ✓')
  // Bound to its row and column: another AAD, or none, fails.
  assert.throws(() => cipher.decrypt(sealed, 'address.line1_enc:adr_2'))
  assert.throws(() => cipher.decrypt(sealed))
})

test('IVs come from a pool of random bytes: no IV is handed out twice, across refills of the pool', () => {
  const cipher = createCipher([a])
  const ivs = new Set<string>()
  const n = 2000 // the pool holds 256 IVs: several refills
  for (let i = 0; i < n; i++) {
    const sealed = cipher.encrypt(`value ${i}`, `t.c:${i}`)
    ivs.add(sealed.split('.')[2])
    if (i % 97 === 0) assert.equal(cipher.decrypt(sealed, `t.c:${i}`), `value ${i}`)
  }
  assert.equal(ivs.size, n)
})

test('tampering and unknown keys are detected', () => {
  const cipher = createCipher([a])
  const sealed = cipher.encrypt('secret')
  const parts = sealed.split('.')
  const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1)
  for (const i of [2, 3, 4]) {
    const tampered = parts.map((p, j) => (j === i ? flip(p) : p)).join('.')
    assert.throws(() => cipher.decrypt(tampered), `part ${i}`)
  }
  assert.throws(() => cipher.decrypt('plain text'), /Not an encrypted value/)
  assert.throws(() => createCipher([b]).decrypt(sealed), /No decryption key with id "a"/)
})

test('rotation: the first key encrypts, all decrypt, needsRotation and reencrypt', () => {
  const old = createCipher([a]).encrypt('Alice', 'aad')
  const rotating = createCipher([b, a])
  assert.equal(rotating.currentKid, 'b')
  assert.equal(rotating.decrypt(old, 'aad'), 'Alice')
  assert.equal(rotating.needsRotation(old), true)
  const fresh = rotating.reencrypt(old, 'aad')
  assert.match(fresh, /^v1\.b\./)
  assert.equal(rotating.needsRotation(fresh), false)
  assert.equal(rotating.reencrypt(fresh, 'aad'), fresh)
  assert.equal(createCipher([b]).decrypt(fresh, 'aad'), 'Alice')
})

test('ENCRYPTION_KEYS is parsed and validated, naming the variable', () => {
  const k1 = randomBytes(32).toString('base64')
  const k2 = randomBytes(32).toString('base64url')
  const config = loadConfig({ ENCRYPTION_KEYS: `k2026:${k1}, k2025:${k2}` })
  assert.deepEqual(
    config.encryptionKeys.map((k) => k.kid),
    ['k2026', 'k2025'],
  )
  assert.equal(config.encryptionKeys[0].key.length, 32)
  const secret = 'x'.repeat(40)
  for (const value of [
    'nokid',
    `:${k1}`,
    `bad kid:${k1}`,
    `a:${randomBytes(16).toString('base64')}`,
    `a:${k1},a:${k2}`,
    'a:not base64!',
  ]) {
    assert.throws(
      () => loadConfig({ ENCRYPTION_KEYS: value }),
      (e: unknown) => e instanceof ConfigError && e.variable === 'ENCRYPTION_KEYS',
      value,
    )
  }
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production', BACKROOM_SECRET: secret, PAYMENT_PROVIDER: 'stripe' }),
    (e: unknown) => e instanceof ConfigError && e.variable === 'ENCRYPTION_KEYS',
  )
})

test('without keys: tests get a random key, development persists one in keys.json (0600)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-keys-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const warnings: string[] = []
  const database = { kind: 'sqlite' as const, sqlitePath: join(dir, 'shop.db') }
  assert.equal(devKeyFile(database), join(dir, 'keys.json'))
  assert.equal(devKeyFile({ kind: 'sqlite', sqlitePath: './data/backroom.db' }), join('data', 'keys.json'))

  const testKeys = resolveEncryptionKeys({ env: 'test', encryptionKeys: [], database: database as any }, (m) =>
    warnings.push(m),
  )
  assert.equal(testKeys.length, 1)
  assert.equal(warnings.length, 0)

  const dev = { env: 'development' as const, encryptionKeys: [], database: database as any }
  const first = resolveEncryptionKeys(dev, (m) => warnings.push(m))
  const file = join(dir, 'keys.json')
  assert.equal(statSync(file).mode & 0o777, 0o600)
  assert.match(warnings[0], /generated a development key/)
  assert.ok(!readFileSync(file, 'utf8').includes('undefined'))
  const second = resolveEncryptionKeys(dev, (m) => warnings.push(m))
  assert.equal(second[0].kid, first[0].kid)
  assert.ok(second[0].key.equals(first[0].key))

  const configured = [a]
  assert.equal(
    resolveEncryptionKeys({ ...dev, encryptionKeys: configured }, () => {}),
    configured,
  )
})

test('payment configuration is validated, naming the variable', () => {
  const sk = 'sk_test_51Habcdefghijklmnop'
  const wh = 'whsec_abcdefghijklmnop'
  const config = loadConfig({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: sk, STRIPE_WEBHOOK_SECRET: wh })
  assert.deepEqual(config.payments, {
    provider: 'stripe',
    stripeSecretKey: sk,
    stripeWebhookSecret: wh,
    testLatencyMs: 0,
  })
  assert.equal(loadConfig({}).payments.provider, 'test')
  assert.equal(loadConfig({}).pricesIncludeTax, false)
  assert.equal(loadConfig({ PRICES_INCLUDE_TAX: 'true' }).pricesIncludeTax, true)
  const cases: [Record<string, string>, string][] = [
    [{ PAYMENT_PROVIDER: 'paypal' }, 'PAYMENT_PROVIDER'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_WEBHOOK_SECRET: wh }, 'STRIPE_SECRET_KEY'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: sk }, 'STRIPE_WEBHOOK_SECRET'],
    [{ STRIPE_SECRET_KEY: 'pk_test_abcdefghijkl' }, 'STRIPE_SECRET_KEY'],
    [{ STRIPE_WEBHOOK_SECRET: 'secret' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ PRICES_INCLUDE_TAX: 'sometimes' }, 'PRICES_INCLUDE_TAX'],
    [
      {
        NODE_ENV: 'production',
        BACKROOM_SECRET: 'x'.repeat(40),
        ENCRYPTION_KEYS: `a:${randomBytes(32).toString('base64')}`,
      },
      'PAYMENT_PROVIDER',
    ],
  ]
  for (const [env, variable] of cases) {
    assert.throws(
      () => loadConfig(env),
      (e: unknown) => e instanceof ConfigError && e.variable === variable,
      `${JSON.stringify(env)} should name ${variable}`,
    )
  }
})
