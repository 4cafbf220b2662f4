import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as PlanRepository from '#db/repositories/plans.ts'
import { ConformForm, useSchemaForm } from '../components/forms.tsx'
import { PageIdempotencyKey } from '../components/IdempotencyKey.tsx'
import { PlanFields } from '../components/plans/PlanFields.tsx'
import { getDb } from '../utils/db.server.ts'
import { answerOnce, changedAfterSave, readEntryKey } from '../utils/idempotency.server.ts'
import { canGlobally } from '#core/permissions.ts'
import { toActor } from '../utils/plan-access.server.ts'
import { planSchema } from '../utils/plan-schema.ts'
import { PLAN_DEFAULT_ITEMS } from '../method/plan-defaults.server.ts'
import { requireUser } from '../utils/session.server.ts'
import { readFormData } from '../utils/request.server.ts'

async function requireCreator(request: Request) {
  const user = await requireUser(request)
  if (!canGlobally(toActor(user), 'plan:create')) throw data({ message: 'Forbidden' }, { status: 403 })
  return user
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCreator(request)
  return { defaultCountry: user.organisation_country ?? '', defaultLanguage: user.locale ?? 'en' }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCreator(request)
  const formData = await readFormData(request)
  // Sent twice (a double click, a resend after a lost reply): one plan, and both go to it (ADR 039).
  return answerOnce(
    getDb(),
    readEntryKey(request, formData, user.id),
    async (db) => {
      const submission = parseWithZod(formData, { schema: planSchema })
      if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
      const v = submission.value
      const plan = await PlanRepository.insertWithLead(
        db,
        { ...v, region: v.region ?? null },
        user.id,
        PLAN_DEFAULT_ITEMS,
      )
      throw redirect(`/plans/${plan.id}`)
    },
    () => data({ result: changedAfterSave() }, { status: 409 }),
  )
}

export default function NewPlanPage() {
  const { defaultCountry, defaultLanguage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(planSchema, {
    id: 'new-plan',
    lastResult: actionData?.result,
    defaultValue: { countryCode: defaultCountry, workingLanguage: defaultLanguage, scope: 'national' },
  })
  return (
    <div className="page page--narrow">
      <title>{t('plans.new')}</title>
      <h1>{t('plans.new')}</h1>
      <p className="lede">{t('plans.newIntro')}</p>
      <ConformForm form={form} className="card">
        <PageIdempotencyKey />
        <PlanFields fields={fields} />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t('plans.create')}
          </button>
          <Link to="/plans" className="button button--quiet">
            {t('common.cancel')}
          </Link>
        </div>
      </ConformForm>
    </div>
  )
}
