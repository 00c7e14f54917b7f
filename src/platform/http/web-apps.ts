/**
 * The built web front-ends: the admin dashboard at /dashboard/ and the demo storefront at /shop/.
 * `npm install` builds them (web/build.ts, Vite) into dist/web/<app>; this plugin serves what is there.
 * An app that was not built is simply absent (its paths answer the usual 404 problem).
 *
 * - Hashed files under assets/ are immutable for a year; index.html is revalidated every time.
 * - Every other path under the app's prefix answers index.html, so the client router owns deep links
 *   (a reload on /dashboard/orders/123 works); a missing asset is a 404, not the page.
 * - Pre-compressed .br/.gz siblings written at build time are served when the client accepts them.
 * - A strict Content-Security-Policy: scripts, styles, fonts and API calls from this origin only.
 *
 * The routes are hidden from the OpenAPI document and treated as plugin routes (public, `read` limit).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyReply } from 'fastify'
import type { App } from './types.ts'

export const WEB_APPS = ['dashboard', 'shop'] as const
export type WebApp = (typeof WEB_APPS)[number]

/** Path prefixes of the web apps, for the route-rule check (platform/http/setup.ts pluginPrefixes). */
export const webAppPrefixes = WEB_APPS.map((name) => `/${name}`)

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and the chart library set style attributes; no inline <style> or script is needed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

function secure(reply: FastifyReply): void {
  reply.header('content-security-policy', CSP)
}

/** Registers each built app found under `root` (dist/web by default). Returns the apps it serves. */
export async function registerWebApps(app: App, root: string): Promise<WebApp[]> {
  const served: WebApp[] = []
  for (const name of WEB_APPS) {
    const dir = join(root, name)
    if (!existsSync(join(dir, 'index.html'))) continue
    served.push(name)
    await app.register(async (scope) => {
      scope.addHook('onSend', async (_req, reply, payload) => {
        secure(reply)
        return payload
      })
      await scope.register(fastifyStatic, {
        root: dir,
        prefix: `/${name}/`,
        wildcard: false, // one route per built file; the fallback below serves the rest
        index: false,
        preCompressed: true,
        cacheControl: false,
        setHeaders(res, path) {
          res.header(
            'cache-control',
            path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          )
        },
      })
      const page = (_req: unknown, reply: FastifyReply) => {
        reply.header('cache-control', 'no-cache')
        return reply.sendFile('index.html', dir)
      }
      scope.get(`/${name}/`, page) // also /dashboard without the slash (ignoreTrailingSlash)
      scope.get(`/${name}/*`, (req, reply) => {
        const rest = (req.params as { '*': string })['*']
        // A file that is not there (an old hashed asset, a typo) is a 404 problem, never the page.
        if (rest.startsWith('assets/') || /\.[a-z0-9]{1,5}$/i.test(rest)) return reply.callNotFound()
        return page(req, reply)
      })
    })
  }
  return served
}
