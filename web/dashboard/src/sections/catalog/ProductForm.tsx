/**
 * The product form (react-hook-form): product fields, variants (SKU, options, stock, weight) and their
 * prices typed as decimals and sent as exact minor units. What the server refuses is shown next to the
 * field its `errors[].pointer` (or a duplicate's code) names.
 */
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { type Control, get, type UseFormRegister, useFieldArray, useForm, useFormState } from 'react-hook-form'
import { ProblemError, type Schemas } from '../../../../shared/api.ts'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import {
  bodyOf,
  emptyPrice,
  emptyProduct,
  emptyVariant,
  formFieldOf,
  formOf,
  type ProductFormValues,
  suggestHandle,
} from './product-form.ts'
import { type AdminProduct, categoriesQuery } from './queries.ts'

type Body = Schemas['CreateProductBody']
type FieldName = Parameters<UseFormRegister<ProductFormValues>>[0]

const idOf = (name: string) => `f-${name.replaceAll('.', '-')}`

/** aria wiring of an input to its error message. */
function describe(name: string, errors: object) {
  const invalid = Boolean(get(errors, name))
  return { id: idOf(name), 'aria-invalid': invalid, 'aria-describedby': invalid ? `${idOf(name)}-error` : undefined }
}

function FieldError({ name, control }: { name: string; control: Control<ProductFormValues> }) {
  const { errors } = useFormState({ control })
  const message = (get(errors, name) as { message?: string } | undefined)?.message
  return message ? (
    <p className="field-error" id={`${idOf(name)}-error`}>
      {message}
    </p>
  ) : null
}

