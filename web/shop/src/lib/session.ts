/**
 * The shopper's session: an HttpOnly cookie set at sign-in (`session: 'cookie'`), so page scripts never
 * hold a token. `GET /auth/me` says who is signed in; a 401 simply means nobody is.
 */
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, ProblemError, type Schemas, unwrap } from '../../../shared/api.ts'

export type Me = Schemas['MeView']

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await unwrap(api.GET('/auth/me'))
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401) return null
      throw error
    }
  },
  staleTime: 60_000,
  retry: false,
})

/** The signed-in account, or null for a guest (undefined while loading). */
export function useMe(): Me | null | undefined {
  return useQuery(meQuery).data
}
