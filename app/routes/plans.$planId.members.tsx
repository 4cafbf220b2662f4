import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as MemberRepository from '#db/repositories/members.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { FieldErrors, FormErrors } from '../components/forms.tsx'
import { ConstituencyPresence } from '../components/plans/ConstituencyPresence.tsx'
import { RoleForm } from '../components/plans/RoleForm.tsx'
import { conflictResponse, readBase } from '../conflicts/save.server.ts'
import { queueMemberAdded } from '../mail/enqueue.server.ts'
import { getDb } from '../utils/db.server.ts'
import { changeRole } from '../utils/member-role.server.ts'
import { PLAN_ROLES } from '#core/permissions.ts'
import { requirePlanAccess, teamManagement } from '../utils/plan-access.server.ts'
import { uuid, z } from '../utils/validation.ts'
import { readFormData } from '../utils/request.server.ts'

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('add'), userId: uuid, role: z.enum(PLAN_ROLES) }),
  z.object({ intent: z.literal('change-role'), userId: uuid, role: z.enum(PLAN_ROLES) }),
  z.object({ intent: z.literal('remove'), userId: uuid }),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePlanAccess(request, params.planId, 'plan:read')
  const { plan, user } = access
  const { canManage, byAdministrator } = await teamManagement(access)
  const db = getDb()
  const [team, candidates] = await Promise.all([
    MemberRepository.findByPlan(db, plan.id),
    canManage ? UserRepository.findCandidatesForPlan(db, plan.id, plan.country_code) : Promise.resolve([]),
  ])
  return {
    team,
    candidates,
    canManage,
    byAdministrator,
    isAdministrator: user.global_role === 'admin',
    currentUserId: user.id,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requirePlanAccess(request, params.planId, 'plan:read')
  const { plan, user } = access
  // Leads manage their team; an administrator only repairs one whose leads can no longer sign in.
  const { canManage, byAdministrator } = await teamManagement(access)
  if (!canManage) throw data({ message: 'Forbidden' }, { status: 403 })
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const db = getDb()
  const value = submission.value
  try {
    if (value.intent === 'remove') {
      const removed = await MemberRepository.remove(db, {
        planId: plan.id,
        userId: value.userId,
        actorId: user.id,
        byAdministrator,
      })
      if (!removed)
        return data(
          { result: submission.reply({ fieldErrors: { userId: ['team.errors.notMember'] } }) },
          { status: 400 },
        )
    } else {
      if (value.intent === 'add') {
        const candidates = await UserRepository.findCandidatesForPlan(db, plan.id, plan.country_code)
        if (!candidates.some((c) => c.id === value.userId)) {
          return data(
            { result: submission.reply({ fieldErrors: { userId: ['team.errors.unknownUser'] } }) },
            { status: 400 },
          )
        }
      }
      if (value.intent === 'change-role') {
        const outcome = await changeRole(db, {
          planId: plan.id,
          userId: value.userId,
          role: value.role,
          base: readBase(formData),
          actorId: user.id,
          byAdministrator,
        })
        if (outcome.kind === 'missing')
          return data(
            { result: submission.reply({ fieldErrors: { userId: ['team.errors.notMember'] } }) },
            { status: 400 },
          )
        if (outcome.kind === 'conflict')
          return conflictResponse('', outcome.conflict, submission.reply({ formErrors: ['conflict.stale'] }))
      } else
        // The new member is told by email, whatever their notification choices (ADR 060).
        await db.transaction().execute(async (trx) => {
          await MemberRepository.upsert(trx, {
            planId: plan.id,
            userId: value.userId,
            role: value.role,
            actorId: user.id,
            byAdministrator,
          })
          const member = await UserRepository.findById(trx, value.userId)
          if (member?.is_active) await queueMemberAdded(trx, { user: member, actor: user.name, plan, role: value.role })
        })
    }
  } catch (error) {
    if (error instanceof MemberRepository.LastLeadError) {
      return data({ result: submission.reply({ formErrors: ['team.errors.lastLead'] }) }, { status: 400 })
    }
    if (error instanceof MemberRepository.NotMemberError) {
      return data({ result: submission.reply({ fieldErrors: { userId: ['team.errors.notMember'] } }) }, { status: 400 })
    }
    throw error
  }
  return { result: submission.reply({ resetForm: true }) }
}

export default function MembersPage() {
  const { team, candidates, canManage, byAdministrator, isAdministrator } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const errors = actionData?.result.error
  const conflict = actionData && 'conflict' in actionData ? actionData.conflict : null
  return (
    <div className="members">
      <title>{t('team.title')}</title>
      <section aria-labelledby="team-heading">
        <h2 id="team-heading">{t('team.title')}</h2>
        <ConstituencyPresence present={[...new Set(team.map((m) => m.constituency))]} />
        {byAdministrator ? (
          <p className="alert alert--warning">{t('team.repairing')}</p>
        ) : isAdministrator && !canManage ? (
          <p className="field__hint">{t('team.leadManages')}</p>
        ) : null}
        <FormErrors errors={actionData?.result.error?.[''] ?? undefined} />
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('team.person')}</th>
                <th scope="col">{t('team.organisation')}</th>
                <th scope="col">{t('team.constituency')}</th>
                <th scope="col">{t('team.role')}</th>
                {canManage ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {team.map((m) => (
                <tr key={m.user_id}>
                  <th scope="row">
                    {m.name}
                    <span className="cell-sub">{m.email}</span>
                  </th>
                  <td>{m.organisation_name}</td>
                  <td>{t(`constituency.${m.constituency}`)}</td>
                  <td>
                    {canManage ? (
                      <RoleForm member={m} conflict={conflict?.id === m.user_id ? conflict : null} />
                    ) : (
                      t(`roles.${m.role}`)
                    )}
                  </td>
                  {canManage ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.user_id} />
                        <button
                          type="submit"
                          className="button button--small button--danger"
                          aria-label={t('team.removeNamed', { name: m.name })}
                        >
                          {t('team.remove')}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {canManage ? (
        <section aria-labelledby="add-heading" className="card">
          <h2 id="add-heading">{t('team.add')}</h2>
          <p className="field__hint">{t('team.addHint')}</p>
          {candidates.length === 0 ? (
            <p className="empty-state">{t('team.noCandidates')}</p>
          ) : (
            <Form method="post" className="form-row">
              <input type="hidden" name="intent" value="add" />
              <div className="field">
                <label htmlFor="add-user">{t('team.person')}</label>
                <select
                  id="add-user"
                  name="userId"
                  required
                  aria-describedby={errors?.userId ? 'add-user-error' : undefined}
                >
                  <option value="">{t('plan.fields.choose')}</option>
                  {candidates.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} · {c.organisation_acronym ?? c.organisation_name} ({t(`constituency.${c.constituency}`)})
                    </option>
                  ))}
                </select>
                <FieldErrors id="add-user-error" errors={errors?.userId ?? undefined} />
              </div>
              <div className="field">
                <label htmlFor="add-role">{t('team.role')}</label>
                <select id="add-role" name="role" defaultValue="contributor">
                  {PLAN_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)} — {t(`roles.describe.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
                {t('team.addButton')}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
