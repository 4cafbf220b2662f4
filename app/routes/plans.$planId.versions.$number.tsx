import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { isPdfAvailable } from '../exports/pdf/pdf.server.ts'
import worksheetStyles from '../styles/worksheets.css?url'
import { getDb } from '../utils/db.server.ts'
import { formatDateTime } from '../utils/locales.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { diffVersions } from '../utils/version-diff.ts'
import { parseDocName } from '../collab/contract.ts'
import { itemContent, itemTitle, planFieldLabel, planFieldText, valueText, fieldLabel, fieldSpec, type WordingContext } from '../worksheets/valueText.ts'

export const handle = { i18n: ['common', 'worksheets', 'exports', 'collab'] }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: worksheetStyles }]

const versionNumber = (v: string | null | undefined) => (v && /^\d{1,6}$/.test(v) ? Number(v) : null)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, 'plan:read')
  const number = versionNumber(params.number)
  const db = getDb()
  const version = number === null ? undefined : await LifecycleRepository.findVersion(db, plan.id, number)
  if (!version) throw data({ message: 'Not found' }, { status: 404 })
  const all = await LifecycleRepository.findVersions(db, plan.id)
  const compareTo = versionNumber(new URL(request.url).searchParams.get('compare')) ?? (number! > 1 ? number! - 1 : null)
  const other = compareTo !== null && compareTo !== number ? await LifecycleRepository.findVersion(db, plan.id, compareTo) : undefined
  const diff = other ? (other.number < version.number ? diffVersions(other.snapshot, version.snapshot) : diffVersions(version.snapshot, other.snapshot)) : null
  return { planId: plan.id, version, numbers: all.map((v) => v.number), compareTo: other?.number ?? null, diff, pdfAvailable: isPdfAvailable() }
}

/** A frozen document's heading: "Team notes for sub-step 1.1", "Plan narrative" (never its room name). */
function documentTitle(name: string, t: WordingContext['t']): string {
  const ref = parseDocName(name)
  if (!ref) return t('lifecycle.document')
  return ref.substep ? t('collab:notes.label', { code: ref.substep }) : t('collab:narrative.label')
}

