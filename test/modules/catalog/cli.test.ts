import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

const dir = mkdtempSync(join(tmpdir(), 'backroom-catalog-cli-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))

function backroom(args: string[]) {
  const result = spawnSync(process.execPath, ['src/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

test('backroom import and export', () => {
  const good = join(dir, 'good.csv')
  writeFileSync(
    good,
    'handle,title,sku,price_EUR,stock\nmug,Mug,MUG-1,1200,3\nmug,,MUG-2,1300,0\ncup,Cup,CUP-1,900,1\n',
  )
  const first = backroom(['import', good])
  assert.equal(first.code, 0, first.err)
  assert.match(first.out, /Imported 2 new and 0 updated product\(s\), 3 variant\(s\)/)
  assert.match(backroom(['import', good]).out, /Imported 0 new and 2 updated/)

  const bad = join(dir, 'bad.json')
  writeFileSync(
    bad,
    '[\n  {"handle": "ok", "title": "Ok", "variants": [{"sku": "OK-1", "prices": [{"currency": "EUR", "amount": 1}]}]},\n  {"handle": "Nope", "title": "No", "variants": []}\n]\n',
  )
  const failed = backroom(['import', bad])
  assert.equal(failed.code, 65)
  assert.match(failed.err, /line 3, handle:/)
  assert.doesNotMatch(failed.err, /line 2/)

  const out = join(dir, 'catalog.csv')
  assert.equal(backroom(['export', out]).code, 0)
  const csv = readFileSync(out, 'utf8')
  assert.match(csv, /^handle,title,description,status/)
  assert.equal(csv.trim().split('\n').length, 4) // no "ok": the failed import wrote nothing
  assert.equal(backroom(['import']).code, 64)
})
