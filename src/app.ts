/**
 * Builds the Backroom application from a config. All wiring happens here: the database, the HTTP
 * platform, each module's service (with its dependencies passed by hand) and its routes.
 * Tests build it in-process and use `inject`; src/main.ts builds it and listens.
 */
import { fileURLToPath } from 'node:url'
import cookie from '@fastify/cookie'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import Fastify, { LogController } from 'fastify'
import helmet from 'helmet'
import { Redis } from 'ioredis'
import type { DestinationStream } from 'pino'
import { migrations } from './migrations.ts'
import { accountAdminRoutes } from './modules/accounts/admin-routes.ts'
import { createApiKeyService } from './modules/accounts/api-keys.ts'
import { createAttemptLimiter } from './modules/accounts/attempts.ts'
import { recordAudit } from './modules/accounts/audit.ts'
import { createAuthenticator } from './modules/accounts/authenticator.ts'
import { totpEncryptedColumns } from './modules/accounts/crypto.ts'
import { createHousekeeping } from './modules/accounts/housekeeping.ts'
import { createMfaService } from './modules/accounts/mfa.ts'
import { createPasswordCheck } from './modules/accounts/passwords-check.ts'
import { accountPersonalData, findSubject } from './modules/accounts/personal-data.ts'
import { accountsProblems } from './modules/accounts/problems.ts'
import { accountRoutes } from './modules/accounts/routes.ts'
import * as accountsSchemas from './modules/accounts/schemas.ts'
import { createAccountService } from './modules/accounts/service.ts'
import { createSessionService } from './modules/accounts/sessions.ts'
import { createUserService, type UserService } from './modules/accounts/users.ts'
import { addressRoutes } from './modules/addresses/routes.ts'
import * as addressesSchemas from './modules/addresses/schemas.ts'
import { addressProblems, createAddressService } from './modules/addresses/service.ts'
import { addressEncryptedColumns } from './modules/addresses/store.ts'
import { cartPersonalData } from './modules/carts/personal-data.ts'
import { cartRoutes } from './modules/carts/routes.ts'
import * as cartsSchemas from './modules/carts/schemas.ts'
import { cartProblems, createCartService } from './modules/carts/service.ts'
import { createDocumentCache } from './modules/catalog/document-cache.ts'
import { createExporter } from './modules/catalog/export.ts'
import { createImporter } from './modules/catalog/import.ts'
import { createImportJobs, type ImportJobOptions } from './modules/catalog/import-jobs.ts'
import { catalogProblems } from './modules/catalog/problems.ts'
import { catalogRoutes } from './modules/catalog/routes.ts'
import * as catalogSchemas from './modules/catalog/schemas.ts'
import { createResultCache } from './modules/catalog/search/result-cache.ts'
import { type CatalogService, createCatalogService } from './modules/catalog/service.ts'
import { orderStateProblems } from './modules/checkout/order-state.ts'
import { discountProblems } from './modules/checkout/pricing.ts'
import { checkoutConfigRoutes } from './modules/checkout/routes.ts'
import * as checkoutSchemas from './modules/checkout/schemas.ts'
import {
  type CheckoutConfigService,
  checkoutProblems,
  createCheckoutConfigService,
  type Rates,
} from './modules/checkout/service.ts'
import { createEventBuffer, type EventBuffer } from './modules/insights/event-buffer.ts'
import { eventPersonalData } from './modules/insights/personal-data.ts'
import { insightsRoutes } from './modules/insights/routes.ts'
import * as insightsSchemas from './modules/insights/schemas.ts'
import { createInsightsService, insightsProblems, record as recordEvent } from './modules/insights/service.ts'
import { mailPersonalData } from './modules/mail/personal-data.ts'
import { mailProblems, mailRoutes } from './modules/mail/routes.ts'
import * as mailSchemas from './modules/mail/schemas.ts'
import { createMailService, type MailService, mailEncryptedColumns, mailOutbox } from './modules/mail/service.ts'
import { createTransport } from './modules/mail/transports.ts'
import { type CheckoutHooks, type CheckoutService, createCheckoutService } from './modules/orders/checkout.ts'
import { orderWebhooks } from './modules/orders/listeners.ts'
import { confirmationMailer } from './modules/orders/mail.ts'
import { orderRoutes } from './modules/orders/routes.ts'
import * as ordersSchemas from './modules/orders/schemas.ts'
import { createOrderService, type OrderService, orderProblems } from './modules/orders/service.ts'
import { orderEncryptedColumns } from './modules/orders/store.ts'
import { paymentPersonalData } from './modules/payments/personal-data.ts'
import { providerFromConfig } from './modules/payments/provider.ts'
import { paymentRoutes } from './modules/payments/routes.ts'
import * as paymentsSchemas from './modules/payments/schemas.ts'
import {
  createPaymentService,
  type MoneyListener,
  type PaymentListener,
  type PaymentService,
  paymentProblems,
} from './modules/payments/service.ts'
import type { TestProvider } from './modules/payments/test-provider.ts'
import { privacyRoutes } from './modules/privacy/routes.ts'
import * as privacySchemas from './modules/privacy/schemas.ts'
import { scrubAfterErasure } from './modules/privacy/scrub.ts'
import { createPrivacyService, privacyProblems } from './modules/privacy/service.ts'
import { salesRollupListener } from './modules/sales/rollups.ts'
import { salesRoutes } from './modules/sales/routes.ts'
import * as salesSchemas from './modules/sales/schemas.ts'
import { createSalesService } from './modules/sales/service.ts'
import { systemProblems, systemRoutes } from './modules/system/routes.ts'
import * as systemSchemas from './modules/system/schemas.ts'
import { createDispatcher } from './modules/webhooks/dispatcher.ts'
import { webhookRoutes } from './modules/webhooks/routes.ts'
import type { WebhookEventType } from './modules/webhooks/schemas.ts'
import * as webhooksSchemas from './modules/webhooks/schemas.ts'
import {
  createWebhookService,
  enqueue as enqueueWebhookTo,
  hasSubscribers as hasWebhookSubscribers,
  type WebhookOutbox,
  webhookDeliveryEncryptedColumns,
  webhookPersonalData,
  webhookProblems,
} from './modules/webhooks/service.ts'
import { webhookEncryptedColumns } from './modules/webhooks/signing.ts'
import { openApiExamples } from './openapi-examples.ts'
import { problemsByOperation } from './operation-problems.ts'
import type { Config } from './platform/config.ts'
import { connectDatabase, type DatabaseHandle } from './platform/db/connect.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { createHeavyReads, type HeavyReads, heavyReadProblems } from './platform/db/read-worker.ts'
import { createSignalCache } from './platform/db/signal-cache.ts'
import type { Db } from './platform/db/types.ts'
import { tooMany } from './platform/errors.ts'
import { frameworkErrors } from './platform/http/errors.ts'
import {
  idempotencyEncryptedColumns,
  idempotencyPersonalData,
  idempotencyProblems,
  installIdempotency,
} from './platform/http/idempotency.ts'
import { installLoadShedding } from './platform/http/load-shedding.ts'
import { openApiOptions } from './platform/http/openapi.ts'
import { createProblemRegistry, type ProblemRegistry, platformProblems } from './platform/http/problems.ts'
import * as platformSchemas from './platform/http/schemas.ts'
import { setupHttp } from './platform/http/setup.ts'
import type { App, AuthRule } from './platform/http/types.ts'
import { registerWebApps, webAppPrefixes } from './platform/http/web-apps.ts'
import { every } from './platform/jobs.ts'
import { genReqId, lazyChildLogger, loggerOptions } from './platform/observability/logger.ts'
import { createMetrics } from './platform/observability/metrics.ts'
import { reportProblems } from './platform/reports.ts'
import { ANONYMOUS } from './platform/security/actor.ts'
import { type Cipher, createCipher, resolveEncryptionKeys } from './platform/security/crypto.ts'
import { createFieldSealer, type EncryptedTable } from './platform/security/encrypted-columns.ts'
import { createSubjectTagger } from './platform/security/subject-tags.ts'

