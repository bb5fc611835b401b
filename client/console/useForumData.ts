import { useCallback, useEffect, useState } from 'react';
import { isAuthError } from './api';
import { useConsole } from './ConsoleContext';
import type { Board, ForumDetails } from './types';

export interface ForumData {
  forum: ForumDetails | null;
  boards: Board[] | null;
  /** 'notFound' for an unknown forum, else the server's message. */
  error: string | null;
  setForum: (forum: ForumDetails) => void;
  setBoards: (update: (boards: Board[]) => Board[]) => void;
  reload: () => void;
}

/** A forum and its tables (with their current links), loaded once and kept as edits land. */
export function useForumData(forumId: string): ForumData {
  const { api, onUnauthorized } = useConsole();
  const [forum, setForum] = useState<ForumDetails | null>(null);
  const [boards, setBoardList] = useState<Board[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    Promise.all([api.getForum(forumId), api.listBoards(forumId)]).then(
      ([f, b]) => {
        setForum(f);
        setBoardList(b);
        setError(null);
      },
      (err: unknown) => {
        if (isAuthError(err)) onUnauthorized();
        else if ((err as { status?: number }).status === 404) setError('notFound');
        else setError((err as Error).message);
      },
    );
  }, [api, forumId, onUnauthorized]);
  useEffect(reload, [reload]);

  const setBoards = useCallback(
    (update: (boards: Board[]) => Board[]) => setBoardList((b) => (b ? update(b) : b)),
    [],
  );
  return { forum, boards, error, setForum, setBoards, reload };
}
