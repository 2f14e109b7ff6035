// Shared by the dossier page tests: signed-in browsers without password hashing, small
// real files (sniffed as PDF / PNG / executable), a statement counter, and the procedure fixture
// with an activated attestation template and labels.
import crypto from 'node:crypto';
import pg from 'pg';
import type { Services } from '../../src/platform/services.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import { samplePdf } from '../../tools/load/shared.ts';
import { Browser } from '../helpers/http.ts';
import { procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';

/** A browser already signed in as `user` (a session row, like the sign-in command writes). */
export async function browserAs(app: Services, user: { id: string }): Promise<Browser> {
  const token = crypto.randomBytes(32).toString('base64url');
  await app.db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: user.id,
      csrf_token: crypto.randomBytes(32).toString('base64url'),
      expires_at: new Date(Date.now() + 365 * 86_400_000),
    })
    .execute();
  const b = new Browser(app);
  b.cookies.set('guichet_session', token);
  return b;
}

export const pdf = (title = 'Justificatif'): Buffer => samplePdf(title);
/** A 1×1 PNG. */
export const png = (): Buffer =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
/** Bytes sniffed as a Windows executable (refused type). */
export const exe = (): Buffer => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

export function fileOf(bytes: Buffer, name: string, type = 'application/octet-stream'): File {
  return new File([new Uint8Array(bytes)], name, { type });
}

export interface DossierFixture extends Fixture {
  labels: string[];
}

export const ATTESTATION = {
  title: "Attestation d'acceptation",
  body: 'Le dossier nº --numéro du dossier-- de --prénom-- --nom-- (« --Nom du projet-- », --Montant demandé-- €) a été accepté le --date de décision--.\n\n--motivation--',
  footer: 'Service de test — 1 rue de la Paix',
  activated: true,
};

/** The standard fixture plus an activated attestation template and three labels. */
export async function dossierProcedure(
  app: Services,
  opts: Parameters<typeof procedureFixture>[1] = {},
): Promise<DossierFixture> {
  const f = await procedureFixture(app, opts);
  await app.db
    .updateTable('procedures')
    .set({ attestation_template: JSON.stringify(ATTESTATION), service_name: 'Service de test' })
    .where('id', '=', f.procedureId)
    .execute();
  const labels = await app.db
    .insertInto('labels')
    .values([
      { procedure_id: f.procedureId, name: 'Urgent', color: 'pink_macaron', position: 0 },
      { procedure_id: f.procedureId, name: 'Complet', color: 'green_bourgeon', position: 1 },
      { procedure_id: f.procedureId, name: 'À relancer', color: 'yellow_tournesol', position: 2 },
    ])
    .returning('id')
    .execute();
  return { ...f, labels: labels.map((l) => l.id) };
}

/** Counts the statements sent to the database (every pg client, PGlite's adapter included) while `fn` runs. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; texts: string[] }> {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  const texts: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    const text = typeof q === 'string' ? q : ((q as { text?: string })?.text ?? String(q));
    // pg-boss's own timers (maintenance, cron monitoring) share the pool: not the request's statements
    if (!text.includes('pgboss.')) texts.push(text);
    return original.apply(this, args);
  };
  try {
    const result = await fn();
    return { result, count: texts.length, texts };
  } finally {
    proto.query = original;
  }
}

/** The flash message set by the last redirect, read on the page it leads to. */
export async function follow(b: Browser, res: Response): Promise<{ url: string; html: string; status: number }> {
  const loc = res.headers.get('location');
  if (!loc) return { url: '', html: await res.text(), status: res.status };
  const r = await b.visit(loc.replace('http://guichet.test', ''));
  return { url: r.url, html: r.html, status: r.res.status };
}

