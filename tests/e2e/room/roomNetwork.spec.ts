// Proves the room network before the app relies on it: the hub inside it is reached as a
// phone reaches it on a workshop's wifi, and two browsers connect peer-to-peer over it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { phoneChromiumLaunchOptions } from '../../support/chromium.ts';
import type { HubProcess } from '../../support/hubProcess.ts';
import { roomNetwork, startRoomHub } from '../../support/roomNetwork.ts';

let hub: HubProcess;

test.beforeEach(async () => {
  hub = await startRoomHub();
});

test.afterEach(async () => {
  await hub.stop();
});

test('the hub in the room serves Kring on a LAN address, as plain http to a phone', async ({
  page
}) => {
  const { hubAddress } = await roomNetwork();
  expect(hub.url).toBe(`http://${hubAddress}:${hub.port}`);

  const response = await page.goto(`${hub.url}/`);
  expect(response?.status()).toBe(200);
  await expect(page.getByLabel('Naam van de sessie')).toBeVisible();

  // http://<lan-ip> is not potentially trustworthy: no secure context, so no crypto.subtle
  // and no service worker, exactly what a phone gets (DESIGN.md §2).
  const context = await page.evaluate(() => ({
    origin: location.origin,
    isSecureContext: window.isSecureContext,
    subtle: typeof crypto.subtle,
    serviceWorker: typeof navigator.serviceWorker,
    serviceWorkerExposed: 'serviceWorker' in navigator
  }));
  expect(context).toEqual({
    origin: hub.url,
    isSecureContext: false,
    subtle: 'undefined',
    serviceWorker: 'undefined',
    serviceWorkerExposed: false
  });
});

test('this process reaches the room hub over the veth, and SIGKILL really stops it', async () => {
  // The runner is outside the namespace: it reaches 10.77.N.2 through the root side of the
  // veth pair, as a laptop on the same wifi would.
  expect((await fetch(`${hub.url}/`)).status).toBe(200);
  // The child is the hub itself (ip netns exec execs in place), so a crash is a crash: the
  // port stops answering rather than a wrapper dying and the hub living on.
  expect(await hub.stop('SIGKILL')).toBeNull();
  await expect(fetch(`${hub.url}/`)).rejects.toThrow();
});

/** What each page keeps on globalThis between the evaluate calls below. */
interface Peer {
  readonly connection: RTCPeerConnection;
  readonly received: string[];
  readonly channel: Promise<RTCDataChannel>;
}

interface CandidateSummary {
  readonly candidateType: string;
  readonly address: string;
  readonly protocol: string;
}

interface SelectedPair {
  readonly state: string;
  readonly local: CandidateSummary;
  readonly remote: CandidateSummary;
}

/**
 * Creates this page's peer connection (no STUN/TURN: host candidates only) and returns its
 * description with all candidates in it, once gathering is complete (non-trickle ICE, so
 * one round trip through the test runner carries both SDP and ICE).
 */
function describePeer(
  page: Page,
  offer?: RTCSessionDescriptionInit
): Promise<RTCSessionDescriptionInit> {
  return page.evaluate(async (offer): Promise<RTCSessionDescriptionInit> => {
    const connection = new RTCPeerConnection({ iceServers: [] });
    const received: string[] = [];
    const listen = (channel: RTCDataChannel): Promise<RTCDataChannel> => {
      channel.addEventListener('message', (event) => received.push(String(event.data)));
      if (channel.readyState === 'open') return Promise.resolve(channel);
      return new Promise((resolve) =>
        channel.addEventListener('open', () => resolve(channel), { once: true })
      );
    };
    const channel = offer
      ? new Promise<RTCDataChannel>((resolve) =>
          connection.addEventListener('datachannel', (event) => resolve(listen(event.channel)), {
            once: true
          })
        )
      : listen(connection.createDataChannel('room'));
    const peer: Peer = { connection, received, channel };
    Object.assign(globalThis, { kringPeer: peer });

    const gathered = new Promise<void>((resolve) => {
      const check = (): void => {
        if (connection.iceGatheringState === 'complete') resolve();
      };
      connection.addEventListener('icegatheringstatechange', check);
      check();
    });
    if (offer) await connection.setRemoteDescription(offer);
    await connection.setLocalDescription();
    await gathered;
    const description = connection.localDescription;
    if (!description) throw new Error('no local description');
    return description.toJSON() as RTCSessionDescriptionInit;
  }, offer);
}

