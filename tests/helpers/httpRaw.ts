import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  /** 0 when the connection failed before a response arrived. */
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The socket error, when there was no response. */
  error?: string;
}

export interface RawRequest {
  method: string;
  /** Sent verbatim: no normalisation of `..`, no re-encoding (fetch would do both). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent as chunked transfer encoding, without a Content-Length. */
  chunks?: Buffer[];
}

/** One HTTP request to 127.0.0.1:`port`, exactly as given. */
export function rawHttp(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const r = http.request({
      host: '127.0.0.1',
      port,
      method: req.method,
      path: req.path,
      headers,
      agent: false,
    });
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }),
      );
    });
    r.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ status: 0, headers: {}, body: '', error: err.code ?? err.message }),
    );
    if (req.chunks) {
      for (const c of req.chunks) r.write(c);
      r.end();
    } else {
      r.end(req.body);
    }
  });
}

/** Writes raw bytes to the HTTP port and resolves with the status line of the answer, if any. */
export function rawHttpBytes(port: number, bytes: string | Buffer, waitMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const done = () => {
      socket.destroy();
      resolve(received.split('\r\n')[0] ?? '');
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      if (received.includes('\r\n')) {
        clearTimeout(timer);
        done();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received.split('\r\n')[0] ?? '');
    });
    socket.write(bytes);
  });
}
