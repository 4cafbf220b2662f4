import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import * as PreferenceRepository from '#db/repositories/notification-preferences.ts'
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS, type NotificationKind } from '#core/vocabulary.ts'
import { DIGEST_HOUR_UTC } from '../mail/messages.server.ts'
import { getDb } from '../utils/db.server.ts'
import { readFormData } from '../utils/request.server.ts'
import { requireUser } from '../utils/session.server.ts'

// Each person chooses, per kind of notification, how it reaches them by email (ADR 060). The
// in-portal list shows every notification whatever is chosen here.

export const handle = { i18n: ['common', 'mail'] }

const delivery = z.enum(NOTIFICATION_DELIVERIES)
const schema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, delivery])) as Record<NotificationKind, typeof delivery>,
)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { choices: await PreferenceRepository.findByUser(getDb(), user.id), digestHour: DIGEST_HOUR_UTC }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)))
  if (!parsed.success) return data({ saved: false }, { status: 400 })
  await PreferenceRepository.saveAll(getDb(), user.id, parsed.data)
  return { saved: true }
}

export const meta: MetaFunction = () => [{ title: 'Email notifications · SCP Portal' }]

export default function NotificationPreferencesPage() {
  const { choices, digestHour } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation('mail')
  return (
    <div className="page page--narrow">
      <title>{t('preferences.title')}</title>
      <h1>{t('preferences.title')}</h1>
      {actionData?.saved ? (
        <p className="alert alert--success" role="status">
          {t('preferences.saved')}
        </p>
      ) : actionData ? (
        <p className="alert alert--error" role="alert">
          {t('common:validation.invalid')}
        </p>
      ) : null}
      <p className="lede">{t('preferences.intro', { hour: String(digestHour).padStart(2, '0') })}</p>
      <p className="alert alert--info">{t('preferences.always')}</p>
      <Form method="post" className="card delivery-choices">
        {NOTIFICATION_KINDS.map((kind) => (
          <fieldset key={kind} className="delivery-choices__kind">
            <legend>{t(`preferences.kinds.${kind}`)}</legend>
            <div className="delivery-choices__options">
              {NOTIFICATION_DELIVERIES.map((delivery) => (
                <label key={delivery}>
                  <input type="radio" name={kind} value={delivery} defaultChecked={choices[kind] === delivery} />{' '}
                  {t(`preferences.${delivery}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('preferences.save')}
        </button>
      </Form>
      <p>
        <Link to="/account">{t('preferences.back')}</Link>
      </p>
    </div>
  )
}
