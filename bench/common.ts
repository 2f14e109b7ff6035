// What the benchmarks share: the PostgreSQL database they need, and how they summarise timings.
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
