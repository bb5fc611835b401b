/** Small fetch helpers for tests that talk to the real HTTP API. */
export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** Sends a JSON request with a bearer token and returns status and parsed body. */
export async function apiCall<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<ApiResult<T>> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
