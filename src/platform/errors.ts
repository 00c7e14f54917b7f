/**
 * Application errors. Services throw these through the helpers below; the platform error handler
 * (platform/http/error-handler.ts) is the only code that maps a kind to an HTTP status and renders it
 * as an RFC 9457 problem document.
 */

/** What went wrong, in HTTP-free terms. The error handler owns the mapping to a status. */
export type ErrorKind =
  | 'bad-request'
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'too-many'
  | 'unavailable'
  // HTTP-layer kinds, raised by the platform only
  | 'method-not-allowed'
  | 'not-acceptable'
  | 'too-large'
  | 'unsupported-media-type'

export const statusByKind = {
  'bad-request': 400,
  invalid: 422,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-many': 429,
  unavailable: 503,
  'method-not-allowed': 405,
  'not-acceptable': 406,
  'too-large': 413,
  'unsupported-media-type': 415,
} as const satisfies Record<ErrorKind, number>

export type ProblemExtras = Record<string, unknown>

/** An expected failure with a stable `code` (it becomes the problem type `/problems/<code>`). */
export class AppError extends Error {
  readonly kind: ErrorKind
  readonly code: string
  readonly detail: string
  readonly extras: ProblemExtras | undefined
  /** Response headers the failure needs, e.g. `Retry-After` or `Allow`. */
  readonly headers: Record<string, string> | undefined

  constructor(kind: ErrorKind, code: string, detail: string, extras?: ProblemExtras, headers?: Record<string, string>) {
    super(detail)
    this.name = 'AppError'
    this.kind = kind
    this.code = code
    this.detail = detail
    this.extras = extras
    this.headers = headers
  }
}

export function badRequest(code: string, detail: string, extras?: ProblemExtras) {
  return new AppError('bad-request', code, detail, extras)
}
/** Well-formed input that breaks a rule (422). Schema failures are 400 and come from the validator. */
export function invalid(code: string, detail: string, extras?: ProblemExtras) {
  return new AppError('invalid', code, detail, extras)
}
export function unauthorized(code: string, detail: string, extras?: ProblemExtras) {
  return new AppError('unauthorized', code, detail, extras)
}
export function forbidden(code: string, detail: string, extras?: ProblemExtras) {
  return new AppError('forbidden', code, detail, extras)
}
export function notFound(code: string, detail: string, extras?: ProblemExtras) {
  return new AppError('not-found', code, detail, extras)
}
export function conflict(code: string, detail: string, extras?: ProblemExtras) {
  return new AppError('conflict', code, detail, extras)
}
export function gone(code: string, detail: string, extras?: ProblemExtras) {
  return new AppError('gone', code, detail, extras)
}
export function tooMany(code: string, detail: string, retryAfterSeconds: number, extras?: ProblemExtras) {
  return new AppError('too-many', code, detail, extras, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  })
}
export function unavailable(code: string, detail: string, extras?: ProblemExtras) {
  return new AppError('unavailable', code, detail, extras)
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