export interface AppOptions {
  /** Where logs go (tests capture them); stdout when absent. */
  logStream?: DestinationStream
  /** Tests: hooks between the checkout's steps (one that throws simulates a process dying there). */
  checkoutHooks?: CheckoutHooks
  /** Where the built web apps are (dist/web by default; tests point it at a fixture). */
  webRoot?: string
  /** Tests: catalog import jobs with small batches, a clock, or a pause after each batch. */
  importJobs?: ImportJobOptions
}

/** A route as registered, with its declared auth rule (the authorization matrix test walks these). */
export interface RouteInfo {
  method: string
  url: string
  /** The declared rule; undefined only for a route the platform is about to refuse. */
  auth: AuthRule | undefined
  /** Whether the Idempotency-Key header is honoured (config.idempotent). */
  idempotent: boolean
}

/** What tests, the CLI and seeding reach through `app.backroom`. */
export interface Backroom {
  config: Config
  database: DatabaseHandle
  problems: ProblemRegistry
  /** Every route of the app, captured as it is registered. */
  routes: RouteInfo[]
  users: UserService
  mail: MailService
  catalog: CatalogService
  /** Field encryption with the configured keys (first encrypts, all decrypt). */
  cipher: Cipher
  /** Every table with encrypted columns, for `backroom rotate-keys`. */
  encryptedTables: readonly EncryptedTable[]
  orders: OrderService
  /** The checkout's steps and the sweep that resumes them (`resumeStale`). */
  checkout: CheckoutService
  /** Shipping methods, tax rates and discount codes (seeding writes through it, so caches hear of it). */
  checkoutConfig: CheckoutConfigService
  payments: PaymentService
  /** The built-in test card processor when PAYMENT_PROVIDER=test (tests read its voids, simulate outages). */
  testProvider: TestProvider | null
  /** Heavy reads (exports): worker threads with their own connections, and the per-process bound. */
  reads: HeavyReads
  /** Seals webhook bodies and tags their subjects (what `enqueue` from modules/webhooks/service.ts takes). */
  webhookOutbox: WebhookOutbox
  /** The server's own analytics events waiting to be written (`flush()` writes them now). */
  events: EventBuffer
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
    childLoggerFactory: lazyChildLogger,
    // One log line per request, written by our onResponse hook, instead of Fastify's two.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(createValidatorCompiler())

