import { Form } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ConflictView } from '../../conflicts/protocol.ts'
import { BaseFields } from '../../conflicts/ui/BaseFields.tsx'
import { chosenValue, ConflictChoices, type Choice } from '../../conflicts/ui/ConflictChoices.tsx'
import { PLAN_ROLES, type PlanRole } from '#core/permissions.ts'

/**
 * Changes one member's role from the role the lead saw (ADR 036). Untouched, the select follows
 * live refresh; once the lead picks a role, a change by someone else is announced, not applied.
 */
export function RoleForm({
  member,
  conflict,
}: {
  member: { user_id: string; name: string; role: PlanRole }
  conflict: ConflictView | null
}) {
  const { t } = useTranslation()
  const [touched, setTouched] = useState(false)
  const [base, setBase] = useState(member.role)
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [seen, setSeen] = useState(conflict)
  if (seen !== conflict) {
    setSeen(conflict)
    setChoices({})
    if (conflict && typeof conflict.data.role === 'string') setBase(conflict.data.role as PlanRole)
  }
  if (!touched && !conflict && member.role !== base) setBase(member.role)
  const shown = conflict ? String(chosenValue(conflict, choices, 'role')) : base
  return (
    <Form method="post" className="inline-form" onChange={() => setTouched(true)} onSubmit={() => setTouched(false)}>
      <input type="hidden" name="intent" value="change-role" />
      <input type="hidden" name="userId" value={member.user_id} />
      <BaseFields base={{ version: 0, data: { role: base } }} />
      <label className="visually-hidden" htmlFor={`role-${member.user_id}`}>
        {t('team.roleOf', { name: member.name })}
      </label>
      <select key={`${base}-${shown}`} id={`role-${member.user_id}`} name="role" defaultValue={shown}>
        {PLAN_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small">
        {t('team.changeRole')}
      </button>
      {touched && !conflict && member.role !== base ? (
        <p role="status">{t('conflict.changedRecord', { name: t('conflict.someone') })}</p>
      ) : null}
      {conflict ? (
        <ConflictChoices
          conflict={conflict}
          label={() => t('team.roleOf', { name: member.name })}
          render={(_f, v) => (typeof v === 'string' ? t(`roles.${v}`) : '—')}
          choices={choices}
          onChoose={(f, c) => setChoices((all) => ({ ...all, [f]: c }))}
        />
      ) : null}
    </Form>
  )
}
