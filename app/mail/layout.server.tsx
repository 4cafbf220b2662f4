import { renderToStaticMarkup } from 'react-dom/server'

// One layout for every message, as HTML and as plain text. The HTML is rendered by React, so every
// text that came from people (names, plan titles, a reviewer's note) is escaped; links are absolute.

export interface MessageItem {
  text: string
  /** A quoted note or excerpt shown under the line. */
  quote?: string
  url: string
}

export interface MessageContent {
  subject: string
  greeting: string
  paragraphs: string[]
  /** The main button, or for a digest one link per item. */
  action?: { label: string; url: string }
  items?: MessageItem[]
  quote?: string
  /** Small print: why this message came, and where to change that. */
  footer: string[]
  lang: string
}

const colours = { text: '#1f2933', muted: '#52606d', accent: '#1d4e89', line: '#d9e2ec' }

function Html({ m }: { m: MessageContent }) {
  return (
    <html lang={m.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{m.subject}</title>
      </head>
      <body style={{ margin: 0, padding: '16px', fontFamily: 'Arial, sans-serif', color: colours.text }}>
        <div style={{ maxWidth: '560px', margin: '0 auto', lineHeight: 1.5 }}>
          <p>{m.greeting}</p>
          {m.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          {m.quote ? (
            <blockquote style={{ borderLeft: `4px solid ${colours.line}`, margin: '0 0 16px', paddingLeft: '12px' }}>
              {m.quote}
            </blockquote>
          ) : null}
          {m.action ? (
            <p>
              <a
                href={m.action.url}
                style={{
                  display: 'inline-block',
                  background: colours.accent,
                  color: '#ffffff',
                  padding: '10px 16px',
                  borderRadius: '4px',
                  textDecoration: 'none',
                }}
              >
                {m.action.label}
              </a>
            </p>
          ) : null}
          {m.items?.length ? (
            <ul style={{ paddingLeft: '20px' }}>
              {m.items.map((item, i) => (
                <li key={i} style={{ marginBottom: '8px' }}>
                  <a href={item.url} style={{ color: colours.accent }}>
                    {item.text}
                  </a>
                  {item.quote ? <div style={{ color: colours.muted }}>{item.quote}</div> : null}
                </li>
              ))}
            </ul>
          ) : null}
          <hr style={{ border: 0, borderTop: `1px solid ${colours.line}`, margin: '24px 0 12px' }} />
          {m.footer.map((line, i) => (
            <p key={i} style={{ color: colours.muted, fontSize: '13px' }}>
              {line}
            </p>
          ))}
        </div>
      </body>
    </html>
  )
}

/** The message as HTML (escaped by React) and as plain text. */
export function renderMessage(m: MessageContent): { subject: string; html: string; text: string } {
  const html = `<!DOCTYPE html>${renderToStaticMarkup(<Html m={m} />)}`
  const lines = [m.greeting, '', ...m.paragraphs.flatMap((p) => [p, ''])]
  if (m.quote) lines.push(...m.quote.split('\n').map((l) => `> ${l}`), '')
  if (m.action) lines.push(`${m.action.label}:`, m.action.url, '')
  for (const item of m.items ?? []) {
    lines.push(`- ${item.text}`)
    if (item.quote) lines.push(`  ${item.quote}`)
    lines.push(`  ${item.url}`, '')
  }
  lines.push('-- ', ...m.footer)
  return { subject: oneLine(m.subject), html, text: lines.join('\n') }
}

/** Subjects are one header line: newlines and control characters from people's text are dropped. */
function oneLine(text: string) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
}
