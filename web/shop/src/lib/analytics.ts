/**
 * The storefront's analytics, as the API collects them (modules/insights): a random id per browser
 * (no personal data) sent with every event and as `X-Anonymous-Id` on searches, so the dashboard's
 * funnel (product view → add to cart → checkout started → order placed) joins one visitor's steps.
 * The server records searches (from the header) and `order_placed` (from the checkout's `anonymousId`)
 * itself; the shop sends the rest with POST /events. Events are best effort: a failure is ignored.
 */
import { api, type Schemas } from '../../../shared/api.ts'

const KEY = 'backroom.anonymousId'

/** This browser's analytics id, made on first use. */
export function anonymousId(): string {
  let id = localStorage.getItem(KEY)
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = crypto.randomUUID()
    localStorage.setItem(KEY, id)
  }
  return id
}

type AnyEvent = Schemas['EventBatchBody']['events'][number]
/** An event as the shop describes it; the id and the time are added here. */
export type ShopEvent = AnyEvent extends infer E
  ? E extends AnyEvent
    ? Omit<E, 'anonymousId' | 'occurredAt'>
    : never
  : never

export function track(event: ShopEvent): void {
  const full = { ...event, anonymousId: anonymousId(), occurredAt: Date.now() } as AnyEvent
  // keepalive: the event still goes out when the page is left right away (an add to cart, then a full page
  // load of the checkout): the browser would otherwise cancel the request with the page.
  api.POST('/events', { body: { events: [full] }, keepalive: true }).catch(() => {})
}
