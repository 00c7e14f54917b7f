import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { test } from 'node:test'
import {
  legacySeal,
  legacyUnseal,
  newSecret,
  signatureHeader,
  verifySignature,
  webhookEncryptedColumns,
} from '../../../src/modules/webhooks/signing.ts'
import { guardLookup, isPrivateAddress, targetProblem } from '../../../src/modules/webhooks/target.ts'
import { createCipher, generateKey, isEnvelope } from '../../../src/platform/security/crypto.ts'
import { createFieldSealer } from '../../../src/platform/security/encrypted-columns.ts'

const APP_SECRET = 'test-secret-test-secret-test-secret-0123456789'

test('legacy sealed secrets (BACKROOM_SECRET format): only the app secret opens them', () => {
  const secret = newSecret()
  const sealed = legacySeal(secret, APP_SECRET, 'whe_1')
  assert.ok(!sealed.includes(secret))
  assert.equal(isEnvelope(sealed), false, 'four parts: told apart from v1.<kid>.… envelopes')
  assert.notEqual(legacySeal(secret, APP_SECRET, 'whe_1'), sealed, 'a fresh IV each time')
  assert.equal(legacyUnseal(sealed, APP_SECRET, 'whe_1'), secret)
  assert.throws(() => legacyUnseal(sealed, `${APP_SECRET}x`, 'whe_1'))
  assert.throws(() => legacyUnseal(sealed, APP_SECRET, 'whe_2'), 'bound to its endpoint')
  const [v, iv, tag, data] = sealed.split('.')
  assert.throws(() =>
    legacyUnseal([v, iv, tag, `${data[0] === 'A' ? 'B' : 'A'}${data.slice(1)}`].join('.'), APP_SECRET, 'whe_1'),
  )
})

test('secrets are sealed with the rotating cipher, bound to their endpoint; legacy values still open', () => {
  const secret = newSecret()
  const [a, b] = [generateKey('a'), generateKey('b')]
  const columns = webhookEncryptedColumns(APP_SECRET)
  const sealer = createFieldSealer(createCipher([a]), columns)
  const sealed = sealer.seal('secret_sealed', 'whe_1', secret)
  assert.match(sealed, /^v1\.a\./)
  assert.ok(!sealed.includes(secret))
  assert.equal(sealer.open('secret_sealed', 'whe_1', sealed), secret)
  assert.throws(() => sealer.open('secret_sealed', 'whe_2', sealed), 'bound to its endpoint')
  assert.equal(createFieldSealer(createCipher([b, a]), columns).open('secret_sealed', 'whe_1', sealed), secret)
  assert.throws(() => createFieldSealer(createCipher([b]), columns).open('secret_sealed', 'whe_1', sealed))
  const legacy = legacySeal(secret, APP_SECRET, 'whe_1')
  assert.equal(createFieldSealer(createCipher([b]), columns).open('secret_sealed', 'whe_1', legacy), secret)
  assert.throws(() => sealer.open('secret_sealed', 'whe_2', legacy), 'still bound to its endpoint')
})

test('the signature is HMAC-SHA256 over "timestamp.body" (the documented format)', () => {
  const now = 1_767_225_600_000
  const body = '{"id":"whev_1","type":"order.paid"}'
  const header = signatureHeader('whsec_abc', now, body)
  const expected = createHmac('sha256', 'whsec_abc').update(`1767225600.${body}`).digest('hex')
  assert.equal(header, `t=1767225600,v1=${expected}`)
  assert.equal(verifySignature('whsec_abc', header, body, now + 299_000), true)
  assert.equal(verifySignature('whsec_abc', header, body, now + 301_000), false)
  assert.equal(verifySignature('whsec_abc', `t=1767225600,v0=x,v1=${expected}`, body, now), true)
  assert.equal(verifySignature('whsec_abc', 't=1767225600,v1=zz', body, now), false)
  assert.equal(verifySignature('whsec_abc', undefined, body, now), false)
})

test('private and loopback addresses', () => {
  for (const a of [
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '100.64.0.1',
    // Issue 12: addresses that embed or translate to an internal IPv4 one, and the other special ranges.
    '::7f00:1', // IPv4-compatible 127.0.0.1
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe', // NAT64 of 169.254.169.254
    '64:ff9b:1::a9fe:a9fe', // local-use NAT64
    '::ffff:a9fe:a9fe', // IPv4-mapped 169.254.169.254
    '::ffff:808:808', // IPv4-mapped, even of a public address
    '::ffff:0:7f00:1', // SIIT (RFC 6145)
    '2002:7f00:1::', // 6to4 of 127.0.0.1
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
    'fc00::1', // unique-local
    'fe80::1%eth0', // link-local with a zone
    'fec0::1', // deprecated site-local
    '::', // unspecified
    'ff02::1', // multicast
    '2001:db8::1', // documentation
    '100::1', // discard
    '255.255.255.255',
    '224.0.0.1',
    '240.0.0.1',
    '198.18.0.1',
    '192.0.2.1',
  ]) {
    assert.equal(isPrivateAddress(a), true, a)
  }
  for (const a of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8', '2a00:1450:4001:80b::200e'])
    assert.equal(isPrivateAddress(a), false, a)
  assert.equal(isPrivateAddress('example.com'), false, 'a name is judged by what it resolves to')
  for (const url of [
    'http://[::7f00:1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f.1/',
  ])
    assert.match(String(targetProblem(url, false)), /private/, url)
  assert.equal(targetProblem('https://example.com/hook', false), undefined)
  assert.equal(targetProblem('http://127.0.0.1:9000/', true), undefined)
  assert.match(String(targetProblem('http://127.0.0.1:9000/', false)), /private/)
  assert.match(String(targetProblem('http://api.localhost/', false)), /private/)
  assert.match(String(targetProblem('file:///etc/passwd', true)), /http or https/)
})

test('at connect time every resolved address is checked (DNS rebinding, NAT64 answers)', async () => {
  const resolving =
    (...addresses: string[]) =>
    (_host: string, _options: unknown, callback: (e: Error | null, a: { address: string; family: number }[]) => void) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      )
  const lookup = (resolver: ReturnType<typeof resolving>, all: boolean) =>
    new Promise<{ error: Error | null; result: unknown }>((resolve) =>
      guardLookup(resolver as any)('hooks.example.test', { all }, (error, result) => resolve({ error, result })),
    )
  for (const bad of [['64:ff9b::a9fe:a9fe'], ['93.184.216.34', '::7f00:1'], ['10.0.0.7']]) {
    const { error } = await lookup(resolving(...bad), false)
    assert.match(String(error?.message), /resolves to a private address/, bad.join(','))
  }
  const ok = await lookup(resolving('93.184.216.34'), false)
  assert.deepEqual([ok.error, ok.result], [null, '93.184.216.34'])
  const all = await lookup(resolving('93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'), true)
  assert.equal((all.result as unknown[]).length, 2)
})
