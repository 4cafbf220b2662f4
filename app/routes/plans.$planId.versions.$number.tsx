import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { ApprovalOverride } from '../components/plans/LifecycleNotices.tsx'
import { VersionContents, VersionDiffSection } from '../components/plans/VersionContent.tsx'
import { isPdfAvailable } from '../exports/pdf/pdf.server.ts'
import { signoffEntries } from '../signoff/entries.ts'
import { FrozenSignoff, type FrozenSignoffView } from '../signoff/FrozenSignoff.tsx'
import { frozenSignoff } from '../signoff/signoff.server.ts'
import worksheetStyles from '../styles/worksheets.css?url'
import { getDb } from '../utils/db.server.ts'
import { formatDateTime } from '../utils/locales.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { diffVersions } from '../utils/version-diff.ts'
import { namedRefs } from '../worksheets/recordName.ts'
import { titleFieldOf } from '../worksheets/valueText.ts'

export const handle = { i18n: ['common', 'steps', 'worksheets', 'exports', 'collab'] }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: worksheetStyles }]

const versionNumber = (v: string | null | undefined) => (v && /^\d{1,6}$/.test(v) ? Number(v) : null)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, 'plan:read')
  const number = versionNumber(params.number)
  const db = getDb()
  const version = number === null ? undefined : await LifecycleRepository.findVersion(db, plan.id, number)
  if (!version) throw data({ message: 'Not found' }, { status: 404 })
  const all = await LifecycleRepository.findVersions(db, plan.id)
  const compareTo =
    versionNumber(new URL(request.url).searchParams.get('compare')) ?? (number! > 1 ? number! - 1 : null)
  const other =
    compareTo !== null && compareTo !== number
      ? await LifecycleRepository.findVersion(db, plan.id, compareTo)
      : undefined
  const diff = other
    ? other.number < version.number
      ? diffVersions(other.snapshot, version.snapshot)
      : diffVersions(version.snapshot, other.snapshot)
    : null
  // Links between items are ids: the diff names them by the words and codes both versions froze.
  const refs = namedRefs([...(other?.snapshot.items ?? []), ...version.snapshot.items], titleFieldOf)
  // The agreement as frozen at approval, by the same rule as the live plan's (never today's sign-offs).
  const frozen = frozenSignoff(plan.id, version.snapshot.signoff)
  const signoff: FrozenSignoffView | null = frozen
    ? {
        counts: frozen.counts,
        substeps: frozen.substeps.map((s) => ({
          code: s.code,
          complete: s.complete,
          agreement: s.agreement,
          entries: signoffEntries(s, frozen.rows),
        })),
      }
    : null
  return {
    planId: plan.id,
    version,
    numbers: all.map((v) => v.number),
    compareTo: other?.number ?? null,
    diff,
    refs,
    pdfAvailable: isPdfAvailable(),
    signoff,
  }
}

export default function VersionPage() {
  const { planId, version, numbers, compareTo, diff, refs, pdfAvailable, signoff } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'worksheets'])
  const snapshot = version.snapshot
  return (
    <div className="version">
      <title>{t('lifecycle.versionN', { n: version.number })}</title>
      <p>
        <Link to={`/plans/${planId}/review`}>← {t('lifecycle.title')}</Link>
      </p>
      <h2>{t('lifecycle.versionN', { n: version.number })}</h2>
      <p className="field__hint">
        {t('lifecycle.approvedBy', {
          name: version.approved_by_name ?? '—',
          when: formatDateTime(version.created_at, i18n.language),
        })}{' '}
        · {t('lifecycle.frozen')}
      </p>
      <ApprovalOverride approval={version} />
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
        <VersionDiffSection
          diff={diff}
          between={[Math.min(compareTo!, version.number), Math.max(compareTo!, version.number)]}
          refs={refs}
        />
      ) : null}
      <FrozenSignoff signoff={signoff} />
      <VersionContents snapshot={snapshot} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
