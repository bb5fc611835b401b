import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '../kit/ErrorPage';
import { LanguageSelect } from '../kit/LanguageSelect';
import { entranceInfo, whereAmI, type EntranceInfo, type Placement } from './api';
import { EntranceForm } from './EntranceForm';
import { PlacedPage } from './PlacedPage';
import { boardPath, forgetPlacement, loadPlacement, savePlacement } from './placement';

type State =
  | { kind: 'loading' }
  | { kind: 'form'; info: EntranceInfo }
  | { kind: 'placed'; placement: Placement; returning: boolean }
  | { kind: 'invalid' }
  | { kind: 'notFound' }
  | { kind: 'unreachable' };

/** Someone who has been placed before goes to their current table; anyone else is asked. */
async function resolve(forumId: string, token: string | null): Promise<State> {
  const stored = loadPlacement(forumId);
  if (stored) {
    try {
      const now = await whereAmI(forumId, stored.forumToken);
      savePlacement(forumId, now);
      return { kind: 'placed', placement: now, returning: true };
    } catch (err) {
      const status = (err as { status?: number }).status ?? 0;
      // Offline: the board opens from the device's copy at the table we knew.
      if (status === 0 || status >= 500)
        return { kind: 'placed', placement: stored, returning: true };
      forgetPlacement(forumId);
    }
  }
  if (!token) return { kind: 'invalid' };
  try {
    return { kind: 'form', info: await entranceInfo(forumId, token) };
  } catch (err) {
    const status = (err as { status?: number }).status ?? 0;
    if (status === 401 || status === 403) return { kind: 'invalid' };
    if (status === 404) return { kind: 'notFound' };
    return { kind: 'unreachable' };
  }
}

/** `/forum/:forumId#token=…`: the forum entrance, one link and QR code for the whole room. */
export function EntranceRoute({ forumId, token }: { forumId: string; token: string | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void resolve(forumId, token).then((s) => {
      if (live) setState(s);
    });
    return () => {
      live = false;
    };
  }, [forumId, token, attempt]);

  useEffect(() => {
    if (state.kind === 'form') document.title = `${state.info.title} · ${t('app.name')}`;
    // A returning person goes straight on to their table.
    if (state.kind === 'placed' && state.returning)
      window.location.replace(boardPath(state.placement));
  }, [state, t]);

  switch (state.kind) {
    case 'loading':
      return (
        <div className="page page--centered" aria-busy="true">
          <p className="loading">{t('entrance.loading')}</p>
        </div>
      );
    case 'invalid':
      return <EntranceProblem kind="invalid" />;
    case 'notFound':
      return <EntranceProblem kind="notFound" />;
    case 'unreachable':
      return <ErrorPage kind="unreachable" onRetry={() => setAttempt((a) => a + 1)} />;
    case 'form':
      return (
        <EntranceForm
          forumId={forumId}
          token={token ?? ''}
          info={state.info}
          onPlaced={(placement) => {
            savePlacement(forumId, placement);
            setState({ kind: 'placed', placement, returning: false });
          }}
          onExpired={() => setState({ kind: 'invalid' })}
        />
      );
    case 'placed':
      return <PlacedPage placement={state.placement} returning={state.returning} />;
  }
}

function EntranceProblem({ kind }: { kind: 'invalid' | 'notFound' }) {
  const { t } = useTranslation();
  return (
    <div className="page page--centered">
      <main className="card card--narrow" aria-labelledby="entrance-problem">
        <p className="brand">{t('app.name')}</p>
        <h1 id="entrance-problem">{t(`entrance.${kind}.title`)}</h1>
        <p>{t(`entrance.${kind}.body`)}</p>
        <LanguageSelect />
      </main>
    </div>
  );
}
