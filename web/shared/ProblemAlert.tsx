/** Shows an error from the API (a ProblemError) or any other failure, announced to screen readers. */
import { ProblemError } from './api.ts'

export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null
  const message = error instanceof Error ? error.message : String(error)
  const code = error instanceof ProblemError ? error.code : undefined
  return (
    <div className="problem" role="alert">
      {message}
      {code ? <span className="muted"> ({code})</span> : null}
    </div>
  )
}
