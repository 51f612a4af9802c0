import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
import { copyScript, setStepText } from '../../src/lib/scripts/editing.ts';
import type { Script } from '../../src/lib/scripts/schema.ts';
import { KringDatabase } from '../../src/lib/storage/KringDatabase.ts';
import { SessionLibrary } from '../../src/lib/storage/SessionLibrary.ts';
import { InvalidTemplateError, TemplateLibrary } from '../../src/lib/storage/TemplateLibrary.ts';

let db: KringDatabase;
let templates: TemplateLibrary;
let counter = 0;

beforeEach(() => {
  db = new KringDatabase(`kring-templates-test-${++counter}`);
  templates = new TemplateLibrary(db);
});

afterEach(async () => {
  await db.delete();
});

function copyOf(script: Script, id: string): Script {
  const result = copyScript(script, id);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.script;
}

describe('TemplateLibrary', () => {
  it('keeps own templates and lists the most recently changed first', async () => {
    await templates.add(copyOf(swot, 'eerste'), 1);
    await templates.add(copyOf(swot, 'tweede'), 2);
    expect((await templates.list()).map((t) => t.id)).toEqual(['tweede', 'eerste']);
    await templates.save(copyOf(swot, 'eerste'), 3);
    expect((await templates.list()).map((t) => t.id)).toEqual(['eerste', 'tweede']);
    expect(await templates.get('eerste')).toMatchObject({ createdAt: 1, updatedAt: 3 });
  });

  it('never replaces a template with the same id on add', async () => {
    await templates.add(copyOf(swot, 'zelfde'), 1);
    const other = { ...copyOf(swot, 'zelfde'), title: { nl: 'Ander', en: 'Other' } };
    await expect(templates.add(other, 2)).rejects.toThrow();
    expect((await templates.get('zelfde'))?.script.title.nl).toBe('SWOT-analyse (kopie)');
  });

  it('stores an edit over the earlier version, with text trimmed as sessions show it', async () => {
    const mine = copyOf(swot, 'mijn');
    await templates.add(mine, 1);
    const edited = setStepText(mine, 'uitleg', 'prompt', 'nl', '  Welkom in Lier  ');
    if (!edited.ok) throw new Error('edit refused');
    await templates.save(edited.script, 5);
    const stored = await templates.get('mijn');
    expect(stored?.script.steps[0]?.prompt.nl).toBe('Welkom in Lier');
    expect(stored).toMatchObject({ createdAt: 1, updatedAt: 5 });
  });

  it('refuses to store a script the schema refuses', async () => {
    const broken = { ...copyOf(swot, 'stuk'), steps: [] };
    await expect(templates.add(broken, 1)).rejects.toBeInstanceOf(InvalidTemplateError);
    await expect(templates.save(broken, 1)).rejects.toThrow(/steps: needs at least one step/);
    expect(await templates.list()).toEqual([]);
  });

  it('survives reopening the database and removes a template', async () => {
    await templates.add(copyOf(swot, 'blijft'), 1);
    await templates.add(copyOf(swot, 'weg'), 2);
    db.close();
    const reopenedDb = new KringDatabase(db.name);
    const reopened = new TemplateLibrary(reopenedDb);
    await reopened.remove('weg');
    expect((await reopened.list()).map((t) => t.id)).toEqual(['blijft']);
    expect(await reopened.get('weg')).toBeUndefined();
    reopenedDb.close();
  });
});

describe('KringDatabase version 4', () => {
  it('adds the templates table and keeps sessions from version 3', async () => {
    const name = `kring-upgrade-templates-${++counter}`;
    const { Dexie } = await import('dexie');
    const old = new Dexie(name);
    old.version(3).stores({ sessions: 'id, lastOpenedAt' });
    await old.table('sessions').add({
      id: 'oud',
      title: 'Oud',
      scriptId: 'swot',
      locale: 'nl',
      roomKey: `${'a'.repeat(26)}.${'b'.repeat(26)}`,
      facilitatorKey: 'c'.repeat(26),
      createdAt: 1,
      lastOpenedAt: 1
    });
    old.close();

    const upgraded = new KringDatabase(name);
    expect((await new SessionLibrary(upgraded).get('oud'))?.roomKey).toBe(
      `${'a'.repeat(26)}.${'b'.repeat(26)}`
    );
    const mine = new TemplateLibrary(upgraded);
    await mine.add(copyOf(swot, 'nieuw'), 1);
    expect((await mine.list()).map((t) => t.id)).toEqual(['nieuw']);
    await upgraded.delete();
  });
});
