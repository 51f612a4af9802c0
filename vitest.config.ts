import { defineConfig } from 'vitest/config';

// Unit tests cover pure logic in Node; they need none of the app's Vite plugins.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // A limit against hangs, not a speed check: exhaustive tests (every field of every script,
    // the seeded fuzz) take seconds on an idle 2-core machine and several times that under
    // load. Speed is measured in bench/.
    testTimeout: 120_000
  }
});
