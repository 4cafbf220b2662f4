import {
  FormProvider,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useField,
  useForm,
  useFormMetadata,
  type DefaultValue,
  type FieldName,
  type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, type FormProps } from '@remix-run/react'
import { type ComponentProps, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { type z } from 'zod'

// How these pieces fit (ADR 026): conform only re-renders a component for the state it read in
// its own last render. A page that calls useForm and renders fields in child components can
// re-render without its children (React bails out of them) and so forget that they read their
// errors; the messages of fields the user never visited then stay hidden after a failed submit.
// So a form is a <ConformForm> (a FormProvider), and every field component below subscribes to
// its own state with useField and reads it in its own render.

/**
 * Renders validation messages next to their field: translation keys, optionally `key|value` or, for
 * ranges, `key|min|max` (interpolated as {{value}}, or {{min}} and {{max}}).
 */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <ul id={id} className="field__errors" role="list">
      {errors.map((e) => (
        <li key={e}>{validationMessage(e, t)}</li>
      ))}
    </ul>
  )
}

/** One validation message as words: `key`, `key|value` or `key|min|max`; an unknown key reads as "invalid". */
export function validationMessage(
  message: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const [key, value, max] = message.split('|')
  return t(key!, { value, min: value, max, defaultValue: t('validation.invalid') })
}

/** Errors that belong to the whole form (for example "wrong email or password"). */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <div className="alert alert--error" role="alert">
      <FieldErrors id={id} errors={errors} />
    </div>
  )
}

/**
 * useForm with the project's conventions: one zod schema gives the browser's constraints and the
 * client-side validation (the server parses with the same schema); a field is checked when the
 * person leaves it, and once it shows a message, re-checked as they type so it clears at once.
 */
export function useSchemaForm<Schema extends z.ZodTypeAny>(
  schema: Schema,
  options: { id: string; lastResult?: SubmissionResult<string[]> | null; defaultValue?: DefaultValue<z.input<Schema>> },
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    ...options,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
}

type FormContextHandle = ComponentProps<typeof FormProvider>['context']

/**
 * A conform form posted through Remix: provides the form's state to the field components inside,
 * and shows the form-level errors first.
 */
export function ConformForm({
  form,
  children,
  ...formProps
}: { form: { id: string; context: FormContextHandle }; children: ReactNode } & Omit<
  FormProps,
  'id' | 'onSubmit' | 'noValidate'
>) {
  return (
    <FormProvider context={form.context}>
      <ConformFormElement formId={form.id} {...formProps}>
        {children}
      </ConformFormElement>
    </FormProvider>
  )
}

function ConformFormElement({
  formId,
  children,
  method = 'post',
  ...formProps
}: { formId: string; children: ReactNode } & Omit<FormProps, 'id'>) {
  // Until hydration the browser's own constraint validation guards the form (progressive
  // enhancement); conform takes over once hydrated, which tests detect by `novalidate`.
  const form = useFormMetadata(formId, { defaultNoValidate: false })
  const errors = form.errors
  return (
    <Form method={method} {...getFormProps(form)} {...formProps}>
      <FormErrors id={form.errorId} errors={errors} />
      {children}
    </Form>
  )
}

/** What a field component needs to find its state: any conform field metadata will do. */
interface FieldRef {
  name: FieldName<unknown>
  formId: string
}

interface FieldProps {
  field: FieldRef
  label: string
  hint?: string
  className?: string
}

/** The field's metadata, subscribed by the calling component itself (see the note at the top). */
function useOwnField(ref: FieldRef) {
  const [field] = useField(ref.name, { formId: ref.formId })
  return field
}

/** Label, optional hint, the control, and its messages: the layout every field shares. */
function FieldFrame({
  controlId,
  label,
  hint,
  hintId,
  errorId,
  errors,
  className,
  children,
}: {
  controlId: string
  label: string
  hint?: string
  hintId?: string
  errorId: string
  errors?: string[]
  className?: string
  children: ReactNode
}) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={controlId}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  )
}

export function TextField({
  field: ref,
  label,
  hint,
  type = 'text',
  className,
  autoComplete,
}: FieldProps & { type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'search'; autoComplete?: string }) {
  const field = useOwnField(ref)
  const hintId = hint ? `${field.id}-hint` : undefined
  const props = getInputProps(field, { type, ariaDescribedBy: hintId })
  return (
    <FieldFrame
      controlId={field.id}
      label={label}
      hint={hint}
      hintId={hintId}
      errorId={field.errorId}
      errors={field.errors}
      className={className}
    >
      <input {...props} key={field.key} autoComplete={autoComplete} />
    </FieldFrame>
  )
}

/** A new password and its repetition, as set on an invitation and when changing one's password. */
export function NewPasswordFields({
  newPassword,
  confirmPassword,
}: {
  newPassword: FieldRef
  confirmPassword: FieldRef
}) {
  const { t } = useTranslation()
  return (
    <>
      <TextField
        field={newPassword}
        label={t('account.newPassword')}
        hint={t('account.passwordHint')}
        type="password"
        autoComplete="new-password"
      />
      <TextField
        field={confirmPassword}
        label={t('account.confirmPassword')}
        type="password"
        autoComplete="new-password"
      />
    </>
  )
}

export function TextAreaField({ field: ref, label, hint, className, rows = 4 }: FieldProps & { rows?: number }) {
  const field = useOwnField(ref)
  const hintId = hint ? `${field.id}-hint` : undefined
  const props = getTextareaProps(field, { ariaDescribedBy: hintId })
  return (
    <FieldFrame
      controlId={field.id}
      label={label}
      hint={hint}
      hintId={hintId}
      errorId={field.errorId}
      errors={field.errors}
      className={className}
    >
      <textarea rows={rows} {...props} key={field.key} />
    </FieldFrame>
  )
}

export function SelectField({
  field: ref,
  label,
  hint,
  options,
  placeholder,
  className,
}: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const field = useOwnField(ref)
  const hintId = hint ? `${field.id}-hint` : undefined
  const props = getSelectProps(field, { ariaDescribedBy: hintId })
  return (
    <FieldFrame
      controlId={field.id}
      label={label}
      hint={hint}
      hintId={hintId}
      errorId={field.errorId}
      errors={field.errors}
      className={className}
    >
      <select {...props} key={field.key}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

export function CheckboxGroup({
  field: ref,
  label,
  options,
  className,
}: Omit<FieldProps, 'hint'> & { options: { value: string; label: string }[] }) {
  const field = useOwnField(ref)
  const initial = field.initialValue
  const selected = new Set(Array.isArray(initial) ? initial : typeof initial === 'string' ? [initial] : [])
  const errors = field.errors
  return (
    <fieldset
      key={field.key}
      className={`field checkbox-group ${className ?? ''}`}
      aria-describedby={errors?.length ? field.errorId : undefined}
    >
      <legend>{label}</legend>
      <div className="checkbox-group__options">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              name={field.name}
              form={field.formId}
              value={o.value}
              defaultChecked={selected.has(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={errors} />
    </fieldset>
  )
}
