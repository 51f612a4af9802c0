/** How many ports after the first one the executable tries before it gives up. */
export const portAttempts = 20;

/**
 * Starts something on `firstPort`, or on the next port when that one is taken (`isTaken`
 * tells), up to `attempts` ports. Any other failure, or the last taken port, is thrown.
 */
export async function startOnFreePort<T>(
  firstPort: number,
  start: (port: number) => Promise<T>,
  isTaken: (error: unknown) => boolean,
  attempts = portAttempts
): Promise<T> {
  for (let port = firstPort; ; port += 1) {
    try {
      return await start(port);
    } catch (error) {
      const last = port - firstPort + 1 >= attempts || port >= 65535;
      if (last || !isTaken(error)) throw error;
    }
  }
}
