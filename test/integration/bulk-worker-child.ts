// A worker process for the crash test (bulk-crash.test.ts): the application's own worker on the
// database given as argument, until it is killed.
import { bootstrap } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { startWorker } from '../../src/jobs/index.ts';

const [databaseUrl, dataDir] = process.argv.slice(2);
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: databaseUrl,
  GUICHET_DATA_DIR: dataDir,
  APP_URL: 'http://guichet.test',
  SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
} as NodeJS.ProcessEnv);
const app = await bootstrap({ config });
await startWorker(app, { pollingIntervalSeconds: 0.5 });
process.stdout.write('ready\n');
