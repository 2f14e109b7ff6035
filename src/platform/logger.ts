import pino from 'pino';

// JSON logs. Never log personal data: ids and correlation ids only, no e-mails, names or field values.
export function createLogger(level: string) {
  return pino({
    level,
    base: undefined,
    redact: { paths: ['email', '*.email', 'password', '*.password', 'req.headers.cookie'], censor: '[masqué]' },
  });
}
export type Logger = ReturnType<typeof createLogger>;