export default function VersionPage() {
  const { planId, version, numbers, compareTo, diff, pdfAvailable } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'worksheets'])
  const snapshot = version.snapshot
  // Links between items are ids: written as the reference codes the version froze.
  const ctx: WordingContext = { t, lng: i18n.language, refs: new Map(snapshot.items.map((i) => [i.id, i.ref])) }
  const role = (r: string) => t(`roles.${r}`, { defaultValue: r })
  const kinds = [...new Set(snapshot.items.map((i) => i.kind))]
  const kindTitle = (kind: string) => t(`worksheets:kinds.${kind}.title`, { defaultValue: kind })
  return (
    <div className="version">
      <title>{t('lifecycle.versionN', { n: version.number })}</title>
      <p>
        <Link to={`/plans/${planId}/review`}>← {t('lifecycle.title')}</Link>
      </p>
      <h2>{t('lifecycle.versionN', { n: version.number })}</h2>
      <p className="field__hint">
        {t('lifecycle.approvedBy', { name: version.approved_by_name ?? '—', when: formatDateTime(version.created_at, i18n.language) })} · {t('lifecycle.frozen')}
      </p>
      {/* Plain links: the print view and the Word file are served by resource routes. */}
      <ul className="version__exports" aria-label={t('exports:area.title')}>
        <li>
          <a href={`/plans/${planId}/versions/${version.number}/print`}>{t('exports:area.printView')}</a>
        </li>
        {pdfAvailable ? (
          <li>
            <a href={`/plans/${planId}/versions/${version.number}/export.pdf`}>{t('exports:area.pdf')}</a>
          </li>
        ) : null}
        <li>
          <a href={`/plans/${planId}/versions/${version.number}/export.docx`}>{t('exports:area.docx')}</a>
        </li>
      </ul>
      {numbers.length > 1 ? (
        <Form method="get" className="form-row">
          <div className="field">
            <label htmlFor="compare">{t('lifecycle.compareWith')}</label>
            <select id="compare" name="compare" defaultValue={compareTo ?? ''}>
              {numbers
                .filter((n) => n !== version.number)
                .map((n) => (
                  <option key={n} value={n}>
                    {t('lifecycle.versionN', { n })}
                  </option>
                ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t('lifecycle.compare')}
          </button>
        </Form>
      ) : null}
      {diff ? (
        <section className="card" aria-labelledby="diff-heading">
          <h3 id="diff-heading">{t('lifecycle.changesBetween', { a: Math.min(compareTo!, version.number), b: Math.max(compareTo!, version.number) })}</h3>
          {diff.plan.length + diff.items.length + diff.team.added.length + diff.team.removed.length + diff.documents.length === 0 ? <p>{t('lifecycle.noChanges')}</p> : null}
          {diff.plan.map((c) => (
            <p key={c.field}>
              <strong>{planFieldLabel(c.field, ctx)}</strong>: <del>{planFieldText(c.field, c.before, ctx)}</del> → <ins>{planFieldText(c.field, c.after, ctx)}</ins>
            </p>
          ))}
          {diff.team.added.map((m) => (
            <p key={`+${m.name}-${m.role}`}>
              {t('lifecycle.memberAdded', { name: m.name, organisation: m.organisation, role: role(m.role) })}
            </p>
          ))}
          {diff.team.removed.map((m) => (
            <p key={`-${m.name}-${m.role}`}>
              {t('lifecycle.memberRemoved', { name: m.name, organisation: m.organisation, role: role(m.role) })}
            </p>
          ))}
          {diff.items.length > 0 ? (
            <ul className="diff-list">
              {diff.items.map((c) => (
                <li key={`${c.kind}-${c.ref}`}>
                  <span className={`pill pill--${c.change === 'removed' ? 'in_progress' : 'done'}`}>{t(`lifecycle.change.${c.change}`)}</span> {kindTitle(c.kind)} {c.ref}
                  {c.change === 'changed' ? (
                    <ul>
                      {c.fields.map((f) => (
                        <li key={f.field}>
                          {fieldLabel(c.kind, f.field, ctx)}: <del>{valueText(fieldSpec(c.kind, f.field), f.before, ctx)}</del> → <ins>{valueText(fieldSpec(c.kind, f.field), f.after, ctx)}</ins>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    // An added or removed row shows what it held, not only its reference.
                    <dl className="diff-list__content">
                      {itemContent(c.kind, c.data, ctx).map((f) => (
                        <div key={f.field}>
                          <dt>{f.label}</dt>
                          <dd>{c.change === 'removed' ? <del>{f.value}</del> : <ins>{f.value}</ins>}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
          {diff.documents.map((d) => (
            <div key={d.name}>
              <h4>{documentTitle(d.name, t)}</h4>
              {d.removed.map((l) => (
                <p key={`-${l}`}>
                  <del>{l}</del>
                </p>
              ))}
              {d.added.map((l) => (
                <p key={`+${l}`}>
                  <ins>{l}</ins>
                </p>
              ))}
            </div>
          ))}
        </section>
      ) : null}
      <section className="card" aria-labelledby="content-heading">
        <h3 id="content-heading">{t('lifecycle.contents')}</h3>
        <p>
          <strong>{planFieldText('title', snapshot.plan.title, ctx)}</strong>
        </p>
        {kinds.map((kind) => {
          return (
            <div key={kind}>
              <h4>{kindTitle(kind)}</h4>
              <ul>
                {snapshot.items
                  .filter((i) => i.kind === kind)
                  .map((i) => (
                    <li key={i.id}>
                      <strong>{i.ref}</strong> {itemTitle(kind, i.data, ctx)}
                    </li>
                  ))}
              </ul>
            </div>
          )
        })}
        {snapshot.documents.map((d) => (
          <div key={d.name}>
            <h4>{documentTitle(d.name, t)}</h4>
            <p className="prewrap">{d.plainText}</p>
          </div>
        ))}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
