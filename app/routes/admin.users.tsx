import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { insertInvitedUser } from '#db/repositories/invitation-flow.ts'
import * as InvitationRepository from '#db/repositories/invitations.ts'
import * as OrganisationRepository from '#db/repositories/organisations.ts'
import * as SessionRepository from '#db/repositories/sessions.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { AdminSplit } from '../components/AdminSplit.tsx'
import { queueInvitation } from '../mail/enqueue.server.ts'
import { ConformForm, useSchemaForm, SelectField, TextField } from '../components/forms.tsx'
import { requireGlobalPermission } from '../utils/admin.server.ts'
import { randomToken, sha256 } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { GLOBAL_ROLES } from '#core/permissions.ts'
import { isStorable, uuid, z } from '../utils/validation.ts'
import { clientIp, readFormData } from '../utils/request.server.ts'
import { disableSecondFactor } from '../utils/two-factor.server.ts'

const INVITATION_DAYS = 7

const inviteSchema = z.object({
  intent: z.literal('invite'),
  name: z.string().trim().min(1).max(120).refine(isStorable, 'validation.invalid'),
  email: z.string().trim().min(1).max(254).email(),
  organisationId: uuid,
  globalRole: z.enum(GLOBAL_ROLES),
})

const schema = z.discriminatedUnion('intent', [
  inviteSchema,
  z.object({ intent: z.literal('new-link'), userId: uuid }),
  z.object({ intent: z.literal('set-active'), userId: uuid, active: z.enum(['true', 'false']) }),
  // For someone who lost both their authenticator and their recovery codes (ADR 064).
  z.object({ intent: z.literal('reset-two-factor'), userId: uuid }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  await requireGlobalPermission(request, 'admin:users')
  const db = getDb()
  const [users, organisations] = await Promise.all([UserRepository.findAll(db), OrganisationRepository.findAll(db)])
  return { users, organisations }
}

function inviteLink(request: Request, token: string) {
  return `${new URL(request.url).origin}/invite/${token}`
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireGlobalPermission(request, 'admin:users')
  const db = getDb()
  const submission = await parseWithZod(await readFormData(request), {
    schema: schema.superRefine(async (v, ctx) => {
      // Refinements run even when a field failed its own check: query the database with valid input only.
      if (v.intent !== 'invite' || !inviteSchema.safeParse(v).success) return
      if (await UserRepository.existsByEmail(db, v.email))
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'admin.emailTaken' })
      if (!(await OrganisationRepository.findById(db, v.organisationId))) {
        ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'validation.invalidChoice' })
      }
    }),
    async: true,
  })
  if (submission.status !== 'success') return data({ result: submission.reply(), link: null }, { status: 400 })
  const v = submission.value
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000)
  if (v.intent === 'invite') {
    const token = randomToken()
    try {
      // The account, its link and the email that carries the link exist together or not at all.
      await db.transaction().execute(async (trx) => {
        const user = await insertInvitedUser(trx, { ...v, tokenHash: sha256(token), createdBy: admin.id, expiresAt })
        await queueInvitation(trx, {
          user: { ...user, locale: null },
          inviter: admin.name,
          token,
          days: INVITATION_DAYS,
        })
      })
    } catch (error) {
      // The same email submitted twice at once passes the check above in both requests.
      if (!(error instanceof UserRepository.EmailTakenError)) throw error
      return data(
        { result: submission.reply({ fieldErrors: { email: ['admin.emailTaken'] } }), link: null },
        { status: 400 },
      )
    }
    return { result: submission.reply({ resetForm: true }), link: { email: v.email, url: inviteLink(request, token) } }
  }
  const target = await UserRepository.findById(db, v.userId)
  if (!target)
    return data({ result: submission.reply({ formErrors: ['admin.unknownUser'] }), link: null }, { status: 400 })
  if (v.intent === 'new-link') {
    // A new link, emailed and shown: for an invitation that went astray, or a password forgotten.
    const token = randomToken()
    await db.transaction().execute(async (trx) => {
      await InvitationRepository.insert(trx, {
        tokenHash: sha256(token),
        userId: target.id,
        createdBy: admin.id,
        expiresAt,
      })
      if (target.is_active)
        await queueInvitation(trx, { user: target, inviter: admin.name, token, days: INVITATION_DAYS })
    })
    return { result: submission.reply(), link: { email: target.email, url: inviteLink(request, token) } }
  }
  if (target.id === admin.id)
    return data({ result: submission.reply({ formErrors: ['admin.notYourself'] }), link: null }, { status: 400 })
  if (v.intent === 'reset-two-factor') {
    await disableSecondFactor(target.id, clientIp(request), { byAdministrator: true })
    return { result: submission.reply(), link: null }
  }
  await UserRepository.updateActive(db, target.id, v.active === 'true')
  if (v.active === 'false') await SessionRepository.deleteAllForUserExcept(db, target.id, null)
  return { result: submission.reply(), link: null }
}