  const problems = createProblemRegistry(
    platformProblems,
    heavyReadProblems,
    systemProblems,
    reportProblems,
    insightsProblems,
    webhookProblems,
    accountsProblems,
    mailProblems,
    privacyProblems,
    catalogProblems,
    cartProblems,
    idempotencyProblems,
    addressProblems,
    checkoutProblems,
    discountProblems,
    orderStateProblems,
    paymentProblems,
    orderProblems,
  )
  const metrics = createMetrics()
  const cipher = createCipher(resolveEncryptionKeys(config, (message) => app.log.warn(message)))
  // TOTP and webhook secrets written before they moved to ENCRYPTION_KEYS still open with
  // BACKROOM_SECRET until `backroom rotate-keys` converts them.
  const totpColumns = totpEncryptedColumns(config.secret)
  const webhookColumns = webhookEncryptedColumns(config.secret)
  const encryptedTables = [
    addressEncryptedColumns,
    orderEncryptedColumns,
    totpColumns,
    webhookColumns,
    // Copies of personal data in outboxes and stored replies (docs/PRIVACY.md).
    idempotencyEncryptedColumns,
    webhookDeliveryEncryptedColumns,
    mailEncryptedColumns,
  ]
  const webhookSecrets = createFieldSealer(cipher, webhookColumns)
  const subjectTags = createSubjectTagger(config.secret)
  // Rarely written configuration every checkout reads, cached per node and dropped on every write on
  // any node (platform/db/signal-cache.ts): shipping methods and tax rates, webhook subscribers.
  const checkoutChanges = await database.changeSignal('checkout', (error) =>
    app.log.warn({ err: error }, 'checkout change listener: connection lost; rates uncached until it is back'),
  )
  const webhookChanges = await database.changeSignal('webhooks', (error) =>
    app.log.warn({ err: error }, 'webhook change listener: connection lost; subscribers uncached until it is back'),
  )
  const rates = createSignalCache<Rates>({ signal: checkoutChanges })
  const subscribers = createSignalCache<readonly string[]>({ signal: webhookChanges })
  metrics.counter(
    'checkout_rates_cache_hits_total',
    'Checkout shipping and tax reads answered from memory',
    () => rates.stats().hits,
  )
  metrics.counter(
    'checkout_rates_cache_misses_total',
    'Checkout shipping and tax reads from the database',
    () => rates.stats().misses,
  )
  metrics.counter(
    'webhook_subscriber_cache_hits_total',
    'Webhook subscriber look-ups answered from memory',
    () => subscribers.stats().hits,
  )
  metrics.counter(
    'webhook_subscriber_cache_misses_total',
    'Webhook subscriber look-ups read from the database',
    () => subscribers.stats().misses,
  )
  const webhookOutbox: WebhookOutbox = {
    bodies: createFieldSealer(cipher, webhookDeliveryEncryptedColumns),
    tagger: subjectTags,
    subscribers,
  }
  const enqueueWebhook = (trx: Db, type: WebhookEventType, data: unknown) =>
    enqueueWebhookTo(trx, webhookOutbox, type, data)
  const mailSealer = createFieldSealer(cipher, mailEncryptedColumns)
  const enqueueMail = mailOutbox(mailSealer)
  const db = database.db
  // Exports are read and formatted in worker threads with their own connections (docs/ARCHITECTURE.md).
  const reads = createHeavyReads({
    sqlitePath:
      database.dialect === 'sqlite' && config.database.sqlitePath !== ':memory:'
        ? config.database.sqlitePath
        : undefined,
    postgres:
      database.dialect === 'postgres' ? { url: config.database.url, schema: config.database.schema } : undefined,
    maxRunning: config.load.maxHeavyReads,
  })
  const mail = createMailService({
    db,
    transport: createTransport(config.mail),
    from: config.mail.from,
    log: app.log,
    intervalMs: config.mail.dispatchIntervalMs,
    sealer: mailSealer,
    retentionDays: config.mail.retentionDays,
  })
  const limiter = createAttemptLimiter(db)
  const passwords = createPasswordCheck({ db, limiter })
  const sessions = createSessionService({ db, policy: config.sessions })
  const apiKeys = createApiKeyService({ db })
  const mfa = createMfaService({ db, sealer: createFieldSealer(cipher, totpColumns), passwords, issuer: 'Backroom' })
  const accounts = createAccountService({
    db,
    sessions,
    mfa,
    limiter,
    passwords,
    publicUrl: config.publicUrl,
    onCustomerCreated: async (trx, customer) => void (await enqueueWebhook(trx, 'customer.created', { customer })),
    enqueueMail,
  })
  const users = createUserService({ db })
  const housekeeping = createHousekeeping({ db, policy: config.sessions, log: app.log, intervalMs: 3_600_000 })
  const allowedOrigins = [new URL(config.publicUrl).origin, ...config.corsOrigins]

