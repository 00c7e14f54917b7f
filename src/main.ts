/** `npm start`: read the configuration from the environment and serve. */
import { ConfigError, loadConfig } from './platform/config.ts'
import { serve } from './serve.ts'

try {
  await serve(loadConfig())
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(78) // EX_CONFIG
  }
  console.error(error)
  process.exit(1)
}
