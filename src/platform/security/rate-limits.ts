/**
 * Rate-limit classes. Every route names one (`config: { rateLimit: limits.read }`); the numbers live
 * here only. Limits are per client IP per route, shared across nodes when REDIS_URL is set;
 * RATE_LIMIT_SCALE multiplies every `max` (tests and load tests raise it).
 */
export const limits = {
  /** Catalog, search, reads of one's own data. */
  read: { max: 1200, timeWindow: 60_000 },
  /** Ordinary writes: carts, profile, staff edits. */
  write: { max: 120, timeWindow: 60_000 },
  /** Sign-in, sign-up, password reset, MFA: brute-force targets. */
  auth: { max: 20, timeWindow: 60_000 },
  /** Expensive work: imports, exports, reports. */
  heavy: { max: 10, timeWindow: 60_000 },
  /** Analytics beacons (POST /events): many small batches per visitor, anonymous. */
  events: { max: 600, timeWindow: 60_000 },
  /** Machine traffic that must not be throttled like a person (health checks, metrics scrapes). */
  probe: { max: 6000, timeWindow: 60_000 },
} as const

export type RateLimitClass = (typeof limits)[keyof typeof limits]
