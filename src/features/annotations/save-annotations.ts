// « Annotations privées »: instructors of the dossier's group fill the revision's private fields,
// typed and validated like form fields (domain parseChamps). Saved all at once (button, without
// JavaScript) or field by field (autosave). A change stamps last_annotation_updated_at, refreshes
// the search terms, badges the other instructors (annotation_instructeur) and is recorded.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { assertInstruct } from '../../domain/permissions.ts';
import type { FieldDef } from '../../domain/fields/index.ts';
import { refreshSearchTerms } from '../work-list/refresh-search-terms.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';
import { applyFormValues } from '../dossiers/champs-input.ts';
import { discardStored, type StoredFile } from '../files/store-file.ts';
import { createNotifications } from '../notifications/notify.ts';

const upload = z.object({ name: z.string(), bytes: z.instanceof(Buffer) });

export const saveAnnotations = defineCommand({
  name: 'save-annotations',
  input: z.object({
    dossierId: z.coerce.string(),
    raw: z.record(z.string(), z.unknown()),
    uploads: z.record(z.string(), z.array(upload)).optional(),
    /** autosave: only this annotation */
    only: z.string().max(100).optional(),
  }),
  authorize: instructsDossier,
  async run(ctx, input) {
    const stored: StoredFile[] = [];
    try {
      const d = await loadDossierForUpdate(ctx.trx, input.dossierId);
      assertInstruct(await ctx.access(), d.ref);
      const rev = await ctx.trx
        .selectFrom('procedure_revisions')
        .select('annotations')
        .where('id', '=', d.row.revision_id)
        .executeTakeFirstOrThrow();
      const defs = (rev.annotations ?? []) as FieldDef[];
      const { champs, changed } = await applyFormValues(ctx, stored, {
        dossierId: d.row.id,
        defs,
        previous: d.row.annotations ?? {},
        raw: input.raw,
        uploads: input.uploads,
        origin: 'annotation',
        only: input.only,
      });
      if (changed.length === 0) return { changed: [] as string[] };
      await ctx.trx
        .updateTable('dossiers')
        .set({ annotations: JSON.stringify(champs), last_annotation_updated_at: ctx.now })
        .where('id', '=', d.row.id)
        .execute();
      await refreshSearchTerms(ctx.trx, [d.row.id]);
      await createNotifications(ctx.trx, d.row, 'annotation_instructeur', { now: ctx.now, actorId: ctx.actor.userId });
      // the author has seen his own change
      await ctx.trx
        .updateTable('follows')
        .set({ annotations_seen_at: ctx.now })
        .where('dossier_id', '=', d.row.id)
        .where('user_id', '=', ctx.actor.userId!)
        .execute();
      const labels = new Map(defs.map((def) => [def.stableId, def.label]));
      await ctx.recordEvent(d.row.id, 'annotation_modifiee', { fields: changed.map((id) => labels.get(id) ?? id) });
      return { changed };
    } catch (e) {
      await discardStored(ctx.app, stored);
      throw e;
    }
  },
});
