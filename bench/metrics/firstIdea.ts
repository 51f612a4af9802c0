// first_idea_ms_cpu4x: a person's first idea, end to end. A phone with a 4x slower CPU and an
// empty cache opens the join link, joins without a name, picks a column, types one idea
// (instantly) and sends it; the time runs from the phone's navigation start until the idea is on the projector
// (the present screen on the facilitator's laptop, same hub). Both pages read the same clock.
import type { BrowserContext, Page } from '@playwright/test';
import {
  median,
  newDevice,
  phoneSize,
  projectorSize,
  readMark,
  recordMarks,
  traceRun
} from '../lib/browser.ts';
import type { MetricResult } from '../lib/result.ts';
import { round } from '../lib/stats.ts';
import { boardStep, columnChoice, facilitate, ideaField, type Shared } from '../lib/appSession.ts';

/** Records on the present screen when a note with this text is first on screen (epoch ms). */
function watchFor(present: Page, text: string): Promise<void> {
  return present.evaluate((wanted: string) => {
    const w = window as unknown as { __seenAt?: number };
    delete w.__seenAt;
    let scheduled = false;
    const observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        for (const note of document.getElementsByClassName('note')) {
          if (!note.textContent?.includes(wanted)) continue;
          w.__seenAt = performance.timeOrigin + performance.now();
          observer.disconnect();
          return;
        }
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, text);
}

async function seenAt(present: Page): Promise<number> {
  const handle = await present.waitForFunction(
    () => (window as unknown as { __seenAt?: number }).__seenAt,
    undefined,
    { timeout: 60_000, polling: 20 }
  );
  return (await handle.jsonValue()) as number;
}

async function phone(device: BrowserContext): Promise<Page> {
  const page = await device.newPage();
  const cdp = await device.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await recordMarks(page, { board: { selector: ideaField, count: 1 } });
  // The time the idea was sent (the last form submitted: the name step's comes first).
  await page.addInitScript(() => {
    document.addEventListener(
      'submit',
      () => ((window as unknown as { __sent: number }).__sent = performance.now()),
      true
    );
  });
  return page;
}

export async function firstIdea({ hub, browser, context }: Shared): Promise<MetricResult[]> {
  // Five runs: at 4x CPU the three runs of one metric spread over 300-600 ms at the same load,
  // and with three the median's side of the budget was a coin toss.
  const runs = context.quick ? 1 : 5;
  const laptop = await newDevice(browser, projectorSize);
  const totals: number[] = [];
  const boards: number[] = [];
  const sentToSeen: number[] = [];
  try {
    const room = await facilitate(laptop, hub.url, 'Bench: eerste idee');
    const present = await laptop.newPage();
    await present.goto(`${hub.url}/s/${room.id}/present`);
    await present
      .locator('.present .projector-board .column')
      .nth(boardStep.columns.length - 1)
      .waitFor();
    for (let run = 0; run < runs; run++) {
      const text = `Eerste idee ${run + 1}: een koffiehoek bij de ingang`;
      await watchFor(present, text);
      const device = await newDevice(browser, phoneSize);
      try {
        const page = await phone(device);
        const stopTrace = await traceRun(
          browser,
          page,
          context.profileDir,
          `first-idea-${run + 1}`
        );
        await page.goto(room.joinUrl);
        await page.getByRole('button', { name: 'Meedoen' }).click();
        // No column is chosen for a person (an idea never lands in one by mistake): one tap.
        await page.locator(columnChoice).first().click();
        await page.locator(ideaField).fill(text);
        await page.locator('.join section.step form.add-note button[type="submit"]').click();
        const seen = await seenAt(present);
        await stopTrace();
        const phoneTimes = await page.evaluate(() => ({
          origin: performance.timeOrigin,
          sent: (window as unknown as { __sent: number }).__sent
        }));
        totals.push(seen - phoneTimes.origin);
        boards.push(await readMark(page, 'board'));
        sentToSeen.push(seen - phoneTimes.origin - phoneTimes.sent);
      } finally {
        await device.close();
      }
    }
  } finally {
    await laptop.close();
  }
  context.log(
    `first idea, phone at 4x CPU: navigation → idea on the projector ` +
      `${totals.map(round).join(' / ')} ms (idea field at ${boards.map(round).join(' / ')} ms; ` +
      `sent → on the projector ${sentToSeen.map(round).join(' / ')} ms)`
  );
  return [
    {
      metric: 'first_idea_ms_cpu4x',
      value: round(median(totals)),
      details: {
        runs,
        navigation_to_idea_field_ms: round(median(boards)),
        sent_to_projector_ms: round(median(sentToSeen))
      }
    }
  ];
}