  const catalogChanges = await database.changeSignal('catalog', (error) =>
    app.log.warn({ err: error }, 'catalog change listener: connection lost; documents uncached until it is back'),
  )
  const documents = createDocumentCache({ maxBytes: config.catalogCacheBytes, signal: catalogChanges })
  metrics.counter(
    'catalog_document_cache_hits_total',
    'Product GETs answered from memory',
    () => documents.stats().hits,
  )
  metrics.counter(
    'catalog_document_cache_misses_total',
    'Product GETs read from the database',
    () => documents.stats().misses,
  )
  metrics.gauge(
    'catalog_document_cache_bytes',
    'Bytes of product documents held in memory',
    () => documents.stats().bytes,
  )
  const results = createResultCache({ maxBytes: config.searchCacheBytes, signal: catalogChanges })
  metrics.counter(
    'catalog_result_cache_hits_total',
    'Storefront list and search requests answered from memory',
    () => results.stats().hits,
  )
  metrics.counter(
    'catalog_result_cache_misses_total',
    'Storefront list and search requests computed',
    () => results.stats().misses,
  )
  metrics.gauge(
    'catalog_result_cache_bytes',
    'Bytes of list and search answers held in memory',
    () => results.stats().bytes,
  )
  // Every storefront search records an event; they are written in batches, off the request path.
  const events = createEventBuffer({ db, ...config.eventBuffer, log: app.log })
  metrics.gauge(
    'insights_events_buffered',
    'Server events waiting in memory to be written',
    () => events.stats().waiting,
  )
  metrics.counter('insights_events_written_total', 'Buffered server events written', () => events.stats().written)
  metrics.counter(
    'insights_events_dropped_total',
    'Server events dropped: the buffer was full while writes failed',
    () => events.stats().dropped,
  )
  const catalog = createCatalogService({
    db,
    dialect: database.dialect,
    documents,
    results,
    changes: catalogChanges,
    searchIndexBytes: config.searchIndexBytes,
    onSearchIndexCapped: (bytes, maxBytes) =>
      app.log.warn(
        { bytes, maxBytes },
        'search index: over SEARCH_INDEX_MAX_MB, storefront search is served from SQL on this node',
      ),
    productChanged: async (trx, id, load) => {
      if (!(await hasWebhookSubscribers(trx, webhookOutbox, 'product.updated'))) return // skip loading the product for nobody
      await enqueueWebhook(trx, 'product.updated', { product: (await load()) ?? { id, deleted: true } })
    },
    searched: ({ query, resultCount, who }) =>
      events.record({
        type: 'search',
        anonymousId: who.anonymousId ?? 'storefront',
        occurredAt: Date.now(),
        properties: { query, resultCount },
        customerId: who.customerId,
      }),
  })
  metrics.gauge(
    'catalog_search_index_bytes',
    "Bytes of the node's in-memory text index (0 until it is built)",
    () => catalog.facetIndex().textBytes,
  )
  metrics.gauge(
    'catalog_search_index_capped',
    "1 while the node's search index is off because it would pass SEARCH_INDEX_MAX_MB (search runs on SQL)",
    () => (catalog.facetIndex().capped ? 1 : 0),
  )
  const insights = createInsightsService({ db, config: config.insights, reads, buffer: events })
  const sales = createSalesService({ db, reads })
  const webhooks = createWebhookService({
    db,
    config: config.webhooks,
    secrets: webhookSecrets,
    outbox: webhookOutbox,
  })
  const carts = createCartService({ db, catalog })
  const addresses = createAddressService({ db, cipher })
  const checkoutConfig = createCheckoutConfigService({ db, rates })
  const { provider, testProvider } = providerFromConfig(config, db)
  const paymentListeners: PaymentListener[] = []
  const moneyListeners: MoneyListener[] = []
  const payments = createPaymentService({ db, provider, listeners: paymentListeners, moneyListeners, log: app.log })
  const orders = createOrderService({
    db,
    cipher,
    catalog,
    payments,
    listeners: [confirmationMailer(enqueueMail), orderWebhooks(enqueueWebhook), salesRollupListener()],
  })
  paymentListeners.push((trx, payment) => orders.paymentChanged(trx, payment))
  // Every capture, refund and void reaches the order in its ledger transaction, whichever route moved it.
  moneyListeners.push((trx, movement) => orders.moneyMoved(trx, movement))
  const checkout = createCheckoutService({
    db,
    cipher,
    carts,
    catalog,
    addresses,
    checkoutConfig,
    payments,
    orders,
    pricesIncludeTax: config.pricesIncludeTax,
    recordEvent: (trx, event) => recordEvent(trx, event),
    hooks: options.checkoutHooks,
    log: app.log,
  })
  const routes: RouteInfo[] = []
  const privacy = createPrivacyService({
    db,
    contributors: [
      ...accountPersonalData,
      addresses.personalData(),
      cartPersonalData,
      orders.personalData(),
      paymentPersonalData,
      mailPersonalData(mailSealer),
      eventPersonalData(events),
      webhookPersonalData(subjectTags),
      idempotencyPersonalData(subjectTags),
    ],
    findSubject,
    audit: recordAudit,
    // The erasure has committed; a scrub that cannot finish is logged, not answered as a failure.
    scrub: () =>
      scrubAfterErasure(db, database.dialect).catch((err) => app.log.warn({ err }, 'scrub after erasure failed')),
  })
  app.decorate('backroom', {
    config,
    database,
    reads,
    problems,
    routes,
    users,
    mail,
    catalog,
    cipher,
    encryptedTables,
    orders,
    checkout,
    checkoutConfig,
    payments,
    testProvider,
    webhookOutbox,
    events,
  })
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routes.push({ method, url: route.url, auth: route.config?.auth, idempotent: Boolean(route.config?.idempotent) })
    }
  })
  app.addHook('onReady', async () => {
    mail.start()
    housekeeping.start()
    events.start()
  })
  // Bounded retention of outbox copies (WEBHOOK_RETENTION_DAYS, MAIL_RETENTION_DAYS), hourly.
  every(app, 'purge-sent-mail-and-webhooks', 3_600_000, async () => {
    await mail.purge()
    await webhooks.purgeCompleted()
  })
  every(app, 'expire-pending-orders', config.orders.sweepIntervalMs, () =>
    orders.expireStalePending(Date.now(), config.orders.pendingTtlMs),
  )
  // Voids a provider could not make when an order was cancelled (docs/CHECKOUT.md), same cadence.
  every(app, 'retry-payment-voids', config.orders.sweepIntervalMs, async () => {
    const { pending } = await payments.retryVoids(Date.now())
    if (pending > 0) app.log.warn({ pending }, 'payment voids still pending at the provider')
  })
  // Checkouts that stopped between their steps (payment left authorizing), same cadence.
  every(app, 'resume-checkouts', config.orders.sweepIntervalMs, async () => {
    const { pending } = await checkout.resumeStale(Date.now())
    if (pending > 0) app.log.warn({ pending }, 'checkout authorizations still unanswered by the provider')
  })
  // Refunds left pending (a stopped process, a failed ledger write, a provider outage), same cadence.
  every(app, 'retry-payment-refunds', config.orders.sweepIntervalMs, async () => {
    const { pending } = await payments.retryRefunds(Date.now())
    if (pending > 0) app.log.warn({ pending }, 'payment refunds still pending at the provider')
  })
  // Events and order changes folded into the per-day report rollups (docs/INSIGHTS.md); reports also
  // catch up before answering, so this only keeps the queue short.
  every(app, 'event-rollups', config.rollups.intervalMs, () => insights.catchUp())
  every(app, 'sales-rollups', config.rollups.intervalMs, () => sales.catchUp())
  // The funnel's per-visitor days, once no fold can read them again (docs/PRIVACY.md, "Retention").
  every(app, 'prune-funnel-visits', 3_600_000, () => insights.pruneVisits())
  app.addHook('onClose', async () => {
    housekeeping.stop()
    await mail.stop()
    await catalogChanges.close()
    await checkoutChanges.close()
    await webhookChanges.close()
    await reads.close()
    // The drain on shutdown: buffered events are written before the database closes.
    await events.close().catch((err) => app.log.error({ err, left: events.stats().waiting }, 'buffered events lost'))
    await database.close()
  })

  setupHttp(app, {
    problems,
    authenticate: createAuthenticator({ sessions, apiKeys, allowedOrigins }),
    rateLimitScale: config.rateLimit.scale,
    pluginPrefixes: ['/docs', ...webAppPrefixes],
    // helmet's headers on every response; no CSP here (the web apps send their own, the API serves JSON).
    securityHeaders: helmet({ contentSecurityPolicy: false }),
  })
  metrics.install(app)
  await installLoadShedding(app, { maxEventLoopDelayMs: config.load.maxEventLoopDelayMs })
  installIdempotency(app, {
    db: database.db,
    sealer: createFieldSealer(cipher, idempotencyEncryptedColumns),
    tagger: subjectTags,
  })
  app.addHook('onResponse', (req, reply, done) => {
    req.log.info(
      { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    )
    done()
  })

  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      credentials: true,
      exposedHeaders: 'x-request-id, etag, idempotent-replayed', // one string: a list is joined on every request
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
  await app.register(
    swagger,
    openApiOptions({
      publicUrl: config.publicUrl,
      version: '0.1.0',
      shapes: namedShapes,
      problemsByOperation,
      examples: openApiExamples,
    }),
  )
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })

  await app.register(systemRoutes, { database, metrics, problems })
  await app.register(accountRoutes, {
    accounts,
    sessions,
    mfa,
    policy: config.sessions,
    secureCookies: config.publicUrl.startsWith('https:'),
    mergeGuestCart: async (userId, cart) =>
      (await carts.merge({ ...ANONYMOUS, kind: 'user', userId, customerId: userId }, cart.id, cart.token)).id,
  })
  await app.register(accountAdminRoutes, { db, users, apiKeys })
  await app.register(mailRoutes, { mail })
  await app.register(privacyRoutes, { privacy, passwords })
  const importer = createImporter({ db: database.db, catalog })
  const imports = createImportJobs({ db, catalog, importer, log: app.log, options: options.importJobs })
  // Running imports stop between batches (marked interrupted) before the database closes.
  app.addHook('preClose', () => imports.stop())
  every(app, 'purge-import-jobs', 3_600_000, () => imports.purge())
  await app.register(catalogRoutes, {
    catalog,
    importer,
    imports,
    exporter: createExporter({ db: database.db, reads }),
  })
  await app.register(cartRoutes, { carts })
  await app.register(addressRoutes, { addresses })
  await app.register(checkoutConfigRoutes, { checkout: checkoutConfig })
  await app.register(paymentRoutes, { payments, testProvider })
  await app.register(orderRoutes, { orders, checkout })
  await app.register(insightsRoutes, { insights })
  await app.register(salesRoutes, { sales })
  await app.register(webhookRoutes, { webhooks })
  await registerWebApps(app, options.webRoot ?? fileURLToPath(new URL('../dist/web', import.meta.url)))
  // Outbox dispatcher: on an interval in every server (WEBHOOK_DISPATCH_INTERVAL_MS; off in tests).
  const dispatcher = createDispatcher({
    db,
    config: config.webhooks,
    secrets: webhookSecrets,
    bodies: webhookOutbox.bodies,
    subscribers,
    log: app.log,
  })
  app.addHook('onReady', async () => dispatcher.start())
  app.addHook('preClose', () => dispatcher.stop())

  return app
}

/**
 * Request bodies are validated strictly (no type coercion: "5" is not 5; unknown properties are
 * refused where a schema says so). Query strings and path parameters arrive as text and are coerced.
 */
function createValidatorCompiler() {
  const common = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false } as const
  // discriminator: a `oneOf` with an OpenAPI discriminator picks its branch by the tag (one error for an
  // unknown tag); verbose: that error can then name the allowed tags (platform/http/errors.ts).
  const bodyAjv = addFormats.default(new Ajv({ ...common, coerceTypes: false, discriminator: true, verbose: true }))
  const textAjv = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }))
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema)
}

/** Every module's exported shapes: their export names name them in the OpenAPI document. */
const namedShapes = {
  platform: platformSchemas,
  accounts: accountsSchemas,
  addresses: addressesSchemas,
  carts: cartsSchemas,
  catalog: catalogSchemas,
  checkout: checkoutSchemas,
  insights: insightsSchemas,
  mail: mailSchemas,
  orders: ordersSchemas,
  payments: paymentsSchemas,
  privacy: privacySchemas,
  sales: salesSchemas,
  system: systemSchemas,
  webhooks: webhooksSchemas,
}
