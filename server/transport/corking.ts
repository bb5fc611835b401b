import type { Duplex } from 'node:stream';

const corked = new Set<Duplex>();
let scheduled = false;

function uncorkAll(): void {
  scheduled = false;
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/**
 * Holds a socket's writes until the current callback ends, so everything sent to one receiver
 * at once (a document update, a batch of cursors, …) leaves in one system call.
 * Profiling showed the relay spending most of its time in one `writev` per message.
 */
export function corkForTurn(socket: Duplex | undefined): void {
  if (!socket || corked.has(socket) || socket.destroyed) return;
  socket.cork();
  corked.add(socket);
  if (!scheduled) {
    scheduled = true;
    // Right after the current callback (a room's flush sends to every receiver in one): batching
    // without waiting for the next turn of the loop, which would add latency under load.
    process.nextTick(uncorkAll);
  }
}

/** The same bytes as a Buffer view (no copy): `ws` then uses them as they are for every receiver. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
