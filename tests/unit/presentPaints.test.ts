import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  forgetPaint,
  forgetPaintsOfRoom,
  keepPaint,
  paintIndexKey,
  paintKey,
  paintsKept,
  paintStylesKey
} from '../../src/lib/storage/presentPaints.ts';
import { withRecent } from '../../src/lib/storage/recentlyKept.ts';
import { MemoryStorage, paintOf } from '../support/browserStorage.ts';

function stubStorage(): MemoryStorage {
  const storage = new MemoryStorage();
  vi.stubGlobal('window', { localStorage: storage });
  return storage;
}

describe('the present screen’s kept paints', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts the latest session first and lets the oldest go past the limit', () => {
    expect(withRecent([], 'a', paintsKept)).toEqual({ index: ['a'], dropped: [] });
    expect(withRecent(['b', 'a', 'c'], 'a', paintsKept)).toEqual({
      index: ['a', 'b', 'c'],
      dropped: []
    });
    expect(withRecent(['c', 'b', 'a'], 'd', paintsKept)).toEqual({
      index: ['d', 'c', 'b'],
      dropped: ['a']
    });
  });

  it('keeps the paints of the three sessions shown last, and the styles as they are now', () => {
    const storage = stubStorage();
    const styles = '.present{display:grid}';
    for (const id of ['s1', 's2', 's3', 's4']) keepPaint(id, paintOf(`room-${id}`, {}), styles);
    expect(storage.getItem(paintKey('s1'))).toBeNull();
    expect(JSON.parse(storage.getItem(paintIndexKey) ?? '')).toEqual(['s4', 's3', 's2']);
    expect(JSON.parse(storage.getItem(paintKey('s4')) ?? '')).toEqual(paintOf('room-s4', {}));
    expect(JSON.parse(storage.getItem(paintStylesKey) ?? '')).toEqual({ build: 'b1', css: styles });
    keepPaint('s4', paintOf('room-s4', {}, 'b2'), `${styles}.vote{display:flex}`);
    expect(JSON.parse(storage.getItem(paintStylesKey) ?? '')).toEqual({
      build: 'b2',
      css: `${styles}.vote{display:flex}`
    });
  });

  it('forgets a session’s paint, and every paint of a room whose copy was cleared', () => {
    const storage = stubStorage();
    keepPaint('s1', paintOf('room-a', {}), '');
    keepPaint('s2', paintOf('room-b', {}), '');
    keepPaint('s3', paintOf('room-a', {}), '');
    forgetPaintsOfRoom('room-a');
    expect(storage.getItem(paintKey('s1'))).toBeNull();
    expect(storage.getItem(paintKey('s3'))).toBeNull();
    expect(JSON.parse(storage.getItem(paintIndexKey) ?? '')).toEqual(['s2']);
    forgetPaint('s2');
    expect(storage.getItem(paintKey('s2'))).toBeNull();
    expect(JSON.parse(storage.getItem(paintIndexKey) ?? '')).toEqual([]);
  });

  it('keeps no paint of a session when storage is full, not even an older one', () => {
    const storage = stubStorage();
    keepPaint('s1', paintOf('room-a', { 1: 3 }), '');
    storage.full = true;
    keepPaint('s1', paintOf('room-a', { 1: 4 }), '');
    expect(storage.getItem(paintKey('s1'))).toBeNull();
  });

  it('does nothing without storage', () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new DOMException('denied', 'SecurityError');
      }
    });
    expect(() => keepPaint('s1', paintOf('room-a', {}), '')).not.toThrow();
    expect(() => forgetPaintsOfRoom('room-a')).not.toThrow();
  });
});
