import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useFetcher, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as NotificationRepository from '#db/repositories/notifications.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { describeNotification } from '../components/notifications/NotificationText.tsx'
import { getDb } from '../utils/db.server.ts'
import { formatDateTime } from '../utils/locales.ts'
import { readFormData } from '../utils/request.server.ts'
import { requireUser, safeRedirect } from '../utils/session.server.ts'
import { uuid, z } from '../utils/validation.ts'

// The signed-in person's notifications (ADR 061): newest first, a bounded page at a time; each
// links to what it is about and, followed, is marked read by a POST beside the navigation (a GET
// never writes, docs/security.md); without scripts its "Mark as read" button does that.

export const handle = { i18n: ['common', 'notifications'] }

const pageSchema = z.coerce.number().int().min(1).max(NotificationRepository.MAX_PAGE)

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: uuid }),
  z.object({ intent: z.literal('readAll') }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const raw = new URL(request.url).searchParams.get('page')
  const page = raw === null ? { success: true as const, data: 1 } : pageSchema.safeParse(raw.slice(0, 12))
  if (!page.success) throw data({ message: 'Bad request' }, { status: 400 })
  const db = getDb()
  const [rows, counts] = await Promise.all([
    NotificationRepository.findPageByUser(db, user.id, page.data),
    NotificationRepository.countByUser(db, user.id),
  ])
  const pages = Math.max(
    1,
    Math.min(NotificationRepository.MAX_PAGE, Math.ceil(counts.total / NotificationRepository.PAGE_SIZE)),
  )
  // Rows hold paths the portal wrote; still, a link never leaves the site.
  const safe = rows.map((r) => ({ ...r, path: safeRedirect(r.path, '/notifications') }))
  return { rows: safe, page: page.data, pages, unread: counts.unread }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = actionSchema.safeParse(Object.fromEntries(await readFormData(request)))
  if (!parsed.success) return data({ error: 'validation.invalid' }, { status: 400 })
  if (parsed.data.intent === 'readAll') {
    await NotificationRepository.markAllRead(getDb(), user.id)
    return { error: null }
  }
  // Another person's id finds nothing, exactly like an id that does not exist.
  const row = await NotificationRepository.markRead(getDb(), user.id, parsed.data.id)
  if (!row) throw data({ message: 'Not found' }, { status: 404 })
  return { error: null }
}

export default function NotificationsPage() {
  const { rows, page, pages, unread } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['notifications', 'common'])
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="notifications-page">
      <title>{t('notifications:title')}</title>
      <h1>{t('notifications:title')}</h1>
      <div className="notifications-page__summary">
        <p>{unread > 0 ? t('notifications:unreadCount', { count: unread }) : t('notifications:allRead')}</p>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="readAll" className="button" disabled={busy}>
              {t('notifications:markAllRead')}
            </button>
          </Form>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="field__hint">{page === 1 ? t('notifications:none') : t('notifications:pastTheEnd')}</p>
      ) : (
        <ol className="notification-list">
          {rows.map((row) => {
            const words = describeNotification(t, i18n.language, row)
            const isUnread = row.read_at === null
            return (
              <li key={row.id} className="notification" data-unread={isUnread ? '' : undefined}>
                <p className="notification__state">
                  <span className={isUnread ? 'chip chip--missing' : 'chip'}>
                    {isUnread ? t('notifications:unread') : t('notifications:read')}
                  </span>{' '}
                  <time dateTime={new Date(row.created_at).toISOString()}>
                    {formatDateTime(row.created_at, i18n.language)}
                  </time>
                </p>
                <NotificationLink id={row.id} path={row.path} unread={isUnread}>
                  {words.text}
                </NotificationLink>
                {words.quote ? <blockquote className="notification__quote">{words.quote}</blockquote> : null}
                {isUnread ? (
                  <Form method="post" className="notification__read">
                    <input type="hidden" name="id" value={row.id} />
                    <button type="submit" name="intent" value="read" className="button button--quiet" disabled={busy}>
                      {t('notifications:markRead')}
                      <span className="visually-hidden">: {words.text}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}
      {pages > 1 ? (
        <nav className="notification-pager" aria-label={t('notifications:pages')}>
          {page > 1 ? <Link to={`?page=${page - 1}`}>{t('notifications:newer')}</Link> : null}
          <span>{t('notifications:pageOf', { page, pages })}</span>
          {page < pages ? <Link to={`?page=${page + 1}`}>{t('notifications:older')}</Link> : null}
        </nav>
      ) : null}
    </div>
  )
}

/**
 * The link to what a notification is about. Following an unread one marks it read through a
 * fetcher, which goes on after the page is left (v3_fetcherPersist); the bell hears of it.
 */
function NotificationLink({
  id,
  path,
  unread,
  children,
}: {
  id: string
  path: string
  unread: boolean
  children: React.ReactNode
}) {
  const fetcher = useFetcher()
  return (
    <Link
      to={path}
      className="notification__link"
      onClick={() => {
        if (unread) fetcher.submit({ intent: 'read', id }, { method: 'post', action: '/notifications?index' })
      }}
    >
      {children}
    </Link>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
