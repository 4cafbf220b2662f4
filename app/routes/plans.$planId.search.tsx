import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useId } from 'react'
import { type TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { queryTerms, type Snippet } from '../search/match.ts'
import { searchPlan, type SearchHit } from '../search/plan-search.server.ts'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { isStorable, z } from '../utils/validation.ts'

export const handle = { i18n: ['common', 'worksheets', 'steps'] }

const querySchema = z
  .string()
  .trim()
  .min(2, 'search.tooShort')
  .max(100, 'search.tooLong')
  .refine(isStorable, 'validation.invalid')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, 'plan:read')
  const raw = new URL(request.url).searchParams.get('q')
  const empty = { planId: plan.id, q: '', error: null, result: null }
  if (raw === null || raw.trim() === '') return empty
  const parsed = querySchema.safeParse(raw)
  const terms = parsed.success ? queryTerms(parsed.data) : []
  if (!parsed.success || terms.length === 0) {
    const error = parsed.success ? 'search.noWords' : (parsed.error.issues[0]?.message ?? 'validation.invalid')
    return data({ ...empty, q: raw.slice(0, 100), error }, { status: 400 })
  }
  return { ...empty, q: parsed.data, result: await searchPlan(getDb(), plan.id, terms) }
}

export default function PlanSearch() {
  const { planId, q, error, result } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'worksheets', 'steps'])
  const searching = useNavigation().state === 'loading'
  const errorId = useId()
  const groups = result ? groupBySubstep(result.hits) : []
  return (
    <section className="plan-search" aria-labelledby="plan-search-title">
      <title>{t('search.title')}</title>
      <h2 id="plan-search-title">{t('search.title')}</h2>
      <Form method="get" role="search" aria-label={t('search.title')} className="plan-search__form">
        <div className="field">
          <label htmlFor="plan-search-q">{t('search.label')}</label>
          <p className="field__hint" id="plan-search-hint">
            {t('search.hint')}
          </p>
          <input
            id="plan-search-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            aria-describedby={error ? `plan-search-hint ${errorId}` : 'plan-search-hint'}
            aria-invalid={error ? true : undefined}
          />
          {error ? (
            <ul id={errorId} className="field__errors" role="list">
              <li>{t(error)}</li>
            </ul>
          ) : null}
        </div>
        <button type="submit" className="button button--primary" disabled={searching}>
          {t('search.submit')}
        </button>
      </Form>
      <div role="status" className="plan-search__summary">
        {result
          ? result.hits.length === 0
            ? t('search.none', { q })
            : t('search.results', { count: result.hits.length, q })
          : null}
        {result?.truncated ? ` ${t('search.truncated', { count: result.hits.length })}` : null}
      </div>
      {groups.map(({ substep, hits }) => (
        <section
          key={substep ?? 'narrative'}
          className="plan-search__group"
          aria-labelledby={`search-${substep ?? 'narrative'}`}
        >
          <h3 id={`search-${substep ?? 'narrative'}`}>
            {substep ? (
              <Link to={`/plans/${planId}/steps/${substep}`}>
                {substep} {t(`steps:substep.${substep}.name`)}
              </Link>
            ) : (
              <Link to={`/plans/${planId}#plan-narrative`}>{t('search.narrative')}</Link>
            )}
          </h3>
          <ul className="plan-search__hits">
            {hits.map((hit) => (
              <li key={hitKey(hit)}>
                <Link to={hitLink(planId, hit)} className="plan-search__where">
                  {hitTitle(hit, t)}
                </Link>
                <SnippetText snippet={hit.snippet} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}

function hitKey(hit: SearchHit): string {
  if (hit.source === 'record') return hit.itemId
  return hit.source === 'comment' ? hit.commentId : 'document'
}

function hitTitle(hit: SearchHit, t: TFunction<['common', 'worksheets', 'steps']>): string {
  if (hit.source === 'record') {
    const where = `${hit.ref} · ${t(`worksheets:kinds.${hit.kind}.title`)}`
    return hit.field === 'ref' ? where : `${where} · ${t(`worksheets:kinds.${hit.kind}.fields.${hit.field}`)}`
  }
  if (hit.source === 'comment') {
    const author = hit.author ?? t('activity.someone')
    return hit.item ? t('search.commentOn', { author, ref: hit.item.ref }) : t('search.comment', { author })
  }
  return hit.substep ? t('search.notes') : t('search.narrative')
}

function hitLink(planId: string, hit: SearchHit): string {
  if (hit.source === 'record') return `/plans/${planId}/steps/${hit.substep}#item-${hit.itemId}`
  if (hit.source === 'comment')
    return `/plans/${planId}/steps/${hit.substep}#${hit.item ? `item-${hit.item.id}` : 'discussion'}`
  return hit.substep ? `/plans/${planId}/steps/${hit.substep}#team-notes` : `/plans/${planId}#plan-narrative`
}

function groupBySubstep(hits: SearchHit[]) {
  const groups: { substep: string | null; hits: SearchHit[] }[] = []
  for (const hit of hits) {
    const last = groups.at(-1)
    if (last && last.substep === hit.substep) last.hits.push(hit)
    else groups.push({ substep: hit.substep, hits: [hit] })
  }
  return groups
}

function SnippetText({ snippet }: { snippet: Snippet }) {
  return (
    <p className="plan-search__snippet">
      {snippet.cutBefore ? '… ' : null}
      {snippet.parts.map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
      {snippet.cutAfter ? ' …' : null}
    </p>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
