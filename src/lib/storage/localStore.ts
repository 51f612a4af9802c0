/** This browser's localStorage, or undefined where there is none (Node) or it is switched off. */
export function localStore(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined; // storage switched off
  }
}
