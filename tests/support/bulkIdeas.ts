import { expect, type Page } from '@playwright/test';

/*
 * Many ideas at once for screen tests: a phone writes them through its page's own session
 * (the `?testHooks` handle, see src/lib/ui/openSession.ts), with the same checks its form
 * makes. Forty to a hundred and twenty ideas through the form would take minutes on a
 * shared two-core machine; the form itself is tested with the ideas that go through it.
 */

export interface Idea {
  readonly column: string;
  readonly text: string;
}

/** The join link with the test handle (before the fragment, which holds the key). */
export function withTestHooks(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('testHooks', '');
  return parsed.toString();
}

/** What the page's session offers for this (see LiveSession). */
interface SessionHandle {
  readonly step: { readonly id: string } | undefined;
  addNote(step: unknown, input: { column: string; text: string }): { ok: boolean; error?: string };
}

/** Writes the ideas from this phone into the current step, as if typed one after another. */
export async function writeIdeas(page: Page, ideas: readonly Idea[]): Promise<void> {
  const refused = await page.evaluate((list) => {
    const session = (globalThis as { kringSession?: SessionHandle }).kringSession;
    const step = session?.step;
    if (!session || !step) return ['no session on this page'];
    const problems: string[] = [];
    for (const idea of list) {
      const result = session.addNote(step, idea);
      if (!result.ok) problems.push(`${idea.text}: ${result.error ?? 'refused'}`);
    }
    return problems;
  }, ideas);
  expect(refused).toEqual([]);
}

const swotBases: Record<string, readonly string[]> = {
  sterktes: [
    'Veel vrijwilligers',
    'Goede band met het OCMW',
    'De uitpas werkt',
    'Bib is een open plek',
    'Korte lijnen tussen partners',
    'Sportclubs doen mee',
    'Ervaringsdeskundigen aan tafel',
    'Gratis zwemmen op woensdag',
    'Sterke jeugdwerking',
    'We kennen elkaar goed'
  ],
  zwaktes: [
    'Te weinig budget',
    'Vervoer is moeilijk',
    'Weinig tijd bij partners',
    'Info komt niet bij de mensen',
    'Te veel vergaderen',
    'Cultuur doet weinig mee',
    'Geen vaste coördinator',
    'Website is verouderd',
    'Drempels bij inschrijven',
    'Weinig jongeren bereikt'
  ],
  kansen: [
    'Samenwerken met scholen',
    'Nieuwe subsidie van de provincie',
    'Buurtwerk wil meedoen',
    'Vrijetijdspas uitbreiden',
    'Deelfietsen gebruiken',
    'Huis van het Kind',
    'Lokale bedrijven als sponsor',
    'Zomerschool samen aanpakken',
    'Meer doen met de bib',
    'Digitale agenda delen'
  ],
  bedreigingen: [
    'Besparingen bij de gemeente',
    'Vrijwilligers haken af',
    'Stijgende prijzen',
    'Lange wachtlijsten',
    'Partners trekken zich terug',
    'Schaamte bij gezinnen',
    'Verkiezingen en nieuw beleid',
    'Minder openbaar vervoer',
    'Te veel regels voor subsidies',
    'Energiekosten voor zalen'
  ]
};

const contexts = ['jeugd', 'sport', 'cultuur', 'senioren', 'gezinnen'];

/**
 * Realistic SWOT ideas, the same number in each quadrant, short as written on a phone:
 * the first forty plain, more as variations for a specific group ("… (jeugd)").
 */
export function swotIdeas(count: number): Idea[] {
  const columns = Object.keys(swotBases);
  const ideas: Idea[] = [];
  for (let index = 0; ideas.length < count; index++) {
    const column = columns[index % columns.length] ?? 'sterktes';
    const round = Math.floor(index / columns.length);
    const bases = swotBases[column] ?? [];
    const base = bases[round % bases.length] ?? 'Idee';
    const variant = Math.floor(round / bases.length);
    const text = variant === 0 ? base : `${base} (${contexts[(variant - 1) % contexts.length]})`;
    ideas.push({ column, text });
  }
  return ideas;
}