/** Waits for the data channel to open and sends `text`; fails with the ICE state if it never opens. */
function sendWhenOpen(page: Page, text: string): Promise<void> {
  return page.evaluate(async (text) => {
    const { connection, channel } = (globalThis as unknown as { kringPeer: Peer }).kringPeer;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Well inside the test's timeout, so a failure says how far ICE got.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const state = `ice ${connection.iceConnectionState}, connection ${connection.connectionState}`;
        reject(new Error(`data channel did not open: ${state}`));
      }, 10_000);
    });
    try {
      (await Promise.race([channel, timeout])).send(text);
    } finally {
      clearTimeout(timer);
    }
  }, text);
}

function received(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...(globalThis as unknown as { kringPeer: Peer }).kringPeer.received
  ]);
}

/** The candidate pair ICE selected, from getStats(). */
function selectedPair(page: Page): Promise<SelectedPair> {
  return page.evaluate(async () => {
    const { connection } = (globalThis as unknown as { kringPeer: Peer }).kringPeer;
    const stats = await connection.getStats();
    const summary = (id: string): CandidateSummary => {
      const candidate = stats.get(id) as CandidateSummary;
      return {
        candidateType: candidate.candidateType,
        address: candidate.address,
        protocol: candidate.protocol
      };
    };
    for (const report of stats.values() as IterableIterator<RTCTransportStats>) {
      if (report.type !== 'transport' || !report.selectedCandidatePairId) continue;
      const pair = stats.get(report.selectedCandidatePairId) as RTCIceCandidatePairStats;
      return {
        state: pair.state,
        local: summary(pair.localCandidateId),
        remote: summary(pair.remoteCandidateId)
      };
    }
    throw new Error('no selected candidate pair');
  });
}

/** Connects the two pages' peer connections through the test runner and exchanges a message each way. */
async function connectPhones(alice: Page, bob: Page): Promise<RTCSessionDescriptionInit> {
  const offer = await describePeer(alice);
  const answer = await describePeer(bob, offer);
  await alice.evaluate(async (answer) => {
    const { connection } = (globalThis as unknown as { kringPeer: Peer }).kringPeer;
    await connection.setRemoteDescription(answer);
  }, answer);

  await Promise.all([sendWhenOpen(alice, 'hallo van Alice'), sendWhenOpen(bob, 'hallo van Bob')]);
  await expect.poll(() => received(bob)).toEqual(['hallo van Alice']);
  await expect.poll(() => received(alice)).toEqual(['hallo van Bob']);
  return offer;
}

/** Two "phones": separate browser contexts, both on the page the hub serves (same insecure origin as the app). */
async function openTwoPhones(browser: Browser): Promise<[Page, Page, () => Promise<void>]> {
  const phones = await Promise.all([browser.newContext(), browser.newContext()]);
  const [alice, bob] = await Promise.all(phones.map((context) => context.newPage()));
  if (!alice || !bob) throw new Error('two pages expected');
  await Promise.all([alice.goto(`${hub.url}/`), bob.goto(`${hub.url}/`)]);
  return [alice, bob, async () => void (await Promise.all(phones.map((c) => c.close())))];
}

test('two phones in the room connect peer-to-peer on the room address', async ({ browser }) => {
  const { hubAddress } = await roomNetwork();
  const [alice, bob, close] = await openTwoPhones(browser);

  await connectPhones(alice, bob);
  // A host candidate on the room address at both ends: real peer-to-peer on the room's
  // network, no relay, no loopback. Polled: the answering side may already send on the pair
  // its peer nominated while its own check of that pair is still in progress.
  for (const page of [alice, bob]) {
    await expect
      .poll(() => selectedPair(page))
      .toMatchObject({
        state: 'succeeded',
        local: { candidateType: 'host', address: hubAddress, protocol: 'udp' },
        remote: { candidateType: 'host', address: hubAddress, protocol: 'udp' }
      });
  }
  await close();
});

test("phones with Chromium's default WebRTC settings connect too, through mDNS host candidates", async ({
  playwright
}) => {
  // The project's browser shows real addresses (see roomChromiumLaunchOptions); a phone's
  // browser hides them behind <uuid>.local names. This checks that path works in the room too.
  const browser = await playwright.chromium.launch(phoneChromiumLaunchOptions);
  try {
    const [alice, bob, close] = await openTwoPhones(browser);
    const offer = await connectPhones(alice, bob);
    expect(offer.sdp).toMatch(/^a=candidate:\S+ 1 udp \d+ [0-9a-f-]{36}\.local \d+ typ host/m);
    for (const page of [alice, bob]) {
      await expect
        .poll(() => selectedPair(page))
        .toMatchObject({
          state: 'succeeded',
          local: { candidateType: 'host' },
          remote: { candidateType: 'host' }
        });
    }
    await close();
  } finally {
    await browser.close();
  }
});
