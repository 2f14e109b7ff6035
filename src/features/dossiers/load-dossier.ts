// Load a dossier for a command: the row (locked FOR UPDATE), the domain facts and the permission ref.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/index.ts';
import { dossierFactsOf, type DossierFacts, type ProcedureFacts } from '../../domain/dossier-state.ts';
import type { DossierRef } from '../../domain/permissions.ts';
import { notFound } from '../../domain/errors.ts';

function dossierRows(trx: Trx) {
  return (
    trx
      .selectFrom('dossiers')
      .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
      .selectAll('dossiers')
      .select([
        'procedures.state as procedure_state',
        'procedures.declarative as procedure_declarative',
        'procedures.sva_svr as procedure_sva_svr',
        'procedures.retention_months as procedure_retention_months',
        'procedures.expires_when_termine as procedure_expires_when_termine',
        'procedures.title as procedure_title',
        'procedures.attestation_template as procedure_attestation_template',
        'procedures.refusal_attestation_template as procedure_refusal_attestation_template',
        'procedures.mail_templates as procedure_mail_templates',
      ])
      // the running bulk operation that holds the dossier, if any (docs/domain.md §8)
      .select((eb) =>
        eb
          .selectFrom('bulk_operation_items')
          .select((sub) => sub.cast<string>('bulk_operation_items.operation_id', 'text').as('op'))
          .whereRef('bulk_operation_items.dossier_id', '=', 'dossiers.id')
          .where('bulk_operation_items.status', '=', 'pending')
          .as('running_bulk_operation_id'),
      )
      .forUpdate('dossiers')
  );
}
type DossierRow = NonNullable<Awaited<ReturnType<ReturnType<typeof dossierRows>['executeTakeFirst']>>>;

export async function loadDossierForUpdate(trx: Trx, dossierId: string) {
  if (!/^[0-9]{1,18}$/.test(dossierId)) throw notFound('Dossier introuvable.');
  const row = await dossierRows(trx).where('dossiers.id', '=', dossierId).executeTakeFirst();
  if (!row) throw notFound('Dossier introuvable.');
  const coEditors = await trx
    .selectFrom('dossier_co_editors')
    .select('user_id')
    .where('dossier_id', '=', dossierId)
    .execute();
  return loaded(row, coEditors);
}

/** Many dossiers at once (bulk operations, docs/domain.md §8): two statements whatever their number,
 *  locked in id order; an id without a dossier is absent from the map. */
export async function loadDossiersForUpdate(trx: Trx, dossierIds: string[]): Promise<Map<string, LoadedDossier>> {
  const ids = dossierIds.filter((id) => /^[0-9]{1,18}$/.test(id));
  const out = new Map<string, LoadedDossier>();
  if (ids.length === 0) return out;
  const rows = await dossierRows(trx)
    .where(sql<boolean>`dossiers.id = ANY(${ids}::bigint[])`)
    .orderBy('dossiers.id')
    .execute();
  const coEditors = await trx
    .selectFrom('dossier_co_editors')
    .select(['dossier_id', 'user_id'])
    .where(sql<boolean>`dossier_id = ANY(${ids}::bigint[])`)
    .execute();
  for (const row of rows)
    out.set(
      row.id,
      loaded(
        row,
        coEditors.filter((c) => c.dossier_id === row.id),
      ),
    );
  return out;
}

function loaded(row: DossierRow, coEditors: { user_id: string }[]) {
  const facts: DossierFacts = dossierFactsOf(row);
  const procedure: ProcedureFacts = {
    state: row.procedure_state,
    declarative: row.procedure_declarative,
    sva_svr: row.procedure_sva_svr,
    retention_months: row.procedure_retention_months,
    expires_when_termine: row.procedure_expires_when_termine,
  };
  const ref: DossierRef = {
    id: row.id,
    procedureId: row.procedure_id,
    groupeId: row.groupe_id,
    ownerId: row.user_id,
    coEditorIds: coEditors.map((c) => c.user_id),
    state: row.state,
    hidden_by_administration_at: row.hidden_by_administration_at,
    hidden_by_user_at: row.hidden_by_user_at,
    hidden_by_expired_at: row.hidden_by_expired_at,
  };
  return { row, facts, procedure, ref };
}
export type LoadedDossier = ReturnType<typeof loaded>;
