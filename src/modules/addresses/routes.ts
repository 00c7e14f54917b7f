/** A signed-in customer's address book: /me/addresses. */
import { Type } from 'typebox'
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import { AddressBody, AddressList, AddressParams, AddressView } from './schemas.ts'
import type { AddressService } from './service.ts'

export async function addressRoutes(app: App, { addresses }: { addresses: AddressService }) {
  const tags = ['addresses']
  app.get(
    '/me/addresses',
    {
      schema: { summary: 'My address book', tags, response: { 200: AddressList } },
      config: { auth: 'customer', rateLimit: limits.read },
    },
    async (req) => ({ items: await addresses.list(req.actor) }),
  )
  app.post(
    '/me/addresses',
    {
      schema: { summary: 'Add an address', tags, body: AddressBody, response: { 201: AddressView } },
      config: { auth: 'customer', rateLimit: limits.write },
    },
    async (req, reply) => reply.code(201).send(await addresses.create(req.actor, req.body)),
  )
  app.get(
    '/me/addresses/:addressId',
    {
      schema: { summary: 'One address', tags, params: AddressParams, response: { 200: AddressView } },
      config: { auth: 'customer', rateLimit: limits.read },
    },
    (req) => addresses.get(req.actor, req.params.addressId),
  )
  app.put(
    '/me/addresses/:addressId',
    {
      schema: {
        summary: 'Replace an address',
        tags,
        params: AddressParams,
        body: AddressBody,
        response: { 200: AddressView },
      },
      config: { auth: 'customer', rateLimit: limits.write },
    },
    (req) => addresses.replace(req.actor, req.params.addressId, req.body),
  )
  app.delete(
    '/me/addresses/:addressId',
    {
      schema: { summary: 'Delete an address', tags, params: AddressParams, response: { 204: Type.Null() } },
      config: { auth: 'customer', rateLimit: limits.write },
    },
    async (req, reply) => {
      await addresses.remove(req.actor, req.params.addressId)
      return reply.code(204).send(null)
    },
  )
}
