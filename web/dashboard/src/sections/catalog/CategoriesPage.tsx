/** Categories as a tree: create, rename, move under another parent, delete (an empty one). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { api, ProblemError, unwrap } from '../../../../shared/api.ts'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import './catalog.css'
import { suggestHandle } from './product-form.ts'
import { type Category, categoriesQuery, invalidateCatalog } from './queries.ts'

interface Node {
  category: Category
  children: Node[]
}

/** The depth-first list as nested nodes (ordered as the server lists them). */
export function treeOf(items: readonly Category[]): Node[] {
  const nodes = new Map(items.map((category) => [category.id, { category, children: [] as Node[] }]))
  const roots: Node[] = []
  for (const node of nodes.values()) {
    const parent = node.category.parentId ? nodes.get(node.category.parentId) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

interface CategoryForm {
  name: string
  handle: string
  parentId: string
}

export function CategoriesPage() {
  const categories = useQuery(categoriesQuery)
  const [editing, setEditing] = useState<Category>()
  const items = categories.data?.items ?? []
  return (
    <>
      <h1>Categories</h1>
      <ProblemAlert error={categories.error} />
      {categories.isPending ? <p>Loading…</p> : null}
      {items.length === 0 && !categories.isPending ? <p className="muted">No categories yet.</p> : null}
      <Tree nodes={treeOf(items)} onEdit={setEditing} label="Category tree" />
      {editing ? (
        <EditCategory key={editing.id} category={editing} categories={items} onDone={() => setEditing(undefined)} />
      ) : null}
      <NewCategory categories={items} />
    </>
  )
}

function Tree({ nodes, onEdit, label }: { nodes: Node[]; onEdit: (c: Category) => void; label?: string }) {
  if (nodes.length === 0) return null
  return (
    <ul className="tree" aria-label={label}>
      {nodes.map(({ category, children }) => (
        <li key={category.id}>
          <span className="tree-item">
            <span>{category.name}</span> <span className="muted">/{category.handle}</span>{' '}
            <button type="button" className="secondary small" onClick={() => onEdit(category)}>
              Edit {category.name}
            </button>
          </span>
          <Tree nodes={children} onEdit={onEdit} />
        </li>
      ))}
    </ul>
  )
}

/** Parents a category may move under: any but itself and its descendants. */
function parentOptions(categories: readonly Category[], moving?: Category) {
  const below = new Set<string>()
  if (moving) {
    below.add(moving.id)
    for (const c of categories) if (c.parentId && below.has(c.parentId)) below.add(c.id) // depth first: parents come first
  }
  return categories.filter((c) => !below.has(c.id))
}

function ParentSelect({ id, categories, register }: { id: string; categories: Category[]; register: object }) {
  return (
    <select id={id} {...register}>
      <option value="">(top level)</option>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>
          {'\u2003'.repeat(c.depth)}
          {c.name}
        </option>
      ))}
    </select>
  )
}

function showFieldErrors(error: unknown, setError: (name: keyof CategoryForm, e: { message: string }) => void) {
  if (!(error instanceof ProblemError)) return
  if (error.code === 'duplicate-category') setError('handle', { message: error.message })
  if (error.code === 'category-cycle' || error.code === 'unknown-category')
    setError('parentId', { message: error.message })
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    if (field === 'name' || field === 'handle' || field === 'parentId') setError(field, { message })
  }
}

function NewCategory({ categories }: { categories: Category[] }) {
  const queryClient = useQueryClient()
  const form = useForm<CategoryForm>({ defaultValues: { name: '', handle: '', parentId: '' } })
  const create = useMutation({
    mutationFn: (values: CategoryForm) =>
      unwrap(
        api.POST('/admin/categories', {
          body: {
            name: values.name,
            handle: values.handle.trim() || suggestHandle(values.name),
            parentId: values.parentId || null,
          },
        }),
      ),
    onSuccess: async () => {
      form.reset()
      await invalidateCatalog(queryClient)
    },
    onError: (error) => showFieldErrors(error, form.setError),
  })
  const errors = form.formState.errors
  return (
    <section aria-labelledby="new-category">
      <h2 id="new-category">New category</h2>
      <form onSubmit={form.handleSubmit((values) => create.mutate(values))} noValidate>
        <ProblemAlert error={create.error} />
        <label htmlFor="new-category-name">Name</label>
        <input id="new-category-name" {...form.register('name', { required: 'A name is required' })} />
        {errors.name ? <p className="field-error">{errors.name.message}</p> : null}
        <label htmlFor="new-category-handle">Handle (optional: made from the name)</label>
        <input id="new-category-handle" {...form.register('handle')} />
        {errors.handle ? <p className="field-error">{errors.handle.message}</p> : null}
        <label htmlFor="new-category-parent">Parent</label>
        <ParentSelect id="new-category-parent" categories={categories} register={form.register('parentId')} />
        {errors.parentId ? <p className="field-error">{errors.parentId.message}</p> : null}
        <p>
          <button type="submit" disabled={create.isPending}>
            Create category
          </button>
        </p>
      </form>
    </section>
  )
}

function EditCategory(props: { category: Category; categories: Category[]; onDone: () => void }) {
  const { category } = props
  const queryClient = useQueryClient()
  const form = useForm<CategoryForm>({
    defaultValues: { name: category.name, handle: category.handle, parentId: category.parentId ?? '' },
  })
  const save = useMutation({
    mutationFn: (values: CategoryForm) =>
      unwrap(
        api.PATCH('/admin/categories/{id}', {
          params: { path: { id: category.id } },
          body: { name: values.name, handle: values.handle.trim(), parentId: values.parentId || null },
        }),
      ),
    onSuccess: async () => {
      await invalidateCatalog(queryClient)
      props.onDone()
    },
    onError: (error) => showFieldErrors(error, form.setError),
  })
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/admin/categories/{id}', { params: { path: { id: category.id } } })),
    onSuccess: async () => {
      await invalidateCatalog(queryClient)
      props.onDone()
    },
  })
  const errors = form.formState.errors
  return (
    <section aria-labelledby="edit-category" className="panel">
      <h2 id="edit-category">Edit “{category.name}”</h2>
      <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate>
        <ProblemAlert error={save.error ?? remove.error} />
        <label htmlFor="edit-category-name">Name</label>
        <input id="edit-category-name" {...form.register('name', { required: 'A name is required' })} />
        {errors.name ? <p className="field-error">{errors.name.message}</p> : null}
        <label htmlFor="edit-category-handle">Handle</label>
        <input id="edit-category-handle" {...form.register('handle')} />
        {errors.handle ? <p className="field-error">{errors.handle.message}</p> : null}
        <label htmlFor="edit-category-parent">Parent</label>
        <ParentSelect
          id="edit-category-parent"
          categories={parentOptions(props.categories, category)}
          register={form.register('parentId')}
        />
        {errors.parentId ? <p className="field-error">{errors.parentId.message}</p> : null}
        <div className="row actions">
          <button type="submit" disabled={save.isPending}>
            Save category
          </button>
          <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Delete category
          </button>
          <button type="button" className="secondary" onClick={props.onDone}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
