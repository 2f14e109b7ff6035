// Load test over real HTTP: `npm run bench:load` with DATABASE_URL pointing at the load data set
// (`guichet seed --dossiers N`, docs/load-seed.md). Starts Guichet as a user would (`guichet start
// --workers W`, TCP on 127.0.0.1; the job worker is not started, so that the shared data set is not
// altered by scheduled jobs), signs in BENCH_INSTRUCTORS distinct instructors of the big procedure
// (created if missing, spread over its groups: tools/load/instructors.ts; the sorts and filters
// they saved in a previous run are forgotten first, and the tab-count rows that run appended are
// folded, as the job worker would), then drives a mix of list
// tabs, column sorts, filters, dossier pages, searches and a few writes (follow, annotation, message):
// open loop at fixed rates (BENCH_RATES, BENCH_SECONDS each; latency counted from the planned send
// time, so a slow server is not hidden by a waiting generator), then closed loop at saturation
// (BENCH_CONNECTIONS concurrent clients). Also measures the bytes a first visit of the list page
// transfers (Chromium, empty cache) and the list page's gzip size.
// BENCH_NODE_ARGS passes options to Guichet's processes (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
// BENCH_COST=N measures instead what each action costs the machine: N requests of each, one at a time,
// and the CPU the whole machine spent meanwhile (/proc/stat, the generator's own share taken out), in
// ms per request, and its share of the mix's CPU; the saturation a 2-core machine could reach is then
// 2 000 ms / the mix's weighted cost (the other processes of the machine and the waits aside).
// Last line: {"rates":[{"rps","p50_ms","p95_ms","p99_ms","errors"},…],"max_rps",…,"first_visit_kb","list_page_kb_gzip"}.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createDatabase } from '../src/platform/db/index.ts';
import { compactWorkListCounts } from '../src/features/work-list/work-list-counts.ts';
import { benchDatabaseUrl, percentile, round, startGuichet } from './common.ts';
import { readSetup } from '../tools/load/load.ts';
import { ensureLoadInstructors, LOAD_INSTRUCTOR_PASSWORD, type LoadInstructor } from '../tools/load/instructors.ts';

const url = benchDatabaseUrl();
const INSTRUCTORS = Number(process.env.BENCH_INSTRUCTORS ?? 24);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const RATES = (process.env.BENCH_RATES ?? '10,20,40,80').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TIMEOUT_MS = 10_000;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const log = (m: string) => process.stderr.write(`${m}\n`);

// ---------------------------------------------------------------------------------------------
// HTTP client: keep-alive, cookies per instructor, compressed responses like a browser

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let port = 0;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function send(
  method: string,
  target: string,
  opts: { cookie?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      'accept-encoding': 'br, gzip',
      accept: 'text/html,application/xhtml+xml',
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.body !== undefined
        ? {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': String(Buffer.byteLength(opts.body)),
            origin: `http://127.0.0.1:${port}`,
          }
        : {}),
      ...opts.headers,
    };
    const req = http.request({ host: '127.0.0.1', port, method, path: target, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('délai dépassé')));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function text(r: Reply): string {
  const enc = r.headers['content-encoding'];
  const raw = enc === 'br' ? zlib.brotliDecompressSync(r.body) : enc === 'gzip' ? zlib.gunzipSync(r.body) : r.body;
  return raw.toString('utf8');
}

function cookiesOf(r: Reply, jar: Map<string, string>): void {
  for (const h of r.headers['set-cookie'] ?? []) {
    const [pair] = h.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const csrfOf = (html: string) => html.match(/name="csrf-token" content="([^"]+)"/)?.[1] ?? '';
const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};

// ---------------------------------------------------------------------------------------------
// Guichet as a user starts it

async function start(): Promise<ChildProcess> {
  // BENCH_NODE_ARGS: options for Guichet's processes (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`)
  const started = await startGuichet({
    dir: root,
    url,
    args: WORKERS > 1 ? ['--workers', String(WORKERS)] : [],
    nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  });
  port = started.port;
  return started.child;
}

// ---------------------------------------------------------------------------------------------
// Instructors and what they click

interface Session {
  email: string;
  cookie: string;
  csrf: string;
  dossiers: string[];
  annotationField: string | null;
}

