import { type ReactNode } from 'react'

/** The narrow, centred card of the pages used before signing in (sign-in, accepting an invitation). */
export function AuthCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <title>{title}</title>
      <section className="card auth-card" aria-labelledby={`${id}-heading`}>
        <h1 id={`${id}-heading`}>{title}</h1>
        {children}
      </section>
    </div>
  )
}
