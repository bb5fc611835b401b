/**
 * One way to call Talkoot's HTTP API from the browser: JSON in and out, the caller's token as a
 * bearer token, and every failure as an `ApiError` carrying the server's error code (or
 * `network` with status 0 when the server was not reached).
 */
import type { ApiErrorBody } from '@shared/api';

export class ApiError extends Error {
  constructor(
    /** The server's `error.code` (e.g. `unauthorized`, `no_dots_left`), or `network`. */
    readonly code: string,
    /** The HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Sends one request and returns its JSON body; throws ApiError for anything but 2xx. */
export async function apiRequest<T>(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      cache: 'no-store',
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError('network', 0, (err as Error).message);
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (json as Partial<ApiErrorBody> | null)?.error;
    throw new ApiError(
      error?.code ?? `http_${res.status}`,
      res.status,
      error?.message ?? res.statusText,
    );
  }
  return json as T;
}
