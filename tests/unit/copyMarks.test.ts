import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { covers, mergedMark, parseMark, sameMark } from '../../src/lib/domain/stateMark.ts';
import { copyMarkKey, markStored, readMark } from '../../src/lib/storage/copyMarks.ts';
import { followStoredState, stateOf } from '../../src/lib/sync/storedState.ts';
import { keepPaint, paintKey } from '../../src/lib/storage/presentPaints.ts';
import { MemoryStorage, paintOf } from '../support/browserStorage.ts';

/** A window with localStorage whose pagehide listeners can be fired. */
function stubWindow(storage = new MemoryStorage()) {
  const hide: (() => void)[] = [];
  vi.stubGlobal('window', {
    localStorage: storage,
    addEventListener: (type: string, listener: () => void) => {
      if (type === 'pagehide') hide.push(listener);
    },
    removeEventListener: () => undefined
  });
  return { storage, pagehide: () => hide.forEach((listener) => listener()) };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('copy marks', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('covers a mark when every client got as far, and merges by maximum', () => {
    expect(covers({ 1: 5, 2: 3 }, { 1: 5 })).toBe(true);
    expect(covers({ 1: 5 }, { 1: 6 })).toBe(false);
    expect(covers({ 1: 5 }, { 2: 1 })).toBe(false);
    expect(covers({}, {})).toBe(true);
    expect(sameMark({ 1: 5, 2: 3 }, { 2: 3, 1: 5 })).toBe(true);
    expect(sameMark({ 1: 5 }, { 1: 5, 2: 1 })).toBe(false);
    expect(mergedMark({ 1: 5, 2: 3 }, { 1: 4, 2: 7, 3: 1 })).toEqual({ 1: 5, 2: 7, 3: 1 });
    expect(mergedMark({ 1: 5 }, { 1: 5 })).toBeUndefined();
  });

  it('reads a damaged mark as empty and drops values that are no clocks', () => {
    expect(parseMark(null)).toEqual({});
    expect(parseMark('{nope')).toEqual({});
    expect(parseMark('[1,2]')).toEqual({});
    expect(parseMark('{"1":4,"2":-1,"3":"x","4":1.5}')).toEqual({ 1: 4 });
  });

  it('gives a doc’s state vector', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 'one');
    doc.getMap('m').set('b', 'two');
    const other = new Y.Doc();
    other.getText('t').insert(0, 'abc');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    const expected = Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expect(stateOf(doc)).toEqual(expected);
  });

  it('follows every change but the copy’s own load, for every window of the device', async () => {
    const { storage, pagehide } = stubWindow();
    const load = Symbol('load');
    const laptop = new Y.Doc();
    const projector = new Y.Doc();
    const stopLaptop = followStoredState(laptop, load, (state) => markStored('room1', state));
    const stopProjector = followStoredState(projector, load, (state) => markStored('room1', state));

    // What the copy loads is already in it: no mark for that.
    const stored = new Y.Doc();
    stored.getMap('m').set('old', 1);
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(stored), load);
    await tick();
    expect(storage.getItem(copyMarkKey('room1'))).toBeNull();

    laptop.getMap('m').set('a', 1);
    projector.getMap('m').set('b', 1);
    await tick();
    expect(readMark('room1')).toEqual({ ...stateOf(laptop), ...stateOf(projector) });

    // Another window's write lost in the same moment: the next change writes the whole state.
    storage.setItem(copyMarkKey('room1'), JSON.stringify(stateOf(projector)));
    laptop.getMap('m').set('c', 2);
    await tick();
    expect(covers(readMark('room1'), stateOf(laptop))).toBe(true);

    // And so does closing the page.
    storage.setItem(copyMarkKey('room1'), '{}');
    pagehide();
    expect(covers(readMark('room1'), stateOf(laptop))).toBe(true);
    expect(covers(readMark('room1'), stateOf(projector))).toBe(true);
    stopLaptop();
    stopProjector();
  });

  it('removes the room’s paints when the mark cannot be written (full storage)', async () => {
    const { storage } = stubWindow();
    const doc = new Y.Doc();
    const stop = followStoredState(doc, undefined, (state) => markStored('room2', state));
    doc.getMap('m').set('a', 1);
    await tick();
    keepPaint('s1', paintOf('room2', stateOf(doc)), 'css');
    keepPaint('s2', paintOf('room3', {}), 'css');
    storage.full = true;
    doc.getMap('m').set('b', 1);
    await tick();
    expect(storage.getItem(paintKey('s1'))).toBeNull();
    expect(storage.getItem(paintKey('s2'))).not.toBeNull();
    stop();
  });
});