/** Visible text of an HTML page's <main> (tags removed, entities decoded). */
export function textOf(html: string): string {
  const main = html.includes('<main') ? html.slice(html.indexOf('<main'), html.indexOf('</main>')) : html;
  return main
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const BIG_TYPES: FieldDef['type'][] = [
  'text',
  'textarea',
  'integer_number',
  'decimal_number',
  'date',
  'yes_no',
  'drop_down_list',
  'multiple_drop_down_list',
  'checkbox',
  'email',
  'phone',
];

function bigValue(type: FieldDef['type'], i: number): unknown {
  switch (type) {
    case 'text':
      return `Valeur ${i}`;
    case 'textarea':
      return `Texte long ${i}\nsur deux lignes`;
    case 'integer_number':
      return i * 10;
    case 'decimal_number':
      return i + 0.5;
    case 'date':
      return '2026-01-15';
    case 'yes_no':
      return i % 2 === 0;
    case 'drop_down_list':
      return 'Option B';
    case 'multiple_drop_down_list':
      return ['Option A', 'Option C'];
    case 'checkbox':
      return true;
    case 'email':
      return `contact${i}@exemple.fr`;
    case 'phone':
      return '01 23 45 67 89';
    default:
      return null;
  }
}

/**
 * A dossier (en instruction, followed by its instructor) with `fields` fields (a section title every
 * ten), `messages` messages and `files` files (half attached to messages, half to the form), plus
 * a few history events — for the query-count test and bench/dossier.ts.
 */
export async function bigDossier(
  app: Services,
  n: { fields: number; messages: number; files: number },
  tag = crypto.randomBytes(4).toString('hex'),
) {
  const now = new Date();
  const mk = async (email: string, role?: 'instructeurs' | 'administrateurs') => {
    const u = await app.db
      .insertInto('users')
      .values({ email, first_name: 'Camille', last_name: 'Bench' })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (role) await app.db.insertInto(role).values({ user_id: u.id }).execute();
    return { id: u.id, email };
  };
  const instructeur = await mk(`instructeur.${tag}@bench.guichet.fr`, 'instructeurs');
  const usager = await mk(`usager.${tag}@bench.guichet.fr`);
  const fields: FieldDef[] = [];
  const champs: Record<string, { value: unknown; updatedAt: string }> = {};
  for (let i = 0; i < n.fields; i++) {
    const id = `f${i}`;
    if (i % 10 === 0) {
      fields.push({
        stableId: id,
        type: 'header_section',
        label: `Section ${i / 10 + 1}`,
        mandatory: false,
        private: false,
      });
      continue;
    }
    const type = BIG_TYPES[i % BIG_TYPES.length];
    fields.push({
      stableId: id,
      type,
      label: `Champ ${i}`,
      mandatory: false,
      private: false,
      options: { choices: ['Option A', 'Option B', 'Option C'] },
    });
    champs[id] = { value: bigValue(type, i), updatedAt: now.toISOString() };
  }
  const annotations: FieldDef[] = [
    { stableId: 'a1', type: 'text', label: 'Référence', mandatory: false, private: true },
    { stableId: 'a2', type: 'yes_no', label: 'Complet', mandatory: false, private: true },
    { stableId: 'a3', type: 'date', label: 'Commission', mandatory: false, private: true },
    {
      stableId: 'a4',
      type: 'drop_down_list',
      label: 'Avis',
      mandatory: false,
      private: true,
      options: { choices: ['Favorable', 'Défavorable'] },
    },
  ];
  const p = await app.db
    .insertInto('procedures')
    .values({
      title: `Banc dossier ${tag}`,
      state: 'publiee',
      published_at: now,
      attestation_template: JSON.stringify(ATTESTATION),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rev = await app.db
    .insertInto('procedure_revisions')
    .values({
      procedure_id: p.id,
      fields: JSON.stringify(fields),
      annotations: JSON.stringify(annotations),
      published_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.updateTable('procedures').set({ published_revision_id: rev.id }).where('id', '=', p.id).execute();
  const g = await app.db
    .insertInto('groupes_instructeurs')
    .values({ procedure_id: p.id, label: 'défaut', is_default: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.insertInto('groupe_members').values({ groupe_id: g.id, user_id: instructeur.id }).execute();
  await app.db
    .insertInto('instructeur_procedures')
    .values({ user_id: instructeur.id, procedure_id: p.id, position: 0 })
    .execute();
  await app.db
    .insertInto('labels')
    .values([
      { procedure_id: p.id, name: 'Urgent', color: 'pink_macaron' },
      { procedure_id: p.id, name: 'Complet', color: 'green_bourgeon' },
    ])
    .execute();
  const d = await app.db
    .insertInto('dossiers')
    .values({
      procedure_id: p.id,
      revision_id: rev.id,
      groupe_id: g.id,
      user_id: usager.id,
      user_email: usager.email,
      state: 'en_instruction',
      civilite: 'Mme',
      nom: 'Bench',
      prenom: 'Camille',
      champs: JSON.stringify(champs),
      annotations: JSON.stringify({ a1: { value: 'REF-1', updatedAt: now.toISOString() } }),
      depose_at: now,
      en_construction_at: now,
      en_instruction_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.insertInto('follows').values({ dossier_id: d.id, user_id: instructeur.id }).execute();
  await app.db
    .insertInto('dossier_events')
    .values(
      ['depose', 'passe_en_instruction', 'suivi', 'message_envoye'].map((type, i) => ({
        dossier_id: d.id,
        type,
        actor_id: instructeur.id,
        actor_email: instructeur.email,
        data: '{}',
        created_at: new Date(now.getTime() + i),
      })),
    )
    .execute();
  const messageIds: string[] = [];
  if (n.messages) {
    const rows = await app.db
      .insertInto('messages')
      .values(
        Array.from({ length: n.messages }, (_, i) => ({
          dossier_id: d.id,
          author_kind: (i % 2 ? 'instructeur' : 'usager') as 'instructeur' | 'usager',
          author_id: i % 2 ? instructeur.id : usager.id,
          author_email: i % 2 ? instructeur.email : usager.email,
          body: `Message ${i} : bonjour, voici des précisions sur le dossier.`,
          created_at: new Date(now.getTime() - (n.messages - i) * 60_000),
          seen_by_recipient_at: now,
        })),
      )
      .returning('id')
      .execute();
    messageIds.push(...rows.map((r) => r.id));
  }
  const bytes = samplePdf('Pièce');
  for (let i = 0; i < n.files; i++) {
    const id = `bench-${tag}-${i}`;
    const onMessage = i % 2 === 0 && messageIds.length > 0;
    const messageId = onMessage ? messageIds[i % messageIds.length] : null;
    await app.db
      .insertInto('files')
      .values({
        id,
        dossier_id: d.id,
        origin: onMessage ? 'message' : 'champ',
        origin_ref: onMessage ? messageId : 'f1',
        name: `piece-${i}.pdf`,
        content_type: 'application/pdf',
        size: bytes.length,
        sha256: 'x',
        storage_key: `dossiers/${d.id}/${id}`,
      })
      .execute();
    await app.storage.put(`dossiers/${d.id}/${id}`, bytes);
    if (messageId)
      await app.db
        .updateTable('messages')
        .set({ file_ids: [id] })
        .where('id', '=', messageId)
        .execute();
  }
  return { dossierId: d.id, procedureId: p.id, instructeur, usager };
}

/** The tabs of the instructor's dossier page measured by the query-count test and the bench. */
export const DOSSIER_TAB_PATHS = ['', '/pieces-justificatives', '/annotations', '/avis', '/messagerie'];
