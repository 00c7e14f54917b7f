/** Catalog test fixtures: staff headers and small builders that go through HTTP. */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { buildApp } from '../../../src/app.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { headersFor, testConfig, usingPostgres } from '../../helpers.ts'

export async function staffHeaders(app: App) {
  return headersFor(app, { email: 'staff@example.test', role: 'staff' })
}

export async function makeCategory(app: App, staff: Record<string, string>, handle: string, parentId?: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/categories',
    headers: staff,
    payload: { handle, name: handle.replace(/-/g, ' '), ...(parentId ? { parentId } : {}) },
  })
  assert.equal(res.statusCode, 201, res.body)
  return res.json() as { id: string; handle: string }
}

export interface ProductSpec {
  handle: string
  title?: string
  description?: string
  status?: 'draft' | 'published' | 'archived'
  tags?: string[]
  categoryIds?: string[]
  variants?: {
    sku: string
    options?: Record<string, string>
    prices?: { currency: string; amount: number }[]
    stock?: number
  }[]
  price?: number
  stock?: number
}

export function productBody(spec: ProductSpec) {
  return {
    handle: spec.handle,
    title: spec.title ?? spec.handle.replace(/-/g, ' '),
    description: spec.description ?? '',
    status: spec.status ?? 'published',
    tags: spec.tags ?? [],
    categoryIds: spec.categoryIds ?? [],
    variants: (spec.variants ?? [{ sku: `${spec.handle.toUpperCase()}-1` }]).map((v) => ({
      sku: v.sku,
      options: v.options ?? {},
      prices: v.prices ?? [{ currency: 'EUR', amount: spec.price ?? 1000 }],
      stock: v.stock ?? spec.stock ?? 5,
    })),
  }
}

export async function makeProduct(app: App, staff: Record<string, string>, spec: ProductSpec) {
  const res = await app.inject({ method: 'POST', url: '/admin/products', headers: staff, payload: productBody(spec) })
  assert.equal(res.statusCode, 201, res.body)
  return res.json() as { id: string; handle: string; variants: { id: string; sku: string }[] }
}

/** Two apps on one database: `writer` migrates it, `reader` is the node whose caches are watched. */
export async function twoNodes(t: TestContext): Promise<{ writer: App; reader: App }> {
  let config = testConfig()
  if (!usingPostgres) {
    const dir = mkdtempSync(join(tmpdir(), 'backroom-xproc-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    config = testConfig({ database: { ...config.database, sqlitePath: join(dir, 'shop.db') } })
  }
  const writer = await buildApp(config)
  t.after(() => writer.close())
  const reader = await buildApp({
    ...config,
    database: { ...config.database, migrateOnStart: false, dropSchemaOnClose: false },
  })
  t.after(() => reader.close())
  return { writer, reader }
}
