import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { STEPS } from '#core/substeps.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { readableDemoPlanId } from '../guide/demo-plan.server.ts'
import { GUIDE_ROLES, TASKS_PER_ROLE } from '../guide/roles.ts'
import { getDb } from '../utils/db.server.ts'
import { getSessionUser } from '../utils/session.server.ts'
import { z } from '../utils/validation.ts'

// Public: the guide is the method and the worked example, no plan data. Links into the demo plan
// appear only for someone who may read it, so a guide never points at a page that refuses them (ADR 057).
export const handle = { i18n: ['common', 'steps', 'guide'] }

export const meta: MetaFunction = () => [{ title: 'Getting started · SCP Portal' }]

const roleSchema = z.enum(GUIDE_ROLES)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const role = roleSchema.safeParse(params.role)
  if (!role.success) throw data({ message: 'Not found' }, { status: 404 })
  const user = await getSessionUser(request)
  return { role: role.data, demoPlanId: await readableDemoPlanId(getDb(), user) }
}

export default function GuidePage() {
  const { role, demoPlanId } = useLoaderData<typeof loader>()
  const { t } = useTranslation('guide')
  // On a navigation within the browser only the namespaces asked for are loaded: the sub-step
  // names come from 'steps', which this page would otherwise show as raw keys.
  useTranslation('steps')
  return (
    <article className="guide">
      <p className="guide__back">
        <Link to="/guide">{t('title')}</Link>
      </p>
      <h1>{t('heading', { role: t(`roles.${role}.name`) })}</h1>
      <p className="guide__lead">{t(`roles.${role}.intro`)}</p>
      <section aria-labelledby="guide-part">
        <h2 id="guide-part">{t('yourPart')}</h2>
        <ol className="guide__tasks">
          {Array.from({ length: TASKS_PER_ROLE }, (_, i) => (
            <li key={i}>{t(`roles.${role}.tasks.${i}`)}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="guide-method">
        <h2 id="guide-method">{t('method')}</h2>
        <p>{t('methodIntro')}</p>
        <p className="field__hint">{demoPlanId ? t('methodLinked') : t('methodUnlinked')}</p>
        {STEPS.map(({ step, substeps }) => (
          <section key={step} className="guide__step" aria-labelledby={`guide-step-${step}`}>
            <h3 id={`guide-step-${step}`}>
              {t('steps:stepLabel', { step })} — {t(`steps:step.${step}.name`)}
            </h3>
            <dl className="guide__substeps">
              {substeps.map((code) => {
                const name = t(`steps:substep.${code}.name`)
                return (
                  <div key={code}>
                    <dt>
                      {demoPlanId ? (
                        <Link to={`/plans/${demoPlanId}/steps/${code}`} aria-label={t('openInDemo', { code, name })}>
                          {code} {name}
                        </Link>
                      ) : (
                        `${code} ${name}`
                      )}
                    </dt>
                    <dd>
                      <p>{t(`steps:substep.${code}.purpose`)}</p>
                      <p className="guide__example">{t(`example.${code}`)}</p>
                    </dd>
                  </div>
                )
              })}
            </dl>
          </section>
        ))}
      </section>
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
