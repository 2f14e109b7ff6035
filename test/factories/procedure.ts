// A procedure with its form (published revision) and its administrator, written directly (no command
// creates procedures yet), through the seed's own helper.
import type { Services } from '../../src/platform/services.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { insertProcedure } from '../../src/seed/procedures.ts';
import { createUser, type TestUser } from './user.ts';

export const FIELDS: FieldDef[] = [
  { stableId: 'c1', type: 'header_section', label: 'Votre projet', mandatory: false, private: false },
  { stableId: 'c2', type: 'text', label: 'Nom du projet', mandatory: true, private: false },
  {
    stableId: 'c3',
    type: 'integer_number',
    label: 'Montant demandé',
    mandatory: true,
    private: false,
    options: { min: 0 },
  },
  { stableId: 'c4', type: 'date', label: 'Date de début', mandatory: false, private: false },
];
export const ANNOTATIONS: FieldDef[] = [
  { stableId: 'a1', type: 'text', label: 'Avis du service', mandatory: false, private: true },
  { stableId: 'a2', type: 'yes_no', label: 'Dossier complet', mandatory: false, private: true },
];

export interface TestProcedure {
  id: string;
  revisionId: string;
  admin: TestUser;
}

let seq = 0;
export async function createProcedure(
  app: Services,
  opts: {
    title?: string;
    fields?: FieldDef[];
    annotations?: FieldDef[];
    admin?: TestUser;
    rdvEnabled?: boolean;
    attestation?: boolean;
  } = {},
): Promise<TestProcedure> {
  const admin = opts.admin ?? (await createUser(app, { roles: ['administrateur'] }));
  const now = app.clock.now();
  const p = await app.db.transaction().execute((trx) =>
    insertProcedure(
      trx,
      {
        title: opts.title ?? `Démarche de test ${++seq}`,
        description: 'Une démarche pour les tests.',
        service_name: 'Service des tests',
        contact_email: 'contact@exemple.fr',
        state: 'publiee',
        rdv_enabled: opts.rdvEnabled ?? false,
        created_at: now,
        published_at: now,
        attestation_template: opts.attestation
          ? { title: 'Attestation', body: 'Dossier nº --numéro du dossier-- accepté.', footer: 'Test', activated: true }
          : undefined,
      },
      { fields: opts.fields ?? FIELDS, annotations: opts.annotations ?? ANNOTATIONS },
      { published: true, draft: false },
      admin,
    ),
  );
  return { id: p.id, revisionId: p.publishedRevisionId!, admin };
}
