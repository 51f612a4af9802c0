import { describe, expect, it } from 'vitest';
import { browserCommand } from '../../src/hub/openBrowser.ts';
import { appDataDir } from '../../src/hub/packaged/appDataDir.ts';
import { consoleLocale, consoleText } from '../../src/hub/packaged/consoleText.ts';

describe('appDataDir', () => {
  it('keeps rooms in the application-data folder of each system', () => {
    expect(
      appDataDir('win32', { APPDATA: 'C:\\Users\\an\\AppData\\Roaming' }, 'C:\\Users\\an')
    ).toBe('C:\\Users\\an\\AppData\\Roaming\\Kring');
    expect(appDataDir('win32', {}, 'C:\\Users\\an')).toBe('C:\\Users\\an\\AppData\\Roaming\\Kring');
    expect(appDataDir('darwin', {}, '/Users/an')).toBe(
      '/Users/an/Library/Application Support/Kring'
    );
    expect(appDataDir('linux', {}, '/home/an')).toBe('/home/an/.local/share/kring');
  });

  it('follows XDG_DATA_HOME on Linux, unless it is relative (invalid by the XDG rules)', () => {
    expect(appDataDir('linux', { XDG_DATA_HOME: '/data/an' }, '/home/an')).toBe('/data/an/kring');
    expect(appDataDir('linux', { XDG_DATA_HOME: 'data' }, '/home/an')).toBe(
      '/home/an/.local/share/kring'
    );
  });
});

describe('consoleLocale', () => {
  it('speaks the terminal language when one is set, else the system language', () => {
    expect(consoleLocale({ LANG: 'nl_BE.UTF-8' }, 'en-US')).toBe('nl');
    expect(consoleLocale({ LANG: 'en_GB.UTF-8' }, 'nl-BE')).toBe('en');
    // A double-clicked program on Windows or macOS has no LANG.
    expect(consoleLocale({}, 'nl-BE')).toBe('nl');
    expect(consoleLocale({}, 'fr-BE')).toBe('en');
  });

  it('says the same things in Dutch and English', () => {
    expect(Object.keys(consoleText('nl'))).toEqual(Object.keys(consoleText('en')));
    expect(consoleText('nl').portMoved(4500, 4501)).toContain('4501');
  });
});

describe('browserCommand', () => {
  it('uses the system’s own way to open a link', () => {
    const url = 'http://localhost:4500/';
    expect(browserCommand('win32', url)).toEqual({
      command: 'rundll32.exe',
      args: ['url.dll,FileProtocolHandler', url]
    });
    expect(browserCommand('darwin', url)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand('linux', url)).toEqual({ command: 'xdg-open', args: [url] });
  });
});
