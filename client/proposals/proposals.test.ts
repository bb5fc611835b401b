import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { ControlState } from '@shared/control/controlDoc';
import { readControl } from '@shared/control/controlDoc';
import { createProposal } from '@shared/proposal/create';
import { readOnlyReason } from './access';
import { isCaretState } from './caret';
import { citationText, normalizeHref, templateLanguage } from './language';
import { createProposalView, type ProposalState } from './proposalView';

const control = (over: Partial<ControlState> = {}): ControlState => ({
  ...readControl(new Y.Doc()),
  ...over,
});

describe('who may edit a proposal, and why not', () => {
  const base = { role: 'participant' as const, writer: true, frozen: false, clusterId: 'c1' };

  it('lets participants edit on a free board and in the drafting phase only', () => {
    expect(readOnlyReason({ ...base, control: control() })).toBeNull();
    expect(readOnlyReason({ ...base, control: control({ phase: 'draft' }) })).toBeNull();
    expect(readOnlyReason({ ...base, control: control({ phase: 'vote' }) })).toBe('phase');
    expect(readOnlyReason({ ...base, control: control({ phase: 'review' }) })).toBe('phase');
  });

  it('names locks, freezing and viewers, and never restricts facilitators but by freezing', () => {
    const draft = { phase: 'draft' as const };
    expect(
      readOnlyReason({ ...base, control: control({ ...draft, lockedClusters: ['c1'] }) }),
    ).toBe('locked');
    expect(readOnlyReason({ ...base, control: control({ ...draft, boardLocked: true }) })).toBe(
      'boardLocked',
    );
    expect(readOnlyReason({ ...base, frozen: true, control: control() })).toBe('frozen');
    expect(readOnlyReason({ ...base, role: 'viewer', writer: false, control: control() })).toBe(
      'viewer',
    );
    const facilitator = { ...base, role: 'facilitator' as const };
    expect(
      readOnlyReason({
        ...facilitator,
        control: control({ phase: 'vote', lockedClusters: ['c1'] }),
      }),
    ).toBeNull();
    expect(readOnlyReason({ ...facilitator, control: control({ frozen: true }) })).toBe('frozen');
  });
});

describe('small proposal helpers', () => {
  it('writes the template in the language most of the cluster’s notes use', () => {
    const notes = (...langs: ('en' | 'fi' | 'sv')[]) => langs.map((lang) => ({ lang }));
    expect(templateLanguage(notes('fi', 'fi', 'en'), 'en')).toBe('fi');
    expect(templateLanguage(notes('sv', 'fi'), 'en')).toBe('fi');
    expect(templateLanguage([], 'sv')).toBe('sv');
    expect(templateLanguage([], 'de')).toBe('en');
  });

  it('cites a note by its first words, on one line', () => {
    expect(citationText('Open data\n by default')).toBe('Open data by default');
    const long = 'Citizens should be able to co-design the public services they use every day';
    expect(citationText(long, 40)).toBe('Citizens should be able to co-design…');
  });

  it('completes typed link targets', () => {
    expect(normalizeHref(' example.org/a ')).toBe('https://example.org/a');
    expect(normalizeHref('aino@example.fi')).toBe('mailto:aino@example.fi');
    expect(normalizeHref('javascript:alert(1)')).toBe('javascript:alert(1)');
  });
});

describe('carets from awareness', () => {
  it('accepts an editor caret and ignores canvas pointers and malformed states', () => {
    const doc = new Y.Doc();
    const text = doc.getXmlFragment('f');
    text.insert(0, [new Y.XmlText('abc')]);
    const pos = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, 0)));
    const user = { id: 'u', name: 'Aino', color: '#1565C0' };
    expect(isCaretState({ user, cursor: { anchor: pos, head: pos } })).toBe(true);
    expect(isCaretState({ user, pointer: { x: 1, y: 2 }, cursor: null })).toBe(false);
    expect(isCaretState({ user, cursor: { x: 1, y: 2 } })).toBe(false);
    expect(isCaretState({ user, cursor: { anchor: {}, head: pos } })).toBe(false);
    expect(isCaretState({ user, cursor: { anchor: { item: { client: 'x' } }, head: pos } })).toBe(
      false,
    );
    expect(isCaretState({ cursor: { anchor: pos, head: pos } })).toBe(false);
    expect(isCaretState(null)).toBe(false);
  });
});

describe('opening a proposal', () => {
  afterEach(() => vi.unstubAllGlobals());

  const deps = (doc: Y.Doc, canCreate = true) => ({ doc, boardId: 'b1', token: 't', canCreate });

  it('opens a proposal the device already has at once, without the network', () => {
    const doc = new Y.Doc();
    createProposal(doc, 'c1', 'en', {});
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const view = createProposalView(deps(doc));
    const detach = view.attach();
    view.open('c1', 'en');
    expect(view.state.get()).toEqual({ kind: 'ready', clusterId: 'c1' });
    expect(fetchSpy).not.toHaveBeenCalled();
    detach();
  });

  it('asks the server to create a missing one and is ready when it arrives over sync', async () => {
    const doc = new Y.Doc();
    const fetchSpy = vi.fn(async () => new Response('{"clusterId":"c1","created":true}'));
    vi.stubGlobal('fetch', fetchSpy);
    const view = createProposalView(deps(doc));
    const detach = view.attach();
    const seen: ProposalState['kind'][] = [];
    view.state.subscribe(() => seen.push(view.state.get().kind));
    view.open('c1', 'fi');
    expect(view.state.get().kind).toBe('preparing');
    await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalledOnce());
    const [url, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/boards/b1/proposals/c1');
    expect(JSON.parse(String(init.body))).toEqual({ lang: 'fi' });
    // What the server made arrives as a remote update.
    const server = new Y.Doc();
    createProposal(server, 'c1', 'fi', {});
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    expect(view.state.get()).toEqual({ kind: 'ready', clusterId: 'c1' });
    expect(seen).toEqual(['preparing', 'ready']);
    detach();
  });

  it('says why a proposal could not be created, and viewers that none exists', async () => {
    const doc = new Y.Doc();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    );
    const view = createProposalView(deps(doc));
    const detach = view.attach();
    view.open('c1', 'en');
    await vi.waitFor(() => expect(view.state.get()).toMatchObject({ reason: 'offline' }));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 403 })),
    );
    view.open('c1', 'en');
    await vi.waitFor(() => expect(view.state.get()).toMatchObject({ reason: 'forbidden' }));
    view.close();
    expect(view.state.get()).toEqual({ kind: 'closed' });

    const viewer = createProposalView(deps(doc, false));
    const detachViewer = viewer.attach();
    viewer.open('c1', 'en');
    expect(viewer.state.get()).toEqual({ kind: 'error', clusterId: 'c1', reason: 'none' });
    detach();
    detachViewer();
  });
});
