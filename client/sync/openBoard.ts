/**
 * One open board for the UI: the connection plus the command module, this user's undo manager,
 * the board snapshot store and presence. Built once per board page; no React.
 */
import type * as Y from 'yjs';
import type { BoardSession } from '@shared/api';
import { createBoardCommands, type BoardCommands } from '@shared/board/commands';
import { createUndoManager } from '@shared/board/undo';
import type { NoteLang } from '@shared/board/note';
import { canWriteBoard } from '@shared/roles';
import { openBoardConnection, type BoardConnection } from './boardConnection';
import { createBoardStore, type BoardStore } from './boardStore';
import { colorForUser, createPresence, type Presence } from './presence';
import { createStore, type ReadableStore } from './store';

export interface Author {
  authorId: string | null;
  authorName: string | null;
}

export interface OpenBoardOptions {
  session: BoardSession;
  token: string;
  origin: string;
  userId: string;
  /** null for viewers. */
  profile: { displayName: string; anonymous: boolean } | null;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

export interface OpenBoard {
  readonly session: BoardSession;
  /** The token this page talks to the server with (for HTTP commands such as proposals). */
  readonly token: string;
  readonly connection: BoardConnection;
  readonly commands: BoardCommands;
  readonly undo: Y.UndoManager;
  readonly undoState: ReadableStore<UndoState>;
  readonly board: BoardStore;
  readonly presence: Presence;
  /** Whether the role may write at all; freezing is on top of this (see `control`). */
  readonly writer: boolean;
  /** Who new notes are by. */
  author(): Author;
  destroy(): void;
}

/** Opens the board and everything the board page reads. */
export function openBoard(opts: OpenBoardOptions): OpenBoard {
  const connection = openBoardConnection({
    boardId: opts.session.id,
    token: opts.token,
    role: opts.session.role,
    origin: opts.origin,
  });
  // One origin object per page: the undo manager tracks exactly this user's transactions here.
  const origin = Object.freeze({ name: 'talkoot-local-user', userId: opts.userId });
  const commands = createBoardCommands(connection.doc, origin);
  const undo = createUndoManager(connection.doc, origin);
  const undoState = createStore<UndoState>({ canUndo: false, canRedo: false });
  const refreshUndo = (): void => {
    const next = { canUndo: undo.canUndo(), canRedo: undo.canRedo() };
    const prev = undoState.get();
    if (prev.canUndo !== next.canUndo || prev.canRedo !== next.canRedo) undoState.set(next);
  };
  for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
    undo.on(event, refreshUndo);
  }
  const board = createBoardStore(connection.doc);
  const profile = opts.profile;
  const presence = createPresence(
    connection.awareness,
    connection.presence && profile
      ? { id: opts.userId, name: profile.displayName, color: colorForUser(opts.userId) }
      : null,
  );
  return {
    session: opts.session,
    token: opts.token,
    connection,
    commands,
    undo,
    undoState,
    board,
    presence,
    writer: canWriteBoard(opts.session.role) && profile !== null,
    author: () =>
      profile && !profile.anonymous
        ? { authorId: opts.userId, authorName: profile.displayName }
        : { authorId: null, authorName: null },
    destroy() {
      presence.destroy();
      board.destroy();
      undo.destroy();
      connection.destroy();
    },
  };
}

/** The language a new note is written in: the UI language, which the person chose. */
export function noteLangFor(language: string): NoteLang {
  return language === 'fi' || language === 'sv' ? language : 'en';
}
