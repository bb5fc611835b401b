import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A read-only link with a copy button; without clipboard access the text is selected instead. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2500);
    } catch {
      input.current?.focus();
      input.current?.select();
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input
          id={id}
          ref={input}
          type="text"
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="button button--small"
          aria-label={t('console.copyLabel', { what: label })}
          onClick={() => void copy()}
        >
          {t('console.copy')}
        </button>
      </div>
      <span className="copy-field__done" aria-live="polite">
        {copied ? t('console.copied') : ''}
      </span>
    </div>
  );
}
