import { describe, expect, it } from 'vitest';
import { defaultPort, helpText, parseHubOptions } from '../../src/hub/options.ts';

describe('parseHubOptions', () => {
  it('binds every interface on the default port when nothing is given', () => {
    expect(parseHubOptions([], {})).toEqual({
      ok: true,
      options: { port: defaultPort, host: undefined, help: false }
    });
  });

  it('takes PORT and HOST from the environment, and flags over them', () => {
    expect(parseHubOptions([], { PORT: '5000', HOST: '127.0.0.1' })).toMatchObject({
      options: { port: 5000, host: '127.0.0.1' }
    });
    expect(parseHubOptions(['--port', '6000', '-H', '0.0.0.0'], { PORT: '5000' })).toMatchObject({
      options: { port: 6000, host: '0.0.0.0' }
    });
    expect(parseHubOptions(['-p', '0'], {})).toMatchObject({ options: { port: 0 } });
  });

  it('takes a connection limit per address, 0 for none, and explains a bad one', () => {
    expect(parseHubOptions(['--connections-per-address', '0'], {})).toMatchObject({
      options: { connectionsPerAddress: 0 }
    });
    expect(parseHubOptions([], { KRING_CONNECTIONS_PER_ADDRESS: '500' })).toMatchObject({
      options: { connectionsPerAddress: 500 }
    });
    const bad = parseHubOptions(['--connections-per-address', 'veel'], {});
    expect(bad).toMatchObject({ ok: false });
    if (!bad.ok) expect(bad.message).toContain('no limit');
  });

  it('explains a bad port or an unknown flag', () => {
    for (const bad of ['abc', '-1', '70000', '12.5', '']) {
      const result = parseHubOptions(['--port', bad], {});
      expect(result.ok).toBe(false);
    }
    const unknown = parseHubOptions(['--prot', '1'], {});
    expect(unknown).toMatchObject({ ok: false });
    if (!unknown.ok) expect(unknown.message).toContain('--help');
  });

  it('says whether the port was chosen, and takes --open and --no-open', () => {
    expect(parseHubOptions([], {})).not.toHaveProperty('options.portChosen');
    expect(parseHubOptions(['--port', '4500'], {})).toMatchObject({
      options: { portChosen: true }
    });
    expect(parseHubOptions([], { PORT: '4500' })).toMatchObject({ options: { portChosen: true } });
    expect(parseHubOptions([], {})).not.toHaveProperty('options.open');
    expect(parseHubOptions(['--open'], {})).toMatchObject({ options: { open: true } });
    expect(parseHubOptions(['--no-open'], {})).toMatchObject({ options: { open: false } });
  });

  it('asks for help', () => {
    expect(parseHubOptions(['--help'], {})).toMatchObject({ options: { help: true } });
  });
});

describe('--data-dir', () => {
  it('takes the data directory from the flag, else KRING_DATA_DIR, else leaves the default', () => {
    expect(parseHubOptions([], {})).toMatchObject({ options: { dataDir: undefined } });
    expect(parseHubOptions([], { KRING_DATA_DIR: '/srv/kring' })).toMatchObject({
      options: { dataDir: '/srv/kring' }
    });
    expect(
      parseHubOptions(['--data-dir', './mine'], { KRING_DATA_DIR: '/srv/kring' })
    ).toMatchObject({ options: { dataDir: './mine' } });
    expect(parseHubOptions([], { KRING_DATA_DIR: '' })).toMatchObject({
      options: { dataDir: undefined }
    });
  });

  it('refuses an empty --data-dir and documents the option', () => {
    expect(parseHubOptions(['--data-dir', ''], {})).toMatchObject({ ok: false });
    expect(helpText).toContain('--data-dir <path>');
    expect(helpText).toContain('KRING_DATA_DIR');
  });
});

describe('hosted mode', () => {
  const postgres = 'postgres://kring@127.0.0.1:5433/kring';
  const redis = 'redis://127.0.0.1:6379';

  it('is off unless Postgres and Redis are given', () => {
    const laptop = parseHubOptions([], {});
    expect(laptop.ok && laptop.options.hosted).toBeUndefined();
  });

  it('takes Postgres, Redis and the hub id from flags or the environment', () => {
    expect(
      parseHubOptions(['--postgres', postgres, '--redis', redis, '--hub-id', 'hub2'], {})
    ).toMatchObject({
      options: { hosted: { postgresUrl: postgres, redisUrl: redis, hubId: 'hub2' } }
    });
    expect(
      parseHubOptions(['--port', '4601'], { KRING_POSTGRES_URL: postgres, KRING_REDIS_URL: redis })
    ).toMatchObject({ options: { hosted: { hubId: 'hub-4601' } } });
  });

  it('says what is missing or malformed', () => {
    expect(parseHubOptions(['--postgres', postgres], {})).toMatchObject({
      ok: false,
      message: expect.stringContaining('--redis') as unknown
    });
    expect(parseHubOptions(['--postgres', 'kring', '--redis', redis], {})).toMatchObject({
      ok: false
    });
    expect(
      parseHubOptions(['--postgres', postgres, '--redis', redis, '--hub-id', 'hub 1'], {})
    ).toMatchObject({ ok: false });
    expect(helpText).toContain('--postgres <url>');
    expect(helpText).toContain('KRING_REDIS_URL');
  });
});
