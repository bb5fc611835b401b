import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASES } from '@shared/control/phases';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { TimerControls } from './TimerControls';
import { VotingSettings } from './VotingSettings';
import { useCommand } from '../kit/control/useCommand';
import { CommandError } from '../kit/control/CommandError';

/** Phase switcher: the workshop's steps in order, the current one pressed. */
function PhaseSwitcher() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const phase = useStore(fac.control).phase;
  const { run, busy, error } = useCommand();
  return (
    <div className="fac-section" role="group" aria-label={t('phase.switcher')}>
      <h3 className="fac-section__title">{t('phase.switcher')}</h3>
      <ol className="phase-steps">
        {PHASES.map((p) => (
          <li key={p}>
            <button
              type="button"
              className="button button--small phase-steps__button"
              aria-pressed={phase === p}
              disabled={busy}
              onClick={() => {
                if (phase === p) return;
                // The phase bar announces the change to everyone, this page included.
                void run({ type: 'setPhase', phase: p });
              }}
            >
              {t(`phase.name.${p}`)}
            </button>
          </li>
        ))}
      </ol>
      <CommandError error={error} />
    </div>
  );
}

/** Lock the board, follow me, spotlight what is selected. */
function AttentionControls() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { view } = useBoard();
  const control = useStore(fac.control);
  const selection = useStore(view.selection);
  const leaderView = useStore(fac.leaderView);
  const { run, busy, error } = useCommand();
  const [note] = selection.notes;
  const target =
    selection.notes.size === 1 && note
      ? ({ kind: 'note', id: note } as const)
      : selection.cluster
        ? ({ kind: 'cluster', id: selection.cluster } as const)
        : null;
  const targetName = target
    ? target.kind === 'note'
      ? t('spotlight.selectedNote')
      : t('spotlight.selectedCluster')
    : '';
  return (
    <div className="fac-section" role="group" aria-label={t('attention.title')}>
      <h3 className="fac-section__title">{t('attention.title')}</h3>
      <div className="fac-row">
        <button
          type="button"
          className="button button--small"
          aria-pressed={control.boardLocked}
          disabled={busy}
          onClick={() =>
            void run(
              { type: 'lockBoard', locked: !control.boardLocked },
              t(control.boardLocked ? 'lock.boardUnlocked' : 'lock.boardLocked'),
            )
          }
        >
          {t('lock.board')}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-pressed={control.follow.active}
          disabled={busy}
          onClick={() =>
            void run(
              { type: 'follow', active: !control.follow.active, viewport: leaderView?.() ?? null },
              t(control.follow.active ? 'follow.stopped' : 'follow.started'),
            )
          }
        >
          {t('follow.me')}
        </button>
      </div>
      <div className="fac-row">
        <button
          type="button"
          className="button button--small"
          disabled={busy || !target}
          onClick={() => target && void run({ type: 'spotlight', target }, t('spotlight.set'))}
        >
          {target ? t('spotlight.selection', { what: targetName }) : t('spotlight.selectFirst')}
        </button>
        {control.spotlight ? (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void run({ type: 'spotlight', target: null }, t('spotlight.cleared'))}
          >
            {t('spotlight.clear')}
          </button>
        ) : null}
      </div>
      <CommandError error={error} />
    </div>
  );
}

/** Freeze (which publishes the outcome) and unfreeze. */
function FreezeControls() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const frozen = useStore(fac.control).frozen;
  const { run, busy, error } = useCommand();
  const [url, setUrl] = useState<string | null>(null);
  return (
    <div className="fac-section" role="group" aria-label={t('freeze.title')}>
      <h3 className="fac-section__title">{t('freeze.title')}</h3>
      <div className="fac-row">
        {frozen ? (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void run({ type: 'unfreeze' }, t('freeze.unfrozen'))}
          >
            {t('freeze.unfreeze')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() =>
              void run({ type: 'freeze' }, t('freeze.frozen')).then((r) => {
                if (r?.outcome?.url) setUrl(r.outcome.url);
              })
            }
          >
            {t('freeze.freeze')}
          </button>
        )}
      </div>
      {url ? (
        <p className="hint">
          <a href={url} target="_blank" rel="noreferrer">
            {t('freeze.outcomeLink')}
          </a>
        </p>
      ) : null}
      <CommandError error={error} />
    </div>
  );
}

/** Everything a facilitator runs the table with. Participants never see it (and the server refuses it). */
export function FacilitatorPanel() {
  const { t } = useTranslation();
  return (
    <section className="fac-panel" aria-labelledby="fac-panel-title">
      <h2 id="fac-panel-title" className="fac-panel__title">
        {t('panel.facilitator')}
      </h2>
      <PhaseSwitcher />
      <TimerControls />
      <AttentionControls />
      <VotingSettings />
      <FreezeControls />
    </section>
  );
}
