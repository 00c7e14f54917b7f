/** A labelled form control with its error message tied to it (aria-invalid, aria-describedby). */
import type { ReactElement } from 'react'
import { cloneElement } from 'react'

export function Field(props: { id: string; label: string; error?: string; hint?: string; children: ReactElement }) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p className="muted hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {cloneElement(props.children as ReactElement<Record<string, unknown>>, {
        id: props.id,
        'aria-invalid': props.error ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {props.error ? (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  )
}
