/** `npm start`: read the configuration from the environment and serve (on WEB_CONCURRENCY processes). */
import { serveProcesses } from './cluster.ts'
import { ConfigError, loadConfig } from './platform/config.ts'

try {
  await serveProcesses(loadConfig())
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(78) // EX_CONFIG
  }
  console.error(error)
  process.exit(1)
}
