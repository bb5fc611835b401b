import type { Role } from './roles';

/** `GET /api/boards/:boardId` with a board token: what the link opens. */
export interface BoardSession {
  id: string;
  forumId: string;
  title: string;
  forumTitle: string;
  role: Role;
  frozen: boolean;
}

/** Every HTTP error body. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
