// A controlled data set for the work-list tests: two procedures, three groups, three instructors,
// dossiers in every combination of the facts the tab rules read, known champ values for filters and
// sorts, follows and notifications.
import { sql } from 'kysely';
import type { TestApp } from '../helpers/app.ts';
import { hashPassword } from '../../src/platform/crypto.ts';
import type { DossierState } from '../../src/domain/dossier-state.ts';
import type { ChampsMap, FieldDef } from '../../src/domain/fields/types.ts';
import type { NotificationKind } from '../../src/domain/notifications.ts';
import { tabsOf, type Tab } from '../../src/domain/tabs.ts';

export const PASSWORD = 'un-mot-de-passe-solide';

const f = (
  stableId: string,
  type: FieldDef['type'],
  label: string,
  options?: FieldDef['options'],
  extra: Partial<FieldDef> = {},
): FieldDef => ({
  stableId,
  type,
  label,
  mandatory: false,
  private: false,
  ...(options ? { options } : {}),
  ...extra,
});

export const FIELDS: FieldDef[] = [
  f('h1', 'header_section', 'Section', { level: 1 }),
  f('t1', 'text', 'Nom du projet'),
  f('n1', 'integer_number', 'Effectif'),
  f('d1', 'decimal_number', 'Montant'),
  f('dt1', 'date', 'Date de début'),
  f('dtt1', 'datetime', "Date et heure de l'événement"),
  f('y1', 'yes_no', 'Déjà aidé ?'),
  f('cb1', 'checkbox', 'Attestation'),
  f('dd1', 'drop_down_list', 'Domaine', { choices: ['Culture', 'Sport', 'Social'] }),
  f('md1', 'multiple_drop_down_list', 'Publics', { choices: ['Enfants', 'Adultes', 'Seniors'] }),
  f('ld1', 'linked_drop_down_list', 'Lieu', {
    linked: [
      { primary: 'Nord', secondaries: ['Lille', 'Douai'] },
      { primary: 'Gironde', secondaries: ['Bordeaux'] },
    ],
  }),
  f('cv1', 'civilite', 'Civilité du représentant'),
  f('pj1', 'piece_justificative', 'Statuts'),
  f('rep1', 'repetition', 'Budget', undefined, {
    children: [f('rc1', 'text', 'Poste'), f('rc2', 'integer_number', 'Montant du poste'), f('rc3', 'phone', 'Contact')],
  }),
  f('adr1', 'address', 'Adresse du siège'),
  f('si1', 'siret', 'SIRET'),
  f('ib1', 'iban', 'IBAN'),
  f('ph1', 'phone', 'Téléphone'),
];
export const ANNOTATIONS: FieldDef[] = [
  { ...f('a1', 'text', 'Référence interne'), private: true },
  { ...f('a2', 'date', 'Date de commission'), private: true },
];
/** A field of an older published revision only (still a column). */
export const OLD_FIELD = f('old1', 'text', 'Ancien champ');

export interface Fixture {
  me: string;
  colleague: string;
  other: string;
  admin: string;
  p1: string;
  p2: string;
  g1: string;
  g2: string;
  g3: string;
  labels: string[];
  dossiers: SeedDossier[];
  now: Date;
  emails: { me: string; colleague: string; other: string };
}

export interface SeedDossier {
  id: string;
  procedureId: string;
  groupeId: string;
  state: DossierState;
  archived: boolean;
  hidden_by_administration_at: Date | null;
  hidden_by_user_at: Date | null;
  hidden_by_expired_at: Date | null;
  expires_at: Date | null;
  followers: string[];
  updated_at: Date;
  depose_at: Date | null;
  en_construction_at: Date | null;
  last_champ_updated_at: Date | null;
  champs: ChampsMap;
  annotations: ChampsMap;
  nom: string | null;
  prenom: string | null;
  user_email: string;
  pending_correction: boolean;
  labels: string[];
  notifications: { user: string; kind: NotificationKind; display_at: Date }[];
}

