import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from '../../shared/board/commands';
import { controlRoomName, readControl } from '../../shared/control/controlDoc';
import type { ForumOutcomesIndex, PublishedOutcome } from '../../shared/outcome/api';
import { OutcomeDocumentSchema, type OutcomeDocument } from '../../shared/outcome/schema';
import { apiCall } from '../helpers/api';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const FORMATS = ['html', 'json', 'md', 'csv', 'svg'] as const;
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

const freeze = (board: CreatedBoard, token: string | null) =>
  apiCall<PublishedOutcome>(server.url, 'POST', `/api/boards/${board.id}/freeze`, token);
const unfreeze = (board: CreatedBoard, token: string | null) =>
  apiCall(server.url, 'POST', `/api/boards/${board.id}/unfreeze`, token);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(url: string): Promise<{ bytes: Buffer; res: Response }> {
  const res = await fetch(url);
  return { bytes: Buffer.from(await res.arrayBuffer()), res };
}

function serverDoc(boardId: string): Y.Doc {
  const room = server.app.rooms.peek(boardId);
  if (!room) throw new Error('room not loaded');
  return room.board.doc;
}

/** A board with a cluster and three notes, written by a live participant. */
async function boardWithNotes(title = 'Table 1') {
  const board = await server.board(title);
  const writer = connectProvider(server.syncUrl, board.id, board.tokens.participant);
  await synced(writer.provider);
  const cmd = createBoardCommands(writer.doc, { user: 'aino' });
  const clusterId = cmd.addCluster({ title: 'Luottamus', x: 0, y: 0 });
  // Notes given a cluster from outside it go into its free slots, in order.
  const base = { x: -900, y: -900, authorId: 'u1', authorName: 'Aino', lang: 'fi' } as const;
  const first = cmd.addNote({ ...base, text: 'Avoimuus ja läpinäkyvyys', clusterId });
  cmd.addNote({ ...base, text: 'Anonyymi huoli', authorId: null, authorName: 'Hidden', clusterId });
  cmd.addNote({ ...base, text: 'Open data by default', lang: 'en', x: 900, y: 40 });
  await waitFor(() => serverDoc(board.id).getMap('notes').size === 3, 5000, 'notes on server');
  return { board, writer, cmd, first };
}

