/**
 * A button whose action asks first: the first click shows the question with a confirm and a back
 * button (focus moves to the confirm button), the second runs the action. The caller shows the
 * outcome (a refusal through <ProblemAlert />).
 */
import { type ReactNode, useEffect, useRef, useState } from 'react'

export function ConfirmButton(props: {
  label: string
  question: ReactNode
  confirmLabel: string
  onConfirm: () => Promise<unknown>
  /** Runs before the question is shown; false keeps it closed (e.g. an invalid amount). */
  onOpen?: () => boolean
  danger?: boolean
  disabled?: boolean
}) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (open) confirmRef.current?.focus()
  }, [open])
  if (!open) {
    return (
      <button
        type="button"
        className={props.danger ? 'danger' : undefined}
        disabled={props.disabled}
        onClick={() => {
          if (props.onOpen && !props.onOpen()) return
          setOpen(true)
        }}
      >
        {props.label}
      </button>
    )
  }
  return (
    <fieldset className="confirm">
      <legend>{props.question}</legend>
      <button
        ref={confirmRef}
        type="button"
        className={props.danger ? 'danger' : undefined}
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          try {
            await props.onConfirm()
            setOpen(false)
          } catch {
            // The caller shows the problem; the question stays open so a retry reuses the same action.
          } finally {
            setBusy(false)
          }
        }}
      >
        {props.confirmLabel}
      </button>{' '}
      <button type="button" className="secondary" disabled={busy} onClick={() => setOpen(false)}>
        Back
      </button>
    </fieldset>
  )
}
