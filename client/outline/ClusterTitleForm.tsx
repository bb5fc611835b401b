import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CLUSTER_TITLE, type Cluster } from '@shared/board/cluster';
import { useBoard } from '../kit/BoardContext';
import { clusterHeadingId } from '../kit/ids';

/** Renaming a cluster in the outline: a labelled input with Save and Cancel. */
export function ClusterTitleForm({ cluster, isNew }: { cluster: Cluster; isNew: boolean }) {
  const { t } = useTranslation();
  const { actions, view } = useBoard();
  const [title, setTitle] = useState(cluster.title);
  const inputId = useId();
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const close = (): void => {
    view.editing.set(null);
    requestAnimationFrame(() => document.getElementById(clusterHeadingId(cluster.id))?.focus());
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (title.trim() !== cluster.title.trim() || isNew) actions.renameCluster(cluster.id, title);
    close();
  };

  return (
    <form className="inline-form inline-form--title" onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('cluster.titleLabel')}
      </label>
      <input
        id={inputId}
        ref={ref}
        type="text"
        value={title}
        maxLength={MAX_CLUSTER_TITLE}
        placeholder={t('cluster.untitled')}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
        }}
      />
      <button type="submit" className="button button--primary button--small">
        {t('common.save')}
      </button>
      <button type="button" className="button button--small" onClick={close}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
