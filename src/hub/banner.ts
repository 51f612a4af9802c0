import { renderUnicodeCompact } from 'uqr';
import type { LanAddress } from './lanAddresses.ts';

type BannerLocale = 'nl' | 'en';

const text = {
  nl: {
    running: 'Kring draait.',
    local: 'Op deze laptop:',
    phones: 'Voor deelnemers:',
    qr: "Deelnemers scannen dit en typen de sessiecode van het projectiescherm (gsm's op hetzelfde netwerk):",
    localOnly:
      'Alleen deze laptop kan Kring bereiken (--host). Laat --host weg om gsm’s toe te laten.',
    noNetwork:
      'Geen netwerk gevonden. Verbind deze laptop met de wifi van de zaal, of zet zijn hotspot aan, en start Kring opnieuw.',
    hotspot:
      'Tip: de hotspot van een gsm of laptop laat meestal maar 8 à 10 toestellen toe. Voor een grotere groep: gebruik een reisrouter.',
    data: 'Sessies worden bewaard in:',
    stop: 'Stoppen: Ctrl-C.',
    stopWindow: 'Stoppen: sluit dit venster (of druk op Ctrl-C). De sessies blijven bewaard.'
  },
  en: {
    running: 'Kring is running.',
    local: 'On this laptop:',
    phones: 'For participants:',
    qr: 'Participants scan this and type the session code from the projector (phones on the same network):',
    localOnly: 'Only this laptop can reach Kring (--host). Leave out --host to let phones in.',
    noNetwork:
      'No network found. Connect this laptop to the room’s wifi or turn on its hotspot, then start Kring again.',
    hotspot:
      'Tip: phone and laptop hotspots usually allow only 8 to 10 devices. For a bigger group, use a travel router.',
    data: 'Sessions are kept in:',
    stop: 'Stop with Ctrl-C.',
    stopWindow: 'To stop Kring, close this window (or press Ctrl-C). Sessions stay saved.'
  }
} as const;

/** Dutch when the terminal's locale is Dutch, English otherwise. */
export function bannerLocale(env: Readonly<Record<string, string | undefined>>): BannerLocale {
  const tag = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return tag.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

export interface BannerInput {
  readonly locale: BannerLocale;
  readonly port: number;
  readonly localHost: string;
  /** Empty when the hub is bound to one address that phones cannot use. */
  readonly lan: readonly LanAddress[];
  readonly reachableFromLan: boolean;
  /** Where the hub stores the rooms it relays; left out when it stores nothing. */
  readonly dataDir?: string;
  /** The downloaded program runs in its own window: closing it is how people stop it. */
  readonly closeWindowToStop?: boolean;
}

/** The text the hub prints on start: where to open Kring, a QR for phones, and the hotspot caveat. */
export function startupBanner(input: BannerInput): string {
  const t = text[input.locale];
  const lines = [t.running, '', `  ${t.local.padEnd(18)}http://${input.localHost}:${input.port}/`];
  if (!input.reachableFromLan) {
    lines.push('', t.localOnly);
  } else if (input.lan.length === 0) {
    lines.push('', t.noNetwork);
  } else {
    for (const { address, interfaceName } of input.lan) {
      lines.push(`  ${t.phones.padEnd(18)}http://${address}:${input.port}/j   (${interfaceName})`);
    }
    const first = input.lan[0];
    if (first) {
      // The QR leads to the code page: each session's own QR is on its projector screen.
      lines.push('', t.qr, '', renderUnicodeCompact(`http://${first.address}:${input.port}/j`));
    }
    lines.push(t.hotspot);
  }
  if (input.dataDir !== undefined) lines.push(`${t.data} ${input.dataDir}`);
  lines.push(input.closeWindowToStop ? t.stopWindow : t.stop, '');
  return lines.join('\n');
}