const DAY = 86_400_000;
const champ = (value: unknown) => ({ value, updatedAt: '2026-01-01T00:00:00Z' }) as ChampsMap[string];

const TEXTS = [
  'Éclair',
  'eclat',
  'Zèbre',
  'abricot',
  'élan',
  'Élan',
  'Œuvre',
  'ordre',
  'Ça va',
  'cabane',
  '  ',
  "l'apostrophe",
  '100 % bio',
  'Robert); DROP TABLE dossiers;--',
];
const NUMBERS = [2, 10, 100, -5, 0, 37, 1000000, 9];
const DECIMALS = [3.5, 10.25, 2, 0.5, 100, 7.75];
const DATES = ['2025-12-31', '2026-01-01', '2026-03-02', '2024-02-29', '2026-03-01'];
const DATETIMES = ['2026-03-02T08:30', '2026-03-02T23:59', '2026-03-03T00:00', '2025-01-15T12:00'];
const DOMAINES = ['Culture', 'Sport', 'Social'];
const PUBLICS = [['Enfants'], ['Adultes', 'Seniors'], ['Enfants', 'Seniors']];
const LIEUX = [
  { primary: 'Nord', secondary: 'Lille' },
  { primary: 'Nord', secondary: 'Douai' },
  { primary: 'Gironde', secondary: 'Bordeaux' },
];
const NOMS = ['Dupont', 'Durand', 'Émile', 'Martin', 'Lefèvre', 'de la Tour', null];
export const ADDRESSES = [
  '12 rue de la Paix 75002 Paris',
  '3 place du Capitole, 31000 Toulouse',
  'Route du Port 20200 Bastia',
  '1 rue de Paris 97400 Saint-Denis',
  'Lieu-dit sans code',
  '8 cours Napoléon 20000 Ajaccio',
];
export const SIRETS = ['73282932000074', '35600000000048', '44306184100047'];
export const IBANS = ['FR7630006000011234567890189', 'DE89370400440532013000', 'FR1420041010050500013M02606'];
export const PHONES = ['+33612345678', '+262692123456', '+442079460958', '+33123456789'];
const STATES: DossierState[] = ['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'];

