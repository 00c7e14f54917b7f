#!/usr/bin/env node
/**
 * The `backroom` command (run it as `npx backroom <command>` or `npm run backroom -- <command>`).
 *   serve                 start the HTTP server, one process per core in production (same as npm start)
 *   migrate               bring the database schema up to date
 *   seed [--products N]   load the deterministic demo data set
 *   import FILE           import products from CSV, JSON or JSON Lines (all rows or none)
 *   export [FILE]         write the catalog as CSV (stdout without FILE)
 *   create-admin --email E [--password P]   create an admin account (password from stdin or BACKROOM_ADMIN_PASSWORD)
 *   rotate-keys           re-encrypt encrypted columns with the first ENCRYPTION_KEYS key
 */
import { readFile, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { buildApp } from './app.ts'
import { serveProcesses } from './cluster.ts'
import { migrations } from './migrations.ts'
import { createExporter } from './modules/catalog/export.ts'
import { createImporter } from './modules/catalog/import.ts'
import { ConfigError, loadConfig } from './platform/config.ts'
import { connectDatabase } from './platform/db/connect.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { isAppError } from './platform/errors.ts'
import { rotateKeys } from './platform/security/encrypted-columns.ts'
import { DEFAULT_SEED, seedDemoData } from './seed.ts'

const USAGE = `Usage: backroom <command> [options]

Commands:
  serve                  Start the HTTP server (configuration from environment variables; see README)
  migrate                Apply pending database migrations
  seed [--products N]    Load the deterministic demo data set (default ${DEFAULT_SEED.products} products)
  import FILE            Import products from FILE (.csv, .json or .jsonl): every row valid, or nothing written
  export [FILE]          Write the catalog as CSV to FILE (or stdout)
  rotate-keys            Re-encrypt every encrypted column with the first key of ENCRYPTION_KEYS
  create-admin --email E [--password P]
                         Create an admin account (e.g. the first one). Without --password, the password
                         is read from BACKROOM_ADMIN_PASSWORD or from the first line of stdin (at a
                         terminal: asked for, and not shown as it is typed)
  help                   Show this text
`

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'serve':
        await serveProcesses(loadConfig())
        return -1 // keep running
      case 'migrate': {
        const config = loadConfig()
        const database = await connectDatabase(config.database)
        try {
          const { applied } = await migrateToLatest(database.db, migrations, config.database.schema)
          console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Up to date')
        } finally {
          await database.close()
        }
        return 0
      }
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { products: { type: 'string' } } })
        const products = values.products === undefined ? DEFAULT_SEED.products : Number(values.products)
        if (!Number.isInteger(products) || products < 0 || products > 10_000_000) {
          console.error('--products must be a whole number between 0 and 10000000')
          return 64
        }
        const app = await buildApp({ ...loadConfig(), logLevel: 'warn' })
        try {
          const bar = progressBar('products')
          const seeded = await seedDemoData(app, { products, onProgress: bar.update })
          bar.stop()
          console.log(`Seeded ${JSON.stringify(seeded)}`)
        } finally {
          await app.close()
        }
        return 0
      }
      case 'import': {
        const file = rest[0]
        if (!file) {
          console.error('Usage: backroom import FILE (.csv or .json)')
          return 64
        }
        const text = await readFile(file, 'utf8')
        const format = /\.json$/i.test(file) ? 'json' : /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv'
        const app = await buildApp({ ...loadConfig(), logLevel: 'warn' })
        try {
          const bar = progressBar('products')
          const result = await createImporter({ db: app.backroom.database.db, catalog: app.backroom.catalog })
            .importText(text, format, { onProgress: bar.update })
            .finally(() => bar.stop())
          console.log(
            `Imported ${result.products.created} new and ${result.products.updated} updated product(s), ${result.variants} variant(s)`,
          )
        } catch (error) {
          if (isAppError(error) && error.code === 'import-failed') {
            console.error(`${file}: ${error.detail}`)
            for (const row of (error.extras?.rows ?? []) as { line: number; field: string; message: string }[]) {
              console.error(`  line ${row.line}, ${row.field}: ${row.message}`)
            }
            return 65 // EX_DATAERR
          }
          throw error
        } finally {
          await app.close()
        }
        return 0
      }
      case 'export': {
        const app = await buildApp({ ...loadConfig(), logLevel: 'warn' })
        try {
          const csv = await createExporter({ db: app.backroom.database.db }).exportCsv()
          if (rest[0]) await writeFile(rest[0], csv)
          else process.stdout.write(csv)
        } finally {
          await app.close()
        }
        return 0
      }
      case 'rotate-keys': {
        const app = await buildApp({ ...loadConfig(), logLevel: 'warn' })
        try {
          const { database, cipher, encryptedTables } = app.backroom
          const { rotated, converted } = await rotateKeys(database.db, cipher, encryptedTables)
          console.log(`Re-encrypted with key "${cipher.currentKid}": ${JSON.stringify(rotated)}`)
          if (Object.values(converted).some((n) => n > 0)) {
            console.log(`Of which converted from the older BACKROOM_SECRET format: ${JSON.stringify(converted)}`)
          }
        } finally {
          await app.close()
        }
        return 0
      }
      case 'create-admin':
        return await createAdmin(rest)
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE)
        return 0
      default:
        console.error(`Unknown command "${command}"\n\n${USAGE}`)
        return 64 // EX_USAGE
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      return 78
    }
    console.error(error instanceof Error ? error.message : error)
    return 1
  }
}

