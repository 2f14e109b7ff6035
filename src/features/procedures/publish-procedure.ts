// « Publier » and « Publier les modifications » (docs/domain.md §1.1, §12): the draft becomes an
// immutable published revision (stable ids kept) and a fresh draft copies it for later edits. The
// first publication deletes the test dossiers filed while the procedure was en test; a later one
// moves the dossiers not decided yet to the new revision (values are keyed by stable id, so kept
// fields keep their values; a new mandatory field is only asked of a dossier the usager edits again).
import { sql } from 'kysely';
import { z } from 'zod';
import { invalidInput, invalidTransition, notFound } from '../../domain/errors.ts';
import { nextProcedureState, OPEN_DOSSIER_STATES, type ProcedureState } from '../../domain/procedure.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';
import { publicationBlockersOf } from '../../queries/admin-procedure.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

export const publishProcedure = defineCommand({
  name: 'publish-procedure',
  input: z.object({ procedureId }),
  authorize: administersProcedure,
  async run(ctx, { procedureId }) {
    const { trx, now } = ctx;
    const p = await trx
      .selectFrom('procedures')
      .innerJoin('procedure_revisions as d', 'd.id', 'procedures.draft_revision_id')
      .leftJoin('procedure_revisions as pub', 'pub.id', 'procedures.published_revision_id')
      .select([
        'procedures.state',
        'procedures.published_revision_id',
        'd.id as draft_id',
        'd.fields',
        'd.annotations',
        'pub.fields as pub_fields',
        'pub.annotations as pub_annotations',
      ])
      .where('procedures.id', '=', procedureId)
      .forUpdate('procedures')
      .executeTakeFirst();
    if (!p) throw notFound('Démarche introuvable.');
    const first = p.published_revision_id === null;
    const state = nextProcedureState(p.state as ProcedureState, first ? 'publier' : 'publier_modifications');
    if (
      !first &&
      JSON.stringify(p.fields) === JSON.stringify(p.pub_fields) &&
      JSON.stringify(p.annotations) === JSON.stringify(p.pub_annotations)
    )
      throw invalidTransition(
        "Aucune modification n'est à publier : le formulaire est identique à la version publiée.",
      );
    const blockers = await publicationBlockersOf(trx, procedureId);
    if (blockers.length) throw invalidInput(`La démarche ne peut pas encore être publiée : ${blockers[0]}`);

    let deletedTestDossiers = 0;
    if (first) {
      const files = await trx
        .selectFrom('files')
        .innerJoin('dossiers', 'dossiers.id', 'files.dossier_id')
        .select('files.storage_key')
        .where('dossiers.procedure_id', '=', procedureId)
        .execute();
      const del = await trx.deleteFrom('dossiers').where('procedure_id', '=', procedureId).executeTakeFirst();
      deletedTestDossiers = Number(del.numDeletedRows);
      const keys = [...new Set(files.map((f) => f.storage_key))];
      for (let i = 0; i < keys.length; i += 500)
        await ctx.enqueue(deleteStoredFilesJob, { keys: keys.slice(i, i + 500) });
    }
    await trx.updateTable('procedure_revisions').set({ published_at: now }).where('id', '=', p.draft_id).execute();
    const draft = await trx
      .insertInto('procedure_revisions')
      .values({
        procedure_id: procedureId,
        fields: JSON.stringify(p.fields),
        annotations: JSON.stringify(p.annotations),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('procedures')
      .set({
        state,
        published_revision_id: p.draft_id,
        draft_revision_id: draft.id,
        published_at: sql`coalesce(published_at, ${now})`,
        lock_version: sql`lock_version + 1`,
      })
      .where('id', '=', procedureId)
      .execute();
    let movedDossiers = 0;
    if (!first) {
      const moved = await trx
        .updateTable('dossiers')
        .set({ revision_id: p.draft_id })
        .where('procedure_id', '=', procedureId)
        .where('state', 'in', [...OPEN_DOSSIER_STATES])
        .executeTakeFirst();
      movedDossiers = Number(moved.numUpdatedRows);
    }
    return { revisionId: p.draft_id, first, deletedTestDossiers, movedDossiers };
  },
});
