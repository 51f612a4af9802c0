// verify_1000_ms: checking every signature of a session of 1,000 ideas (80 phones and a
// laptop, as sessionModel.ts writes it) in Chromium, cold, through the screens' real path:
// SessionRecords with verifyBatch. The laptop (127.0.0.1, a secure context) checks with
// WebCrypto's Ed25519; the same at 4x CPU, and a phone (not a secure context: pure
// JavaScript) at 4x CPU, are reported beside it.
import { build } from 'esbuild';
import * as Y from 'yjs';
import { deriveRoomSecrets } from '../../src/lib/access/roomKeys.ts';
import type { VerifyOutcome } from '../browser/verifyRecords.ts';
import { median, newDevice, phoneSize, phoneUrl, projectorSize } from '../lib/browser.ts';
import { repoRoot } from '../lib/processes.ts';
import type { MetricResult } from '../lib/result.ts';
import { buildSessionModel, sessionDoc } from '../lib/sessionModel.ts';
import { round } from '../lib/stats.ts';
import type { Shared } from '../lib/appSession.ts';

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [`${repoRoot}bench/browser/verifyRecords.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild wrote nothing');
  return file.text;
}

export async function verifyRecords({ browser, pages, context }: Shared): Promise<MetricResult[]> {
  const runs = context.quick ? 1 : 3;
  const model = buildSessionModel({ notes: 1000, votes: 4000 });
  const { roomId, verifier } = deriveRoomSecrets(model.roomKey);
  const ideasOnly = sessionDoc(model, model.beforeVotes);
  const withDots = sessionDoc(model);
  pages.put('/verify.json', 'application/json', JSON.stringify({ roomId, verifier }));
  pages.put('/ideas.bin', 'application/octet-stream', Y.encodeStateAsUpdate(ideasOnly));
  pages.put('/dots.bin', 'application/octet-stream', Y.encodeStateAsUpdate(withDots));
  ideasOnly.destroy();
  withDots.destroy();
  pages.put('/verify.js', 'text/javascript', await bundle());
  pages.put(
    '/verify.html',
    'text/html',
    '<!doctype html><title>verify</title><script type="module" src="/verify.js"></script>'
  );

  /**
   * Fresh device each run: nothing cached, nothing imported. `returning`: the device checks
   * once, keeping what it found valid, and is measured after a reload (a returning phone).
   */
  const measure = async (
    origin: string,
    file: string,
    phone: boolean,
    rate: number,
    returning = false
  ): Promise<VerifyOutcome[]> => {
    const outcomes: VerifyOutcome[] = [];
    for (let run = 0; run < runs; run++) {
      const device = await newDevice(browser, phone ? phoneSize : projectorSize);
      try {
        const page = await device.newPage();
        if (rate > 1) {
          const cdp = await device.newCDPSession(page);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        }
        for (const visit of returning ? ['first', 'again'] : ['only']) {
          if (visit === 'again') await page.reload();
          else await page.goto(`${origin}/verify.html`);
          await page.waitForFunction(() => typeof window.verifyRecords === 'function');
          const outcome = await page.evaluate(
            ([name, remember]) => window.verifyRecords(name, remember),
            [file, returning] as const
          );
          if (outcome.ideas !== model.notes || outcome.badSignatures > 0)
            throw new Error(`read ${outcome.ideas} ideas, ${outcome.badSignatures} bad signatures`);
          if (visit !== 'first') outcomes.push(outcome);
        }
      } finally {
        await device.close();
      }
    }
    return outcomes;
  };
  const ms = (outcomes: readonly VerifyOutcome[]): number =>
    round(median(outcomes.map((outcome) => outcome.verifyMs)));

  const laptop = await measure(pages.url, '/ideas.bin', false, 1);
  const laptop4x = await measure(pages.url, '/ideas.bin', false, 4);
  const phone4x = await measure(phoneUrl(pages.url), '/ideas.bin', true, 4);
  const phoneBack4x = await measure(phoneUrl(pages.url), '/ideas.bin', true, 4, true);
  const dots = await measure(pages.url, '/dots.bin', false, 1);
  const [first] = laptop;
  if (!first?.native || phone4x[0]?.native) throw new Error('laptop or phone origin not as meant');
  context.log(
    `verify ${model.notes} ideas (${first.signatures} signatures), cold: laptop ` +
      `${laptop.map((o) => round(o.verifyMs)).join(' / ')} ms, at 4x CPU ` +
      `${laptop4x.map((o) => round(o.verifyMs)).join(' / ')} ms; phone (pure JS) at 4x ` +
      `${phone4x.map((o) => round(o.verifyMs)).join(' / ')} ms, back after a reload ` +
      `${phoneBack4x.map((o) => round(o.verifyMs)).join(' / ')} ms (${phoneBack4x[0]?.signatures} ` +
      `checked again); with ${model.votes} dots ` +
      `(${dots[0]?.signatures} signatures) ${dots.map((o) => round(o.verifyMs)).join(' / ')} ms`
  );
  return [
    {
      metric: 'verify_1000_ms',
      value: ms(laptop),
      details: {
        runs,
        signatures: first.signatures,
        laptop_cpu4x_ms: ms(laptop4x),
        phone_js_cpu4x_ms: ms(phone4x),
        phone_returning_cpu4x_ms: ms(phoneBack4x),
        with_dots_ms: ms(dots),
        with_dots_signatures: dots[0]?.signatures ?? 0,
        apply_doc_ms: round(median(laptop.map((outcome) => outcome.applyMs)))
      }
    }
  ];
}
