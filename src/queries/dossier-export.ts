// What « Télécharger le dossier (PDF) » prints (src/platform/documents/dossier-pdf.ts), read in one
// statement (one for a batch of dossiers in the zip export): the header (access checked: instructors
// of the dossier's group only), the revision's fields and annotations, the values, every message
// (author, files) and every event.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import type { DossierPdfSource } from '../platform/documents/dossier-pdf.ts';
import { STATE_LABELS } from '../domain/dossier-state.ts';
import { notFound } from '../domain/errors.ts';
import type { ChampsMap, FieldDef } from '../domain/fields/types.ts';
import { historyDetails, historyLabel } from '../domain/history-labels.ts';
import { canInstruct, canSeeAnnotations } from '../domain/permissions.ts';
import { headerFromRow, selectHeaderRow, selectHeaderRows } from './dossier-header.ts';

type Raw = {
  service_name: string;
  revision_fields: FieldDef[];
  revision_annotations: FieldDef[];
  champs: ChampsMap;
  annotation_values: ChampsMap;
  messages: {
    author_kind: string;
    author_email: string;
    body: string;
    created_at: string;
    discarded_at: string | null;
    files: string[];
  }[];
  events: { type: string; actor_email: string | null; data: Record<string, unknown>; created_at: string }[];
};

const AUTHOR: Record<string, string> = {
  usager: 'Usager',
  instructeur: 'Instructeur',
  expert: 'Expert',
  system: 'Guichet',
};

type HeaderRow = Parameters<typeof headerFromRow>[0];

/** The extra columns of the header statement that the PDF prints. */
function pdfExtras() {
  return [
    sql`p.service_name AS service_name`,
    sql`(SELECT r.fields FROM procedure_revisions r WHERE r.id = d.revision_id) AS revision_fields`,
    sql`(SELECT r.annotations FROM procedure_revisions r WHERE r.id = d.revision_id) AS revision_annotations`,
    sql`d.champs AS champs`,
    sql`d.annotations AS annotation_values`,
    sql`(SELECT coalesce(json_agg(json_build_object('author_kind', m.author_kind, 'author_email', m.author_email, 'body', m.body,
          'created_at', m.created_at, 'discarded_at', m.discarded_at,
          'files', (SELECT coalesce(json_agg(f.name ORDER BY f.name), '[]'::json) FROM files f WHERE f.id = ANY(m.file_ids)))
          ORDER BY m.created_at, m.id), '[]'::json)
        FROM messages m WHERE m.dossier_id = d.id) AS messages`,
    sql`(SELECT coalesce(json_agg(json_build_object('type', e.type, 'actor_email', e.actor_email, 'data', e.data, 'created_at', e.created_at)
          ORDER BY e.id), '[]'::json)
        FROM dossier_events e WHERE e.dossier_id = d.id) AS events`,
  ];
}

/** The PDF's source from a header row, or null when this reader may not instruct the dossier. */
function sourceFromRow(row: HeaderRow & Raw, userId: string, now: Date, operator: boolean): DossierPdfSource | null {
  const h = headerFromRow(row, userId, now);
  if (!operator && !canInstruct(h.access, h.ref)) return null;
  const a = h.applicant;
  return {
    id: h.id,
    procedureTitle: h.procedureTitle,
    serviceName: row.service_name ?? '',
    groupeLabel: h.groupeLabel,
    stateLabel: `${STATE_LABELS[h.state]}${h.facts.archived ? ' (archivé)' : ''}${h.facts.hidden_by_administration_at || h.facts.hidden_by_expired_at ? ' (dans la corbeille)' : ''}`,
    dates: [
      { label: 'Déposé le', value: h.facts.depose_at },
      { label: 'Passé en instruction le', value: h.facts.en_instruction_at },
      { label: 'Traité le', value: h.facts.processed_at },
      { label: "Date d'expiration", value: h.facts.expires_at },
    ],
    motivation: h.facts.processed_at ? h.motivation : null,
    applicant: {
      identity: [a.civilite, a.prenom, a.nom].filter(Boolean).join(' ') || 'Non renseignée',
      email: a.email,
    },
    fields: row.revision_fields ?? [],
    champs: row.champs ?? {},
    annotations:
      operator || canSeeAnnotations(h.access, h.ref)
        ? { defs: row.revision_annotations ?? [], values: row.annotation_values ?? {} }
        : null,
    messages: (row.messages ?? []).map((m) => ({
      at: new Date(m.created_at),
      author:
        m.author_kind === 'system'
          ? 'Guichet (message automatique)'
          : `${AUTHOR[m.author_kind] ?? m.author_kind} (${m.author_email})`,
      body: m.body,
      files: m.files ?? [],
      deleted: m.discarded_at !== null,
    })),
    history: (row.events ?? []).map((e) => ({
      at: new Date(e.created_at),
      label: historyLabel(e.type),
      actor: !e.actor_email || e.actor_email === 'systeme' ? 'Guichet (automatique)' : e.actor_email,
      details: historyDetails(e.type, e.data ?? {}),
    })),
    generatedAt: now,
  };
}

export async function loadDossierPdfSource(
  ex: Executor,
  dossierId: string,
  userId: string,
  now: Date,
  /** the command line's export, run by an operator of the server: every dossier, annotations included */
  operator = false,
): Promise<DossierPdfSource> {
  const row = await selectHeaderRow<Raw>(ex, dossierId, userId, pdfExtras());
  const src = row ? sourceFromRow(row, userId, now, operator) : null;
  if (!src) throw notFound('Dossier introuvable.');
  return src;
}

/**
 * The PDF sources of many dossiers in one statement (the zip export, by batches), keyed by number;
 * a dossier this reader may not instruct (or gone) is absent.
 */
export async function loadDossierPdfSources(
  ex: Executor,
  dossierIds: readonly string[],
  userId: string,
  now: Date,
  operator = false,
): Promise<Map<string, DossierPdfSource>> {
  const rows = await selectHeaderRows<Raw>(ex, dossierIds, userId, pdfExtras());
  const out = new Map<string, DossierPdfSource>();
  for (const row of rows) {
    const src = sourceFromRow(row, userId, now, operator);
    if (src) out.set(src.id, src);
  }
  return out;
}