async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const jar = new Map<string, string>();
  const page = await send('GET', '/connexion');
  cookiesOf(page, jar);
  const r = await send('POST', '/connexion', {
    cookie: cookieHeader(jar),
    body: form({ _csrf: csrfOf(text(page)), email, password: LOAD_INSTRUCTOR_PASSWORD }),
  });
  cookiesOf(r, jar);
  if (r.status !== 303) throw new Error(`connexion de ${email} refusée (${r.status})`);
  const home = await send('GET', '/instructeur/procedures', { cookie: cookieHeader(jar) });
  return { cookie: cookieHeader(jar), csrf: csrfOf(text(home)) };
}

type Action = { weight: number; name: string; run: (s: Session) => Promise<Reply> };

function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)];
}

function actions(procedureId: string, words: string[]): Action[] {
  const list = (s: Session, query: string) =>
    send('GET', `/instructeur/procedures/${procedureId}${query}`, { cookie: s.cookie });
  const post = (s: Session, target: string, fields: Record<string, string | string[]>) =>
    send('POST', target, { cookie: s.cookie, body: form(fields), headers: { 'x-csrf-token': s.csrf } });
  return [
    { weight: 22, name: 'liste à suivre', run: (s) => list(s, '') },
    {
      weight: 18,
      name: 'autre onglet ou page',
      run: (s) =>
        list(s, pick(['?statut=suivis', '?statut=traites', '?statut=tous', '?statut=tous&page=3', '?page=2'])),
    },
    {
      weight: 20,
      name: 'dossier',
      run: (s) => send('GET', `/instructeur/dossiers/${pick(s.dossiers)}`, { cookie: s.cookie }),
    },
    {
      weight: 8,
      name: 'onglet du dossier',
      run: (s) =>
        send('GET', `/instructeur/dossiers/${pick(s.dossiers)}/${pick(['messagerie', 'annotations', 'avis'])}`, {
          cookie: s.cookie,
        }),
    },
    {
      weight: 8,
      name: 'recherche',
      run: (s) => send('GET', `/instructeur/recherche?q=${encodeURIComponent(pick(words))}`, { cookie: s.cookie }),
    },
    {
      weight: 6,
      name: 'tableau des démarches',
      run: (s) => send('GET', '/instructeur/procedures', { cookie: s.cookie }),
    },
    {
      weight: 4,
      name: 'tri',
      run: (s) =>
        post(s, `/instructeur/procedures/${procedureId}/tri`, {
          statut: 'tous',
          column: pick(['dossier/depose_at', 'dossier/updated_at', 'dossier/notifications']),
          order: pick(['asc', 'desc']),
        }),
    },
    {
      weight: 4,
      name: 'filtre',
      run: (s) =>
        post(s, `/instructeur/procedures/${procedureId}/filtres/barre`, {
          statut: 'tous',
          scope: 'tous',
          states: pick([[], ['en_instruction'], ['en_construction', 'en_instruction'], ['accepte']]),
          number: '',
          deposeFrom: '',
          deposeTo: '',
        }),
    },
    {
      weight: 4,
      name: 'suivre / ne plus suivre',
      run: (s) =>
        post(s, `/instructeur/dossiers/${pick(s.dossiers)}/${pick(['suivre', 'ne-plus-suivre'])}`, { tab: 'demande' }),
    },
    {
      weight: 3,
      name: 'annotation',
      run: (s) =>
        s.annotationField
          ? post(s, `/instructeur/dossiers/${s.dossiers[0]}/annotations`, {
              tab: 'annotations',
              _only: s.annotationField,
              [`champ_${s.annotationField}`]: `Relu en charge ${Math.floor(Math.random() * 1000)}`,
            })
          : list(s, ''),
    },
    {
      weight: 3,
      name: 'message',
      run: (s) =>
        post(s, `/instructeur/dossiers/${pick(s.dossiers)}/messagerie`, {
          tab: 'messagerie',
          body: 'Bonjour, votre dossier est en cours d’examen. (message du test de charge)',
        }),
    },
  ];
}

