import { defineConfig } from 'vitest/config';

// Unit tests cover pure logic in Node; they need none of the app's Vite plugins.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node'
  }
});
