/** What other modules hear about orders: signed webhooks for the events endpoints subscribe to. */
import type { Db } from '../../platform/db/types.ts'
import type { OrderListener } from './service.ts'

type WebhookType = 'order.paid' | 'order.refunded' | 'order.fulfilled'

/** Queues `order.paid`, `order.refunded` and `order.fulfilled` webhooks in the transaction that made them true. */
export function orderWebhooks(enqueue: (db: Db, type: WebhookType, data: unknown) => Promise<unknown>): OrderListener {
  return async (trx, event, order) => {
    if (event === 'order.paid' || event === 'order.refunded' || event === 'order.fulfilled') {
      await enqueue(trx, event, { order })
    }
  }
}
