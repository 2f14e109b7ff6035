// `guichet start --workers N` (docs/deployment.md): N web processes sharing the port through
// node:cluster, and the job worker apart in the primary process, which serves no page. The primary
// applies the migrations and the demo seed once before forking; a web process that dies is replaced.
import cluster from 'node:cluster';
import { bootstrap, shutdown } from './bootstrap.ts';
import type { Services } from './platform/services.ts';

/** A web process that dies is replaced after this delay (doubled while they keep dying, at most 30 s). */
const RESPAWN_MS = 500;

export async function startCluster(workers: number, t0: number): Promise<void> {
  if (cluster.isPrimary) await primary(workers, t0);
  else await webProcess();
}

async function primary(workers: number, t0: number): Promise<void> {
  const app = await bootstrap();
  if (app.database.engine === 'pglite') {
    console.error(
      '--workers demande PostgreSQL (DATABASE_URL) : la base embarquée ne sert qu’un processus. Lancez `guichet start` sans --workers.',
    );
    await shutdown(app);
    process.exit(2);
  }
  const { isEmptyDatabase, seedDemo } = await import('./seed/demo.ts');
  if (app.config.SEED_DEMO === 'true' && (await isEmptyDatabase(app))) {
    console.log('Base vide : création des données de démonstration…');
    await seedDemo(app);
  }
  if (app.config.RUN_WORKER === 'true') {
    const { startWorker } = await import('./jobs/index.ts');
    await startWorker(app);
  }
  let stopping = false;
  let respawn = RESPAWN_MS;
  let listening = 0;
  const fork = () => cluster.fork({ GUICHET_WEB_PROCESS: '1' });
  cluster.on('listening', () => {
    listening++;
    respawn = RESPAWN_MS;
    if (listening === workers) ready(app, workers, t0);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    app.logger.error({ pid: worker.process.pid, code, signal }, 'processus web arrêté : remplacement');
    setTimeout(fork, respawn);
    respawn = Math.min(respawn * 2, 30_000);
  });
  for (let i = 0; i < workers; i++) fork();
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const exits = Object.values(cluster.workers ?? {}).map(
      (w) =>
        new Promise<void>((resolve) => {
          if (!w || w.isDead()) return resolve();
          w.once('exit', () => resolve());
          w.process.kill('SIGTERM');
        }),
    );
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 10_000))]);
    await shutdown(app);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function ready(app: Services, workers: number, t0: number): void {
  console.log(
    `\nGuichet est prêt : ${app.config.appUrl} (port ${app.config.PORT}, ${workers} processus web, tâches ${app.config.RUN_WORKER === 'true' ? 'dans le processus principal' : 'dans un worker séparé'}, démarré en ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  if (app.config.SEED_DEMO === 'true') {
    void import('./seed/demo.ts').then((m) => m.printDemoAccounts());
  }
}

async function webProcess(): Promise<void> {
  const { serve } = await import('@hono/node-server');
  const { createWebApp } = await import('./web/app.tsx');
  const app = await bootstrap();
  const web = createWebApp(app);
  const server = serve({ fetch: web.fetch, port: app.config.PORT, hostname: app.config.HOST });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // finish the requests in flight (at most 5 s), then leave
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      setTimeout(resolve, 5000).unref();
    });
    await shutdown(app);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined); // the primary decides
}
