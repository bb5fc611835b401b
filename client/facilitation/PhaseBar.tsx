import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { clusterLabel } from '../kit/labels';
import { clusterHeadingId, shortText } from '../kit/ids';
import { useFacilitation } from '../kit/control/FacilitationContext';
import type { Panel } from '../kit/control/facilitation';
import { TimerDisplay } from './TimerDisplay';

/** What the phase lets this person do, in one sentence. */
function useHint(): string {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { board } = useBoard();
  const rules = useStore(fac.rules);
  const control = useStore(fac.control);
  const presenting = useStore(fac.presenting);
  const phase = rules.phase ?? 'none';
  // The banner says the rest.
  if (fac.archived) return t('banner.archivedPill');
  if (control.frozen) return t('outcomes.frozenHint');
  // The big screen speaks to the room, not to the facilitator.
  if (presenting) return t(`phase.hint.${phase}`);
  if (fac.isFacilitator) return t('phase.facilitatorHint', { hint: t(`phase.hint.${phase}`) });
  if (!board.writer) return t('phase.viewerHint');
  const base = t(`phase.hint.${phase}`);
  return control.boardLocked && rules.phase !== 'write'
    ? `${base} ${t('phase.boardLocked')}`
    : base;
}

function PanelButton({ panel, label }: { panel: Exclude<Panel, null>; label: string }) {
  const fac = useFacilitation();
  const open = useStore(fac.panel) === panel;
  return (
    <button
      type="button"
      className="button button--small"
      aria-pressed={open}
      onClick={() => fac.panel.set(open ? null : panel)}
    >
      {label}
    </button>
  );
}

/** "Following the facilitator" and the way back once the person stepped away. */
function FollowStatus() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const control = useStore(fac.control);
  const detached = useStore(fac.detached);
  const { view } = useBoard();
  const current = useStore(view.view);
  if (!control.follow.active || fac.isFacilitator || current !== 'canvas') return null;
  return detached ? (
    <button
      type="button"
      className="button button--small button--primary"
      onClick={() => fac.detached.set(false)}
    >
      {t('follow.back')}
    </button>
  ) : (
    <span className="phasebar__pill">{t('follow.following')}</span>
  );
}

/** What the facilitator put in the spotlight, with a way to go there. */
function SpotlightStatus() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { board, view } = useBoard();
  const control = useStore(fac.control);
  const snapshot = useStore(board.board);
  const target = control.spotlight;
  if (!target) return null;
  const note = target.kind === 'note' ? snapshot.notes.find((n) => n.id === target.id) : undefined;
  const cluster =
    target.kind === 'cluster' ? snapshot.clusters.find((c) => c.id === target.id) : undefined;
  if (!note && !cluster) return null;
  const name = note ? shortText(note.text) || t('note.empty') : clusterLabel(cluster!, t).title;
  return (
    <span className="phasebar__spotlight">
      <span>{t('spotlight.now', { name })}</span>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          if (note) view.revealNote(note.id);
          else document.getElementById(clusterHeadingId(cluster!.id))?.focus();
          fac.spotlightSeq.update((n) => n + 1);
        }}
      >
        {t('spotlight.show')}
      </button>
    </span>
  );
}

/** The current phase and what you can do now, the timer, and the facilitation panels' switches. */
export function PhaseBar() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { view } = useBoard();
  const control = useStore(fac.control);
  const presenting = useStore(fac.presenting);
  const hint = useHint();
  const phase = control.phase;
  const previous = useRef(phase);

  useEffect(() => {
    if (previous.current === phase) return;
    previous.current = phase;
    view.announce(t('phase.changed', { phase: t(`phase.name.${phase ?? 'none'}`) }));
  }, [phase, view, t]);

  return (
    <section className="phasebar" aria-label={t('phase.barLabel')}>
      <div className="phasebar__phase">
        <span className="phasebar__label">{t('phase.current')}</span>
        <strong className="phasebar__name">{t(`phase.name.${phase ?? 'none'}`)}</strong>
        <span className="phasebar__hint">{hint}</span>
      </div>
      <TimerDisplay />
      <FollowStatus />
      <SpotlightStatus />
      <div className="phasebar__tools">
        {fac.isFacilitator && !fac.archived ? (
          <PanelButton panel="facilitator" label={t('panel.facilitator')} />
        ) : null}
        {fac.isFacilitator ? <PanelButton panel="people" label={t('panel.people')} /> : null}
        {fac.isFacilitator && !fac.archived ? (
          <PanelButton panel="history" label={t('outcomes.history.title')} />
        ) : null}
        {fac.personal ? <PanelButton panel="link" label={t('panel.link')} /> : null}
        <PanelButton panel="log" label={t('panel.log')} />
        <PanelButton panel="findings" label={t('outcomes.findings')} />
        <button
          type="button"
          className="button button--small phasebar__present"
          aria-pressed={presenting}
          onClick={() => fac.presenting.set(!presenting)}
        >
          {t('panel.present')}
        </button>
      </div>
    </section>
  );
}
