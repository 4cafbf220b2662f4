import { type FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { countryOptions } from '../../utils/countries.ts'
import { ISIC_SECTIONS } from '../../utils/isic.ts'
import { LOCALES, PLAN_SCOPES } from '#core/vocabulary.ts'
import { type PlanFormValues } from '../../utils/plan-schema.ts'
import { CheckboxGroup, SelectField, TextField } from '../forms.tsx'

type Fields = { [K in keyof PlanFormValues]-?: FieldMetadata<unknown> }

/** The inputs of the plan details form (title, country, scope, sectors, horizon, language). */
export function PlanFields({ fields }: { fields: Fields }) {
  const { t, i18n } = useTranslation()
  return (
    <>
      <TextField field={fields.title} label={t('plan.fields.title')} />
      <div className="form-grid">
        <SelectField
          field={fields.countryCode}
          label={t('plan.fields.country')}
          placeholder={t('plan.fields.choose')}
          options={countryOptions(i18n.language).map((c) => ({ value: c.code, label: c.name }))}
        />
        <TextField field={fields.region} label={t('plan.fields.region')} hint={t('plan.fields.regionHint')} />
        <SelectField
          field={fields.scope}
          label={t('plan.fields.scope')}
          placeholder={t('plan.fields.choose')}
          options={PLAN_SCOPES.map((s) => ({ value: s, label: t(`plan.scope.${s}`) }))}
        />
        <SelectField
          field={fields.workingLanguage}
          label={t('plan.fields.workingLanguage')}
          options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        />
        <TextField field={fields.startDate} label={t('plan.fields.startDate')} type="date" />
        <TextField field={fields.endDate} label={t('plan.fields.endDate')} type="date" />
      </div>
      <CheckboxGroup
        field={fields.sectors}
        label={t('plan.fields.sectors')}
        options={ISIC_SECTIONS.map((s) => ({ value: s, label: `${s} · ${t(`isic.${s}`)}` }))}
      />
    </>
  )
}