export function ProductForm(props: {
  product?: AdminProduct
  submitLabel: string
  onSave: (body: Body) => Promise<void>
}) {
  const form = useForm<ProductFormValues>({ defaultValues: props.product ? formOf(props.product) : emptyProduct })
  const { register, control, setError, handleSubmit, getValues, setValue } = form
  const { errors, isSubmitting } = form.formState
  const variants = useFieldArray({ control, name: 'variants' })
  const categories = useQuery(categoriesQuery)
  const [failure, setFailure] = useState<unknown>()

  const submit = handleSubmit(async (values) => {
    setFailure(undefined)
    const result = bodyOf(values)
    if ('errors' in result) {
      for (const [name, message] of Object.entries(result.errors)) setError(name as FieldName, { message })
      return
    }
    try {
      await props.onSave(result.body)
    } catch (error) {
      setFailure(error)
      if (!(error instanceof ProblemError)) return
      const extras = error.problem as Record<string, unknown>
      if (error.code === 'duplicate-handle') setError('handle', { message: error.message })
      if (error.code === 'duplicate-sku') {
        const index = values.variants.findIndex((v) => v.sku.trim() === extras.sku)
        if (index >= 0) setError(`variants.${index}.sku`, { message: error.message })
      }
      if (error.code === 'unknown-category') setError('categoryIds', { message: error.message })
      for (const [path, message] of Object.entries(error.fieldErrors)) {
        const field = formFieldOf(path, values)
        if (field) setError(field as FieldName, { message })
      }
    }
  })

  return (
    <form onSubmit={submit} noValidate className="product-form">
      <ProblemAlert error={failure} />
      <label htmlFor={idOf('title')}>Title</label>
      <input
        {...describe('title', errors)}
        required
        {...register('title', {
          required: 'A title is required',
          onBlur: () => {
            if (!getValues('handle').trim()) setValue('handle', suggestHandle(getValues('title')))
          },
        })}
      />
      <FieldError name="title" control={control} />

      <label htmlFor={idOf('handle')}>Handle</label>
      <p className="muted hint" id="handle-hint">
        The product’s address in the shop: lowercase letters, digits and dashes.
      </p>
      <input
        {...describe('handle', errors)}
        aria-describedby={errors.handle ? `${idOf('handle')}-error` : 'handle-hint'}
        {...register('handle')}
      />
      <FieldError name="handle" control={control} />

      <label htmlFor={idOf('description')}>Description</label>
      <textarea rows={4} {...describe('description', errors)} {...register('description')} />
      <FieldError name="description" control={control} />

      <label htmlFor={idOf('tags')}>Tags (comma-separated)</label>
      <input {...describe('tags', errors)} {...register('tags')} />
      <FieldError name="tags" control={control} />

      <fieldset className="categories-picker">
        <legend>Categories</legend>
        {categories.data?.items.length === 0 ? <p className="muted">No categories yet.</p> : null}
        <ProblemAlert error={categories.error} />
        {categories.data?.items.map((category) => (
          <label key={category.id} className="checkbox" style={{ paddingLeft: `${category.depth * 1.2}rem` }}>
            <input type="checkbox" value={category.id} {...register('categoryIds')} /> {category.name}
          </label>
        ))}
        <FieldError name="categoryIds" control={control} />
      </fieldset>

      <h2>Variants</h2>
      {variants.fields.map((field, i) => (
        <fieldset key={field.id} className="variant">
          <legend>Variant {i + 1}</legend>
          <div className="grid">
            <div>
              <label htmlFor={idOf(`variants.${i}.sku`)}>SKU</label>
              <input
                {...describe(`variants.${i}.sku`, errors)}
                {...register(`variants.${i}.sku`, { required: 'A SKU is required' })}
              />
              <FieldError name={`variants.${i}.sku`} control={control} />
            </div>
            <div>
              <label htmlFor={idOf(`variants.${i}.options`)}>Options (name=value; …)</label>
              <input
                {...describe(`variants.${i}.options`, errors)}
                placeholder="size=M; colour=blue"
                {...register(`variants.${i}.options`)}
              />
              <FieldError name={`variants.${i}.options`} control={control} />
            </div>
            <div>
              <label htmlFor={idOf(`variants.${i}.stock`)}>Stock</label>
              <input
                inputMode="numeric"
                {...describe(`variants.${i}.stock`, errors)}
                {...register(`variants.${i}.stock`)}
              />
              <FieldError name={`variants.${i}.stock`} control={control} />
            </div>
            <div>
              <label htmlFor={idOf(`variants.${i}.weightGrams`)}>Weight (g)</label>
              <input
                inputMode="numeric"
                {...describe(`variants.${i}.weightGrams`, errors)}
                {...register(`variants.${i}.weightGrams`)}
              />
              <FieldError name={`variants.${i}.weightGrams`} control={control} />
            </div>
          </div>
          <Prices variant={i} control={control} register={register} errors={errors} />
          <FieldError name={`variants.${i}.prices`} control={control} />
          {variants.fields.length > 1 ? (
            <button type="button" className="secondary" onClick={() => variants.remove(i)}>
              Remove variant {i + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <FieldError name="variants" control={control} />
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => variants.append(emptyVariant(getValues('variants.0.prices.0.currency') || 'EUR'))}
        >
          Add variant
        </button>
      </p>

      <h2>Images and attributes</h2>
      <label htmlFor={idOf('images')}>Images (one per line: URL | alt text)</label>
      <textarea rows={3} {...describe('images', errors)} {...register('images')} />
      <FieldError name="images" control={control} />
      <label htmlFor={idOf('attributes')}>Attributes (JSON object)</label>
      <textarea
        rows={3}
        {...describe('attributes', errors)}
        placeholder='{"material": "linen"}'
        {...register('attributes')}
      />
      <FieldError name="attributes" control={control} />

      <p>
        <button type="submit" disabled={isSubmitting}>
          {props.submitLabel}
        </button>
      </p>
    </form>
  )
}

function Prices(props: {
  variant: number
  control: Control<ProductFormValues>
  register: UseFormRegister<ProductFormValues>
  errors: object
}) {
  const { variant: i, control, register, errors } = props
  const prices = useFieldArray({ control, name: `variants.${i}.prices` })
  return (
    <table className="prices">
      <caption className="visually-hidden">Prices of variant {i + 1}</caption>
      <thead>
        <tr>
          <th scope="col">Currency</th>
          <th scope="col">Price</th>
          <th scope="col">Compare-at price</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {prices.fields.map((field, j) => {
          const base = `variants.${i}.prices.${j}` as const
          return (
            <tr key={field.id}>
              <td>
                <label className="visually-hidden" htmlFor={idOf(`${base}.currency`)}>
                  Currency of price {j + 1}
                </label>
                <input
                  size={4}
                  maxLength={3}
                  {...describe(`${base}.currency`, errors)}
                  {...register(`${base}.currency`, { required: 'A currency is required' })}
                />
                <FieldError name={`${base}.currency`} control={control} />
              </td>
              <td>
                <label className="visually-hidden" htmlFor={idOf(`${base}.amount`)}>
                  Price {j + 1}
                </label>
                <input inputMode="decimal" {...describe(`${base}.amount`, errors)} {...register(`${base}.amount`)} />
                <FieldError name={`${base}.amount`} control={control} />
              </td>
              <td>
                <label className="visually-hidden" htmlFor={idOf(`${base}.compareAt`)}>
                  Compare-at price {j + 1}
                </label>
                <input
                  inputMode="decimal"
                  {...describe(`${base}.compareAt`, errors)}
                  {...register(`${base}.compareAt`)}
                />
                <FieldError name={`${base}.compareAt`} control={control} />
              </td>
              <td>
                {prices.fields.length > 1 ? (
                  <button type="button" className="secondary" onClick={() => prices.remove(j)}>
                    Remove price {j + 1}
                  </button>
                ) : null}
              </td>
            </tr>
          )
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={4}>
            <button type="button" className="secondary" onClick={() => prices.append(emptyPrice(''))}>
              Add a price in another currency
            </button>
          </td>
        </tr>
      </tfoot>
    </table>
  )
}
