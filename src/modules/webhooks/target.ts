/**
 * Where deliveries may go, and the HTTP POST itself.
 * SSRF: a webhook URL is chosen by a staff member, but must not become a way to reach the API's own
 * network. Only http(s), no credentials in the URL, and (unless WEBHOOK_ALLOW_PRIVATE_TARGETS) no
 * loopback, private, link-local or otherwise special address: checked on the literal host at
 * registration, and on every resolved address at connection time (the `lookup` hook below), so a DNS
 * name that later resolves to 127.0.0.1 (rebinding) is refused too. Redirects are not followed.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'

const blocked = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4')
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6')
}

/** True for loopback, private, link-local, CGNAT, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return blocked.check(address, 'ipv4')
  if (family === 6) {
    // IPv4-mapped (::ffff:127.0.0.1 or ::ffff:7f00:1): judge the IPv4 address inside.
    const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
    if (dotted) return blocked.check(dotted[1], 'ipv4')
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address)
    if (hex) {
      const [hi, lo] = [Number.parseInt(hex[1], 16), Number.parseInt(hex[2], 16)]
      return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4')
    }
    return blocked.check(address, 'ipv6')
  }
  return false
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
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)))
    req.on('error', (error) => resolve(done(null, error.message.slice(0, 500))))
    req.end(body)
  })
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0)
    const bad = addresses.find((a) => isPrivateAddress(a.address))
    if (bad) return callback(new Error(`${hostname} resolves to a private address (${bad.address})`), '', 0)
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
    callback(null, addresses[0].address, addresses[0].family)
  })
}
