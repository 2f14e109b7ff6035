// npm run db:types: generates src/platform/db/generated.ts (the Kysely table types) from the schema
// the migrations build, with kysely-codegen. On a fresh in-memory PGlite database, or with
// DATABASE_URL on a temporary database created on that server (and dropped after).
// npm run db:types:check (`--check`): generates into a temporary file and fails when it differs from
// the committed one — a migration changed the schema and the types were not regenerated.
// What the database cannot say (what a jsonb column holds, the values a CHECK allows, the columns
// only PostgreSQL writes) is mapped below to the types of src/platform/db/column-types.ts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { generate, PostgresDialect as CodegenPostgres } from 'kysely-codegen';
import pg from 'pg';
import { createDatabaseFromPGlite, type Database, openPGlite } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TARGET = path.join(ROOT, 'src/platform/db/generated.ts');

// The types the overrides below name. kysely-codegen would collect them by parsing the overrides
// with the typescript package's JavaScript API, which TypeScript 7 no longer has: they are written here.
const IMPORTS = [
  "import type { ChampsMap, FieldDef } from '../../domain/fields/types.ts';",
  'import type {',
  '  AttestationTemplate,',
  '  DossierStateColumn,',
  '  EmailAttachment,',
  '  FileOrigin,',
  '  JsonColumn,',
  '  ReadOnly,',
  "} from './column-types.ts';",
].join('\n');

const columns: Record<string, string> = {
  'corrections.reason': "Generated<'incorrect' | 'incomplete' | 'outdated'>",
  'dossier_events.data': 'JsonColumn<Record<string, unknown>>',
  'dossiers.annotations': 'JsonColumn<ChampsMap>',
  'dossiers.champs': 'JsonColumn<ChampsMap>',
  'dossiers.state': 'Generated<DossierStateColumn>',
  // kept by triggers (migrations 0002, 0004): read only here
  'dossiers.follower_ids': 'ReadOnly<string[]>',
  'dossiers.search_terms': 'ReadOnly<string | null>',
  'dossiers.wl_class': 'ReadOnly<number>',
  'files.origin': 'FileOrigin',
  'groupes_instructeurs.routing_rule': 'JsonColumn<unknown | null>',
  'instructeur_procedures.email_prefs': 'JsonColumn<Record<string, boolean>>',
  'instructeur_procedures.notification_prefs': 'JsonColumn<Record<string, string>>',
  'messages.author_kind': "'usager' | 'instructeur' | 'expert' | 'system'",
  'outbox_emails.attachments': 'JsonColumn<EmailAttachment[]>',
  'presentations.columns': 'JsonColumn<unknown[]>',
  'presentations.filters': 'JsonColumn<Record<string, unknown>>',
  'presentations.sort': 'JsonColumn<unknown | null>',
  'procedure_revisions.annotations': 'JsonColumn<FieldDef[]>',
  'procedure_revisions.fields': 'JsonColumn<FieldDef[]>',
  'procedures.attestation_template': 'JsonColumn<AttestationTemplate | null>',
  'procedures.declarative': "'en_instruction' | 'accepte' | null",
  'procedures.mail_templates': 'JsonColumn<Record<string, { subject: string; body: string }>>',
  'procedures.state': "Generated<'brouillon' | 'publiee' | 'close' | 'depubliee'>",
  'procedures.sva_svr': "Generated<'disabled' | 'sva' | 'svr'>",
  'rendez_vous.mode': "'sur_place' | 'telephone' | 'visio'",
  'tokens.data': 'JsonColumn<Record<string, unknown>>',
  'tokens.kind': "'password_reset' | 'invitation' | 'email_confirmation'",
  'work_list_indexes.state': "Generated<'building' | 'ready' | 'failed'>",
  'form_submissions.result': 'JsonColumn<unknown>',
  'edit_drafts.values': 'JsonColumn<Record<string, unknown>>',
  'exports.format': "'csv' | 'xlsx' | 'ods' | 'zip'",
  'exports.presentation': 'JsonColumn<unknown | null>',
  'exports.state': "Generated<'pending' | 'generated' | 'failed'>",
  'exports.template': 'JsonColumn<unknown | null>',
  'export_templates.columns': 'JsonColumn<{ id: string; header: string }[]>',
  'export_templates.format': "'csv' | 'xlsx' | 'ods' | 'zip'",
  'export_templates.kind': "'tabular' | 'zip'",
  'export_templates.zip': 'JsonColumn<unknown | null>',
};

/** A migrated database: PGlite in memory, or a temporary database on DATABASE_URL's server. */
async function migratedDatabase(): Promise<{ db: Kysely<any>; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database: Database = await createDatabaseFromPGlite(await openPGlite({}));
    await migrateToLatest(database.db);
    return { db: database.db, close: () => database.close() };
  }
  const name = `guichet_types_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: u.href, max: 2 }) }),
  });
  const drop = async () => {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  try {
    await migrateToLatest(db);
  } catch (e) {
    await drop();
    throw e;
  }
  return { db, close: drop };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { db, close } = await migratedDatabase();
  let text: string;
  // Without that API, kysely-codegen logs each override it cannot parse and writes it as it is (what
  // is wanted): those messages are dropped.
  const consoleWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Failed to parse type expression')) consoleWarn(...args);
  };
  try {
    text = await generate({
      // kysely-codegen's CommonJS build types Kysely from kysely's cjs declarations: the same class
      db: db as unknown as Parameters<typeof generate>[0]['db'],
      dialect: new CodegenPostgres(),
      defaultSchemas: ['public'],
      excludePattern: 'kysely_*',
      overrides: { columns },
      outFile: null,
      print: false,
    });
  } finally {
    console.warn = consoleWarn;
    await close();
  }
  const kysely = /^import type \{ ColumnType \} from ["']kysely["'];$/m;
  if (!kysely.test(text)) throw new Error('kysely-codegen output without its import of ColumnType');
  text = text.replace(kysely, (line) => `${line}\n${IMPORTS}`);
  // the project's formatting (Biome), so that lint and the check agree
  const formatted = execFileSync(
    path.join(ROOT, 'node_modules/.bin/biome'),
    ['format', `--stdin-file-path=${path.relative(ROOT, TARGET)}`],
    { cwd: ROOT, input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] },
  );
  if (!check) {
    fs.writeFileSync(TARGET, formatted);
    console.log(`${path.relative(ROOT, TARGET)} écrit.`);
    return;
  }
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-db-types-')), 'generated.ts');
  fs.writeFileSync(tmp, formatted);
  const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, 'utf8') : '';
  if (current === formatted) {
    console.log(`${path.relative(ROOT, TARGET)} est à jour.`);
    return;
  }
  console.error(
    `${path.relative(ROOT, TARGET)} ne correspond plus au schéma migré (nouveau fichier : ${tmp}).\n` +
      'Lancez npm run db:types et committez le résultat.',
  );
  try {
    execFileSync('diff', ['-u', TARGET, tmp], { stdio: 'inherit' });
  } catch {
    /* diff exits 1 when the files differ */
  }
  process.exitCode = 1;
}

await main();
