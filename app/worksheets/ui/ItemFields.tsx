import { useTranslation } from 'react-i18next'
import { FieldErrors } from '../../components/forms.tsx'
import { type LinkOption } from '../types.ts'
import { formFields, MEMBER_OPTIONS, type FieldSpec, type KindSpec } from '../spec.ts'
import { shortWords, withCode } from '../recordName.ts'
import { exampleKey, hasExample } from '../examples.ts'

interface Props {
  spec: KindSpec
  formId: string
  values: Record<string, unknown>
  errors: Record<string, string[] | null | undefined>
  options: Record<string, LinkOption[]>
  /** Changing a field's key re-creates its input with `values` (e.g. "take theirs" after a conflict). */
  fieldKeys?: Record<string, string>
}

/** The inputs of one item's form, generated from its kind spec. */
export function ItemFields({ spec, formId, values, errors, options, fieldKeys = {} }: Props) {
  return (
    <div className="item-fields">
      {formFields(spec).map((f) => (
        <ItemField
          key={`${f.name}${fieldKeys[f.name] ?? ''}`}
          kind={spec.kind}
          field={f}
          id={`${formId}-${f.name}`}
          value={values[f.name]}
          errors={errors[f.name] ?? undefined}
          options={options}
        />
      ))}
    </div>
  )
}

function ItemField({
  kind,
  field,
  id,
  value,
  errors,
  options,
}: {
  kind: string
  field: FieldSpec
  id: string
  value: unknown
  errors?: string[]
  options: Record<string, LinkOption[]>
}) {
  const { t } = useTranslation('worksheets')
  const label = t(`kinds.${kind}.fields.${field.name}`)
  const errorId = `${id}-error`
  const common = {
    id,
    name: field.name,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': errors?.length ? errorId : undefined,
  }
  // An example from the worked example plan, not a label: the label above stays (ADR 057).
  const placeholder = hasExample(kind, field) ? t('example', { example: t(exampleKey(kind, field.name)) }) : undefined
  const wide = field.type === 'longtext' || field.type === 'links' || field.type === 'multiEnum'
  let control: React.ReactNode
  switch (field.type) {
    case 'text':
      control = (
        <input
          type="text"
          {...common}
          defaultValue={str(value)}
          required={field.required}
          maxLength={field.max ?? 300}
          placeholder={placeholder}
        />
      )
      break
    case 'longtext':
      control = (
        <textarea
          {...common}
          defaultValue={str(value)}
          rows={3}
          required={field.required}
          placeholder={placeholder}
          maxLength={field.max ?? 5000}
        />
      )
      break
    case 'number':
      control = (
        <input
          type="number"
          {...common}
          defaultValue={str(value)}
          required={field.required}
          min={field.min}
          max={field.max}
          step={field.integer ? 1 : 'any'}
          placeholder={placeholder}
          inputMode={field.integer ? 'numeric' : 'decimal'}
        />
      )
      break
    case 'date':
      control = <input type="date" {...common} defaultValue={str(value)} required={field.required} />
      break
    case 'boolean':
      return (
        <div className="field field--checkbox">
          <label className="checkbox">
            <input type="checkbox" {...common} value="on" defaultChecked={value === true} />
            <span>{label}</span>
          </label>
          <FieldErrors id={errorId} errors={errors} />
        </div>
      )
    case 'enum':
      control = (
        <select {...common} defaultValue={str(value)} required={field.required}>
          <option value="">{field.required ? t('choose') : '—'}</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {t(`options.${field.name}.${o}`)}
            </option>
          ))}
        </select>
      )
      break
    case 'link':
      control = (
        <select {...common} defaultValue={str(value)} required={field.required}>
          <option value="">{field.required ? t('choose') : '—'}</option>
          {(options[field.kind] ?? []).map((o) => (
            <option key={o.id} value={o.id} title={o.label.length > 80 ? o.label : undefined}>
              {withCode(shortWords(o.label), o.ref, t('untitled'))}
            </option>
          ))}
        </select>
      )
      break
    case 'member':
      control = (
        <select
          {...common}
          aria-describedby={
            [common['aria-describedby'], field.hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined
          }
          defaultValue={str(value)}
        >
          <option value="">—</option>
          {(options[MEMBER_OPTIONS] ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
          {/* Someone who has left the team stays chosen until another person is. */}
          {typeof value === 'string' && value && !(options[MEMBER_OPTIONS] ?? []).some((o) => o.id === value) ? (
            <option value={value}>{t('formerMember')}</option>
          ) : null}
        </select>
      )
      break
    case 'links':
    case 'multiEnum': {
      const selected = new Set(Array.isArray(value) ? value.map(String) : [])
      const choices =
        field.type === 'links'
          ? (options[field.kind] ?? []).map((o) => ({ value: o.id, label: withCode(o.label, o.ref, t('untitled')) }))
          : field.options.map((o) => ({ value: o, label: t(`options.${field.name}.${o}`) }))
      return (
        <fieldset className="field field--wide checkbox-group" aria-describedby={errors?.length ? errorId : undefined}>
          <legend>{label}</legend>
          {choices.length === 0 ? <p className="field__hint">{t('noChoices')}</p> : null}
          <div className="checkbox-group__options">
            {choices.map((c) => (
              <label key={c.value} className="checkbox">
                <input type="checkbox" name={field.name} value={c.value} defaultChecked={selected.has(c.value)} />
                <span>{c.label}</span>
              </label>
            ))}
          </div>
          <FieldErrors id={errorId} errors={errors} />
        </fieldset>
      )
    }
  }
  return (
    <div className={`field${wide ? ' field--wide' : ''}`}>
      <label htmlFor={id}>
        {label}
        {'required' in field && field.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {control}
      {field.type === 'member' && field.hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {t(field.hint)}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  )
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value)
}
