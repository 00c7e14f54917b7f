import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

const dir = mkdtempSync(join(tmpdir(), 'backroom-cli-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))

function backroom(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['src/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

test('backroom migrate creates and migrates the database, then is idempotent', () => {
  const first = backroom(['migrate'])
  assert.equal(first.code, 0, first.err)
  assert.match(first.out, /Applied \d+ migration/)
  const second = backroom(['migrate'])
  assert.equal(second.code, 0)
  assert.match(second.out, /Up to date/)
})

test('backroom seed loads the demo data set', () => {
  const res = backroom(['seed', '--products', '20'])
  assert.equal(res.code, 0, res.err)
  assert.match(res.out, /Seeded/)
  assert.equal(backroom(['seed', '--products', 'many']).code, 64)
})

test('backroom help, and an unknown command', () => {
  assert.match(backroom(['help']).out, /Usage: backroom/)
  const unknown = backroom(['launch'])
  assert.equal(unknown.code, 64)
  assert.match(unknown.err, /Unknown command "launch"/)
})

test('a bad configuration stops with a message naming the variable', () => {
  const res = backroom(['migrate'], { DATABASE_URL: 'mysql://nope' })
  assert.equal(res.code, 78)
  assert.match(res.err, /DATABASE_URL/)
  const serve = spawnSync(process.execPath, ['src/main.ts'], {
    env: { ...process.env, PORT: 'http' },
    encoding: 'utf8',
  })
  assert.equal(serve.status, 78)
  assert.match(serve.stderr, /Invalid configuration: PORT must be a whole number/)
})
