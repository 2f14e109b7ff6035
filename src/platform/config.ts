// Environment → typed configuration. The only place that reads process.env.
import { z } from 'zod';
import path from 'node:path';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL server; when absent, an embedded PGlite database in GUICHET_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  GUICHET_DATA_DIR: z.string().default('./data'),
  /** Public URL used in e-mails. */
  APP_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port ; without it e-mails go to the outbox shown at /letter_opener. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Guichet <ne-pas-repondre@guichet.localhost>'),
  /** Files: local folder (default <data>/files). */
  STORAGE_DIR: z.string().optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Secret for signing tokens; generated and kept in the data folder when absent (development). */
  SECRET_KEY: z.string().min(32).optional(),
  /** 'false' to skip demo data on an empty database. */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Run the job worker inside the web process (always true on PGlite). */
  RUN_WORKER: z.enum(['true', 'false']).default('true'),
  /** PostgreSQL connections per process (web process or job worker); see docs/deployment.md. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
});

export type Config = z.infer<typeof schema> & {
  dataDir: string;
  storageDir: string;
  appUrl: string;
  production: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (DATABASE_URL= in a shell or a .env file).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Configuration invalide :\n${lines}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.GUICHET_DATA_DIR);
  return {
    ...c,
    dataDir,
    storageDir: path.resolve(c.STORAGE_DIR ?? path.join(dataDir, 'files')),
    appUrl: c.APP_URL ?? `http://localhost:${c.PORT}`,
    production: c.NODE_ENV === 'production',
  };
}
