import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFacilitation } from '../kit/control/FacilitationContext';

/** "Continue on another device": this person's own link, to open elsewhere. */
export function LinkPanel() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const [copied, setCopied] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const personal = fac.personal;
  if (!personal) return null;
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(personal.link);
      setCopied(true);
    } catch {
      // No clipboard permission: select the text so the person can copy it themselves.
      input.current?.select();
    }
  };
  return (
    <section className="fac-panel" aria-labelledby="link-title">
      <h2 id="link-title" className="fac-panel__title">
        {t('panel.link')}
      </h2>
      <p id={hintId} className="hint">
        {t('link.body', { name: personal.name })}
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t('link.label')}</label>
        <input
          id={inputId}
          ref={input}
          type="text"
          readOnly
          value={personal.link}
          aria-describedby={hintId}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <button
        type="button"
        className="button button--small button--primary"
        onClick={() => void copy()}
      >
        {t('link.copy')}
      </button>
      <span className="link-copied" aria-live="polite">
        {copied ? t('link.copied') : ''}
      </span>
    </section>
  );
}
