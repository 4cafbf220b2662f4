import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StaleRecordError } from '#db/executor.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { ConformForm, useSchemaForm } from '../components/forms.tsx'
import { PlanFields } from '../components/plans/PlanFields.tsx'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { planSchema } from '../utils/plan-schema.ts'
import { z } from '../utils/validation.ts'
import { readFormData } from '../utils/request.server.ts'

const editSchema = planSchema.and(z.object({ version: z.number().int().positive() }))

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, abilities } = await requirePlanAccess(request, params.planId, 'plan:update')
  // Outside draft the details are locked (the layout says why): show them, without a form.
  return { plan, locked: !abilities['plan:update'] }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { plan, user } = await requirePlanAccess(request, params.planId, 'plan:update')
  const submission = parseWithZod(await readFormData(request), { schema: editSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), current: null }, { status: 400 })
  const { version, ...v } = submission.value
  try {
    await PlanRepository.updateMetadata(getDb(), plan.id, version, { ...v, region: v.region ?? null }, user.id)
  } catch (error) {
    if (!(error instanceof StaleRecordError)) throw error
    // Someone saved in between: keep what this user typed, and show what is stored now.
    return data({ result: submission.reply({ formErrors: ['conflict.stale'] }), current: error.current as typeof plan }, { status: 409 })
  }
  throw redirect(`/plans/${plan.id}`)
}

export default function EditPlanPage() {
  const { plan, locked } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const current = actionData?.current ?? null
  const [form, fields] = useSchemaForm(editSchema, {
    id: `edit-plan-${plan.id}`,
    lastResult: actionData?.result,
    defaultValue: {
      title: plan.title,
      countryCode: plan.country_code,
      region: plan.region ?? '',
      sectors: plan.sectors,
      scope: plan.scope,
      startDate: plan.start_date,
      endDate: plan.end_date,
      workingLanguage: plan.working_language,
    },
  })
  return (
    <section aria-labelledby="edit-heading" className="page--narrow">
      <title>{t('plan.editTitle')}</title>
      <h2 id="edit-heading">{t('plan.editTitle')}</h2>
      <ConformForm form={form} className="card">
        {current ? (
          <div className="alert alert--warning" role="alert">
            <p>{t('conflict.explain')}</p>
            <dl className="conflict-values">
              <dt>{t('plan.fields.title')}</dt>
              <dd>{current.title}</dd>
              <dt>{t('plan.fields.region')}</dt>
              <dd>{current.region ?? '—'}</dd>
              <dt>{t('plan.fields.sectors')}</dt>
              <dd>{current.sectors.join(', ')}</dd>
              <dt>{t('plan.fields.startDate')}</dt>
              <dd>
                {current.start_date} – {current.end_date}
              </dd>
            </dl>
          </div>
        ) : null}
        <input type="hidden" name="version" value={current?.version ?? plan.version} />
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
