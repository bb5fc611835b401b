import type { Role } from './roles';

/** `GET /api/boards/:boardId` with a board token: what the link opens. */
export interface BoardSession {
  id: string;
  forumId: string;
  title: string;
  forumTitle: string;
  role: Role;
  frozen: boolean;
  /** Archived boards stay readable and refuse every change (absent from older servers). */
  archived?: boolean;
  /** Set when the token is a personal link (the holder joined with a name). */
  personId: string | null;
  name: string | null;
}

/** `POST /api/boards/:boardId/join` → 201: a personal link for whoever joined. */
export interface JoinResult {
  personId: string;
  name: string;
  role: Role;
  token: string;
  link: string;
}

/** `GET|POST /api/boards/:boardId/votes`: the caller's own dots, and tallies where visible. */
export interface VotesView {
  mine: Record<string, number>;
  used: number;
  budget: number;
  remote: boolean;
  /** Facilitators always; others only once tallies are visible (not hidden, or revealed). */
  tallies: { room: Record<string, number>; remote: Record<string, number> } | null;
}

/** Every HTTP error body. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** `GET /api/boards/:boardId/people`: one person who joined the board (facilitators only). */
export interface BoardPerson {
  personId: string;
  name: string;
  tags: string[];
  lang: string;
  role: string;
  joinedAt: string;
  /** When a facilitator removed the person (their personal link stopped working), or null. */
  removedAt: string | null;
}

/** `DELETE /api/boards/:boardId/people/:personId` → 200. */
export interface RemovePersonResult {
  person: BoardPerson;
  /** Dots of the person deleted by this removal (0 when removed before). */
  votesVoided: number;
}
