/**
 * The front-ends talk to the API only through the typed client generated from /openapi.json
 * (client/index.ts). Same origin, session in the HttpOnly cookie (`session: 'cookie'` at sign-in), so
 * page scripts never hold a token; state-changing requests carry the Origin the server checks.
 */
import { type BackroomClient, createBackroomClient, type Schemas } from '../../client/index.ts'

export type { Schemas }
export type Problem = Schemas['ProblemView']

export const api: BackroomClient = createBackroomClient(window.location.origin, { credentials: 'same-origin' })

/** A problem details answer (RFC 9457) as an Error: `status`, `code` and the server's `detail`. */
export class ProblemError extends Error {
  readonly status: number
  readonly problem: Partial<Problem>
  constructor(status: number, problem: Partial<Problem> | undefined) {
    super(problem?.detail ?? problem?.title ?? `Request failed (${status})`)
    this.status = status
    this.problem = problem ?? {}
  }
  get code(): string | undefined {
    return this.problem.code
  }
  /** Per-field messages of a 422 (`errors[].pointer` → message), for forms. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const error of this.problem.errors ?? []) {
      const field = error.pointer.replace(/^\//, '').replaceAll('/', '.')
      if (field && !out[field]) out[field] = error.detail
    }
    return out
  }
}

/**
 * Unwraps an openapi-fetch result: the data, or a thrown ProblemError. Use inside TanStack Query's
 * queryFn/mutationFn: `queryFn: () => unwrap(api.GET('/admin/orders', { params }))`.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const { data, error, response } = await call
  if (!response.ok) throw new ProblemError(response.status, error as Partial<Problem> | undefined)
  return data as NonNullable<T>
}

/** Money in minor units → a display string, one formatter per locale and currency. */
const formatters = new Map<string, Intl.NumberFormat>()
export function formatMoney(amount: number, currency: string, locale = navigator.language): string {
  const key = `${locale}|${currency}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency })
    formatters.set(key, format)
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2
  return format.format(amount / 10 ** digits)
}

export function formatDate(at: string | number, locale = navigator.language): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
}

/** A new Idempotency-Key for a write that moves money or stock (one per user action, reused on retry). */
export function idempotencyKey(): string {
  return crypto.randomUUID()
}