describe('freezing a board', () => {
  it('refuses participants and viewers with 403 and a missing token with 401, publishing nothing', async () => {
    const { board, writer } = await boardWithNotes();
    expect((await freeze(board, board.tokens.participant)).status).toBe(403);
    expect((await freeze(board, board.tokens.viewer)).status).toBe(403);
    expect((await freeze(board, null)).status).toBe(401);
    expect(server.app.rooms.peek(board.id)!.frozen).toBe(false);
    expect((await fetch(`${server.url}/outcomes/${board.id}/v/1.json`)).status).toBe(404);
    await destroyAll(writer.provider);
  });

  it('a facilitator freeze answers 201 with absolute links, and then no role can write', async () => {
    const { board, writer, cmd } = await boardWithNotes();
    const facilitator = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    const control = connectProvider(server.syncUrl, controlRoomName(board.id), board.tokens.viewer);
    await Promise.all([synced(facilitator.provider), synced(control.provider)]);

    const r = await freeze(board, board.tokens.facilitator);
    expect(r.status).toBe(201);
    expect(r.body.version).toBe(1);
    expect(r.body.hash).toMatch(/^[0-9a-f]{64}$/);
    const base = `${server.app.publicUrl}/outcomes/${board.id}/v/1`;
    expect(r.body.url).toBe(base);
    expect(r.body.formats).toEqual({
      html: base,
      json: `${base}.json`,
      md: `${base}.md`,
      csv: `${base}.csv`,
      svg: `${base}.svg`,
    });
    await waitFor(() => readControl(control.doc).frozen, 5000, 'clients see frozen');

    const before = Buffer.from(Y.encodeStateAsUpdate(serverDoc(board.id)));
    cmd.addNote({ x: 0, y: 900, authorId: null, authorName: null, lang: 'en', text: 'late' });
    createBoardCommands(facilitator.doc, { user: 'f' }).addNote({
      x: 300,
      y: 900,
      authorId: null,
      authorName: null,
      lang: 'en',
      text: 'facilitator too',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Buffer.from(Y.encodeStateAsUpdate(serverDoc(board.id)))).toEqual(before);
    await destroyAll(writer.provider, facilitator.provider, control.provider);
  });

  it('serves every format byte-for-byte with its type, a strict policy and the JSON hash', async () => {
    const { board, writer } = await boardWithNotes();
    const { body: published } = await freeze(board, board.tokens.facilitator);
    const json = await bytesOf(published.formats.json);
    expect(sha256(json.bytes)).toBe(published.hash);
    const doc = JSON.parse(json.bytes.toString('utf8')) as OutcomeDocument;
    expect(OutcomeDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      board: { id: board.id, title: 'Table 1' },
      version: 1,
      language: 'fi',
      permalink: published.url,
    });
    expect(doc.notes.map((n) => [n.text, n.author])).toEqual([
      ['Avoimuus ja läpinäkyvyys', 'Aino'],
      ['Anonyymi huoli', null],
      ['Open data by default', 'Aino'],
    ]);
    expect(json.bytes.toString()).not.toContain('Hidden');

    const types = {
      html: 'text/html; charset=utf-8',
      json: 'application/json; charset=utf-8',
      md: 'text/markdown; charset=utf-8',
      csv: 'text/csv; charset=utf-8; header=present',
      svg: 'image/svg+xml; charset=utf-8',
    };
    for (const format of FORMATS) {
      const { res, bytes } = await bytesOf(published.formats[format]);
      expect({ format, status: res.status }).toEqual({ format, status: 200 });
      expect(res.headers.get('content-type')).toBe(types[format]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      const again = await fetch(published.formats[format], {
        headers: { 'If-None-Match': res.headers.get('etag')! },
      });
      expect(again.status).toBe(304);
      const head = await fetch(published.formats[format], { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(Number(head.headers.get('content-length'))).toBe(bytes.byteLength);
    }
    const html = (await bytesOf(published.url)).bytes.toString();
    expect(html).toContain(published.hash);
    expect(html).toContain('<html lang="fi">');
    expect(html).not.toMatch(/<script/i);
    const csv = (await bytesOf(published.formats.csv)).bytes.toString();
    expect(csv.split('\r\n')[0]).toBe('cluster,text,votes,language,author');
    expect(csv).toContain('"Luottamus","Anonyymi huoli",,"fi",""\r\n');
    await destroyAll(writer.provider);
  });

  it('publishes version 2 after an unfreeze and keeps version 1 byte-for-byte', async () => {
    const { board, writer, cmd, first } = await boardWithNotes();
    const v1 = await freeze(board, board.tokens.facilitator);
    const v1Bytes = await Promise.all(
      FORMATS.map(async (f) => (await bytesOf(v1.body.formats[f])).bytes),
    );
    const again = await freeze(board, board.tokens.facilitator);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(v1.body);

    expect((await unfreeze(board, board.tokens.participant)).status).toBe(403);
    expect((await unfreeze(board, board.tokens.facilitator)).status).toBe(200);
    cmd.updateNoteText(first, 'Avoimuus, versio 2');
    await waitFor(
      () => JSON.stringify(serverDoc(board.id).toJSON()).includes('versio 2'),
      5000,
      'edit after unfreeze',
    );
    // The command route takes the same path: freezing publishes.
    const viaCommand = await apiCall<{ control: { frozen: boolean }; outcome: PublishedOutcome }>(
      server.url,
      'POST',
      `/api/boards/${board.id}/commands`,
      board.tokens.facilitator,
      { type: 'freeze' },
    );
    expect(viaCommand.status).toBe(200);
    expect(viaCommand.body.control.frozen).toBe(true);
    expect(viaCommand.body.outcome.version).toBe(2);
    expect(viaCommand.body.outcome.hash).not.toBe(v1.body.hash);

    for (const [i, format] of FORMATS.entries()) {
      expect((await bytesOf(v1.body.formats[format])).bytes).toEqual(v1Bytes[i]);
    }
    const v2 = JSON.parse((await bytesOf(viaCommand.body.outcome.formats.json)).bytes.toString());
    expect(v2.version).toBe(2);
    expect(v2.notes[0].text).toBe('Avoimuus, versio 2');
    const latest = await fetch(`${server.url}/outcomes/${board.id}`, { redirect: 'manual' });
    expect(latest.status).toBe(302);
    expect(latest.headers.get('location')).toBe(`/outcomes/${board.id}/v/2`);
    await destroyAll(writer.provider);
  });

  it('serves the page in the board language by default and in another with ?lang', async () => {
    const { board, writer } = await boardWithNotes();
    const { body } = await freeze(board, board.tokens.facilitator);
    const page = async (query: string) => (await bytesOf(body.url + query)).bytes.toString();
    expect(await page('')).toContain('<html lang="fi">');
    expect(await page('')).toContain('Ryhmät');
    const sv = await page('?lang=sv');
    expect(sv).toContain('<html lang="sv">');
    expect(sv).toContain('Grupper');
    expect(await page('?lang=en')).toContain('Notes outside clusters');
    expect(await page('?lang=xx')).toContain('<html lang="fi">');
    expect(sv).toContain('href="?lang=fi"');
    await destroyAll(writer.provider);
  });

  it('publishes revealed vote results with the board', async () => {
    const { board, writer, first } = await boardWithNotes();
    const cmd = (body: unknown) =>
      apiCall(
        server.url,
        'POST',
        `/api/boards/${board.id}/commands`,
        board.tokens.facilitator,
        body,
      );
    await cmd({
      type: 'configureVoting',
      budget: 3,
      allowMultiple: true,
      hidden: false,
      allowRemote: true,
    });
    await cmd({ type: 'setPhase', phase: 'vote' });
    const person = await apiCall<{ token: string }>(
      server.url,
      'POST',
      `/api/boards/${board.id}/join`,
      board.tokens.participant,
      { name: 'Voter' },
    );
    for (let i = 0; i < 2; i++) {
      const r = await apiCall(
        server.url,
        'POST',
        `/api/boards/${board.id}/votes`,
        person.body.token,
        {
          noteId: first,
          delta: 1,
        },
      );
      expect(r.status).toBe(200);
    }
    const { body } = await freeze(board, board.tokens.facilitator);
    const doc = JSON.parse((await bytesOf(body.formats.json)).bytes.toString()) as OutcomeDocument;
    expect(doc.votes).toEqual({
      budget: 3,
      results: [{ target: 'note', id: first, room: 2, remote: 0 }],
    });
    const csv = (await bytesOf(body.formats.csv)).bytes.toString();
    expect(csv).toContain('"Luottamus","Avoimuus ja läpinäkyvyys",2,"fi","Aino"');
    expect((await bytesOf(body.url)).bytes.toString()).toContain('Äänestyksen tulokset');
    await destroyAll(writer.provider);
  });

  it('lists every published version of a forum newest first, as HTML and JSON', async () => {
    const forum = await server.createForum('Tekoälyn etiikka');
    const a = await server.createBoard(forum.id, 'Pöytä A');
    const b = await server.createBoard(forum.id, 'Pöytä B');
    await freeze(a, a.tokens.facilitator);
    await freeze(b, b.tokens.facilitator);
    await unfreeze(a, a.tokens.facilitator);
    await freeze(a, a.tokens.facilitator);
    const res = await fetch(`${server.url}/forums/${forum.id}/outcomes.json`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const index = (await res.json()) as ForumOutcomesIndex;
    expect(index.forum).toEqual({ id: forum.id, title: 'Tekoälyn etiikka' });
    expect(index.outcomes.map((o) => [o.boardTitle, o.version])).toEqual([
      ['Pöytä A', 2],
      ['Pöytä B', 1],
      ['Pöytä A', 1],
    ]);
    const html = await fetch(`${server.url}/forums/${forum.id}/outcomes`);
    expect(html.headers.get('content-security-policy')).toBe(CSP);
    const text = await html.text();
    expect(text.indexOf('Pöytä B')).toBeLessThan(text.lastIndexOf('Pöytä A'));
    expect(text).toContain(`/outcomes/${a.id}/v/2`);
    expect((await fetch(`${server.url}/forums/nope/outcomes`)).status).toBe(404);
  });

  it('answers unknown boards, versions and formats with 404 and serves the JSON Schema', async () => {
    const board = await server.board();
    await freeze(board, board.tokens.facilitator);
    for (const path of [
      `/outcomes/${board.id}/v/2`,
      `/outcomes/${board.id}/v/1.exe`,
      `/outcomes/${board.id}/v/0`,
      `/outcomes/${board.id}/v/01.json`,
      '/outcomes/nope/v/1',
      '/outcomes/nope',
      '/outcomes/schema/v9.json',
    ]) {
      expect({ path, status: (await fetch(server.url + path)).status }).toEqual({
        path,
        status: 404,
      });
    }
    const schema = await fetch(`${server.url}/outcomes/schema/v1.json`);
    expect(schema.headers.get('content-type')).toBe('application/schema+json; charset=utf-8');
    expect(((await schema.json()) as { $id: string }).$id).toBe('urn:talkoot:outcome:v1');
  });
});
