import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildApp } from '../../../src/app.ts'
import { testConfig } from '../../helpers.ts'
import { STRONG } from './accounts-helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'backroom-admin-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))
const DATABASE_URL = `sqlite:${join(dir, 'admin.db')}`

function backroom(args: string[], options: { env?: Record<string, string>; input?: string } = {}) {
  const result = spawnSync(process.execPath, ['src/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL, LOG_LEVEL: 'warn', BACKROOM_ADMIN_PASSWORD: '', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

test('backroom create-admin makes an admin who can sign in', async () => {
  const made = backroom(['create-admin', '--email', 'Root@Example.test'], { input: `${STRONG}\n` })
  assert.equal(made.code, 0, made.err)
  assert.match(made.out, /Created admin root@example\.test/)
  const again = backroom(['create-admin', '--email', 'root@example.test', '--password', STRONG])
  assert.equal(again.code, 65)
  assert.match(again.err, /exists/)
  assert.equal(backroom(['create-admin', '--email', 'weak@example.test'], { input: 'password\n' }).code, 65)
  assert.equal(
    backroom(['create-admin', '--email', 'env@example.test'], { env: { BACKROOM_ADMIN_PASSWORD: STRONG } }).code,
    0,
  )
  assert.equal(backroom(['create-admin']).code, 64)
  assert.equal(backroom(['create-admin', '--email', 'not an email', '--password', STRONG]).code, 64)
  assert.match(backroom(['help']).out, /create-admin --email/)

  const app = await buildApp({
    ...testConfig(),
    database: {
      ...testConfig().database,
      kind: 'sqlite',
      url: DATABASE_URL,
      sqlitePath: join(dir, 'admin.db'),
      schema: undefined,
      dropSchemaOnClose: false,
    },
  })
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { email: 'root@example.test', password: STRONG },
    })
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().user.role, 'admin')
    const users = await app.inject({
      url: '/admin/users?role=admin',
      headers: { authorization: `Bearer ${res.json().token}` },
    })
    assert.equal(users.json().items.length, 2)
  } finally {
    await app.close()
  }
})

// The TTY path needs a terminal: `script` (util-linux) runs the command on a pseudo-terminal, and what
// the terminal shows comes back on its stdout. Without `script` (macOS has a different one) it is skipped.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux')

test('create-admin at a terminal reads the password without echo', { skip: !hasScript }, async () => {
  const password = 'Plum-violin-Gravel-42-zebra!'
  const child = spawn(
    'script',
    ['-qfec', `${process.execPath} src/cli.ts create-admin --email tty@example.test`, '/dev/null'],
    {
      env: { ...process.env, DATABASE_URL, LOG_LEVEL: 'warn', BACKROOM_ADMIN_PASSWORD: '' },
    },
  )
  let screen = ''
  let typed = false
  child.stdout.on('data', (chunk) => {
    screen += chunk
    // Typed only once the prompt shows: the terminal is in raw mode by then, as for a person.
    if (!typed && screen.includes('Password for the new admin: ')) {
      typed = true
      child.stdin.write(`${password}\r`)
    }
  })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  assert.equal(code, 0, screen)
  assert.match(screen, /Created admin tty@example\.test/)
  assert.equal(screen.includes(password), false, 'the password was shown on the terminal')
  assert.equal(screen.includes('*'), false, 'not even as stars')
})
