import { rmSync } from 'node:fs';

/** Starts each run with a clean screenshot folder, so every picture is from this run. */
export default function globalSetup(): void {
  rmSync('test-results/screens', { recursive: true, force: true });
}
