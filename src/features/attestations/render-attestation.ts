// The attestation of a dossier from its procedure's template: tags replaced by the domain
// (attestationText) with the dossier's identity, motivation, decision date and the display text of
// every visible field and annotation; rendered to PDF by src/platform/documents/attestation-pdf.ts.
import type { Executor } from '../../platform/db/index.ts';
import { attestationKindOf, attestationText, type AttestationData } from '../../domain/attestation.ts';
import type { AttestationTemplate } from '../../platform/db/column-types.ts';
import { visibleFields } from '../../domain/conditions.ts';
import { notFound } from '../../domain/errors.ts';
import { displayValue, getFieldType, type ChampsMap, type FieldDef } from '../../domain/fields/index.ts';
import { renderAttestationPdf } from '../../platform/documents/attestation-pdf.ts';

export interface AttestationSource {
  dossierId: string;
  state: string;
  template: { title: string; body: string; footer: string; activated: boolean } | null;
  procedureTitle: string;
  serviceName: string;
  data: AttestationData;
}

function fieldTexts(defs: FieldDef[], champs: ChampsMap): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const def of visibleFields(defs, champs)) {
    if (!getFieldType(def.type).fillable) continue;
    try {
      out.push({ label: def.label, value: displayValue(def, champs[def.stableId]) });
    } catch {
      out.push({ label: def.label, value: '' });
    }
  }
  return out;
}

function sourceRows(ex: Executor) {
  return ex
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .innerJoin('procedure_revisions', 'procedure_revisions.id', 'dossiers.revision_id')
    .select([
      'dossiers.id',
      'dossiers.state',
      'dossiers.nom',
      'dossiers.prenom',
      'dossiers.motivation',
      'dossiers.processed_at',
      'dossiers.champs',
      'dossiers.annotations',
      'procedures.title',
      'procedures.service_name',
      'procedures.attestation_template',
      'procedures.refusal_attestation_template',
      'procedure_revisions.fields',
      'procedure_revisions.annotations as annotation_defs',
    ]);
}
type SourceRow = NonNullable<Awaited<ReturnType<ReturnType<typeof sourceRows>['executeTakeFirst']>>>;

/** The sources of many dossiers in one statement (a batch of attestation jobs); absent ids are left out. */
export async function loadAttestationSources(ex: Executor, dossierIds: string[]): Promise<AttestationSource[]> {
  if (dossierIds.length === 0) return [];
  const rows = await sourceRows(ex).where('dossiers.id', 'in', dossierIds).execute();
  return rows.map((row) => sourceOf(row, {}));
}

type SourceOverride = { motivation?: string | null; decisionDate?: Date; kind?: 'acceptation' | 'refus' };

function sourceOf(row: SourceRow, override: SourceOverride): AttestationSource {
  const fields = [
    ...fieldTexts(row.fields ?? [], row.champs ?? {}),
    ...fieldTexts(row.annotation_defs ?? [], row.annotations ?? {}),
  ];
  return {
    dossierId: row.id,
    state: row.state,
    template:
      (override.kind ?? attestationKindOf(row.state) ?? 'acceptation') === 'refus'
        ? (row.refusal_attestation_template as AttestationTemplate | null)
        : row.attestation_template,
    procedureTitle: row.title,
    serviceName: row.service_name,
    data: {
      dossierId: row.id,
      nom: row.nom,
      prenom: row.prenom,
      procedureTitle: row.title,
      motivation: override.motivation !== undefined ? override.motivation : row.motivation,
      decisionDate: override.decisionDate ?? row.processed_at ?? new Date(),
      fields,
    },
  };
}

/** Everything the attestation of a dossier needs; `motivation` / `decisionDate` override the stored ones
 *  and `kind` the template (preview before the decision); else the template of the dossier's decision. */
export async function loadAttestationSource(
  ex: Executor,
  dossierId: string,
  override: SourceOverride = {},
): Promise<AttestationSource> {
  const row = await sourceRows(ex).where('dossiers.id', '=', dossierId).executeTakeFirst();
  if (!row) throw notFound('Dossier introuvable.');
  return sourceOf(row, override);
}

/** The PDF bytes of the attestation (the template must exist). */
export async function attestationPdf(src: AttestationSource, opts: { preview?: boolean; now: Date }): Promise<Buffer> {
  if (!src.template) throw notFound("Cette démarche n'a pas de modèle d'attestation.");
  const text = attestationText(src.template, src.data);
  return renderAttestationPdf({
    ...text,
    dossierId: src.dossierId,
    procedureTitle: src.procedureTitle,
    serviceName: src.serviceName,
    preview: opts.preview,
    createdAt: opts.now,
  });
}

export function attestationFileName(dossierId: string): string {
  return `attestation-dossier-${dossierId}.pdf`;
}
