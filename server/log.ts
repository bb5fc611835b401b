import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Tokens never reach a log line: we log explicit fields only (never raw URLs,
 * query strings or headers), and redact the usual suspects in case one slips into an object.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'talkoot' },
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers',
          '*.headers',
          'url',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
