import { test as setup } from '@playwright/test';
import { roomNamespaceVariable, setUpRoomNetwork } from '../../support/roomNetwork.ts';

setup('create the room network', async () => {
  const namespace = process.env[roomNamespaceVariable];
  if (!namespace) throw new Error(`${roomNamespaceVariable} is not set: see playwright.config.ts`);
  const network = await setUpRoomNetwork(namespace);
  setup.info().annotations.push({
    type: 'room network',
    description: `${network.namespace}: hub at ${network.hubAddress}, host at ${network.hostAddress}`
  });
});
