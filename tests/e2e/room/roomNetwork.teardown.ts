import { test as teardown } from '@playwright/test';
import { roomNamespaceVariable, tearDownRoomNetwork } from '../../support/roomNetwork.ts';

teardown('remove the room network', async () => {
  const namespace = process.env[roomNamespaceVariable];
  if (namespace) await tearDownRoomNetwork(namespace);
});
