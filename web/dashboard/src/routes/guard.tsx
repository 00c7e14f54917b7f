/**
 * A section route's permission check, for routes under `appRoute`: `...guarded('orders:read')`. Without
 * the permission the page says so (the nav hides the section anyway; this covers typed-in URLs). The
 * server still judges every request.
 */
import type { QueryClient } from '@tanstack/react-query'
import { ProblemError } from '../../../shared/api.ts'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { can, meQuery, type Permission } from '../session.ts'

export function guarded(permission: Permission) {
  return {
    beforeLoad: async ({ context }: { context: { queryClient: QueryClient } }) => {
      const me = await context.queryClient.ensureQueryData(meQuery)
      if (!can(me, permission)) {
        throw new ProblemError(403, { code: 'forbidden', detail: `This page needs the ${permission} permission` })
      }
    },
    errorComponent: ({ error }: { error: unknown }) => <ProblemAlert error={error} />,
  }
}
