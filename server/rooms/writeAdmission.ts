import * as Y from 'yjs';
import { AppError } from '../errors';
import type { Peer } from './peer';
import { WriteRefused, ownerKeyOf, type RefusedOrigin, type WritePolicy } from './writePolicy';

/**
 * How one document admits a peer's update once its size was accepted: the policy judges it
 * whole before anything is applied (an update applies at once or not at all, so Yjs never holds
 * a peer's structs to integrate later inside someone else's transaction), client ids are kept to
 * their first owner, and a rule refusal is applied and taken back in the same turn.
 */
export class WriteAdmission {
  /** Rule refusals so far (each taken back as soon as it was applied). */
  refusedByRules = 0;
  /** Who extended each client id first in this document (see ownerKeyOf). */
  private readonly owners = new Map<number, string>();

  constructor(private readonly policy: WritePolicy | undefined) {}

  /**
   * Applies `update` from `peer` to `doc`, or throws: AppError 'bad_request' (malformed or
   * outside the schema) or 'forbidden' (someone else's client id, or no writes taken here), and
   * WriteRefused for a missing dependency (nothing applied) or a rule (applied and taken back).
   */
  admit(doc: Y.Doc, update: Uint8Array, peer: Peer): void {
    if (!this.policy) throw new AppError('forbidden', 'This document takes no writes');
    const verdict = this.policy.check(doc, update, peer);
    if (verdict.ok) {
      this.claimClients(doc, verdict.extends, peer);
      Y.applyUpdate(doc, update, peer);
      return;
    }
    switch (verdict.kind) {
      case 'malformed':
      case 'schema':
        throw new AppError('bad_request', verdict.reason);
      case 'missing':
        throw new WriteRefused('missing', verdict.reason);
      case 'rule':
        this.claimClients(doc, verdict.extends, peer);
        applyRefused(doc, update, peer);
        this.refusedByRules += 1;
        throw new WriteRefused('rule', verdict.reason);
    }
  }

  /** Refuses an update that extends another person's (or the server's) client id. */
  private claimClients(doc: Y.Doc, extendsTo: Map<number, number>, peer: Peer): void {
    const key = ownerKeyOf(peer);
    for (const client of extendsTo.keys()) {
      const owner = this.owners.get(client);
      if (client === doc.clientID || (owner !== undefined && owner !== key)) {
        throw new AppError('forbidden', "The update writes under another device's client id");
      }
    }
    for (const client of extendsTo.keys()) this.owners.set(client, key);
  }
}

/**
 * A well-formed update that breaks a rule is applied and taken back in the same turn: the
 * sender's clocks stay continuous (its later edits still apply), the change and its reversal are
 * stored and relayed together, and every device, the sender's too, ends where it started. Only
 * updates already judged complete get here, so nothing of it is held for later.
 */
function applyRefused(doc: Y.Doc, update: Uint8Array, peer: Peer): void {
  const origin: RefusedOrigin = Object.freeze({ refusedFrom: peer.id });
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  try {
    Y.applyUpdate(doc, update, origin);
    undo.undo();
  } finally {
    undo.destroy();
  }
}
