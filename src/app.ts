/**
 * Builds the Backroom application from a config. All wiring happens here: the database, the HTTP
 * platform, each module's service (with its dependencies passed by hand) and its routes.
 * Tests build it in-process and use `inject`; src/main.ts builds it and listens.
 */
import cookie from '@fastify/cookie'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import Fastify, { LogController } from 'fastify'
import { Redis } from 'ioredis'
import type { DestinationStream } from 'pino'
import { migrations } from './migrations.ts'
import { createExporter } from './modules/catalog/export.ts'
import { createImporter } from './modules/catalog/import.ts'
import { catalogProblems } from './modules/catalog/problems.ts'
import { catalogRoutes } from './modules/catalog/routes.ts'
import { type CatalogService, createCatalogService } from './modules/catalog/service.ts'
import { systemProblems, systemRoutes } from './modules/system/routes.ts'
import type { Config } from './platform/config.ts'
import { connectDatabase, type DatabaseHandle } from './platform/db/connect.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { tooMany } from './platform/errors.ts'
import { createProblemRegistry, type ProblemRegistry, platformProblems } from './platform/http/problems.ts'
import { setupHttp } from './platform/http/setup.ts'
import type { App } from './platform/http/types.ts'
import { genReqId, loggerOptions } from './platform/observability/logger.ts'
import { createMetrics } from './platform/observability/metrics.ts'
import { type Authenticator, anonymousOnly } from './platform/security/auth.ts'

export interface AppOptions {
  /** Where logs go (tests capture them); stdout when absent. */
  logStream?: DestinationStream
  /**
   * Test seam until the accounts module lands: replaces the authenticator. Production code never sets it.
   * TODO(accounts): remove once test/helpers.ts signs in for real.
   */
  authenticate?: Authenticator
}

/** What tests, the CLI and seeding reach through `app.backroom`. */
export interface Backroom {
  config: Config
  database: DatabaseHandle
  problems: ProblemRegistry
  catalog: CatalogService
}

declare module 'fastify' {
  interface FastifyInstance {
    backroom: Backroom
  }
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const database = await connectDatabase(config.database)
  try {
    if (config.database.migrateOnStart) await migrateToLatest(database.db, migrations, config.database.schema)
  } catch (error) {
    await database.close()
    throw error
  }

  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    genReqId,
    // One log line per request, written by our onResponse hook, instead of Fastify's two.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(createValidatorCompiler())

  const problems = createProblemRegistry(platformProblems, systemProblems, catalogProblems)
  const metrics = createMetrics()
  const catalog = createCatalogService({ db: database.db, dialect: database.dialect })
  app.decorate('backroom', { config, database, problems, catalog })
  app.addHook('onClose', async () => {
    await database.close()
  })

  setupHttp(app, {
    problems,
    authenticate: options.authenticate ?? anonymousOnly,
    rateLimitScale: config.rateLimit.scale,
    pluginPrefixes: ['/docs'],
  })
  metrics.install(app)
  app.addHook('onResponse', (req, reply, done) => {
    req.log.info(
      { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    )
    done()
  })

  await app.register(helmet, { global: true, contentSecurityPolicy: false })
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      credentials: true,
      exposedHeaders: ['x-request-id', 'etag'],
    })
  }
  await app.register(cookie, { secret: config.secret })
  if (config.rateLimit.enabled) {
    const redis = config.redisUrl
      ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 })
      : undefined
    if (redis) app.addHook('onClose', async () => void redis.quit())
    await app.register(rateLimit, {
      global: false,
      ...(redis ? { redis, nameSpace: `${config.redisPrefix}rl:` } : {}),
      skipOnError: true, // Redis down: serve unthrottled rather than fail every request
      errorResponseBuilder: (_req, context) =>
        tooMany('rate-limited', `Too many requests; retry in ${context.after}`, context.ttl / 1000),
    })
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Backroom API',
        version: '0.1.0',
        description:
          'A headless commerce back-end. Every endpoint speaks JSON and XML (choose with Accept and Content-Type); ' +
          'errors are RFC 9457 problem documents. Money is an integer in minor units with an ISO 4217 currency.',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A session token or an API key' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'backroom_session' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })

  await app.register(systemRoutes, { database, metrics, problems })
  await app.register(catalogRoutes, {
    catalog,
    importer: createImporter({ db: database.db, catalog }),
    exporter: createExporter({ db: database.db }),
  })

  return app
}

/**
 * Request bodies are validated strictly (no type coercion: "5" is not 5; unknown properties are
 * refused where a schema says so). Query strings and path parameters arrive as text and are coerced.
 */
function createValidatorCompiler() {
  const common = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false } as const
  const bodyAjv = addFormats.default(new Ajv({ ...common, coerceTypes: false }))
  const textAjv = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }))
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema)
}
