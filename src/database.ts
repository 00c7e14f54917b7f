/**
 * Every module's tables, composed into the one `Database` type above the modules (the platform floor,
 * `platform/db/types.ts`, declares only its own tables and imports no module). A module declares its
 * table interfaces in its own store.ts and adds them here. Types only: nothing here runs.
 */
import type {
  ApiKeyTable,
  AppUserTable,
  AuditEventTable,
  AuthAttemptTable,
  RecoveryCodeTable,
  UserSessionTable,
  UserTokenTable,
} from './modules/accounts/store.ts'
import type { AddressTable } from './modules/addresses/store.ts'
import type { CartTables } from './modules/carts/store.ts'
import type { CatalogTables } from './modules/catalog/store.ts'
import type {
  DiscountCodeTable,
  DiscountRedemptionTable,
  DiscountUsageTable,
  ShippingMethodTable,
  TaxRateTable,
} from './modules/checkout/store.ts'
import type { EventRollupTables } from './modules/insights/rollup-store.ts'
import type { EventErasureTable, EventTable } from './modules/insights/store.ts'
import type { MailOutboxTable } from './modules/mail/store.ts'
import type { OrderTables } from './modules/orders/store.ts'
import type {
  PaymentCardTokenTable,
  PaymentRefundTable,
  PaymentTable,
  PaymentTransactionTable,
  PaymentWebhookEventTable,
} from './modules/payments/store.ts'
import type { SalesRollupTables } from './modules/sales/rollup-store.ts'
import type {
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookEndpointTable,
  WebhookSubscriptionTable,
} from './modules/webhooks/store.ts'

declare module './platform/db/types.ts' {
  interface Database extends CatalogTables, CartTables, OrderTables, EventRollupTables, SalesRollupTables {
    address: AddressTable
    payment: PaymentTable
    payment_transaction: PaymentTransactionTable
    payment_refund: PaymentRefundTable
    payment_card_token: PaymentCardTokenTable
    payment_webhook_event: PaymentWebhookEventTable
    shipping_method: ShippingMethodTable
    tax_rate: TaxRateTable
    discount_code: DiscountCodeTable
    discount_usage: DiscountUsageTable
    discount_redemption: DiscountRedemptionTable
    // accounts
    app_user: AppUserTable
    user_session: UserSessionTable
    user_token: UserTokenTable
    recovery_code: RecoveryCodeTable
    api_key: ApiKeyTable
    audit_event: AuditEventTable
    auth_attempt: AuthAttemptTable
    // mail
    mail_outbox: MailOutboxTable
    event: EventTable
    event_erasure: EventErasureTable
    webhook_endpoint: WebhookEndpointTable
    webhook_subscription: WebhookSubscriptionTable
    webhook_delivery: WebhookDeliveryTable
    webhook_attempt: WebhookAttemptTable
  }
}
