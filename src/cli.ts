// guichet start | worker | migrate | seed [--dossiers N [--procedure-dossiers M]] | recount | procedures [--json]
// | export --procedure N --format csv|xlsx|ods|zip [--template ID] --out FILE — `guichet --help`
// The application is imported only once the command line is known to be right: help and errors are instant.
import { parseCommandLine, type RunCommand } from './cli-args.ts';

const cli = parseCommandLine(process.argv.slice(2));
if (cli.kind === 'help') {
  console.log(cli.text);
  process.exit(0);
}
if (cli.kind === 'error') {
  console.error(cli.message);
  process.exit(2);
}

async function main(cli: RunCommand) {
  const t0 = Date.now();
  const { bootstrap, shutdown } = await import('./bootstrap.ts');
  switch (cli.command) {
    case 'start': {
      if (cli.workers !== undefined && cli.workers > 1) {
        const { startCluster } = await import('./cluster.ts');
        await startCluster(cli.workers, t0);
        break;
      }
      const { serve } = await import('@hono/node-server');
      const { startWorker } = await import('./jobs/index.ts');
      const { createWebApp } = await import('./web/app.tsx');
      const { isEmptyDatabase, seedDemo, printDemoAccounts } = await import('./seed/demo.ts');
      const app = await bootstrap();
      if (app.config.SEED_DEMO === 'true' && (await isEmptyDatabase(app))) {
        console.log('Base vide : création des données de démonstration…');
        await seedDemo(app);
      }
      if (app.config.RUN_WORKER === 'true' || app.database.engine === 'pglite') await startWorker(app);
      const web = createWebApp(app);
      const server = serve({ fetch: web.fetch, port: app.config.PORT, hostname: app.config.HOST }, (info) => {
        console.log(
          `\nGuichet est prêt : ${app.config.appUrl} (port ${info.port}, base ${app.database.engine}, démarré en ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
        );
        if (app.config.SEED_DEMO === 'true') printDemoAccounts();
        if (!app.config.SMTP_URL && !app.config.production)
          console.log(`E-mails envoyés : ${app.config.appUrl}/letter_opener (avec le compte administrateur)`);
      });
      const stop = async () => {
        server.close();
        await shutdown(app);
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      break;
    }
    case 'worker': {
      const { startWorker } = await import('./jobs/index.ts');
      const app = await bootstrap();
      if (app.database.engine === 'pglite') {
        console.error(
          'Le worker séparé demande PostgreSQL (DATABASE_URL) : avec la base embarquée, `guichet start` exécute déjà les tâches.',
        );
        process.exit(2);
      }
      await startWorker(app);
      console.log('Worker démarré.');
      const stop = async () => {
        await shutdown(app);
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      break;
    }
    case 'migrate': {
      const app = await bootstrap();
      console.log('Migrations appliquées.');
      await shutdown(app);
      break;
    }
    case 'seed': {
      const { isEmptyDatabase, seedDemo, printDemoAccounts } = await import('./seed/demo.ts');
      const app = await bootstrap();
      if (cli.dossiers) {
        const { seedLoad } = await import('../tools/load/load.ts');
        await seedLoad(app, { dossiers: cli.dossiers, procedureDossiers: cli.procedureDossiers });
      } else if (await isEmptyDatabase(app)) {
        await seedDemo(app);
        printDemoAccounts();
      } else {
        console.log('La base contient déjà des données : rien à faire (utilisez --dossiers N pour un jeu de charge).');
      }
      await shutdown(app);
      break;
    }
    case 'recount': {
      // the tab totals (work_list_counts) recounted from the dossiers, for an operator who found drift
      const app = await bootstrap();
      const { rebuildWorkListCounts } = await import('./features/work-list/work-list-counts.ts');
      const { drift } = await rebuildWorkListCounts(app.db);
      const fixed =
        drift === 1 ? '1 total était faux et a été corrigé.' : `${drift} totaux étaient faux et ont été corrigés.`;
      console.log(`Totaux des onglets recomptés : ${drift === 0 ? 'ils étaient exacts.' : fixed}`);
      await shutdown(app);
      break;
    }
    case 'procedures': {
      const app = await bootstrap();
      const { proceduresWithCounts } = await import('./queries/exports.ts');
      const list = await proceduresWithCounts(app.db);
      if (cli.json) console.log(JSON.stringify(list));
      else for (const p of list) console.log(`${String(p.number).padStart(6)}  ${p.title} (${p.dossiers} dossiers)`);
      await shutdown(app);
      break;
    }
    case 'export': {
      // the « au total » export of every group, written to a file (docs/domain.md §9)
      const app = await bootstrap();
      const { exportToFile } = await import('./features/exports/export-to-file.ts');
      const bar = process.stderr.isTTY ? await progressBar() : null;
      try {
        const r = await exportToFile(app, {
          procedureId: cli.procedure,
          format: cli.format,
          out: cli.out,
          templateId: cli.template || undefined,
          onProgress: (done, total) => {
            if (!bar) return;
            bar.setTotal(total);
            bar.update(done);
          },
        });
        bar?.stop();
        console.error(`${r.dossiers} dossiers exportés dans ${cli.out} (${r.size} octets).`);
      } catch (e) {
        bar?.stop();
        const { isDomainError } = await import('./domain/errors.ts');
        if (!isDomainError(e)) throw e;
        console.error(e.message);
        process.exitCode = 2;
      }
      await shutdown(app);
      break;
    }
  }
}

async function progressBar() {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: 'Export [{bar}] {percentage} % | {value}/{total} dossiers | {eta_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0);
  return bar;
}

main(cli).catch((e) => {
  console.error(e);
  process.exit(1);
});
