/**
 * Hooks the sync tracker into a y-websocket provider: sees every sync step 1 we send and every
 * step 2 we receive, and sends extra step 1 "probes" whose answers acknowledge local changes.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType, SyncStep } from '@shared/protocol/messageTypes';
import { readSaveStatus } from '@shared/protocol/saveStatus';
import type { SyncTracker } from './syncStatus';

type MessageHandler = (
  encoder: encoding.Encoder,
  decoder: decoding.Decoder,
  provider: WebsocketProvider,
  emitSynced: boolean,
  messageType: number,
) => void;

// Probes after a burst of typing are batched: one round trip per pause, not per keystroke.
const PROBE_DELAY_MS = 150;

/** Wires `tracker` to `provider`; returns a function that schedules a probe soon. */
export function attachProbe(provider: WebsocketProvider, tracker: SyncTracker): () => void {
  // reason: messageHandlers is public but typed loosely in y-websocket's generated d.ts.
  const handlers = provider.messageHandlers as unknown as MessageHandler[];
  const original = handlers[MessageType.Sync];
  if (!original) throw new Error('y-websocket has no sync handler');
  let timer: ReturnType<typeof setTimeout> | null = null;

  const sendProbe = (): void => {
    timer = null;
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    if (!tracker.wantsProbe()) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, provider.doc);
    tracker.step1Sent();
    ws.send(encoding.toUint8Array(encoder));
  };
  const schedule = (delay = PROBE_DELAY_MS): void => {
    if (timer !== null) return;
    timer = setTimeout(sendProbe, delay);
  };

  handlers[MessageType.Sync] = (encoder, decoder, prov, emitSynced, messageType) => {
    const step = decoding.peekVarUint(decoder);
    original(encoder, decoder, prov, emitSynced, messageType);
    if (step === SyncStep.Step2) {
      tracker.step2Received();
      if (tracker.wantsProbe()) schedule();
    } else if (step === SyncStep.Step1) {
      // Our answer (a step 2 with whatever the server lacks) is sent right after this handler
      // returns; a probe sent after it is answered only once the server has applied it.
      schedule(0);
    }
  };
  // Talkoot's own message (standard providers would log it as unknown and go on).
  handlers[MessageType.SaveStatus] = (_encoder, decoder) => {
    const state = readSaveStatus(decoder);
    tracker.saveStatus(state);
    // Stored again: what waited is acknowledged by the next step 2.
    if (state === 'saving' && tracker.wantsProbe()) schedule(0);
  };

  provider.on('status', ({ status }) => {
    if (status === 'connected') {
      tracker.connection('online');
      // The provider sends its own step 1 right after emitting 'connected'.
      tracker.step1Sent(false);
    } else if (status === 'disconnected') {
      tracker.connection('offline');
    }
    // 'connecting' changes nothing: after a drop we stay offline until a socket is really open.
  });
  // Also fires for attempts that never opened (the server or network is unreachable).
  provider.on('connection-close', () => {
    if (!provider.wsconnected) tracker.connection('offline');
  });
  provider.on('closed', ({ code }) => tracker.refused(code));

  return () => schedule();
}

/**
 * For providers whose saves are not this device's status (the control document, written only by
 * the server's commands): reads SaveStatus messages and drops them, instead of y-websocket
 * logging each as an unknown message.
 */
export function ignoreSaveStatus(provider: WebsocketProvider): void {
  // reason: messageHandlers is public but typed loosely in y-websocket's generated d.ts.
  const handlers = provider.messageHandlers as unknown as MessageHandler[];
  handlers[MessageType.SaveStatus] = (_encoder, decoder) => void readSaveStatus(decoder);
}
