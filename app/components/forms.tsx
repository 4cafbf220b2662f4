import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { useTranslation } from 'react-i18next'

/** Renders validation messages (translation keys, optionally `key|value`) next to their field. */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <ul id={id} className="field__errors" role="list">
      {errors.map((e) => {
        const [key, value] = e.split('|')
        return <li key={e}>{t(key!, { value, defaultValue: t('validation.invalid') })}</li>
      })}
    </ul>
  )
}

interface FieldProps {
  label: string
  hint?: string
  className?: string
}

type AnyField = FieldMetadata<unknown>

export function TextField({
  field,
  label,
  hint,
  type = 'text',
  className,
  autoComplete,
}: FieldProps & { field: FieldMetadata<string | undefined> | AnyField; type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'search'; autoComplete?: string }) {
  const { key, ...props } = getInputProps(field as FieldMetadata<string>, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined })
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={`${field.id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input key={key} {...props} autoComplete={autoComplete} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function TextAreaField({ field, label, hint, className, rows = 4 }: FieldProps & { field: AnyField; rows?: number }) {
  const { key, ...props } = getTextareaProps(field as FieldMetadata<string>, { ariaDescribedBy: hint ? `${field.id}-hint` : undefined })
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={`${field.id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <textarea key={key} rows={rows} {...props} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function SelectField({
  field,
  label,
  hint,
  options,
  placeholder,
  className,
}: FieldProps & { field: AnyField; options: { value: string; label: string }[]; placeholder?: string }) {
  const { key, ...props } = getSelectProps(field as FieldMetadata<string>, { ariaDescribedBy: hint ? `${field.id}-hint` : undefined })
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={`${field.id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <select key={key} {...props}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function CheckboxGroup({
  field,
  label,
  options,
  className,
}: FieldProps & { field: AnyField; options: { value: string; label: string }[] }) {
  const initial = field.initialValue
  const selected = new Set(Array.isArray(initial) ? initial : typeof initial === 'string' ? [initial] : [])
  return (
    <fieldset className={`field checkbox-group ${className ?? ''}`} aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>{label}</legend>
      <div className="checkbox-group__options">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" name={field.name} value={o.value} defaultChecked={selected.has(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  )
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
