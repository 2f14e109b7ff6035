// A/B of the server's CPU per request: this checkout against a git ref, side by side, on Linux.
// `BENCH_AB_REF=HEAD~1 npm run bench:ab` with DATABASE_URL pointing at the load data set
// (`guichet seed --dossiers N`, docs/load-seed.md). This machine's speed drifts by 10–30 % from one
// minute to the next, more than most changes are worth: two runs one after the other compare the
// minutes, not the code. Here both versions run at once — the ref checked out in a temporary git
// worktree, each started as a user would (`guichet start`, one web process, no job worker) — and
// receive the same requests in turn, in batches (BENCH_AB_BATCH, 40) whose order alternates, for
// BENCH_AB_ROUNDS rounds (20, the first two not counted); each batch's CPU is read from
// /proc/<pid>/stat of its server (all its threads: compression included). The bench instructor is
// signed in on both; BENCH_AB_PATHS (comma-separated, `{p}` for the bench procedure, `{d}` for one of
// its dossiers) lists the requests, by default the list's « à suivre » and « tous » and a dossier.
// One JSON line per path: {"path","ref","ref_cpu_ms","tree_cpu_ms","ratio","round_ratio_p25_p50_p75"}
// (CPU ms per request of each server, their ratio, and the quartiles of the per-round ratios).
// Its own noise, the same code on both sides (BENCH_AB_REF=HEAD, 2026-12-03): ratios 0.99, 1.09 and
// 0.99 — a difference under 10 % needs more rounds, or several runs. Both servers migrate the data
// set when they start (the ref first): a ref older than the base's last migration cannot start on it,
// so compare versions with the same migrations.
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../src/platform/db/index.ts';
import { BENCH_INSTRUCTEUR_EMAIL, BENCH_PASSWORD, readSetup } from '../tools/load/load.ts';
import { benchDatabaseUrl, percentile, processCpuSeconds, round, startGuichet } from './common.ts';

const url = benchDatabaseUrl();
const REF = process.env.BENCH_AB_REF ?? 'HEAD';
const BATCH = Number(process.env.BENCH_AB_BATCH ?? 40);
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 20);
const PATHS = (
  process.env.BENCH_AB_PATHS ??
  '/instructeur/procedures/{p},/instructeur/procedures/{p}?statut=tous,/instructeur/dossiers/{d}'
).split(',');
const root = path.resolve(import.meta.dirname, '..');

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function get(port: number, target: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: target, method: body === undefined ? 'GET' : 'POST', agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** CPU seconds of a server process (it must be readable: the bench runs on Linux, beside it). */
function cpuOf(pid: number): number {
  const t = processCpuSeconds(pid);
  if (t === null) throw new Error(`CPU du processus ${pid} illisible (/proc)`);
  return t;
}

interface Server {
  name: string;
  child: ChildProcess;
  port: number;
  cookie: string;
}

async function start(name: string, dir: string): Promise<Server> {
  const { child, port } = await startGuichet({ dir, url, name });
  const jar = new Map<string, string>();
  const keep = (h: http.IncomingHttpHeaders) => {
    for (const c of h['set-cookie'] ?? []) {
      const [pair] = c.split(';');
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const login = await get(port, '/connexion');
  keep(login.headers);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body.toString())?.[1] ?? '';
  const body = new URLSearchParams({
    _csrf: csrf,
    email: BENCH_INSTRUCTEUR_EMAIL,
    password: BENCH_PASSWORD,
  }).toString();
  const r = await get(
    port,
    '/connexion',
    { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length), cookie: cookie() },
    body,
  );
  keep(r.headers);
  if (r.status !== 303) throw new Error(`${name} : connexion refusée (${r.status})`);
  return { name, child, port, cookie: cookie() };
}

const database = await createDatabase({ databaseUrl: url, dataDir: '' });
const setup = await readSetup(database);
if (!setup) throw new Error('jeu de charge introuvable : `guichet seed --dossiers N` d’abord');
// a dossier of the bench instructor's groups (the others' are not his to open: 404)
const dossier = await database.db
  .selectFrom('dossiers')
  .select('dossiers.id')
  .where('procedure_id', '=', setup.bench.id)
  .where('state', '=', 'en_instruction')
  .where(
    'groupe_id',
    'in',
    database.db
      .selectFrom('groupe_members')
      .innerJoin('users', 'users.id', 'groupe_members.user_id')
      .select('groupe_members.groupe_id')
      .where('users.email', '=', BENCH_INSTRUCTEUR_EMAIL),
  )
  .orderBy('dossiers.id')
  .offset(100)
  .limit(1)
  .executeTakeFirstOrThrow();
await database.close();

const sha = execFileSync('git', ['rev-parse', REF], { cwd: root }).toString().trim();
const tree = fs.mkdtempSync(path.join(os.tmpdir(), `guichet-ab-${sha.slice(0, 8)}-`));
execFileSync('git', ['worktree', 'add', '--detach', tree, sha], { cwd: root, stdio: 'ignore' });
const servers: Server[] = [];
try {
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: tree, stdio: 'ignore' });
  servers.push(await start(REF, tree), await start('tree', root));
  for (const p of PATHS) {
    const target = p.replaceAll('{p}', setup.bench.id).replaceAll('{d}', String(dossier.id));
    const cpu: Record<string, number[]> = { [REF]: [], tree: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of r % 2 ? [...servers].reverse() : servers) {
        const headers = { cookie: s.cookie, 'accept-encoding': 'br, gzip' };
        const c0 = cpuOf(s.child.pid!);
        for (let i = 0; i < BATCH; i++) {
          const res = await get(s.port, target, headers);
          if (res.status !== 200) throw new Error(`${s.name} ${target} → ${res.status}`);
        }
        if (r >= 2) cpu[s.name].push(((cpuOf(s.child.pid!) - c0) * 1000) / BATCH);
      }
    }
    // means (the clock ticks every 10 ms: one batch's figure is coarse, their sum is not), and the
    // ratio of each round's two batches, measured a few seconds apart (its median and quartiles)
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ratios = cpu.tree.map((b, k) => b / cpu[REF][k]).sort((x, y) => x - y);
    console.log(
      JSON.stringify({
        path: target,
        ref: REF,
        ref_cpu_ms: round(mean(cpu[REF])),
        tree_cpu_ms: round(mean(cpu.tree)),
        ratio: round(mean(cpu.tree) / mean(cpu[REF])),
        round_ratio_p25_p50_p75: [25, 50, 75].map((q) => round(percentile(ratios, q))),
      }),
    );
  }
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: root, stdio: 'ignore' });
}
agent.destroy();
