/** The TanStack Query client both apps use: short freshness, no retry of a refusal (a 4xx will not change). */
import { QueryClient } from '@tanstack/react-query'
import { ProblemError } from './api.ts'

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A refusal will not change on retry; a network blip may.
        retry: (count, error) => !(error instanceof ProblemError && error.status < 500) && count < 2,
      },
    },
  })
}
