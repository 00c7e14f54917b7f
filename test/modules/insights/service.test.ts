import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  funnelSteps,
  MAX_FUTURE_MS,
  MAX_PAST_MS,
  normalizeQuery,
  outOfRange,
  toRow,
} from '../../../src/modules/insights/service.ts'

test('normalizeQuery', () => {
  assert.equal(normalizeQuery('  Red\t  SHOES \n'), 'red shoes')
})

test('outOfRange bounds the client clock', () => {
  const now = 1_800_000_000_000
  const at = (occurredAt: number) => ({ occurredAt })
  assert.deepEqual(outOfRange([at(now), at(now - MAX_PAST_MS), at(now + MAX_FUTURE_MS)], now), [])
  assert.deepEqual(outOfRange([at(now), at(now - MAX_PAST_MS - 1), at(now + MAX_FUTURE_MS + 1)], now), [1, 2])
})

test('toRow extracts report columns and keeps the properties', () => {
  const now = 1_800_000_000_000
  const row = toRow(
    {
      type: 'search',
      anonymousId: 'anon_12345678',
      occurredAt: now - 5,
      properties: { query: ' Hat ', resultCount: 0 },
    },
    'usr_a',
    'server',
    now,
  )
  assert.equal(row.query, 'hat')
  assert.equal(row.result_count, 0)
  assert.equal(row.customer_id, 'usr_a')
  assert.equal(row.received_at, now)
  assert.match(row.id, /^evt_/)
  assert.deepEqual(JSON.parse(row.properties), { query: ' Hat ', resultCount: 0 })
  const view = toRow(
    { type: 'product_view', anonymousId: 'anon_12345678', occurredAt: now, properties: { productId: 'prod_1' } },
    null,
    'client',
    now,
  )
  assert.equal(view.product_id, 'prod_1')
  assert.equal(view.query, null)
})

test('funnelSteps: conversion from the previous step, null when it would divide by zero', () => {
  const steps = funnelSteps({ visitors: [10, 5, 0, 0], reached: [10, 4, 0, 0] })
  assert.deepEqual(
    steps.map((s) => s.conversion),
    [null, 0.4, 0, null],
  )
})
