import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import * as ActivityRepository from '#db/repositories/activity.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import { type Values } from '../conflicts/merge.ts'
import { conflictResponse, readBase, saveOnBase } from '../conflicts/save.server.ts'
import { BaseFields } from '../conflicts/ui/BaseFields.tsx'
import { ChangedSinceNotice } from '../conflicts/ui/ChangedSinceNotice.tsx'
import { chosenValue, ConflictChoices, type Choice } from '../conflicts/ui/ConflictChoices.tsx'
import { useEditBase } from '../conflicts/ui/useEditBase.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { ConformForm, useSchemaForm } from '../components/forms.tsx'
import { PlanFields } from '../components/plans/PlanFields.tsx'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { planSchema } from '../utils/plan-schema.ts'
import { z } from '../utils/validation.ts'
import { readFormData } from '../utils/request.server.ts'

const editSchema = planSchema.and(z.object({ version: z.number().int().positive() }))

// The plan's details as the form names them: what a save is merged on (ADR 036).
const PLAN_FIELDS = [
  'title',
  'countryCode',
  'region',
  'sectors',
  'scope',
  'startDate',
  'endDate',
  'workingLanguage',
] as const
type PlanRow = NonNullable<Awaited<ReturnType<typeof PlanRepository.findById>>>

function formValues(p: PlanRow): Values {
  return {
    title: p.title,
    countryCode: p.country_code,
    region: p.region ?? '',
    sectors: p.sectors,
    scope: p.scope,
    startDate: p.start_date,
    endDate: p.end_date,
    workingLanguage: p.working_language,
  }
}

// Who saved the details (or moved the plan on, which also makes a new version) last.
const lastEditor = (planId: string) =>
  ActivityRepository.findLastActorName(getDb(), {
    planId,
    entityType: 'plan',
    entityId: planId,
    actions: ['updated', 'status_changed'],
  })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, abilities } = await requirePlanAccess(request, params.planId, 'plan:update')
  // Outside draft the details are locked (the layout says why): show them, without a form.
  return { plan, values: formValues(plan), updatedBy: await lastEditor(plan.id), locked: !abilities['plan:update'] }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { plan, user } = await requirePlanAccess(request, params.planId, 'plan:update')
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: editSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), conflict: null }, { status: 400 })
  const { version, ...mine } = submission.value
  const db = getDb()
  const outcome = await saveOnBase({
    fields: PLAN_FIELDS,
    version,
    base: readBase(formData),
    mine: { ...mine, region: mine.region ?? '' },
    load: async () => {
      const current = await PlanRepository.findById(db, plan.id)
      return (
        current && {
          id: current.id,
          version: current.version,
          data: formValues(current),
          by: await lastEditor(plan.id),
        }
      )
    },
    write: (v, current) =>
      PlanRepository.updateMetadata(
        db,
        plan.id,
        current.version,
        { ...(v as typeof mine), region: typeof v.region === 'string' && v.region !== '' ? v.region : null },
        user.id,
      ),
  })
  // Someone saved in between and changed what this person changed: keep what they typed, show both.
  if (outcome.kind === 'conflict')
    return conflictResponse('', outcome.conflict, submission.reply({ formErrors: ['conflict.stale'] }))
  if (outcome.kind === 'missing') throw data({ message: 'Not found' }, { status: 404 })
  throw redirect(`/plans/${plan.id}`)
}

export default function EditPlanPage() {
  const { plan, values, updatedBy, locked } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const conflict = actionData?.conflict ?? null
  // The form edits from what it was opened on; live refresh only tells that the plan changed.
  const base = useEditBase({ version: plan.version, data: values }, actionData)
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [form, fields] = useSchemaForm(editSchema, {
    // A refused save re-creates the form holding my values merged with theirs.
    id: `edit-plan-${plan.id}${conflict ? `-${conflict.version}` : ''}`,
    lastResult: actionData?.result,
    defaultValue: conflict ? conflict.merged : base?.data,
  })
  const choose = (name: string, choice: Choice) => {
    setChoices((c) => ({ ...c, [name]: choice }))
    if (!conflict) return
    const value = chosenValue(conflict, { [name]: choice }, name)
    // Sectors are a list of choices; every other plan field is one text value.
    if (Array.isArray(value)) form.update<string[]>({ name, value: value.map(String) })
    else form.update<string>({ name, value: typeof value === 'string' ? value : '' })
  }
  const label = (name: string) => t(`plan.fields.${name === 'countryCode' ? 'country' : name}`)
  const show = (_name: string, value: unknown) =>
    Array.isArray(value)
      ? value.join(', ')
      : value === undefined || value === null || value === ''
        ? '—'
        : String(value)
  return (
    <section aria-labelledby="edit-heading" className="page--narrow">
      <title>{t('plan.editTitle')}</title>
      <h2 id="edit-heading">{t('plan.editTitle')}</h2>
      <ConformForm form={form} className="card">
        {conflict ? (
          <ConflictChoices conflict={conflict} label={label} render={show} choices={choices} onChoose={choose} />
        ) : (
          <ChangedSinceNotice current={plan} base={base} by={updatedBy} what="record" />
        )}
        <BaseFields base={base} />
        <fieldset disabled={locked} className="fieldset--plain">
          <PlanFields fields={fields} />
        </fieldset>
        {locked ? null : (
          <div className="form-actions">
            <button type="submit" className="button button--primary">
              {t('common.save')}
            </button>
          </div>
        )}
      </ConformForm>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
