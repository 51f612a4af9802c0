// A SWOT's quadrants survive grouping: the facilitator groups within each quadrant, the
// projector shows the groups per quadrant, phones vote on groups listed under their
// quadrant (and can read the ideas in a group), ideas left out of every group are named
// before the vote and can be voted on by themselves, and the result names each quadrant.
import { expect, test } from '@playwright/test';
import { withTestHooks, writeIdeas } from '../../support/bulkIdeas.ts';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import { laptop, phone, projector, snapAt } from '../../support/screens.ts';
import {
  control,
  createSession,
  goToStep,
  joinOnPhone,
  newDevice,
  nextStep,
  phoneShowsStep
} from '../../support/workshop.ts';

const hub = roomHubForEachTest();

test('groups made after a SWOT keep their quadrant through to the vote', async ({ browser }) => {
  test.setTimeout(180_000);
  const facilitator = await newDevice(browser, laptop);
  const f = facilitator.page;
  const { facilitateUrl, joinUrl } = await createSession(f, hub.url, {
    script: 'SWOT-analyse'
  });
  const present = await facilitator.context.newPage();
  await present.setViewportSize(projector);
  await present.goto(`${facilitateUrl}/present`);
  const a = await joinOnPhone(browser, withTestHooks(joinUrl));
  const b = await joinOnPhone(browser, withTestHooks(joinUrl));

  await goToStep(f, 'Stil schrijven');
  await phoneShowsStep(a.page, 'Stil schrijven');
  await phoneShowsStep(b.page, 'Stil schrijven');
  await writeIdeas(a.page, [
    { column: 'sterktes', text: 'Veel vrijwilligers' },
    { column: 'zwaktes', text: 'Te weinig budget' },
    { column: 'kansen', text: 'Samenwerken met scholen' }
  ]);
  await writeIdeas(b.page, [
    { column: 'sterktes', text: 'Vrijwilligers blijven lang' },
    { column: 'zwaktes', text: 'Vervoer is duur' },
    { column: 'bedreigingen', text: 'Besparingen bij de gemeente' }
  ]);
  await expect(f.locator('.facilitator-board .note')).toHaveCount(6);
  await control(f, 'Ideeën aan iedereen tonen');

  // "Tonen en verduidelijken" shows the SWOT again, with one idea in the spotlight.
  await nextStep(f);
  await expect(present.locator('.projector-board .note')).toHaveCount(6);
  const budget = f.locator('.facilitator-board li', { hasText: 'Te weinig budget' });
  await budget.getByRole('button', { name: /wat doen met/ }).click();
  await budget.getByRole('button', { name: 'Uitlichten' }).click();
  await expect(present.locator('.spotlight')).toContainText('Te weinig budget');
  await snapAt(present, 'swot-clarify-spotlight-projector', projector);
  await phoneShowsStep(a.page, 'Tonen en verduidelijken');
  await expect(a.page.getByText('Vervoer is duur')).toBeVisible();

  // Grouping, quadrant by quadrant: a weakness can only join a group of weaknesses.
  await nextStep(f);
  const quadrant = (name: string) => f.getByRole('region', { name, exact: true });
  for (const [group, where] of [
    ['Vrijwilligers', 'Sterktes'],
    ['Geld', 'Zwaktes']
  ] as const) {
    await quadrant(where).getByLabel(`Nieuwe groep in ${where}`).fill(group);
    await quadrant(where).getByRole('button', { name: 'Groep maken' }).click();
  }
  const choice = (idea: string) => f.getByLabel(`Groep voor ‘${idea}’`);
  await expect(choice('Te weinig budget').locator('option')).toHaveText(['Geen groep', 'Geld']);
  await expect(choice('Veel vrijwilligers').locator('option')).toHaveText([
    'Geen groep',
    'Vrijwilligers'
  ]);
  await choice('Veel vrijwilligers').selectOption({ label: 'Vrijwilligers' });
  await choice('Vrijwilligers blijven lang').selectOption({ label: 'Vrijwilligers' });
  await choice('Te weinig budget').selectOption({ label: 'Geld' });
  await expect(present.getByRole('heading', { name: 'Vrijwilligers (2)' })).toBeVisible();
  await expect(present.locator('.clusters .column', { hasText: 'Zwaktes' })).toContainText('Geld');
  await snapAt(present, 'swot-groups-projector', projector);
  await snapAt(f, 'swot-groups-facilitate', laptop);

  // Before the vote: three ideas in no group would not be in it. Each gets a vote of its own.
  await nextStep(f);
  const notice = f.getByRole('region', { name: '3 ideeën zitten in geen groep' });
  await expect(notice).toContainText('Vervoer is duur');
  await snapAt(f, 'swot-vote-loose-facilitate', laptop);
  await notice.getByRole('button', { name: 'Elk apart laten meestemmen' }).click();
  await expect(notice).toHaveCount(0);
  await control(f, 'Stemming openen');

  // On the phone, groups are listed under their quadrant, and a group can be opened.
  await phoneShowsStep(a.page, 'Wat is het belangrijkst?');
  const section = (name: string) => a.page.getByRole('region', { name, exact: true });
  await expect(section('Zwaktes').locator('.item .label')).toHaveText(['Geld', 'Vervoer is duur']);
  await expect(section('Sterktes').locator('.item .label')).toHaveText(['Vrijwilligers']);
  await section('Sterktes').getByText('Toon de 2 ideeën').click();
  await expect(section('Sterktes').getByText('Vrijwilligers blijven lang')).toBeVisible();
  await snapAt(a.page, 'swot-vote-groups-phone', phone);

  const dot = (page: typeof a.page, item: string) =>
    page.getByRole('button', { name: `Stip geven aan ‘${item}’` });
  await dot(a.page, 'Geld').click();
  await dot(a.page, 'Geld').click();
  await dot(a.page, 'Vrijwilligers').click();
  await dot(b.page, 'Vervoer is duur').click();
  await dot(b.page, 'Vrijwilligers').click();
  await expect(present.getByText(/^2 van \d+ gestemd$/)).toBeVisible();
  await control(f, 'Stemming sluiten en uitslag tonen');

  // The result: each item with its quadrant, ties as ties.
  const ranking = present
    .getByRole('list', { name: 'Uitslag van de stemming' })
    .getByRole('listitem');
  const row = (item: string) => ranking.filter({ hasText: item });
  await expect(row('Geld')).toContainText('Zwaktes');
  await expect(row('Vrijwilligers')).toContainText('Sterktes');
  await expect(row('Vervoer is duur')).toContainText('Zwaktes');
  // Two dots each: both first, marked as a tie; the next is third.
  await expect(row('Geld')).toContainText(/^1\.\s*gelijk/);
  await expect(row('Vrijwilligers')).toContainText(/^1\.\s*gelijk/);
  await expect(row('Vervoer is duur')).toContainText(/^3\./);
  await snapAt(present, 'swot-vote-result-projector', projector);
  for (const screen of [facilitator, a, b]) await screen.context.close();
});
