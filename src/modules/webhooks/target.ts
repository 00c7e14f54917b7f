/**
 * Where deliveries may go, and the HTTP POST itself.
 * SSRF: a webhook URL is chosen by a staff member, but must not become a way to reach the API's own
 * network. Only http(s), no credentials in the URL, and (unless WEBHOOK_ALLOW_PRIVATE_TARGETS) no
 * loopback, private, link-local or otherwise special address (`isPrivateAddress`, ipaddr.js's range
 * classification): checked on the literal host at registration and before each delivery, on every
 * resolved address at connection time (the `lookup` hook below), so a DNS name that later resolves to
 * 127.0.0.1 (rebinding) is refused too, and on the peer address of the socket once connected.
 * Redirects are not followed.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'

/** IPv6 global unicast (RFC 4291): anything outside it (IPv4-compatible ::a.b.c.d, ::/8 ...) is refused. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3')

/**
 * True for every address a webhook may not reach: anything ipaddr.js does not classify as plain
 * `unicast` (loopback, private, link-local, CGNAT, unspecified, broadcast, multicast, reserved,
 * benchmarking, IPv4-mapped, NAT64 64:ff9b::/96 and /48, 6to4, Teredo, unique-local, discard ...), and
 * IPv6 outside global unicast 2000::/3 (so `::7f00:1`, an IPv4-compatible 127.0.0.1, is refused). An
 * address that embeds an IPv4 one is refused outright rather than judged by what it embeds: a
 * translator or tunnel in the path may deliver it to the embedded (internal) address. Not an IP
 * literal (a DNS name): false, the name is judged by what it resolves to.
 */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 0) return false
  let ip: ipaddr.IPv4 | ipaddr.IPv6
  try {
    ip = ipaddr.parse(address)
  } catch {
    return true
  }
  if (ip.range() !== 'unicast') return true
  return ip.kind() === 'ipv6' && !(ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)
}

/** Why a URL may not be a webhook target, or undefined when it may. */
export function targetProblem(raw: string, allowPrivate: boolean): string | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'is not a valid URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https'
  if (url.username || url.password) return 'must not contain credentials'
  if (!url.hostname) return 'needs a host'
  if (allowPrivate) return undefined
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
    return 'points to a loopback or private address'
  }
  return undefined
}

export interface PostResult {
  statusCode: number | null
  error: string | null
  durationMs: number
}

/** POSTs `body`; never throws. The response body is read and discarded (at most 64 KiB counted). */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostResult> {
  const started = performance.now()
  const done = (statusCode: number | null, error: string | null): PostResult => ({
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  })
  const problem = targetProblem(url, options.allowPrivate)
  if (problem) return Promise.resolve(done(null, `URL ${problem}`))
  const target = new URL(url)
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: options.timeoutMs,
        lookup: options.allowPrivate ? undefined : guardedLookup,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        res.on('data', () => {})
        res.on('end', () => resolve(done(res.statusCode ?? null, null)))
        res.on('error', (error) => resolve(done(res.statusCode ?? null, error.message)))
      },
    )
    // The address actually connected to, whatever resolved it (the lookup above refuses first; this
    // also covers a path that does not call it).
    if (!options.allowPrivate) {
      req.on('socket', (socket) => {
        const check = () => {
          const peer = socket.remoteAddress ?? ''
          if (isPrivateAddress(peer)) req.destroy(new Error(`connected to a private address (${peer})`))
        }
        // A kept-alive socket is already connected (and was checked when it connected): check it now.
        if (socket.connecting) socket.once('connect', check)
        else check()
      })
    }
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)))
    req.on('error', (error) => resolve(done(null, error.message.slice(0, 500))))
    req.end(body)
  })
}

/**
 * A `lookup` for the HTTP request that resolves with `resolve` (the system resolver) and refuses the
 * connection when any resolved address is private, so the socket only ever connects to a checked one.
 */
export function guardLookup(resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      const bad = addresses.find((a) => isPrivateAddress(a.address))
      if (bad) return callback(new Error(`${hostname} resolves to a private address (${bad.address})`), '', 0)
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
      callback(null, addresses[0].address, addresses[0].family)
    })
  }
}

const guardedLookup = guardLookup()