function chooser(all: Action[]): () => Action {
  const total = all.reduce((a, x) => a + x.weight, 0);
  return () => {
    let r = Math.random() * total;
    for (const a of all) if ((r -= a.weight) < 0) return a;
    return all[all.length - 1];
  };
}

const ok = (r: Reply) => r.status === 200 || r.status === 303 || r.status === 302;

/** Service times per action (send → answer), over the whole run: which clicks cost what. */
const byAction = new Map<string, number[]>();
function timed(a: Action, s: Session): Promise<Reply> {
  const start = performance.now();
  return a.run(s).then((r) => {
    const list = byAction.get(a.name) ?? [];
    list.push(performance.now() - start);
    byAction.set(a.name, list);
    return r;
  });
}

// ---------------------------------------------------------------------------------------------
// Load: open loop at a fixed rate, closed loop at saturation

interface Result {
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  done: number;
}

function summarise(rps: number, times: number[], errors: number): Result {
  const t = times.sort((a, b) => a - b);
  const p = (x: number) => (t.length ? round(percentile(t, x)) : 0);
  return { rps, p50_ms: p(50), p95_ms: p(95), p99_ms: p(99), errors, done: t.length };
}

async function fixedRate(
  rps: number,
  seconds: number,
  sessions: Session[],
  next: () => Action,
  errorsBy: Map<string, number>,
): Promise<Result> {
  const times: number[] = [];
  let errors = 0;
  const total = Math.round(rps * seconds);
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const planned = start + (i * 1000) / rps;
    const wait = planned - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const a = next();
    const s = pick(sessions);
    inflight.push(
      timed(a, s).then(
        (r) => {
          times.push(performance.now() - planned);
          if (!ok(r)) {
            errors++;
            errorsBy.set(`${a.name} ${r.status}`, (errorsBy.get(`${a.name} ${r.status}`) ?? 0) + 1);
          }
        },
        (e: Error) => {
          errors++;
          errorsBy.set(`${a.name} ${e.message}`, (errorsBy.get(`${a.name} ${e.message}`) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(inflight);
  return summarise(rps, times, errors);
}

async function saturation(
  connections: number,
  seconds: number,
  sessions: Session[],
  next: () => Action,
  errorsBy: Map<string, number>,
): Promise<Result & { achieved_rps: number }> {
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const a = next();
        const s0 = performance.now();
        try {
          const r = await timed(a, pick(sessions));
          times.push(performance.now() - s0);
          if (!ok(r)) {
            errors++;
            errorsBy.set(`${a.name} ${r.status}`, (errorsBy.get(`${a.name} ${r.status}`) ?? 0) + 1);
          }
        } catch (e) {
          errors++;
          errorsBy.set(
            `${a.name} ${(e as Error).message}`,
            (errorsBy.get(`${a.name} ${(e as Error).message}`) ?? 0) + 1,
          );
        }
      }
    }),
  );
  const achieved = times.length / ((performance.now() - t0) / 1000);
  return { ...summarise(connections, times, errors), achieved_rps: round(achieved) };
}

/** The machine's busy CPU time so far, in ms (every core; /proc/stat, Linux). */
function machineBusyMs(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: all but idle and iowait
  const n = fields.map(Number);
  const busy = n[0] + n[1] + n[2] + n[5] + n[6] + (n[7] ?? 0);
  return (busy * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

interface ActionCost {
  action: string;
  weight: number;
  cpu_ms: number;
  wall_ms: number;
  /** its share of the mix's CPU (weight × cost over the mix's weighted cost) */
  share: number;
}

/** BENCH_COST: each action `n` times, one request at a time; CPU ms of the machine per request. */
async function costs(all: Action[], sessions: Session[], n: number): Promise<{ table: ActionCost[]; mix: number }> {
  const out: ActionCost[] = [];
  for (const a of all) {
    for (let i = 0; i < 10; i++) await a.run(pick(sessions));
    const busy0 = machineBusyMs();
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const r = await a.run(pick(sessions));
      if (!ok(r)) throw new Error(`${a.name} → ${r.status}`);
    }
    const own = process.cpuUsage(own0);
    const cpu = machineBusyMs() - busy0 - (own.user + own.system) / 1000;
    out.push({
      action: a.name,
      weight: a.weight,
      cpu_ms: round(cpu / n),
      wall_ms: round((performance.now() - t0) / n),
      share: 0,
    });
  }
  const weights = out.reduce((x, c) => x + c.weight, 0);
  const mix = out.reduce((x, c) => x + (c.weight / weights) * c.cpu_ms, 0);
  for (const c of out) c.share = round((c.weight / weights) * (c.cpu_ms / mix));
  return { table: out, mix };
}

/** Waits until the server answers a light page within 500 ms again (the backlog of an overloaded
 *  stage drained), at most 3 minutes; returns the seconds waited. */
async function drain(): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < 180_000) {
    const s = performance.now();
    try {
      const r = await send('GET', '/connexion');
      if (r.status === 200 && performance.now() - s < 500) break;
    } catch {
      // still busy
    }
    await new Promise((res) => setTimeout(res, 1000));
  }
  return round((performance.now() - t0) / 1000);
}

