import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TIMER_MS } from '@shared/control/timer';
import { useStore } from '../kit/useStore';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { useCommand } from '../kit/control/useCommand';
import { CommandError } from '../kit/control/CommandError';

const PRESETS_MIN = [3, 5, 10];
const MINUTE = 60_000;

/** Start (presets or custom minutes), pause, resume, +1 min and stop the shared countdown. */
export function TimerControls() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const timer = useStore(fac.control).timer;
  const { run, busy, error } = useCommand();
  const [minutes, setMinutes] = useState('15');
  const inputId = useId();
  const maxMinutes = MAX_TIMER_MS / MINUTE;
  const custom = Number(minutes.replace(',', '.'));
  const customValid = Number.isFinite(custom) && custom > 0 && custom <= maxMinutes;

  const start = (min: number): void =>
    void run(
      { type: 'startTimer', durationMs: Math.max(1000, Math.round(min * MINUTE)) },
      t('timer.started', { count: min }),
    );
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (customValid) start(custom);
  };

  return (
    <div className="fac-section" role="group" aria-label={t('timer.controls')}>
      <h3 className="fac-section__title">{t('timer.controls')}</h3>
      <div className="fac-row">
        {PRESETS_MIN.map((m) => (
          <button
            key={m}
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => start(m)}
          >
            {t('timer.preset', { count: m })}
          </button>
        ))}
      </div>
      <form className="fac-row" onSubmit={submit}>
        <label htmlFor={inputId}>{t('timer.minutes')}</label>
        <input
          id={inputId}
          className="fac-number"
          type="number"
          min={1}
          max={maxMinutes}
          step="any"
          inputMode="decimal"
          value={minutes}
          aria-invalid={!customValid || undefined}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <button
          type="submit"
          className="button button--small button--primary"
          disabled={busy || !customValid}
        >
          {t('timer.start')}
        </button>
      </form>
      <div className="fac-row">
        {timer.status === 'running' ? (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void run({ type: 'pauseTimer' }, t('timer.paused'))}
          >
            {t('timer.pause')}
          </button>
        ) : null}
        {timer.status === 'paused' ? (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void run({ type: 'resumeTimer' }, t('timer.resumed'))}
          >
            {t('timer.resume')}
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void run({ type: 'extendTimer', ms: MINUTE }, t('timer.extended'))}
        >
          {t('timer.addMinute')}
        </button>
        {timer.status !== 'stopped' ? (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void run({ type: 'stopTimer' }, t('timer.stopped'))}
          >
            {t('timer.stop')}
          </button>
        ) : null}
      </div>
      <CommandError error={error} />
    </div>
  );
}
