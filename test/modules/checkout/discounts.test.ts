import assert from 'node:assert/strict'
import { test } from 'node:test'
import { redeemDiscount } from '../../../src/modules/checkout/service.ts'
import { countRedemptions, findDiscountCode } from '../../../src/modules/checkout/store.ts'
import { headersFor, testApp } from '../../helpers.ts'

async function createCode(app: Awaited<ReturnType<typeof testApp>>, body: object): Promise<string> {
  const admin = await headersFor(app, { email: 'admin@example.test', role: 'admin' })
  const res = await app.inject({ method: 'POST', url: '/checkout/discount-codes', headers: admin, payload: body })
  assert.equal(res.statusCode, 201, res.body)
  return res.json().id
}

test('redeemDiscount: 50 concurrent redemptions of a code limited to 5 grant exactly 5', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const codeId = await createCode(app, { code: 'FIVE', kind: 'percentage', value: 1000, usageLimit: 5 })
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) => redeemDiscount(db, codeId, `usr_customer${i}`)),
  )
  const granted = results.filter((r) => r.status === 'fulfilled').length
  const refused = results.filter((r) => r.status === 'rejected')
  assert.equal(granted, 5)
  assert.equal(refused.length, 45)
  for (const r of refused) assert.equal((r as PromiseRejectedResult).reason.code, 'discount-exhausted')
  assert.equal((await findDiscountCode(db, codeId))?.timesUsed, 5)
  assert.equal(await countRedemptions(db, codeId), 5)
})

test('redeemDiscount: the per-customer limit holds under concurrency, and a refusal writes nothing', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const codeId = await createCode(app, {
    code: 'ONCE',
    kind: 'percentage',
    value: 1000,
    usageLimit: 100,
    perCustomerLimit: 2,
  })
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => redeemDiscount(db, codeId, 'usr_alice')))
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2)
  for (const r of results.filter((r) => r.status === 'rejected')) {
    assert.equal((r as PromiseRejectedResult).reason.code, 'discount-customer-limit')
  }
  // The refused attempts took a use of the total budget inside their transaction, and rolled it back.
  assert.equal((await findDiscountCode(db, codeId))?.timesUsed, 2)
  await redeemDiscount(db, codeId, 'usr_bob')
  assert.equal(await countRedemptions(db, codeId), 3)
})

test('redeemDiscount: inactive or expired codes are refused in the same statement', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const expired = await createCode(app, { code: 'OLD', kind: 'percentage', value: 1000, expiresAt: 1000 })
  await assert.rejects(redeemDiscount(db, expired, 'usr_alice', { now: 1000 }), { code: 'discount-exhausted' })
  await redeemDiscount(db, expired, 'usr_alice', { now: 999 })
  const off = await createCode(app, { code: 'OFF', kind: 'percentage', value: 1000, active: false })
  await assert.rejects(redeemDiscount(db, off, 'usr_alice'), { code: 'discount-exhausted' })
  await assert.rejects(redeemDiscount(db, 'dsc_missing', 'usr_alice'), { code: 'discount-code-not-found' })
})

test('redeemDiscount joins the caller’s transaction: a later failure there undoes the redemption', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const codeId = await createCode(app, { code: 'TRX', kind: 'percentage', value: 1000, usageLimit: 1 })
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await redeemDiscount(trx, codeId, 'usr_alice', { orderId: 'ord_1' })
      throw new Error('checkout failed after the redemption')
    }),
    /checkout failed/,
  )
  assert.equal((await findDiscountCode(db, codeId))?.timesUsed, 0)
  await redeemDiscount(db, codeId, 'usr_alice')
  assert.equal((await findDiscountCode(db, codeId))?.timesUsed, 1)
})