/** A progress bar on stderr (silent when stderr is not a terminal). */
function progressBar(unit: string) {
  const bar = new cliProgress.SingleBar(
    { format: `{bar} {value}/{total} ${unit} ({percentage}%, {eta_buffer}s left)`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update: (done: number, total: number) => {
      if (!started) bar.start(total, 0)
      started = true
      bar.update(done)
    },
    stop: () => {
      if (started) bar.stop()
    },
  }
}

async function createAdmin(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, password: { type: 'string' } } })
  if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email) || values.email.length > 254) {
    console.error('create-admin needs --email with an email address')
    return 64
  }
  const password = values.password || process.env.BACKROOM_ADMIN_PASSWORD || (await firstLineOfStdin())
  if (!password) {
    console.error('create-admin needs a password: --password, BACKROOM_ADMIN_PASSWORD, or one line on stdin')
    return 64
  }
  const app = await buildApp({ ...loadConfig(), logLevel: 'warn' })
  try {
    const admin = await app.backroom.users.createUser({ email: values.email, password, role: 'admin' })
    console.log(`Created admin ${admin.email} (${admin.id})`)
    return 0
  } catch (error) {
    if (!isAppError(error)) throw error
    console.error(error.detail)
    return 65 // EX_DATAERR: weak password, bad or taken email
  } finally {
    await app.close()
  }
}

async function firstLineOfStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return (await readHidden('Password for the new admin: ')) || undefined
  let text = ''
  for await (const chunk of process.stdin) {
    text += chunk
    if (text.includes('\n')) break
  }
  return text.split(/\r?\n/)[0] || undefined
}

/**
 * Reads one line from the terminal without showing it: readline puts the TTY in raw mode (so the
 * terminal does not echo) and its own echo goes to a writer that drops everything after the prompt.
 * Ctrl-C exits (130); Ctrl-D gives an empty answer.
 */
function readHidden(prompt: string): Promise<string> {
  const output = process.stderr
  let muted = false
  const sink = new Writable({
    write(chunk, encoding, done) {
      if (!muted) output.write(chunk, encoding)
      done()
    },
  })
  const rl = createInterface({ input: process.stdin, output: sink, terminal: true })
  return new Promise((resolve) => {
    let answered = false
    rl.on('SIGINT', () => {
      rl.close()
      output.write('\n')
      process.exit(130)
    })
    rl.on('close', () => {
      if (!answered) resolve('')
    })
    rl.question(prompt, (answer) => {
      answered = true
      rl.close()
      output.write('\n')
      resolve(answer)
    })
    muted = true // after the prompt is written: nothing typed is shown
  })
}

if (import.meta.main) {
  const code = await main(process.argv.slice(2))
  if (code >= 0) process.exit(code)
}
