/** The signed-in staff member: who it is and what its role may do (the server still judges every call). */
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { api, type Schemas, unwrap } from '../../shared/api.ts'

export type Me = Schemas['MeView']
export type Permission = Me['permissions'][number]

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => unwrap(api.GET('/auth/me')),
  staleTime: 60_000,
  retry: false,
})

/** The signed-in account; only inside the signed-in part of the app (the `app` route loads it first). */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data
}

export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission)
}

export async function signOut(): Promise<void> {
  await api.POST('/auth/sign-out')
}
