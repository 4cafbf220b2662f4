// Builds the format-neutral PlanDocument (types.ts) of a plan, live or as an approved version, in
// the plan's working language: the print view, the PDF and the DOCX all lay out this one tree.
import { type Db } from '#db/client.ts'
import { createServerInstance } from '../i18n/i18next.server.ts'
import { countryName } from '../utils/countries.ts'
import { createContext } from './compose/context.ts'
import { endorsementSection, monitoringSection, planFacts, planSection, stepSections } from './compose/plan.ts'
import { loadLiveSource, loadVersionSource } from './plan-source.server.ts'
import { type Lang, type PlanDocument } from './types.ts'

const NAMESPACES = ['common', 'steps', 'worksheets', 'collab', 'exports']

/**
 * The plan as a document; undefined when the plan (or the requested version) does not exist.
 * `lang` defaults to the plan's working language, which is what every export uses; callers check access.
 */
export async function buildPlanDocument(
  db: Db,
  planId: string,
  options: { lang?: Lang; version?: number } = {},
): Promise<PlanDocument | undefined> {
  const source =
    options.version === undefined
      ? await loadLiveSource(db, planId)
      : await loadVersionSource(db, planId, options.version)
  if (!source) return undefined
  const lang = options.lang ?? source.plan.workingLanguage
  const i18n = await createServerInstance(lang, NAMESPACES)
  const ctx = createContext(source, i18n.getFixedT(lang), lang)
  const { t } = ctx
  const p = source.plan
  const subtitle = [
    countryName(p.countryCode, lang),
    p.region,
    t(`common:plan.scope.${p.scope}`),
    `${ctx.date(p.startDate)} – ${ctx.date(p.endDate)}`,
    source.version ? t('common:lifecycle.versionN', { n: source.version.number }) : t(`common:plan.status.${p.status}`),
  ].filter(Boolean)
  return {
    planId: p.id,
    lang,
    title: p.title,
    subtitle: subtitle.join(' · '),
    facts: planFacts(ctx),
    sections: [planSection(ctx), ...stepSections(ctx), monitoringSection(ctx), endorsementSection(ctx)],
    generatedAt: new Date().toISOString(),
    ...(source.version ? { version: source.version.number } : {}),
  }
}