export default function AdminUsersPage() {
  const { users, organisations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(inviteSchema, {
    id: 'invite-user',
    lastResult: actionData?.result,
    // Least privilege by default: an administrator account is never one careless click away.
    defaultValue: { globalRole: 'member' },
  })
  return (
    <AdminSplit
      id="users"
      title={t('admin.users')}
      formHeading={t('admin.invite')}
      form={
        <>
          <p className="field__hint">{t('admin.inviteHint')}</p>
          {actionData?.link ? (
            <div className="alert alert--success" role="status">
              <p>{t('admin.linkCreated', { email: actionData.link.email })}</p>
              <label htmlFor="invite-link">{t('admin.oneTimeLink')}</label>
              <input
                id="invite-link"
                readOnly
                value={actionData.link.url}
                className="copy-field"
                onFocus={(e) => e.currentTarget.select()}
              />
            </div>
          ) : null}
          <ConformForm form={form}>
            <input type="hidden" name="intent" value="invite" />
            <TextField field={fields.name} label={t('account.name')} />
            <TextField field={fields.email} label={t('auth.email')} type="email" />
            <SelectField
              field={fields.organisationId}
              label={t('team.organisation')}
              placeholder={t('plan.fields.choose')}
              options={organisations.map((o) => ({
                value: o.id,
                label: `${o.name}${o.country_code ? ` (${o.country_code})` : ''}`,
              }))}
            />
            <SelectField
              field={fields.globalRole}
              label={t('account.globalRole')}
              options={GLOBAL_ROLES.map((r) => ({ value: r, label: t(`globalRoles.${r}`) }))}
            />
            <button type="submit" className="button button--primary">
              {t('admin.createInvitation')}
            </button>
          </ConformForm>
        </>
      }
      columns={[
        t('account.name'),
        t('team.organisation'),
        t('account.globalRole'),
        t('admin.state'),
        t('common.actions'),
      ]}
    >
      {users.map((u) => (
        <tr key={u.id}>
          <th scope="row">
            {u.name}
            <span className="cell-sub">{u.email}</span>
          </th>
          <td>{u.organisation_acronym ?? u.organisation_name}</td>
          <td>{t(`globalRoles.${u.global_role}`)}</td>
          <td>{!u.is_active ? t('admin.deactivated') : u.has_password ? t('admin.active') : t('admin.invited')}</td>
          <td className="actions-cell">
            <Form method="post">
              <input type="hidden" name="intent" value="new-link" />
              <input type="hidden" name="userId" value={u.id} />
              {/* The visible label comes first in the accessible name (WCAG 2.5.3, label in name). */}
              <button type="submit" className="button button--small">
                {t('admin.newLink')}
                <span className="visually-hidden"> ({u.name})</span>
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="set-active" />
              <input type="hidden" name="userId" value={u.id} />
              <input type="hidden" name="active" value={u.is_active ? 'false' : 'true'} />
              <button type="submit" className="button button--small button--quiet">
                {u.is_active ? t('admin.deactivate') : t('admin.reactivate')}
                <span className="visually-hidden"> ({u.name})</span>
              </button>
            </Form>
            {u.has_second_factor ? (
              <Form method="post">
                <input type="hidden" name="intent" value="reset-two-factor" />
                <input type="hidden" name="userId" value={u.id} />
                <button type="submit" className="button button--small button--quiet">
                  {t('admin.resetTwoFactor')}
                  <span className="visually-hidden"> ({u.name})</span>
                </button>
              </Form>
            ) : null}
          </td>
        </tr>
      ))}
    </AdminSplit>
  )
}
