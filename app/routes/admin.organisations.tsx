import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as OrganisationRepository from '#db/repositories/organisations.ts'
import { AdminSplit } from '../components/AdminSplit.tsx'
import { ConformForm, useSchemaForm, SelectField, TextField } from '../components/forms.tsx'
import { requireGlobalPermission } from '../utils/admin.server.ts'
import { CONSTITUENCIES } from '#core/vocabulary.ts'
import { countryName, countryOptions, isCountryCode } from '../utils/countries.ts'
import { getDb } from '../utils/db.server.ts'
import { isStorable, z } from '../utils/validation.ts'
import { readFormData } from '../utils/request.server.ts'

const schema = z
  .object({
    name: z.string().trim().min(1).max(200).refine(isStorable, 'validation.invalid'),
    acronym: z.string().trim().max(30).refine(isStorable, 'validation.invalid').optional(),
    constituency: z.enum(CONSTITUENCIES),
    agencyType: z.enum(['labour_inspectorate', 'other_agency']).optional(),
    countryCode: z.string().refine(isCountryCode, 'validation.invalidChoice').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.constituency !== 'ilo' && !v.countryCode)
      ctx.addIssue({ code: 'custom', path: ['countryCode'], message: 'validation.required' })
    if (v.constituency === 'government' && !v.agencyType)
      ctx.addIssue({ code: 'custom', path: ['agencyType'], message: 'validation.required' })
  })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireGlobalPermission(request, 'admin:organisations')
  return { organisations: await OrganisationRepository.findAll(getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireGlobalPermission(request, 'admin:organisations')
  const db = getDb()
  const submission = await parseWithZod(await readFormData(request), {
    schema: schema.superRefine(async (v, ctx) => {
      // Refinements run even when a field failed its own check: query the database with valid input only.
      if (!schema.safeParse(v).success) return
      const country = v.constituency === 'ilo' ? null : (v.countryCode ?? null)
      if (await OrganisationRepository.existsByName(db, v.name, country))
        ctx.addIssue({ code: 'custom', path: ['name'], message: 'admin.organisationExists' })
    }),
    async: true,
  })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const v = submission.value
  try {
    await OrganisationRepository.insert(db, {
      name: v.name,
      acronym: v.acronym ?? null,
      constituency: v.constituency,
      agencyType: v.agencyType ?? null,
      countryCode: v.countryCode ?? null,
    })
  } catch (error) {
    // Two identical submissions at once both pass the check above.
    if (!(error instanceof OrganisationRepository.OrganisationExistsError)) throw error
    return data({ result: submission.reply({ fieldErrors: { name: ['admin.organisationExists'] } }) }, { status: 400 })
  }
  return { result: submission.reply({ resetForm: true }) }
}

export default function AdminOrganisationsPage() {
  const { organisations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  const [form, fields] = useSchemaForm(schema, {
    id: 'new-organisation',
    lastResult: actionData?.result,
  })
  return (
    <AdminSplit
      id="organisations"
      title={t('admin.organisations')}
      formHeading={t('admin.newOrganisation')}
      form={
        <ConformForm form={form}>
          <TextField field={fields.name} label={t('admin.orgName')} />
          <TextField field={fields.acronym} label={t('admin.acronym')} />
          <SelectField
            field={fields.constituency}
            label={t('team.constituency')}
            placeholder={t('plan.fields.choose')}
            options={CONSTITUENCIES.map((c) => ({ value: c, label: t(`constituency.${c}`) }))}
          />
          <SelectField
            field={fields.agencyType}
            label={t('admin.agencyType')}
            hint={t('admin.agencyTypeHint')}
            placeholder="—"
            options={['labour_inspectorate', 'other_agency'].map((a) => ({ value: a, label: t(`agencyType.${a}`) }))}
          />
          <SelectField
            field={fields.countryCode}
            label={t('plan.fields.country')}
            hint={t('admin.countryHint')}
            placeholder="—"
            options={countryOptions(i18n.language).map((c) => ({ value: c.code, label: c.name }))}
          />
          <button type="submit" className="button button--primary">
            {t('admin.createOrganisation')}
          </button>
        </ConformForm>
      }
      columns={[t('admin.orgName'), t('team.constituency'), t('plan.fields.country')]}
    >
      {organisations.map((o) => (
        <tr key={o.id}>
          <th scope="row">
            {o.name}
            {o.acronym ? <span className="cell-sub">{o.acronym}</span> : null}
          </th>
          <td>
            {t(`constituency.${o.constituency}`)}
            {o.agency_type ? <span className="cell-sub">{t(`agencyType.${o.agency_type}`)}</span> : null}
          </td>
          <td>{o.country_code ? countryName(o.country_code, i18n.language) : '—'}</td>
        </tr>
      ))}
    </AdminSplit>
  )
}