// ---------------------------------------------------------------------------------------------
// Bytes of a first visit (Chromium, empty cache), and of the list page

async function firstVisitKb(session: Session, procedureId: string): Promise<number | null> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return null;
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const context = await browser.newContext();
    await context.addCookies(
      session.cookie.split('; ').map((pair) => {
        const i = pair.indexOf('=');
        return { name: pair.slice(0, i), value: pair.slice(i + 1), domain: '127.0.0.1', path: '/' };
      }),
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    let bytes = 0;
    const urls = new Map<string, string>();
    const parts: string[] = [];
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
      urls.set(e.requestId, e.request.url);
    });
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      parts.push(
        `${(urls.get(e.requestId) ?? '?').replace(/^https?:\/\/[^/]+/, '').replace(/^data:([^;,]*).*/s, 'data:$1')} ${round(e.encodedDataLength / 1024)} kB`,
      );
    });
    await page.goto(`http://127.0.0.1:${port}/instructeur/procedures/${procedureId}`, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(500);
    log(`Première visite : ${parts.join(' · ')}`);
    return round(bytes / 1024);
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const database = await createDatabase({ databaseUrl: url, dataDir: '' });
  const setup = await readSetup(database);
  if (!setup) {
    console.error('Pas de jeu de charge dans cette base : lancez d’abord `npm run guichet -- seed --dossiers N`.');
    process.exit(2);
  }
  const procedureId = setup.bench.id;
  const instructors: LoadInstructor[] = await ensureLoadInstructors(database.db, setup, INSTRUCTORS);
  // every run starts from the same presentations: the sorts and filters a previous run saved are
  // forgotten (each instructor's list is then set below, as the mix goes on changing it)
  await database.db
    .deleteFrom('presentations')
    .where(
      'user_id',
      'in',
      instructors.map((i) => i.id),
    )
    .where('procedure_id', '=', procedureId)
    .execute();
  // and the tab-count rows the previous runs' writes appended are folded, as the scheduled job does
  // (the job worker is not started here)
  await compactWorkListCounts(database.db);
  const dossiersOf = new Map<string, string[]>();
  for (const g of setup.bench.groups) {
    const r = await database.db
      .selectFrom('dossiers')
      .select('id')
      .where('groupe_id', '=', g.id)
      .where('state', 'in', ['en_construction', 'en_instruction'])
      .where('hidden_by_user_at', 'is', null)
      .where('hidden_by_administration_at', 'is', null)
      .where('hidden_by_expired_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(400)
      .execute();
    dossiersOf.set(
      g.id,
      r.map((x) => x.id),
    );
  }
  const words = (
    await database.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn<string>('split_part', ['user_email', eb.val('@'), eb.val(1)]).as('w'))
      .where('procedure_id', '=', procedureId)
      .limit(40)
      .execute()
  ).map((x) => x.w);
  words.push('association', 'subvention', 'sport', 'culture');
  const dossierCount = Number(
    (
      await database.db
        .selectFrom('dossiers')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  await database.close();

  log(`Démarrage de Guichet (${WORKERS} processus web)…`);
  const child = await start();
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('exit', stop);
  try {
    log(`Connexion de ${instructors.length} instructeurs…`);
    const sessions: Session[] = [];
    for (const [k, i] of instructors.entries()) {
      const { cookie, csrf } = await signIn(i.email);
      const dossiers = i.groupIds.flatMap((g) => dossiersOf.get(g) ?? []).sort(() => Math.random() - 0.5);
      const s: Session = { email: i.email, cookie, csrf, dossiers: dossiers.slice(0, 100), annotationField: null };
      // their presentations differ: default order, a date sort, a state filter
      if (k % 3 === 1)
        await send('POST', `/instructeur/procedures/${procedureId}/tri`, {
          cookie,
          headers: { 'x-csrf-token': csrf },
          body: form({ statut: 'tous', column: 'dossier/depose_at', order: 'desc' }),
        });
      const annotations = text(await send('GET', `/instructeur/dossiers/${s.dossiers[0]}/annotations`, { cookie }));
      // the first text annotation, saved alone (as the page's autosave does)
      s.annotationField =
        [...annotations.matchAll(/<input\b[^>]*>/g)]
          .map((m) => m[0])
          .filter((tag) => /type="text"/.test(tag))
          .map((tag) => tag.match(/name="champ_([A-Za-z0-9_-]+)"/)?.[1])
          .find((x) => x !== undefined) ?? null;
      sessions.push(s);
    }
    const all = actions(procedureId, words);
    const next = chooser(all);
    const errorsBy = new Map<string, number>();
    // warm-up: the processes' caches and PostgreSQL's buffers
    await fixedRate(10, 10, sessions, next, new Map());
    if (process.env.BENCH_COST) {
      const { table, mix } = await costs(all, sessions, Number(process.env.BENCH_COST) || 100);
      for (const c of table)
        log(
          `${c.action.padEnd(26)} ${String(c.cpu_ms).padStart(7)} ms CPU  ${String(c.wall_ms).padStart(7)} ms  part du mélange ${Math.round(c.share * 100)} %`,
        );
      console.log(JSON.stringify({ costs: table, mix_cpu_ms: round(mix), cores: os.cpus().length }));
      return;
    }
    const rates: Result[] = [];
    for (const rps of RATES) {
      log(`Débit fixe ${rps} requêtes/s pendant ${SECONDS} s…`);
      const r = await fixedRate(rps, SECONDS, sessions, next, errorsBy);
      log(JSON.stringify(r));
      rates.push(r);
      await new Promise((res) => setTimeout(res, 3000));
      const waited = await drain();
      if (waited > 1) log(`(${waited} s pour écouler l'arriéré)`);
    }
    log(`Saturation : ${CONNECTIONS} clients en boucle pendant ${SECONDS} s…`);
    const sat = await saturation(CONNECTIONS, SECONDS, sessions, next, errorsBy);
    log(JSON.stringify(sat));
    await drain();
    const listGzip = await send('GET', `/instructeur/procedures/${procedureId}`, {
      cookie: sessions[0].cookie,
      headers: { 'accept-encoding': 'gzip' },
    });
    const listRaw = text(listGzip).length;
    const firstVisit = await firstVisitKb(sessions[0], procedureId).catch((e: Error) => {
      log(`Première visite non mesurée : ${e.message}`);
      return null;
    });
    if (errorsBy.size) log(`Erreurs : ${JSON.stringify(Object.fromEntries(errorsBy))}`);
    const actionTimes = Object.fromEntries(
      [...byAction].map(([name, t]) => {
        t.sort((a, b) => a - b);
        return [name, { n: t.length, p50_ms: round(percentile(t, 50)), p95_ms: round(percentile(t, 95)) }];
      }),
    );
    log(`Temps de service par action : ${JSON.stringify(actionTimes)}`);
    console.log(
      JSON.stringify({
        rates: rates.map(({ done: _d, ...r }) => r),
        max_rps: sat.achieved_rps,
        saturation: { connections: CONNECTIONS, p50_ms: sat.p50_ms, p95_ms: sat.p95_ms, errors: sat.errors },
        first_visit_kb: firstVisit,
        list_page_kb_gzip: round(listGzip.body.length / 1024),
        list_page_kb_raw: round(listRaw / 1024),
        actions: actionTimes,
        instructors: sessions.length,
        workers: WORKERS,
        dossiers: dossierCount,
      }),
    );
  } finally {
    stop();
    agent.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
