import { NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { STEPS } from '#core/substeps.ts'

/** The 16 sub-steps grouped by step, the current one marked: the sidebar, and the drawer's content. */
export function SubstepNav({ planId }: { planId: string }) {
  const { t } = useTranslation('steps')
  return (
    <nav aria-label={t('common:plan.tabs.steps')} className="substep-nav">
      <ol>
        {STEPS.map((s) => (
          <li key={s.step}>
            <span className="substep-nav__step">
              {s.step}. {t(`step.${s.step}.name`)}
            </span>
            <ol>
              {s.substeps.map((c) => (
                <li key={c}>
                  <NavLink to={`/plans/${planId}/steps/${c}`}>
                    {c} {t(`substep.${c}.name`)}
                  </NavLink>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/**
 * On narrow screens, where the sidebar has no room, a button opens the sub-step menu as a drawer:
 * a modal <dialog>, so focus stays inside, Escape and the backdrop close it, and focus returns to
 * the button. Its content exists only while open, so the links are never in the page twice.
 */
export function SubstepDrawer({ planId, code }: { planId: string; code: string }) {
  const { t } = useTranslation('steps')
  const [open, setOpen] = useState(false)
  const dialog = useRef<HTMLDialogElement>(null)
  const location = useLocation()
  useEffect(() => setOpen(false), [location.key])
  useEffect(() => {
    const d = dialog.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])
  return (
    <>
      <button
        type="button"
        className="button button--small substep-drawer__open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">☰</span> {t('menu.open', { code })}
      </button>
      <dialog
        ref={dialog}
        className="substep-drawer"
        // Named directly: its heading only exists while it is open.
        aria-label={t('menu.title')}
        onClose={() => setOpen(false)}
        // A click on the backdrop lands on the dialog element itself.
        onClick={(event) => {
          if (event.target === event.currentTarget) setOpen(false)
        }}
      >
        {open ? (
          <>
            <div className="substep-drawer__head">
              <h2>{t('menu.title')}</h2>
              <button type="button" className="button button--quiet button--small" onClick={() => setOpen(false)}>
                {t('menu.close')}
              </button>
            </div>
            <SubstepNav planId={planId} />
          </>
        ) : null}
      </dialog>
    </>
  )
}
