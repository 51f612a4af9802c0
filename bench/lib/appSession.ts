// The page benchmarks' common ground: a session as its facilitator creates it in the app,
// the join page's controls, and what every page benchmark is given.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { joinPath } from '../../src/lib/access/roomKeys.ts';
import { phoneUrl } from './browser.ts';
import type { ServerProcess } from './processes.ts';
import type { BenchContext } from './result.ts';
import type { StaticServer } from './staticServer.ts';

/** The join page's own controls (Dutch is the default locale). */
export const nameField = '#join-name';
export const boardReady = '.join section.step';
export const ideaField = '.join section.step form.add-note textarea';
/** The idea form's column buttons: a person picks one before sending. */
export const columnChoice = '.join section.step form.add-note .column-choice label';

/**
 * Every page metric uses this step of a built-in script: a brainstorm whose notes show on the
 * projector as they arrive (not hidden until revealed), with two columns.
 */
const scriptName = 'Warm startmoment';
export const boardStep = {
  id: 'meerwaarde',
  title: 'Wat kan dit netwerk betekenen?',
  columns: ['voor-mij', 'voor-de-mensen']
} as const;

export interface Shared {
  readonly hub: ServerProcess;
  readonly browser: Browser;
  /** Serves the floor pages (and the bench's own pages). */
  readonly pages: StaticServer;
  readonly context: BenchContext;
}

export const html = 'text/html; charset=utf-8';

/** A session as its facilitator created it in the app, standing at the brainstorm step. */
export interface FacilitatedSession {
  /** The facilitate screen. */
  readonly page: Page;
  readonly id: string;
  readonly roomKey: string;
  readonly facilitatorKey: string;
  /** The join link as a phone on the room's network opens it. */
  readonly joinUrl: string;
}

/**
 * The facilitator creates a session in the app (library screen), waits until the hub holds
 * it and moves it to the brainstorm step; the room key is read off the facilitate screen and
 * the facilitator key out of the device's session library.
 */
export async function facilitate(
  device: BrowserContext,
  hubUrl: string,
  title: string
): Promise<FacilitatedSession> {
  const page = await device.newPage();
  await page.goto(`${hubUrl}/`);
  await page.getByLabel('Naam van de sessie').fill(title);
  await page.getByRole('radio', { name: scriptName }).check();
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await page.waitForURL(/\/s\/[0-9a-z]{26}$/);
  const id = new URL(page.url()).pathname.split('/')[2] ?? '';
  const agenda = page.getByRole('navigation', { name: 'Agenda' });
  await agenda.waitFor();
  await page.getByText(/Verbonden via de hub/).waitFor();
  const shown = ((await page.locator('.join-link code').textContent()) ?? '').trim();
  const roomKey = shown.split('#')[1] ?? '';
  await agenda.getByRole('button', { name: boardStep.title }).click();
  await page.getByRole('heading', { level: 2, name: boardStep.title }).waitFor();
  const facilitatorKey = await page.evaluate(
    (sessionId: string) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('kring');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('sessions').objectStore('sessions').get(sessionId);
          get.onerror = () => reject(get.error);
          get.onsuccess = () =>
            resolve((get.result as { facilitatorKey?: string } | undefined)?.facilitatorKey ?? '');
        };
      }),
    id
  );
  if (!id || !roomKey || !facilitatorKey)
    throw new Error(`no session id, room key or facilitator key (${page.url()}, "${shown}")`);
  return {
    page,
    id,
    roomKey,
    facilitatorKey,
    joinUrl: `${phoneUrl(hubUrl)}${joinPath(roomKey)}`
  };
}
