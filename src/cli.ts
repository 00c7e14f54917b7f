#!/usr/bin/env node
/**
 * The `backroom` command (run it as `npx backroom <command>` or `npm run backroom -- <command>`).
 *   serve                 start the HTTP server (same as npm start)
 *   migrate               bring the database schema up to date
 *   seed [--products N]   load the deterministic demo data set
 */
import { parseArgs } from 'node:util'
import { buildApp } from './app.ts'
import { migrations } from './migrations.ts'
import { ConfigError, loadConfig } from './platform/config.ts'
import { connectDatabase } from './platform/db/connect.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { DEFAULT_SEED, seedDemoData } from './seed.ts'
import { serve } from './serve.ts'

const USAGE = `Usage: backroom <command> [options]

Commands:
  serve                  Start the HTTP server (configuration from environment variables; see README)
  migrate                Apply pending database migrations
  seed [--products N]    Load the deterministic demo data set (default ${DEFAULT_SEED.products} products)
  help                   Show this text
`

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'serve':
        await serve(loadConfig())
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
          const seeded = await seedDemoData(app, { products })
          console.log(`Seeded ${JSON.stringify(seeded)}`)
        } finally {
          await app.close()
        }
        return 0
      }
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

if (import.meta.main) {
  const code = await main(process.argv.slice(2))
  if (code >= 0) process.exit(code)
}
