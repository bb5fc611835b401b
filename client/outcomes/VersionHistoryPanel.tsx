import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '@shared/outcome/api';
import { formatSize, reasonKey } from './format';
import { useVersionHistory, type HistoryMessage } from './useVersionHistory';
import { CommandError } from '../kit/control/CommandError';

/** Snapshots shown before "Show older snapshots". */
const FIRST = 8;

type DateFormat = (iso: string) => string;

function useDateFormat(): DateFormat {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (iso) => format.format(new Date(iso));
}

interface RowProps {
  snapshot: SnapshotInfo;
  date: DateFormat;
  busy: boolean;
  confirming: boolean;
  onAsk: () => void;
  /** Closes the confirmation (cancelled or done). */
  onCancel: () => void;
  /** Resolves to whether the restore worked. */
  onConfirm: () => Promise<boolean>;
}

function SnapshotRow({ snapshot, date, busy, confirming, onAsk, onCancel, onConfirm }: RowProps) {
  const { t, i18n } = useTranslation();
  const when = date(snapshot.takenAt);
  const key = reasonKey(snapshot.reason);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  // Back to "Restore" after cancelling or failing; after a restore, "Undo restore" takes focus.
  const focusAsk = useRef(false);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (focusAsk.current) askButton.current?.focus();
    focusAsk.current = false;
  }, [confirming]);
  const cancel = (): void => {
    focusAsk.current = true;
    onCancel();
  };
  const questionId = `snapshot-${snapshot.id}-question`;
  return (
    <li className="snapshot">
      <div className="snapshot__info">
        <time dateTime={snapshot.takenAt} className="snapshot__time">
          {when}
        </time>
        <span className="snapshot__meta">
          {t(`outcomes.reason.${key}`, { reason: snapshot.reason })} ·{' '}
          {formatSize(snapshot.size, i18n.language)}
        </span>
      </div>
      {confirming ? (
        <div
          className="snapshot__confirm"
          role="group"
          aria-labelledby={questionId}
          onKeyDown={(e) => {
            if (e.key === 'Escape') cancel();
          }}
        >
          <p id={questionId} className="snapshot__question">
            {t('outcomes.history.confirm', { date: when })}
          </p>
          <div className="fac-row">
            <button
              ref={confirmButton}
              type="button"
              className="button button--small button--primary"
              disabled={busy}
              onClick={() => {
                void onConfirm().then((ok) => {
                  focusAsk.current = !ok;
                  onCancel();
                });
              }}
            >
              {t('outcomes.history.confirmYes')}
            </button>
            <button type="button" className="button button--small" onClick={cancel}>
              {t('outcomes.history.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={askButton}
          type="button"
          className="button button--small snapshot__restore"
          disabled={busy}
          onClick={onAsk}
        >
          {t('outcomes.history.restore')}
          <span className="visually-hidden">
            {' '}
            {t('outcomes.history.restoreWhat', { date: when })}
          </span>
        </button>
      )}
    </li>
  );
}

function Message({
  message,
  date,
  busy,
  onUndo,
}: {
  message: HistoryMessage | null;
  date: DateFormat;
  busy: boolean;
  onUndo: (undoId: string) => void;
}) {
  const { t } = useTranslation();
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (message?.kind === 'restored') undoButton.current?.focus();
  }, [message]);
  return (
    <div className="history-message" aria-live="polite">
      {message?.kind === 'taken' ? <p>{t('outcomes.history.taken')}</p> : null}
      {message?.kind === 'undone' ? <p>{t('outcomes.history.undone')}</p> : null}
      {message?.kind === 'restored' ? (
        <p className="fac-row">
          <span>{t('outcomes.history.restored', { date: date(message.takenAt) })}</span>
          <button
            ref={undoButton}
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => onUndo(message.undoId)}
          >
            {t('outcomes.history.undo')}
          </button>
        </p>
      ) : null}
    </div>
  );
}

/**
 * Version history for facilitators: the board's snapshots, newest first, taking one now, and
 * restoring one (after a confirmation; undoable, since the server snapshots the board first).
 */
export function VersionHistoryPanel() {
  const { t } = useTranslation();
  const history = useVersionHistory();
  const date = useDateFormat();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const { snapshots, busy, error, message } = history;
  const shown = snapshots && !showAll ? snapshots.slice(0, FIRST) : (snapshots ?? []);
  return (
    <section className="fac-panel" aria-labelledby="history-title">
      <h2 id="history-title" className="fac-panel__title">
        {t('outcomes.history.title')}
      </h2>
      <p className="hint">{t('outcomes.history.intro')}</p>
      <div className="fac-row">
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void history.take()}
        >
          {t('outcomes.history.take')}
        </button>
      </div>
      <Message message={message} date={date} busy={busy} onUndo={(id) => void history.undo(id)} />
      <CommandError error={error} />
      {snapshots === null && !error ? <p className="hint">{t('outcomes.loading')}</p> : null}
      {snapshots?.length === 0 ? <p className="hint">{t('outcomes.history.empty')}</p> : null}
      {shown.length > 0 ? (
        <ol className="snapshot-list" aria-label={t('outcomes.history.listLabel')}>
          {shown.map((s) => (
            <SnapshotRow
              key={s.id}
              snapshot={s}
              date={date}
              busy={busy}
              confirming={confirming === s.id}
              onAsk={() => setConfirming(s.id)}
              onCancel={() => setConfirming(null)}
              onConfirm={() => history.restore(s)}
            />
          ))}
        </ol>
      ) : null}
      {snapshots && snapshots.length > FIRST ? (
        <button
          type="button"
          className="button button--small button--ghost"
          aria-expanded={showAll}
          onClick={() => setShowAll(!showAll)}
        >
          {showAll
            ? t('outcomes.history.showFewer')
            : t('outcomes.history.showAll', { count: snapshots.length })}
        </button>
      ) : null}
    </section>
  );
}
