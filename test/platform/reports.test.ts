import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { bucketOf, bucketsOf, DAY_MS, isoDay, parseRange, zeroFilled } from '../../src/platform/reports.ts'

test('parseRange: inclusive UTC days, bounded', () => {
  const range = parseRange({ from: '2026-03-01', to: '2026-03-31' })
  assert.equal(range.startMs, Date.UTC(2026, 2, 1))
  assert.equal(range.endMs, Date.UTC(2026, 3, 1))
  assert.throws(() => parseRange({ from: '2026-03-02', to: '2026-03-01' }), { code: 'bad-date-range' })
  assert.throws(() => parseRange({ from: '2026-01-01', to: '2026-12-31' }, 30), { code: 'bad-date-range' })
  assert.throws(() => parseRange({ from: '2026-13-01', to: '2026-12-31' }), { code: 'bad-date-range' })
})

test('weeks start on Monday', () => {
  assert.equal(isoDay(bucketOf(Date.UTC(2026, 0, 11) / DAY_MS, 'week') * DAY_MS), '2026-01-05') // Sunday → Monday
  assert.equal(isoDay(bucketOf(Date.UTC(2026, 0, 5) / DAY_MS, 'week') * DAY_MS), '2026-01-05')
  assert.equal(isoDay(bucketOf(0, 'week') * DAY_MS), '1969-12-29')
})

test('zero-filled series: one point per bucket, in order, covering every day of the range', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 10_000, max: 30_000 }),
      fc.integer({ min: 0, max: 366 }),
      fc.constantFrom('day' as const, 'week' as const),
      (startDay, length, granularity) => {
        const range = parseRange({ from: isoDay(startDay * DAY_MS), to: isoDay((startDay + length) * DAY_MS) })
        const buckets = bucketsOf(range, granularity)
        const step = granularity === 'day' ? 1 : 7
        assert.ok(buckets[0] <= startDay && buckets[0] > startDay - step)
        assert.ok(buckets.at(-1)! <= startDay + length && buckets.at(-1)! > startDay + length - step)
        for (let i = 1; i < buckets.length; i++) assert.equal(buckets[i] - buckets[i - 1], step)
        for (let day = startDay; day <= startDay + length; day++)
          assert.ok(buckets.includes(bucketOf(day, granularity)))
      },
    ),
  )
})

test('zeroFilled puts found rows in their bucket and zeros elsewhere', () => {
  const range = parseRange({ from: '2026-01-01', to: '2026-01-03' })
  const rows = [{ bucket: Date.UTC(2026, 0, 2) / DAY_MS, n: 7 }]
  assert.deepEqual(
    zeroFilled(range, 'day', rows, (date, row) => ({ date, n: row?.n ?? 0 })),
    [
      { date: '2026-01-01', n: 0 },
      { date: '2026-01-02', n: 7 },
      { date: '2026-01-03', n: 0 },
    ],
  )
})
