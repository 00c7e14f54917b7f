/**
 * Where personal data lives: one rule for every text column of the schema (docs/PRIVACY.md).
 *
 * - `sealed`: encrypted with ENCRYPTION_KEYS (AES-256-GCM, bound to its row), registered for
 *   `backroom rotate-keys`; erasure also deletes or overwrites it.
 * - `erased`: readable at rest (it is looked up or sent), and deleted or anonymised by the
 *   erasure contributor of the module that owns the table.
 * - `none`: holds no personal data (catalog, configuration, opaque ids, states, hashes of secrets).
 *   Ids of accounts (`customer_id`, `user_id`) are listed here where erasure keeps the row: the
 *   account behind them is anonymised, so the id no longer leads to a person.
 *
 * test/modules/privacy/data-map.test.ts reads the live schema of both databases and fails on a text
 * column that has no rule here (and on a rule for a column that no longer exists), so a new column
 * must be classified before it ships.
 */
export type DataRule = 'sealed' | 'erased' | 'none'

export const PERSONAL_DATA_RULES: Record<string, Record<string, DataRule>> = {
  // accounts
  app_user: {
    id: 'none',
    email: 'erased',
    password_hash: 'erased',
    role: 'none',
    totp_secret: 'sealed',
    totp_pending_secret: 'sealed',
  },
  user_session: { id: 'none', user_id: 'none', token_hash: 'erased', ip: 'erased', user_agent: 'erased' },
  user_token: { id: 'none', user_id: 'none', purpose: 'none', token_hash: 'erased' },
  recovery_code: { id: 'none', user_id: 'none', code_hash: 'erased' },
  auth_attempt: { key: 'erased' }, // `email:<address>` keys are deleted; `ip:` keys expire with the lockout window
  audit_event: { id: 'none', type: 'none', user_id: 'none', actor_id: 'none', ip: 'erased', data: 'erased' },
  api_key: { id: 'none', name: 'none', key_hash: 'none', hint: 'none', permissions: 'none', created_by: 'none' },
  // addresses (the whole row is deleted at erasure)
  address: {
    id: 'none',
    customer_id: 'erased',
    country: 'erased',
    region: 'erased',
    name_enc: 'sealed',
    line1_enc: 'sealed',
    line2_enc: 'sealed',
    city_enc: 'sealed',
    postcode_enc: 'sealed',
    phone_enc: 'sealed',
  },
  // carts (a customer's carts are deleted)
  cart: { id: 'none', customer_id: 'erased', token_hash: 'none', currency: 'none', status: 'none' },
  cart_line: { cart_id: 'none', variant_id: 'none' },
  // orders (kept for the accounts, without who and where: country and region stay for tax reports)
  shop_order: {
    id: 'none',
    status: 'none',
    cart_id: 'none',
    idempotency_key_hash: 'erased', // hashes the caller's scope (an account or an IP) with the key
    customer_id: 'erased',
    email: 'erased',
    currency: 'none',
    discount_code: 'none',
    shipping_method_id: 'none',
    shipping_method_name: 'none',
    payment_id: 'none',
    ship_country: 'none',
    ship_region: 'none',
    ship_name_enc: 'sealed',
    ship_line1_enc: 'sealed',
    ship_line2_enc: 'sealed',
    ship_city_enc: 'sealed',
    ship_postcode_enc: 'sealed',
    ship_phone_enc: 'sealed',
  },
  order_line: { order_id: 'none', variant_id: 'none', sku: 'none', title: 'none' },
  order_history: { order_id: 'none', from_status: 'none', to_status: 'none', event: 'none', actor: 'none' },
  // payments (no card data at rest: brand and last four only)
  payment: {
    id: 'none',
    provider: 'none',
    reference: 'none',
    status: 'none',
    currency: 'none',
    customer_id: 'erased',
    order_id: 'none',
    card_brand: 'none',
    card_last4: 'none',
    failure_code: 'none',
  },
  payment_card_token: {
    token_hash: 'none',
    brand: 'none',
    last4: 'none',
    outcome: 'none',
    // the checkout's authorization key (derived from the payment id) and the provider's reference
    authorization_key: 'none',
    authorization_reference: 'none',
  },
  payment_refund: { id: 'none', payment_id: 'none', status: 'none', reference: 'none' },
  payment_transaction: { id: 'none', payment_id: 'none', kind: 'none', reference: 'none' },
  payment_webhook_event: { provider: 'none', event_id: 'none', type: 'none' },
  // checkout configuration and discounts
  discount_code: { id: 'none', code: 'none', kind: 'none', currency: 'none' },
  discount_redemption: { id: 'none', code_id: 'none', customer_id: 'none', order_id: 'none' },
  discount_usage: { code_id: 'none', customer_id: 'none' },
  shipping_method: {
    id: 'none',
    name: 'none',
    currency: 'none',
    country: 'none',
    region: 'none',
    kind: 'none',
    weight_tiers: 'none',
  },
  tax_rate: { id: 'none', name: 'none', country: 'none', region: 'none' },
  // insights: the customer link is cleared; the browser's random id and what it did stay, identifying nobody
  event: {
    id: 'none',
    type: 'none',
    anonymous_id: 'none',
    customer_id: 'erased',
    source: 'none',
    product_id: 'none',
    query: 'none',
    properties: 'none',
  },
  // accounts erased: their buffered events are written without the link (the id stays in app_user too)
  event_erasure: { customer_id: 'none' },
  // insights rollups: counts per day, the browser's random id (as in `event`), and queued event ids
  event_rollup_pending: { event_id: 'none' },
  event_volume_day: { type: 'none' },
  search_zero_day: { query: 'none' },
  funnel_visit: { anonymous_id: 'none' },
  // sales rollups: amounts per day, currency and product; queued order ids
  sales_rollup_pending: { id: 'none', order_id: 'none' },
  sales_order_rollup: { order_id: 'none', currency: 'none' },
  sales_day: { currency: 'none' },
  sales_product: { currency: 'none', sku: 'none' },
  sales_product_title: { title: 'none' },
  product_title_day: { title: 'none' },
  // background job leases
  job_lock: { name: 'none' },
  // mail outbox (bounded by MAIL_RETENTION_DAYS; the subject is a template naming no person)
  mail_outbox: {
    id: 'none',
    to_address: 'erased',
    subject: 'none',
    text_body: 'sealed',
    html_body: 'sealed',
    status: 'none',
    last_error: 'erased',
    transport: 'none',
  },
  // webhooks (deliveries bounded by WEBHOOK_RETENTION_DAYS; a subject's deliveries are deleted)
  webhook_endpoint: {
    id: 'none',
    url: 'none',
    description: 'none',
    secret_sealed: 'sealed',
    disabled_reason: 'none',
  },
  webhook_subscription: { endpoint_id: 'none', event_type: 'none' },
  webhook_delivery: {
    id: 'none',
    endpoint_id: 'none',
    event_id: 'none',
    event_type: 'none',
    body: 'sealed',
    subjects: 'erased',
    status: 'none',
    claim_token: 'none',
    last_error: 'none',
  },
  webhook_attempt: { id: 'none', delivery_id: 'none', endpoint_id: 'none', error: 'none' },
  // idempotency (24 h; anonymous callers' scope is their IP address)
  idempotency_key: {
    scope: 'erased',
    key: 'erased',
    request_hash: 'none',
    state: 'none',
    response_type: 'none',
    response_body: 'sealed',
    id: 'none',
    owner: 'none',
    subjects: 'erased',
  },
  // platform and catalog
  app_meta: { key: 'none', value: 'none' },
  change_version: { topic: 'none' },
  kysely_migration: { name: 'none', timestamp: 'none' },
  kysely_migration_lock: { id: 'none' },
  category: { id: 'none', parent_id: 'none', handle: 'none', name: 'none', path: 'none' },
  category_price: { category_id: 'none', currency: 'none', product_id: 'none' },
  category_listing: { category_id: 'none', product_id: 'none', title: 'none' },
  // import jobs hold catalog data only (row errors quote the file's cells: handles, SKUs, prices); the
  // file's name is a staff member's label for a catalog file (sanitised, 255 characters, purged with
  // the job after 30 days)
  catalog_import_job: {
    id: 'none',
    status: 'none',
    format: 'none',
    file_name: 'none',
    errors: 'none',
    failure_reason: 'none',
    failure_detail: 'none',
  },
  product: {
    id: 'none',
    handle: 'none',
    title: 'none',
    description: 'none',
    status: 'none',
    attributes: 'none',
    tags: 'none',
    images: 'none',
    category_ids: 'none',
    facets: 'none',
  },
  product_category: { product_id: 'none', category_id: 'none' },
  product_doc: { product_id: 'none', doc: 'none', etag: 'none' },
  product_option: { product_id: 'none', name: 'none', value: 'none' },
  product_price: { product_id: 'none', currency: 'none' },
  product_search: {
    product_id: 'none',
    search_a: 'none',
    search_b: 'none',
    search_c: 'none',
    search_d: 'none',
    search_e: 'none',
  },
  product_tag: { product_id: 'none', tag: 'none' },
  search_word: { word: 'none', head: 'none', tail: 'none' },
  variant: { id: 'none', product_id: 'none', sku: 'none', options: 'none' },
  variant_price: { variant_id: 'none', currency: 'none' },
}

/** SQLite's full-text index of the catalog (virtual table and its shadow tables): product text only. */
export const CATALOG_SEARCH_INDEX = /^product_fts(_|$)/
