/** Staff routes for checkout configuration: shipping methods, tax rates, discount codes. */
import { Type } from 'typebox'
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import {
  DiscountCodeBody,
  DiscountCodeList,
  DiscountCodeView,
  IdParams,
  ShippingMethodBody,
  ShippingMethodList,
  ShippingMethodView,
  TaxRateBody,
  TaxRateList,
  TaxRateView,
} from './schemas.ts'
import type { CheckoutConfigService } from './service.ts'

const configure = { permission: 'checkout:configure' } as const
const read = { auth: configure, rateLimit: limits.read }
const write = { auth: configure, rateLimit: limits.write }
const NoContent = Type.Null({ description: 'No content' })

export async function checkoutConfigRoutes(app: App, { checkout }: { checkout: CheckoutConfigService }) {
  const tags = ['checkout configuration']

  app.get(
    '/checkout/shipping-methods',
    { schema: { summary: 'List shipping methods', tags, response: { 200: ShippingMethodList } }, config: read },
    async () => ({ items: await checkout.listShippingMethods() }),
  )
  app.post(
    '/checkout/shipping-methods',
    {
      schema: {
        summary: 'Create a shipping method',
        tags,
        body: ShippingMethodBody,
        response: { 201: ShippingMethodView },
      },
      config: write,
    },
    async (req, reply) => reply.code(201).send(await checkout.createShippingMethod(req.body)),
  )
  app.put(
    '/checkout/shipping-methods/:id',
    {
      schema: {
        summary: 'Replace a shipping method',
        tags,
        params: IdParams,
        body: ShippingMethodBody,
        response: { 200: ShippingMethodView },
      },
      config: write,
    },
    (req) => checkout.replaceShippingMethod(req.params.id, req.body),
  )
  app.delete(
    '/checkout/shipping-methods/:id',
    {
      schema: { summary: 'Delete a shipping method', tags, params: IdParams, response: { 204: NoContent } },
      config: write,
    },
    async (req, reply) => {
      await checkout.deleteShippingMethod(req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/checkout/tax-rates',
    { schema: { summary: 'List tax rates', tags, response: { 200: TaxRateList } }, config: read },
    async () => ({ items: await checkout.listTaxRates() }),
  )
  app.post(
    '/checkout/tax-rates',
    {
      schema: { summary: 'Create a tax rate', tags, body: TaxRateBody, response: { 201: TaxRateView } },
      config: write,
    },
    async (req, reply) => reply.code(201).send(await checkout.createTaxRate(req.body)),
  )
  app.put(
    '/checkout/tax-rates/:id',
    {
      schema: {
        summary: 'Replace a tax rate',
        tags,
        params: IdParams,
        body: TaxRateBody,
        response: { 200: TaxRateView },
      },
      config: write,
    },
    (req) => checkout.replaceTaxRate(req.params.id, req.body),
  )
  app.delete(
    '/checkout/tax-rates/:id',
    { schema: { summary: 'Delete a tax rate', tags, params: IdParams, response: { 204: NoContent } }, config: write },
    async (req, reply) => {
      await checkout.deleteTaxRate(req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/checkout/discount-codes',
    { schema: { summary: 'List discount codes', tags, response: { 200: DiscountCodeList } }, config: read },
    async () => ({ items: await checkout.listDiscountCodes() }),
  )
  app.get(
    '/checkout/discount-codes/:id',
    {
      schema: {
        summary: 'One discount code, with its use count',
        tags,
        params: IdParams,
        response: { 200: DiscountCodeView },
      },
      config: read,
    },
    (req) => checkout.getDiscountCode(req.params.id),
  )
  app.post(
    '/checkout/discount-codes',
    {
      schema: { summary: 'Create a discount code', tags, body: DiscountCodeBody, response: { 201: DiscountCodeView } },
      config: write,
    },
    async (req, reply) => reply.code(201).send(await checkout.createDiscountCode(req.body)),
  )
  app.put(
    '/checkout/discount-codes/:id',
    {
      schema: {
        summary: 'Replace a discount code (its use count stays)',
        tags,
        params: IdParams,
        body: DiscountCodeBody,
        response: { 200: DiscountCodeView },
      },
      config: write,
    },
    (req) => checkout.replaceDiscountCode(req.params.id, req.body),
  )
  app.delete(
    '/checkout/discount-codes/:id',
    {
      schema: { summary: 'Delete a discount code', tags, params: IdParams, response: { 204: NoContent } },
      config: write,
    },
    async (req, reply) => {
      await checkout.deleteDiscountCode(req.params.id)
      return reply.code(204).send(null)
    },
  )
}
