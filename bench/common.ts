// What the benchmarks share: the PostgreSQL database they need, Guichet started as a user would, and
// how they summarise timings.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

/** DATABASE_URL, or a French message and exit 2 (the benchmarks run on PostgreSQL only). */
export function benchDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'DATABASE_URL est requis : une base PostgreSQL dédiée au banc (par exemple postgres://postgres@127.0.0.1:5432/guichet_bench).',
    );
    process.exit(2);
  }
  return url;
}

/** Creates the database named by `url` when the server does not have it yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await c.end();
  }
}

/** The p-th percentile of sorted timings (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (n: number) => Math.round(n * 100) / 100;

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * `guichet start` from the checkout `dir` on `url`, TCP on 127.0.0.1 (a free port), without the demo
 * data nor the job worker (it would change the data set under the bench); resolves when the sign-in
 * page answers. `nodeArgs` go to Node, `args` to `guichet start`; its output goes to stderr.
 */
export async function startGuichet(opts: {
  dir: string;
  url: string;
  name?: string;
  args?: string[];
  nodeArgs?: string[];
}): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const name = opts.name ?? 'guichet';
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(opts.dir, 'src/cli.ts'), 'start', ...(opts.args ?? [])],
    {
      cwd: opts.dir,
      env: {
        ...process.env,
        DATABASE_URL: opts.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        RUN_WORKER: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  child.stderr?.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  const answers = () =>
    new Promise<boolean>((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: '/connexion' }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
  const t0 = Date.now();
  while (!(await answers())) {
    if (child.exitCode !== null) throw new Error(`${name} : Guichet s'est arrêté (code ${child.exitCode})`);
    if (Date.now() - t0 > 240_000) throw new Error(`${name} : Guichet ne répond pas après 240 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { child, port };
}

let clockTicks = 0;
/** CPU seconds a process has used, all its threads (`utime + stime` of /proc/<pid>/stat, Linux); null when unreadable. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    clockTicks ||= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
    return (Number(f[11]) + Number(f[12])) / clockTicks;
  } catch {
    return null;
  }
}
