import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadBoardSession, type SessionResult } from '../../session/boardSession';
import { profileStore } from '../../session/profile';
import { useStore } from '../../kit/useStore';
import { JoinScreen } from './JoinScreen';
import { BoardPage } from './BoardPage';
import { ErrorPage } from '../../kit/ErrorPage';
import { usePersonalToken } from '../../facilitation/usePersonalToken';

/** `/board/:id#token=…`: resolves the link, asks who you are once, then opens the board. */
export function BoardRoute({ boardId, token }: { boardId: string; token: string | null }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<SessionResult | null>(null);
  const [attempt, setAttempt] = useState(0);
  const profile = useStore(profileStore);
  // A refused socket (token revoked mid-session) also ends on the invalid-link page.
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    if (!token) return;
    let live = true;
    setResult(null);
    void loadBoardSession(boardId, token).then((r) => {
      if (live) setResult(r);
    });
    return () => {
      live = false;
    };
  }, [boardId, token, attempt]);

  const onRefused = useCallback(() => setRefused(true), []);
  const session = result?.kind === 'ok' ? result.session : null;
  // After the join form: the personal link this device uses from now on (see client/facilitation).
  const resolved = usePersonalToken(session, token ?? '', profile);

  if (!token || refused) return <ErrorPage kind="invalidLink" />;
  if (!result) {
    return (
      <div className="page page--centered" aria-busy="true">
        <p className="loading">{t('board.loading')}</p>
      </div>
    );
  }
  if (result.kind !== 'ok') {
    const retry = result.kind === 'unreachable' ? () => setAttempt((a) => a + 1) : undefined;
    return <ErrorPage kind={result.kind} onRetry={retry} />;
  }
  if (!session) return null;
  if (session.role !== 'viewer' && !profile && !(session.personId && session.name)) {
    return <JoinScreen session={session} />;
  }
  if (resolved.kind === 'pending' || (session.role !== 'viewer' && !profile)) {
    return (
      <div className="page page--centered" aria-busy="true">
        <p className="loading">{t('board.loading')}</p>
      </div>
    );
  }
  return (
    <BoardPage
      session={session}
      token={resolved.token}
      roleToken={token}
      personal={resolved.personal}
      profile={session.role === 'viewer' ? null : profile}
      onRefused={onRefused}
    />
  );
}
