// What an approved version holds and how it differs from another, in words: options translated,
// links by their words and code, an added or removed row with its content, documents by their title.
import { useTranslation } from 'react-i18next'
import { parseDocName } from '#core/collab/contract.ts'
import { type PlanSnapshot } from '#db/types.ts'
import { type VersionDiff } from '../../utils/version-diff.ts'
import {
  fieldLabel,
  fieldSpec,
  itemContent,
  itemTitle,
  planFieldLabel,
  planFieldText,
  valueText,
  type WordingContext,
} from '../../worksheets/valueText.ts'
import { withCode } from '../../worksheets/recordName.ts'

/** A frozen document's heading: "Team notes for sub-step 1.1", "Plan narrative" (never its room name). */
export function documentTitle(name: string, t: WordingContext['t']): string {
  const ref = parseDocName(name)
  if (!ref) return t('lifecycle.document')
  return ref.substep ? t('collab:notes.label', { code: ref.substep }) : t('collab:narrative.label')
}

function useWording(refs: Record<string, string>) {
  const { t, i18n } = useTranslation(['common', 'worksheets'])
  const ctx: WordingContext = { t, lng: i18n.language, refs: new Map(Object.entries(refs)) }
  const kindTitle = (kind: string) => t(`worksheets:kinds.${kind}.title`, { defaultValue: kind })
  const role = (r: string) => t(`roles.${r}`, { defaultValue: r })
  return { t, ctx, kindTitle, role }
}

/** The changes between two versions; `refs` names the items of both by id. */
export function VersionDiffSection({
  diff,
  between,
  refs,
}: {
  diff: VersionDiff
  between: [number, number]
  refs: Record<string, string>
}) {
  const { t, ctx, kindTitle, role } = useWording(refs)
  return (
    <section className="card" aria-labelledby="diff-heading">
      <h3 id="diff-heading">{t('lifecycle.changesBetween', { a: between[0], b: between[1] })}</h3>
      {diff.plan.length +
        diff.items.length +
        diff.team.added.length +
        diff.team.removed.length +
        diff.documents.length ===
      0 ? (
        <p>{t('lifecycle.noChanges')}</p>
      ) : null}
      {diff.plan.map((c) => (
        <p key={c.field}>
          <strong>{planFieldLabel(c.field, ctx)}</strong>: <del>{planFieldText(c.field, c.before, ctx)}</del> →{' '}
          <ins>{planFieldText(c.field, c.after, ctx)}</ins>
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
              <span className={`pill pill--${c.change === 'removed' ? 'in_progress' : 'done'}`}>
                {t(`lifecycle.change.${c.change}`)}
              </span>{' '}
              {kindTitle(c.kind)}: {withCode(itemTitle(c.kind, c.data, ctx), c.ref, t('worksheets:untitled'))}
              {c.change === 'changed' ? (
                <ul>
                  {c.fields.map((f) => (
                    <li key={f.field}>
                      {fieldLabel(c.kind, f.field, ctx)}:{' '}
                      <del>{valueText(fieldSpec(c.kind, f.field), f.before, ctx)}</del> →{' '}
                      <ins>{valueText(fieldSpec(c.kind, f.field), f.after, ctx)}</ins>
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
  )
}

/** Everything the version froze: the title, each worksheet's items by reference and name, the documents. */
export function VersionContents({ snapshot }: { snapshot: PlanSnapshot }) {
  const { t, ctx, kindTitle } = useWording(Object.fromEntries(snapshot.items.map((i) => [i.id, i.ref])))
  const kinds = [...new Set(snapshot.items.map((i) => i.kind))]
  return (
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
                  <li key={i.id}>{withCode(itemTitle(kind, i.data, ctx), i.ref, t('worksheets:untitled'))}</li>
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
  )
}
