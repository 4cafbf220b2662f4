import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as SignInPolicyRepository from '#db/repositories/sign-in-policies.ts'
import * as UserIdentityRepository from '#db/repositories/user-identities.ts'
import { AdminSplit } from '../components/AdminSplit.tsx'
import { ConformForm, TextField, useSchemaForm } from '../components/forms.tsx'
import { emailDomain } from '../oidc/policy.server.ts'
import { oidcSettings } from '../oidc/settings.server.ts'
import { requireGlobalPermission } from '../utils/admin.server.ts'
import { getDb } from '../utils/db.server.ts'
import { formatDateTime } from '../utils/locales.ts'
import { readFormData } from '../utils/request.server.ts'
import { z } from '../utils/validation.ts'

export const handle = { i18n: ['common', 'oidc'] }

// Labels of 1-63 letters, digits and inner hyphens, at least two of them (the table's CHECK too).
const DOMAIN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/
const domain = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(/^@/, '').toLowerCase() : v),
  z.string().min(1).max(253).regex(DOMAIN, 'oidc:admin.invalidDomain'),
)
const addSchema = z.object({ intent: z.literal('add'), domain })
const schema = z.discriminatedUnion('intent', [addSchema, z.object({ intent: z.literal('remove'), domain })])

export async function loader({ request }: LoaderFunctionArgs) {
  await requireGlobalPermission(request, 'admin:users')
  const settings = oidcSettings()
  const policies = await SignInPolicyRepository.findAllWithCounts(getDb())
  return {
    configured: settings ? { name: settings.name } : null,
    policies: policies.map((p) => ({ ...p, accounts: Number(p.accounts), linked: Number(p.linked) })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireGlobalPermission(request, 'admin:users')
  const db = getDb()
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success') return data({ result: submission.reply(), done: null }, { status: 400 })
  const v = submission.value
  if (v.intent === 'remove') {
    const removed = await SignInPolicyRepository.deleteByDomain(db, v.domain)
    if (!removed) return data({ result: submission.reply(), done: null }, { status: 404 })
    return { result: submission.reply(), done: 'oidc:admin.removed' }
  }
  const refuse = (message: string, status = 400) =>
    data({ result: submission.reply({ fieldErrors: { domain: [message] } }), done: null }, { status })
  // A rule without a provider to sign in with would lock its accounts out.
  if (!oidcSettings()) return refuse('oidc:admin.notConfigured', 409)
  // Nor may administrators lock themselves out: their own domain only once they have signed in with it.
  if (emailDomain(admin.email) === v.domain && (await UserIdentityRepository.findByUser(db, admin.id)).length === 0)
    return refuse('oidc:admin.ownDomain', 409)
  if (!(await SignInPolicyRepository.insert(db, { domain: v.domain, createdBy: admin.id })))
    return refuse('oidc:admin.exists')
  return { result: submission.reply({ resetForm: true }), done: 'oidc:admin.saved' }
}

export default function AdminSignInPage() {
  const { configured, policies } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation('oidc')
  const [form, fields] = useSchemaForm(addSchema, { id: 'sign-in-policy', lastResult: actionData?.result })
  const name = configured?.name ?? t('defaultName')
  return (
    <>
      <p className="lede">{t('admin.intro', { name })}</p>
      {configured ? null : (
        <p className="alert alert--warning" role="note">
          {t('admin.notConfigured')}
        </p>
      )}
      {actionData?.done ? (
        <p className="alert alert--success" role="status">
          {t(actionData.done)}
        </p>
      ) : null}
      <AdminSplit
        id="sign-in-policies"
        title={t('admin.heading')}
        formHeading={t('admin.add')}
        form={
          <ConformForm form={form}>
            <input type="hidden" name="intent" value="add" />
            <TextField field={fields.domain} label={t('admin.domain')} hint={t('admin.domainHint')} />
            <button type="submit" className="button button--primary" disabled={!configured}>
              {t('admin.add')}
            </button>
          </ConformForm>
        }
        columns={[t('admin.domain'), t('admin.accounts'), t('admin.added'), t('admin.remove')]}
      >
        {policies.length === 0 ? (
          <tr>
            <td colSpan={4}>{t('admin.none')}</td>
          </tr>
        ) : null}
        {policies.map((p) => (
          <tr key={p.domain}>
            <th scope="row">{p.domain}</th>
            <td>{t('admin.accountsLinked', { linked: p.linked, accounts: p.accounts })}</td>
            <td>
              {p.created_by_name
                ? t('admin.addedBy', { when: formatDateTime(p.created_at, i18n.language), name: p.created_by_name })
                : formatDateTime(p.created_at, i18n.language)}
            </td>
            <td>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="domain" value={p.domain} />
                <button
                  type="submit"
                  className="button button--small"
                  aria-label={t('admin.removeLabel', { domain: p.domain })}
                >
                  {t('admin.remove')}
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </AdminSplit>
    </>
  )
}
