import * as Y from 'yjs';

/*
 * The one place the server touches Yjs internals: `doc.store.pendingStructs` and
 * `doc.store.pendingDs`, where Yjs keeps updates it received but could not integrate yet
 * (their dependencies are missing). Yjs 13.6 has no public way to ask for them or to encode a
 * document without them. yjsInternals.test.ts fails when an upgrade changes either field.
 *
 * Peer updates are judged whole before they are applied and never leave anything pending
 * (DocRoom.applyPeerUpdate), but updates relayed by other servers (REMOTE_ORIGIN) may arrive
 * before those they depend on, and a stored row left out as unreadable leaves later rows
 * waiting for it: so pending structs still happen, and the server must not serve or store them.
 */

/** True while Yjs holds structs or deletions of `doc` waiting for missing dependencies. */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/**
 * The document as an update, without what Yjs holds pending for missing dependencies:
 * `Y.encodeStateAsUpdate` would append it, and the server never relays or stores what it
 * could not apply. The pending parts are put back, so they still integrate when what they
 * wait for arrives.
 */
export function encodeApplied(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  if (pendingStructs === null && pendingDs === null) {
    return Y.encodeStateAsUpdate(doc, stateVector);
  }
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}
