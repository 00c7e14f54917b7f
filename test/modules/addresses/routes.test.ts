import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { sql } from 'kysely'
import type { EncryptionKey } from '../../../src/platform/config.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { generateKey } from '../../../src/platform/security/crypto.ts'
import { headersFor, sharedDatabase, testApp, usingPostgres } from '../../helpers.ts'

const alice = {
  name: 'Alice Liddell',
  line1: '42 Wonderland Lane',
  line2: 'Flat 7b',
  city: 'Oxfordshire Mews',
  postcode: 'OX1 9ZZ',
  region: 'GB-OXF',
  country: 'GB',
  phone: '+44 20 7946 0958',
}
const secrets = [alice.name, alice.line1, alice.line2, alice.city, alice.postcode, alice.phone, 'Wonderland', 'Liddell']

test('the address book: /me/addresses', async (t) => {
  const app = await testApp(t)
  const me = await headersFor(app, { email: 'alice@example.test' })
  const other = await headersFor(app, { email: 'bob@example.test' })
  const list = async (headers: Record<string, string>) =>
    (await app.inject({ url: '/me/addresses', headers })).json().items as unknown[]

  const created = await app.inject({ method: 'POST', url: '/me/addresses', headers: me, payload: alice })
  assert.equal(created.statusCode, 201, created.body)
  const id = created.json().id
  assert.deepEqual(created.json(), { id, ...alice })

  await t.test('list and get return it decrypted', async () => {
    assert.deepEqual(await list(me), [{ id, ...alice }])
    assert.deepEqual((await app.inject({ url: `/me/addresses/${id}`, headers: me })).json(), { id, ...alice })
  })

  await t.test('optional fields may be absent', async () => {
    const { line2: _l, phone: _p, region: _r, ...minimal } = alice
    const res = await app.inject({ method: 'POST', url: '/me/addresses', headers: me, payload: minimal })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().phone, null)
    assert.equal(res.json().line2, null)
    assert.equal(
      (await app.inject({ method: 'DELETE', url: `/me/addresses/${res.json().id}`, headers: me })).statusCode,
      204,
    )
  })

  await t.test('replace', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: `/me/addresses/${id}`,
      headers: me,
      payload: { ...alice, line1: '43 Looking-Glass Road', phone: null },
    })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().line1, '43 Looking-Glass Road')
    assert.equal(res.json().phone, null)
    assert.equal((await app.inject({ url: `/me/addresses/${id}`, headers: me })).json().line1, '43 Looking-Glass Road')
  })

  await t.test('bad input is a 400 problem and writes nothing', async () => {
    for (const payload of [
      { ...alice, country: 'gb' },
      { ...alice, name: '' },
      { ...alice, phone: 'call me' },
      { ...alice, region: 'Oxfordshire' },
      { ...alice, extra: 1 },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/me/addresses', headers: me, payload })
      assert.equal(res.statusCode, 400, JSON.stringify(payload))
    }
    assert.equal((await list(me)).length, 1)
  })

  await t.test("another customer's address does not exist; anonymous callers are refused", async () => {
    assert.deepEqual(await list(other), [])
    assert.equal((await app.inject({ url: `/me/addresses/${id}`, headers: other })).statusCode, 404)
    const put = await app.inject({ method: 'PUT', url: `/me/addresses/${id}`, headers: other, payload: alice })
    assert.equal(put.statusCode, 404)
    assert.equal((await app.inject({ method: 'DELETE', url: `/me/addresses/${id}`, headers: other })).statusCode, 404)
    assert.equal((await app.inject({ url: '/me/addresses' })).statusCode, 401)
    assert.equal((await list(me)).length, 1)
  })

  await t.test('delete', async () => {
    assert.equal((await app.inject({ method: 'DELETE', url: `/me/addresses/${id}`, headers: me })).statusCode, 204)
    assert.equal((await app.inject({ url: `/me/addresses/${id}`, headers: me })).statusCode, 404)
  })
})

async function rawRows(app: App): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from address`.execute(app.backroom.database.db)
  return rows
}

test('at rest: no plaintext name, street or phone in the raw database; rotate-keys re-encrypts', async (t) => {
  const [keyA, keyB] = [generateKey('a'), generateKey('b')]
  const asEnv = (k: EncryptionKey) => `${k.kid}:${k.key.toString('base64')}`
  // One database for two apps and the CLI.
  const database = sharedDatabase(t, 'addr')
  const file = database.sqlitePath // (SQLite)

  const app1 = await testApp(t, { database: { ...database, dropSchemaOnClose: false }, encryptionKeys: [keyA] })
  const me = await headersFor(app1, { email: 'alice@example.test' })
  for (const payload of [alice, { ...alice, line1: '1 Rabbit Hole' }]) {
    assert.equal((await app1.inject({ method: 'POST', url: '/me/addresses', headers: me, payload })).statusCode, 201)
  }
  const rows = await rawRows(app1)
  assert.equal(rows.length, 2)
  for (const row of rows) {
    assert.equal(row.country, 'GB') // in clear, for shipping and tax
    for (const column of ['name_enc', 'line1_enc', 'line2_enc', 'city_enc', 'postcode_enc', 'phone_enc']) {
      assert.match(String(row[column]), /^v1\.a\./, column)
    }
  }
  const dump = JSON.stringify(rows)
  for (const secret of [...secrets, 'Rabbit Hole']) assert.ok(!dump.includes(secret), `"${secret}" is in the table`)

  if (!usingPostgres) {
    // The whole file, byte for byte, with its write-ahead log.
    const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)))
    assert.ok(bytes.length > 0)
    for (const secret of [...secrets, 'Rabbit Hole']) {
      assert.equal(bytes.indexOf(Buffer.from(secret, 'utf8')), -1, `"${secret}" is in the SQLite file`)
    }
  }

  // backroom rotate-keys, the real command, with the new key first and the old one still listed.
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ENCRYPTION_KEYS: `${asEnv(keyB)},${asEnv(keyA)}`,
    DATABASE_URL: usingPostgres
      ? `${database.url}${database.url.includes('?') ? '&' : '?'}schema=${database.schema}`
      : `sqlite:${file}`,
  }
  const run = () =>
    spawnSync(process.execPath, ['src/cli.ts', 'rotate-keys'], { env, encoding: 'utf8', timeout: 60_000 })
  const rotated = run()
  assert.equal(rotated.status, 0, rotated.stderr)
  assert.match(
    rotated.stdout,
    /Re-encrypted with key "b": \{"address":12,"shop_order":0,"app_user":0,"webhook_endpoint":0[,}]/,
  )
  assert.match(run().stdout, /\{"address":0,"shop_order":0,"app_user":0,"webhook_endpoint":0[,}]/) // nothing left to do

  // The old key can now be dropped: an app with only key b reads every address.
  const app2 = await testApp(t, { database: { ...database, dropSchemaOnClose: usingPostgres }, encryptionKeys: [keyB] })
  for (const row of await rawRows(app2)) assert.match(String(row.name_enc), /^v1\.b\./)
  const headers = await headersFor(app2, { email: 'alice@example.test' })
  const items = (await app2.inject({ url: '/me/addresses', headers })).json().items
  assert.deepEqual(items.map((a: { line1: string; phone: string }) => [a.line1, a.phone]).sort(), [
    ['1 Rabbit Hole', alice.phone],
    [alice.line1, alice.phone],
  ])
})
