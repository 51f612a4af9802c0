// Joining without scanning: a participant types the short session code from the projector.
import { expect, test } from '@playwright/test';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import { phone, projector } from '../../support/screens.ts';
import { newDevice, projectorWithCode } from '../../support/workshop.ts';

const hub = roomHubForEachTest();

test('a participant types the session code from the projector and lands on the board', async ({
  browser
}) => {
  const facilitator = await newDevice(browser, projector);
  const { present, code } = await projectorWithCode(facilitator, hub.url, 'Startmoment Lier');
  // Shown without 'http://': shorter to type, and phones add it themselves.
  await expect(present.getByText(`${hub.url.replace(/^https?:\/\//, '')}/j`)).toBeVisible();

  const participant = await newDevice(browser, phone);
  await participant.page.goto(`${hub.url}/j`);
  const field = participant.page.getByLabel('Sessiecode');

  await field.fill('ZZZZZZ');
  await participant.page.getByRole('button', { name: 'Meedoen' }).click();
  await expect(participant.page.getByText('Die code kennen we niet (meer).')).toBeVisible();

  // Typed the way people type: lower case, with a dash in the middle.
  await field.fill(`${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`);
  await participant.page.getByRole('button', { name: 'Meedoen' }).click();
  await expect(participant.page).toHaveURL(/\/j\/[0-9a-z]{26}#[0-9a-z]{26}\.[0-9a-z]{26}$/);
  await participant.page.getByRole('button', { name: 'Meedoen' }).click();
  await expect(participant.page.getByRole('heading', { level: 1 })).toHaveText('Startmoment Lier');
  await expect(participant.page.getByRole('heading', { level: 2 })).toHaveText(
    'Welkom: de 7 stelregels'
  );
  await expect(present.getByText('1 deelnemer', { exact: true })).toBeVisible();

  await participant.context.close();
  await facilitator.context.close();
});

test('the code on the projector still works after the hub restarts', async ({ browser }) => {
  // Two hub starts and three screens: about 30 s on a busy 2-core machine. A limit against
  // hangs, not a speed check.
  test.setTimeout(90_000);
  const facilitator = await newDevice(browser, projector);
  const { present, code } = await projectorWithCode(facilitator, hub.url, 'Startmoment Boom');

  // The hub is killed and started again on the same port and data; the projector, which
  // registered its code once, keeps showing it.
  await hub.stop('SIGKILL');
  await hub.restart();
  await expect(present.locator('.code-value')).toHaveText(code);

  const latecomer = await newDevice(browser, phone);
  await latecomer.page.goto(`${hub.url}/j`);
  await latecomer.page.getByLabel('Sessiecode').fill(code);
  await latecomer.page.getByRole('button', { name: 'Meedoen' }).click();
  await expect(latecomer.page).toHaveURL(/\/j\/[0-9a-z]{26}#[0-9a-z]{26}\.[0-9a-z]{26}$/);
  await latecomer.page.getByRole('button', { name: 'Meedoen' }).click();
  await expect(latecomer.page.getByRole('heading', { level: 1 })).toHaveText('Startmoment Boom');

  await latecomer.context.close();
  await facilitator.context.close();
});

test('guessing codes is slowed down per address', async () => {
  for (let i = 0; i < 10; i++) {
    expect((await fetch(`${hub.url}/api/room-codes/AAAAA${i}`)).status).toBe(404);
  }
  const blocked = await fetch(`${hub.url}/api/room-codes/BBBBBB`);
  expect(blocked.status).toBe(429);
  const refused = await fetch(`${hub.url}/api/room-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomKey: 'not-a-key' })
  });
  expect(refused.status).toBe(400);
  const huge = await fetch(`${hub.url}/api/room-codes`, {
    method: 'POST',
    body: 'x'.repeat(100_000)
  }).catch(() => undefined);
  expect(huge === undefined || huge.status === 400).toBe(true);
  const info = (await (await fetch(`${hub.url}/api/hub`)).json()) as {
    addresses: string[];
    port: number;
  };
  expect(info).toEqual({ addresses: [new URL(hub.url).hostname], port: hub.port });
});
