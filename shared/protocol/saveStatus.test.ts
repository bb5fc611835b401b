import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { MessageType } from './messageTypes';
import { readSaveStatus, saveStatusMessage, writeSaveStatus } from './saveStatus';

describe('save status message', () => {
  it('is type 4, after the y-websocket types, and reads back what was written', () => {
    expect(MessageType.SaveStatus).toBe(4);
    for (const state of ['failing', 'saving'] as const) {
      const decoder = decoding.createDecoder(saveStatusMessage(state));
      expect(decoding.readVarUint(decoder)).toBe(MessageType.SaveStatus);
      expect(readSaveStatus(decoder)).toBe(state);
      expect(decoding.hasContent(decoder)).toBe(false);
    }
  });

  it('is two bytes on the wire: 4, then 1 for failing or 0 for saving', () => {
    expect(Array.from(saveStatusMessage('failing'))).toEqual([4, 1]);
    expect(Array.from(saveStatusMessage('saving'))).toEqual([4, 0]);
  });

  it('reads a state it does not know as failing, never as saved', () => {
    const encoder = encoding.createEncoder();
    writeSaveStatus(encoder, 'saving');
    const bytes = encoding.toUint8Array(encoder);
    bytes[1] = 7;
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarUint(decoder);
    expect(readSaveStatus(decoder)).toBe('failing');
  });
});
