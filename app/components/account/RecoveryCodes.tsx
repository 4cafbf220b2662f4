import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useHydrated } from '../useHydrated.ts'

/**
 * The ten recovery codes, shown once (only their hashes are kept): to copy, download as a text
 * file or write down. The download is a data: link, so it works before and without JavaScript.
 */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation()
  const hydrated = useHydrated()
  const [copied, setCopied] = useState(false)
  const text = `${t('twoFactor.recoveryFileHeading')}\n\n${codes.join('\n')}\n`
  return (
    <section className="card recovery-codes" aria-labelledby="recovery-codes-heading">
      <h2 id="recovery-codes-heading">{t('twoFactor.recoveryCodes')}</h2>
      <p className="alert alert--warning">{t('twoFactor.recoveryCodesOnce')}</p>
      <ol className="recovery-codes__list" aria-label={t('twoFactor.recoveryCodes')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <a
          className="button"
          download="scp-portal-recovery-codes.txt"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
        >
          {t('twoFactor.downloadCodes')}
        </a>
        {hydrated ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              void navigator.clipboard.writeText(text).then(() => setCopied(true))
            }}
          >
            {t('twoFactor.copyCodes')}
          </button>
        ) : null}
      </div>
      <p role="status" className="field__hint">
        {copied ? t('twoFactor.codesCopied') : ''}
      </p>
    </section>
  )
}