export async function seedWorkList(app: TestApp): Promise<Fixture> {
  const now = app.clock.now();
  const hash = await hashPassword(PASSWORD);
  const emails = {
    me: 'moi@instructeurs.test',
    colleague: 'collegue@instructeurs.test',
    other: 'autre-groupe@instructeurs.test',
  };
  const users = await app.db
    .insertInto('users')
    .values([
      { email: emails.me, password_hash: hash, first_name: 'Moi', last_name: 'Instructeur' },
      { email: emails.colleague, password_hash: hash, first_name: 'Col', last_name: 'Lègue' },
      { email: emails.other, password_hash: hash, first_name: 'Autre', last_name: 'Groupe' },
      { email: 'admin@instructeurs.test', password_hash: hash },
      { email: 'usager@exemple.fr', password_hash: hash },
    ])
    .returning(['id', 'email'])
    .execute();
  const id = (e: string) => users.find((u) => u.email === e)!.id;
  const me = id(emails.me);
  const colleague = id(emails.colleague);
  const other = id(emails.other);
  const admin = id('admin@instructeurs.test');
  const usager = id('usager@exemple.fr');
  await app.db
    .insertInto('instructeurs')
    .values([{ user_id: me }, { user_id: colleague }, { user_id: other }])
    .execute();
  await app.db.insertInto('administrateurs').values({ user_id: admin }).execute();

  const proc = async (title: string, expiresWhenTermine: boolean) => {
    const p = await app.db
      .insertInto('procedures')
      .values({
        title,
        state: 'publiee',
        expires_when_termine: expiresWhenTermine,
        published_at: new Date(now.getTime() - 400 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const old = await app.db
      .insertInto('procedure_revisions')
      .values({
        procedure_id: p.id,
        fields: JSON.stringify([OLD_FIELD, ...FIELDS.slice(0, 3)]),
        annotations: JSON.stringify([]),
        published_at: new Date(now.getTime() - 400 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rev = await app.db
      .insertInto('procedure_revisions')
      .values({
        procedure_id: p.id,
        fields: JSON.stringify(FIELDS),
        annotations: JSON.stringify(ANNOTATIONS),
        published_at: new Date(now.getTime() - 300 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.db.updateTable('procedures').set({ published_revision_id: rev.id }).where('id', '=', p.id).execute();
    return { id: p.id, rev: rev.id, old: old.id };
  };
  const P1 = await proc('Subvention aux associations sportives', true);
  const P2 = await proc('Aide au permis de conduire', false);
  const groups = await app.db
    .insertInto('groupes_instructeurs')
    .values([
      { procedure_id: P1.id, label: 'Nord', is_default: true },
      { procedure_id: P1.id, label: 'Sud' },
      { procedure_id: P2.id, label: 'défaut', is_default: true },
    ])
    .returning(['id', 'label', 'procedure_id'])
    .execute();
  const g1 = groups.find((g) => g.label === 'Nord')!.id;
  const g2 = groups.find((g) => g.label === 'Sud')!.id;
  const g3 = groups.find((g) => g.label === 'défaut')!.id;
  await app.db
    .insertInto('groupe_members')
    .values([
      { groupe_id: g1, user_id: me },
      { groupe_id: g1, user_id: colleague },
      { groupe_id: g2, user_id: other },
      { groupe_id: g3, user_id: me },
      { groupe_id: g3, user_id: other },
    ])
    .execute();
  const labelRows = await app.db
    .insertInto('labels')
    .values([
      { procedure_id: P1.id, name: 'Urgent', color: 'pink_macaron', position: 0 },
      { procedure_id: P1.id, name: 'Complet', color: 'green_bourgeon', position: 1 },
    ])
    .returning('id')
    .execute();
  const labels = labelRows.map((l) => l.id);

  // Every combination of the tab facts, in G1; a sample in G2 and in P2.
  const dossiers: Omit<SeedDossier, 'id'>[] = [];
  let k = 0;
  const hiddenCombos: [boolean, boolean, boolean][] = [
    [false, false, false],
    [true, false, false],
    [false, true, false],
    [false, false, true],
  ];
  const followerCombos = [[], [me], [colleague], [me, colleague]];
  const expiries = [
    null,
    new Date(now.getTime() + 3 * DAY),
    new Date(now.getTime() + 60 * DAY),
    new Date(now.getTime() - 1 * DAY),
  ];
  const add = (
    procedureId: string,
    groupeId: string,
    state: DossierState,
    archived: boolean,
    hidden: [boolean, boolean, boolean],
    followers: string[],
    expires: Date | null,
  ) => {
    const i = k++;
    const champs: ChampsMap = {
      t1: champ(i % 9 === 8 ? null : TEXTS[i % TEXTS.length].trim() === '' ? null : TEXTS[i % TEXTS.length]),
      n1: champ(i % 7 === 6 ? null : NUMBERS[i % NUMBERS.length]),
      d1: champ(i % 5 === 4 ? null : DECIMALS[i % DECIMALS.length]),
      dt1: champ(i % 6 === 5 ? null : DATES[i % DATES.length]),
      dtt1: champ(i % 5 === 3 ? null : DATETIMES[i % DATETIMES.length]),
      y1: champ(i % 3 === 2 ? null : i % 3 === 0),
      cb1: champ(i % 4 === 0),
      dd1: champ(i % 4 === 3 ? null : DOMAINES[i % DOMAINES.length]),
      md1: champ(i % 4 === 1 ? null : PUBLICS[i % PUBLICS.length]),
      ld1: champ(i % 5 === 2 ? null : LIEUX[i % LIEUX.length]),
      cv1: champ(i % 3 === 1 ? 'Mme' : i % 3 === 2 ? 'M.' : null),
      pj1: champ(
        i % 2 === 0 ? [{ fileId: `f${i}`, name: `statuts-${i}.pdf`, size: 10, contentType: 'application/pdf' }] : null,
      ),
      rep1: champ(
        i % 4 === 3
          ? []
          : [
              { rowId: 'r1', values: { rc1: 'Location', rc2: (i % 6) * 100, rc3: PHONES[i % PHONES.length] } },
              ...(i % 2 ? [{ rowId: 'r2', values: { rc1: i % 3 ? 'Transport' : 'Repas', rc2: null, rc3: null } }] : []),
            ],
      ),
      adr1: champ(i % 7 === 6 ? null : ADDRESSES[i % ADDRESSES.length]),
      si1: champ(i % 4 === 2 ? null : SIRETS[i % SIRETS.length]),
      ib1: champ(i % 5 === 1 ? null : IBANS[i % IBANS.length]),
      ph1: champ(i % 5 === 4 ? null : PHONES[i % PHONES.length]),
    };
    if (i % 11 === 0) champs.old1 = champ('valeur ancienne');
    if (i % 13 === 0) delete champs.t1; // champ absent from the map: counts as empty
    const annotations: ChampsMap = {
      a1: champ(i % 3 === 0 ? `REF-${String(i).padStart(4, '0')}` : null),
      a2: champ(i % 4 === 0 ? DATES[(i + 1) % DATES.length] : null),
    };
    const notifications: SeedDossier['notifications'] = [];
    if (i % 5 === 0) notifications.push({ user: me, kind: 'message', display_at: new Date(now.getTime() - DAY) });
    if (i % 7 === 0)
      notifications.push({ user: me, kind: 'dossier_depose', display_at: new Date(now.getTime() - DAY) });
    if (i % 7 === 3)
      notifications.push({ user: me, kind: 'dossier_depose', display_at: new Date(now.getTime() + DAY) }); // not yet displayed
    if (i % 6 === 1) notifications.push({ user: me, kind: 'attente_avis', display_at: new Date(now.getTime() - DAY) });
    if (i % 8 === 2)
      notifications.push({ user: me, kind: 'dossier_expirant', display_at: new Date(now.getTime() - DAY) });
    if (i % 9 === 4)
      notifications.push({ user: me, kind: 'dossier_suppression', display_at: new Date(now.getTime() - DAY) });
    if (i % 4 === 1)
      notifications.push({ user: colleague, kind: 'dossier_modifie', display_at: new Date(now.getTime() - DAY) });
    dossiers.push({
      procedureId,
      groupeId,
      state,
      archived,
      hidden_by_administration_at: hidden[0] ? new Date(now.getTime() - 2 * DAY) : null,
      hidden_by_user_at: hidden[1] ? new Date(now.getTime() - 2 * DAY) : null,
      hidden_by_expired_at: hidden[2] ? new Date(now.getTime() - 2 * DAY) : null,
      expires_at: state === 'en_instruction' ? null : expires,
      followers,
      // distinct updated_at, with a tie every 10 to test the id tie-break
      updated_at: new Date(now.getTime() - (i - (i % 10 === 5 ? 1 : 0)) * 3_600_000),
      depose_at: new Date(now.getTime() - (i * 7 + 30) * 3_600_000),
      // spread over two years around now, for « cette semaine / ce mois-ci / cette année »
      en_construction_at: new Date(now.getTime() - (i * 37 + 5) * 3_600_000),
      last_champ_updated_at:
        i % 6 === 5 ? null : new Date(now.getTime() - ((i * 61) % 800) * 24 * 3_600_000 + 3_600_000),
      champs,
      annotations,
      nom: NOMS[i % NOMS.length],
      prenom: i % 2 ? 'Léa' : 'Lucas',
      user_email: i % 3 ? 'usager@exemple.fr' : `Élodie.${i}@exemple.fr`,
      pending_correction: state === 'en_construction' && i % 3 === 0,
      labels: i % 5 === 1 ? [labels[0]] : i % 5 === 2 ? [labels[0], labels[1]] : [],
      notifications,
    });
  };
  for (const state of STATES) {
    for (const archived of state === 'accepte' || state === 'refuse' || state === 'sans_suite'
      ? [false, true]
      : [false]) {
      for (const hidden of hiddenCombos) {
        for (const followers of followerCombos) {
          for (const expires of expiries) add(P1.id, g1, state, archived, hidden, followers, expires);
        }
      }
    }
  }
  for (const state of STATES)
    for (const followers of [[], [other]]) add(P1.id, g2, state, false, [false, false, false], followers, null);
  for (const state of STATES)
    for (const followers of [[], [me]]) add(P2.id, g3, state, false, [false, false, false], followers, expiries[1]);
  // a brouillon in my group: never listed
  add(P1.id, g1, 'brouillon', false, [false, false, false], [], null);

  const rows = await app.db
    .insertInto('dossiers')
    .values(
      dossiers.map((d) => ({
        procedure_id: d.procedureId,
        revision_id: d.procedureId === P1.id ? P1.rev : P2.rev,
        groupe_id: d.groupeId,
        user_id: usager,
        user_email: d.user_email,
        state: d.state,
        nom: d.nom,
        prenom: d.prenom,
        civilite: 'Mme',
        champs: JSON.stringify(d.champs),
        annotations: JSON.stringify(d.annotations),
        updated_at: d.updated_at,
        depose_at: d.state === 'brouillon' ? null : d.depose_at,
        en_construction_at: d.state === 'brouillon' ? null : d.en_construction_at,
        last_champ_updated_at: d.last_champ_updated_at,
        archived: d.archived,
        hidden_by_administration_at: d.hidden_by_administration_at,
        hidden_by_user_at: d.hidden_by_user_at,
        hidden_by_expired_at: d.hidden_by_expired_at,
        expires_at: d.expires_at,
        pending_correction: d.pending_correction,
        created_at: new Date(d.updated_at.getTime() - 10 * DAY),
      })),
    )
    .returning('id')
    .execute();
  const seeded: SeedDossier[] = dossiers.map((d, i) => ({ ...d, id: rows[i].id }));
  const follows = seeded.flatMap((d) => d.followers.map((u) => ({ dossier_id: d.id, user_id: u })));
  // plus an unfollowed row, which must not count as a follower
  follows.push({ dossier_id: seeded[0].id, user_id: other });
  await app.db.insertInto('follows').values(follows).execute();
  await app.db
    .updateTable('follows')
    .set({ unfollowed_at: now })
    .where('dossier_id', '=', seeded[0].id)
    .where('user_id', '=', other)
    .execute();
  const notifs = seeded.flatMap((d) =>
    d.notifications.map((n) => ({ dossier_id: d.id, user_id: n.user, kind: n.kind, display_at: n.display_at })),
  );
  if (notifs.length) await app.db.insertInto('notifications').values(notifs).execute();
  const dl = seeded.flatMap((d) => d.labels.map((l) => ({ dossier_id: d.id, label_id: l })));
  if (dl.length) await app.db.insertInto('dossier_labels').values(dl).execute();
  await sql`UPDATE dossiers SET search_terms = to_tsvector('french', f_unaccent(coalesce(nom, '') || ' ' || user_email || ' ' || coalesce(champs -> 't1' ->> 'value', '') || ' ' || coalesce(annotations -> 'a1' ->> 'value', '')))`.execute(
    app.db,
  );
  return { me, colleague, other, admin, p1: P1.id, p2: P2.id, g1, g2, g3, labels, dossiers: seeded, now, emails };
}

/** Whether the domain puts a seeded dossier in a tab of `userId` (the facts the seed does not set are empty). */
export function inTabByDomain(
  d: SeedDossier,
  userId: string,
  now: Date,
  tab: Tab,
  expiresWhenTermine: boolean,
): boolean {
  if (d.state === 'brouillon') return false;
  return tabsOf(
    {
      ...d,
      en_construction_at: null,
      en_instruction_at: null,
      processed_at: null,
      conservation_extension_months: 0,
      expiry_notice_sent_at: null,
      declarative_triggered_at: null,
    },
    userId,
    now,
    { expires_when_termine: expiresWhenTermine },
  ).includes(tab);
}
