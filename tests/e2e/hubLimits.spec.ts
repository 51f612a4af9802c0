// A hub limit seen from a phone: the hub closes the connection with a code, the phone says
// why in words, keeps trying, and syncs once the hub lets it in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hubProcess.ts';
import { phone, snapBothSizes } from '../support/screens.ts';
import { createSession, newDevice } from '../support/workshop.ts';

let hub: HubProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kring-limits-'));
  // One connection per address: the facilitator's laptop (relay only) takes it.
  hub = await startHubProcess({
    args: ['--data-dir', dataDir, '--connections-per-address', '1']
  });
});

test.afterAll(async () => {
  await hub.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a phone the hub turns away says why, keeps trying, and syncs when let in', async ({
  browser
}) => {
  const facilitator = await newDevice(browser);
  const { joinUrl } = await createSession(facilitator.page, hub.url, {
    script: 'SWOT-analyse',
    paths: 'relay'
  });

  const screen = await newDevice(browser, phone);
  await screen.page.goto(joinUrl);
  await screen.page.getByRole('button', { name: 'Meedoen' }).click();
  const status = screen.page.getByRole('status', { name: 'Verbinding' });
  await expect(status).toContainText(
    'Er zijn te veel verbindingen vanaf dit netwerk. Je toestel probeert zo opnieuw.',
    { timeout: 15_000 }
  );
  await snapBothSizes(screen.page, 'hub-refusal');

  // The laptop leaves; the phone's next try gets in and the session arrives.
  await facilitator.context.close();
  await expect(status).toContainText('Alles is bewaard', { timeout: 30_000 });
  await expect(status).not.toContainText('te veel verbindingen');
  await expect(
    screen.page.getByRole('heading', { level: 1, name: 'Werkgroep vrije tijd' })
  ).toBeVisible();
  await screen.context.close();
});
