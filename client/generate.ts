/**
 * `npm run client`: builds the app (in-memory SQLite, no network server), takes its OpenAPI document
 * from app.swagger(), and writes client/openapi.json and client/schema.d.ts (openapi-typescript).
 * `npm run client -- --check` writes nothing and fails when either file differs from what is committed.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import openapiTS, { astToString } from 'openapi-typescript'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/platform/config.ts'

const check = process.argv.includes('--check')
const here = new URL('.', import.meta.url)

const app = await buildApp(
  loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'sqlite::memory:',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    MAIL_DISPATCH_INTERVAL_MS: '0',
    PUBLIC_URL: 'http://localhost:3000',
    BACKROOM_SECRET: 'client-generation-only-not-a-real-secret-0123456789',
  }),
)
let document: Record<string, unknown>
try {
  await app.ready()
  document = app.swagger() as unknown as Record<string, unknown>
} finally {
  await app.close()
}

const files = {
  'openapi.json': `${JSON.stringify(document, null, 2)}\n`,
  'schema.d.ts': astToString(await openapiTS(document as never, { alphabetize: true })),
}
let stale = 0
for (const [name, text] of Object.entries(files)) {
  const path = new URL(name, here)
  if (!check) {
    writeFileSync(path, text)
    continue
  }
  let committed = ''
  try {
    committed = readFileSync(path, 'utf8')
  } catch {}
  if (committed !== text) {
    stale++
    console.error(`client/${name} is out of date with the routes: run \`npm run client\` and commit it`)
  }
}
if (stale > 0) process.exit(1)
console.log(check ? 'client/ is up to date' : 'wrote client/openapi.json and client/schema.d.ts')
