import { describe, expect, it } from 'vitest';
import { startupBanner } from '../../src/hub/banner.ts';

describe('startupBanner data directory', () => {
  const input = { port: 4500, localHost: 'localhost', lan: [], reachableFromLan: false };

  it('says where the sessions are kept, in Dutch and English', () => {
    expect(startupBanner({ ...input, locale: 'en', dataDir: '/home/an/kring/data' })).toContain(
      'Sessions are kept in: /home/an/kring/data'
    );
    expect(startupBanner({ ...input, locale: 'nl', dataDir: '/home/an/kring/data' })).toContain(
      'Sessies worden bewaard in: /home/an/kring/data'
    );
  });

  it('leaves the line out when there is no data directory', () => {
    expect(startupBanner({ ...input, locale: 'en' })).not.toContain('kept in');
  });

  it('tells the downloaded program’s users to close the window to stop', () => {
    expect(startupBanner({ ...input, locale: 'en' })).toContain('Stop with Ctrl-C.');
    expect(startupBanner({ ...input, locale: 'en', closeWindowToStop: true })).toContain(
      'To stop Kring, close this window'
    );
    expect(startupBanner({ ...input, locale: 'nl', closeWindowToStop: true })).toContain(
      'sluit dit venster'
    );
  });
});
