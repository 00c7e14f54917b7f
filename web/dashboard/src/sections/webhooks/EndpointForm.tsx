/** The fields of a webhook endpoint (URL, events, description, enabled), for creating and editing. */
import { useQuery } from '@tanstack/react-query'
import { useForm } from 'react-hook-form'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { type EventType, eventTypesQuery } from './queries.ts'

export interface EndpointFields {
  url: string
  events: EventType[]
  description: string
  enabled: boolean
}

export function EndpointForm(props: {
  idPrefix: string
  initial: EndpointFields
  submitLabel: string
  onSubmit: (values: EndpointFields) => Promise<unknown>
  error: unknown
}) {
  const types = useQuery(eventTypesQuery)
  const form = useForm<EndpointFields>({ defaultValues: props.initial })
  const errors = form.formState.errors
  const id = (name: string) => `${props.idPrefix}-${name}`
  const submit = form.handleSubmit(async (values) => {
    try {
      await props.onSubmit(values)
    } catch {
      // Shown through `error` by the caller.
    }
  })
  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert error={props.error ?? types.error} />
      <label htmlFor={id('url')}>URL</label>
      <input
        id={id('url')}
        type="url"
        placeholder="https://example.com/hooks/backroom"
        aria-invalid={errors.url ? true : undefined}
        aria-describedby={errors.url ? id('url-error') : undefined}
        {...form.register('url', { required: 'Enter the URL that receives the events' })}
      />
      {errors.url ? (
        <p id={id('url-error')} className="field-error">
          {errors.url.message}
        </p>
      ) : null}
      <fieldset>
        <legend>Events</legend>
        {types.data?.items.map((type) => (
          <div key={type.type} className="check">
            <input
              id={id(`event-${type.type}`)}
              type="checkbox"
              value={type.type}
              {...form.register('events', { validate: (value) => value.length > 0 || 'Choose at least one event' })}
            />
            <label htmlFor={id(`event-${type.type}`)}>
              {type.type} <span className="muted">— {type.description}</span>
            </label>
          </div>
        ))}
        {errors.events ? <p className="field-error">{errors.events.message}</p> : null}
      </fieldset>
      <label htmlFor={id('description')}>Description (optional)</label>
      <input id={id('description')} maxLength={200} {...form.register('description')} />
      <div className="check">
        <input id={id('enabled')} type="checkbox" {...form.register('enabled')} />
        <label htmlFor={id('enabled')}>Enabled</label>
      </div>
      <p>
        <button type="submit" disabled={form.formState.isSubmitting}>
          {props.submitLabel}
        </button>
      </p>
    </form>
  )
}
