import { format } from 'node:util';

/*
 * Hosted hubs log one JSON object per line on stdout (for journald, Loki, CloudWatch…):
 * time, level, hub id, event and fields. What Kring logs names rooms by id (a hash, also in
 * the balancer's paths) and never carries a room key, a token or a note: the relay never
 * sees a room key, and the token travels inside the first WebSocket message, which nothing
 * logs. Lines the hub's shared code prints through console.* become JSON lines as well.
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (event: string, fields?: Record<string, unknown>, level?: LogLevel) => void;

/** Tokens and keys look like long base32 runs; blank any that reach a log line by accident. */
const secretLike = /\b[0-9a-z]{40,}\.[0-9a-z.]{20,}\b/g;

function line(hubId: string, level: LogLevel, event: string, fields: Record<string, unknown>) {
  return `${JSON.stringify(
    { time: new Date().toISOString(), level, hub: hubId, event, ...fields },
    (_key, value: unknown) =>
      value instanceof Error ? { name: value.name, message: value.message } : value
  ).replace(secretLike, '[redacted]')}\n`;
}

export function jsonLogger(hubId: string): Logger {
  return (event, fields = {}, level = 'info') => {
    process.stdout.write(line(hubId, level, event, fields));
  };
}

/** Turns console.log/warn/error of this process into JSON lines (event "console"). */
export function jsonConsole(hubId: string): void {
  const write =
    (level: LogLevel) =>
    (...args: unknown[]): void => {
      process.stdout.write(line(hubId, level, 'console', { message: format(...args) }));
    };
  console.log = write('info');
  console.info = write('info');
  console.warn = write('warn');
  console.error = write('error');
}
