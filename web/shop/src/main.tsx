/** The demo storefront: React, TanStack Router and Query, talking to the API through the typed client. */
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createQueryClient } from '../../shared/query-client.ts'
import { createShopRouter } from './router.tsx'
import '../../shared/base.css'
import './shop.css'

const queryClient = createQueryClient()
const router = createShopRouter(queryClient)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
)
