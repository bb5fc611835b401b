import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { remainingMs, type TimerState } from '@shared/control/timer';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { formatRemaining } from './format';
import { playChime, setSoundEnabled, soundEnabled } from './sound';

const TICK_MS = 200;

/** Milliseconds left on the server's timer, re-read a few times a second while it runs. */
export function useRemaining(timer: TimerState): number {
  const { clock } = useFacilitation();
  useStore(clock.offset);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (timer.status !== 'running') return;
    const id = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(id);
  }, [timer]);
  return remainingMs(timer, clock.now());
}

/** The countdown every device shows the same, with a gentle cue (and an optional chime) at the end. */
export function TimerDisplay() {
  const { t } = useTranslation();
  const { view } = useBoard();
  const fac = useFacilitation();
  const control = useStore(fac.control);
  const timer = control.timer;
  const left = useRemaining(timer);
  const [sound, setSound] = useState(soundEnabled);
  const soundId = useId();
  const over = timer.status === 'running' && left <= 0;
  const announced = useRef<string>('');

  // Screen readers hear the milestones, not every second.
  useEffect(() => {
    if (timer.status !== 'running') {
      announced.current = '';
      return;
    }
    const key = over ? 'over' : left <= 60_000 ? 'minute' : '';
    if (key === '' || announced.current === key) return;
    announced.current = key;
    view.announce(t(key === 'over' ? 'timer.over' : 'timer.oneMinute'));
    if (key === 'over' && soundEnabled()) playChime();
  }, [timer, over, left, view, t]);

  if (timer.status === 'stopped') return null;
  return (
    <div
      className={`timer${over ? ' timer--over' : ''}${timer.status === 'paused' ? ' timer--paused' : ''}`}
    >
      <span className="timer__label">{t('timer.label')}</span>
      <span className="timer__value" role="timer" aria-label={t('timer.label')}>
        {formatRemaining(left)}
      </span>
      {timer.status === 'paused' ? <span className="timer__state">{t('timer.paused')}</span> : null}
      {over ? <span className="timer__state">{t('timer.over')}</span> : null}
      <span className="timer__sound">
        <input
          id={soundId}
          type="checkbox"
          checked={sound}
          onChange={(e) => {
            setSound(e.target.checked);
            setSoundEnabled(e.target.checked);
            // A click is the gesture browsers want before they allow audio later.
            if (e.target.checked) playChime();
          }}
        />
        <label htmlFor={soundId}>{t('timer.sound')}</label>
      </span>
    </div>
  );
}
