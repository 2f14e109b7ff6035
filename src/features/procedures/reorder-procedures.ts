// « Personnaliser l'ordre » of the procedures page (docs/interface.md §2A): a full order (drag and drop) or one
// procedure moved up or down (keyboard buttons, forms without JavaScript). Saved per instructor in
// instructeur_procedures.position; procedures he does not instruct are ignored.
import { sql } from 'kysely';
import { z } from 'zod';
import { instructorGroupsFilter } from '../../domain/permissions.ts';
import { mergeOrder, moveItem } from '../../domain/presentation.ts';
import { instructorAccess } from '../../queries/search.ts';
import { defineCommand } from '../command.ts';
import { signedIn } from '../authorize.ts';

const id = z.string().regex(/^[0-9]{1,18}$/, 'Démarche introuvable.');

export const reorderProcedures = defineCommand({
  name: 'reorder-procedures',
  input: z.union([
    z.object({ order: z.array(id).min(1).max(1000) }),
    z.object({ procedureId: id, direction: z.enum(['up', 'down']) }),
  ]),
  authorize: signedIn,
  async run({ trx, actor }, input) {
    const groupIds = instructorGroupsFilter(await instructorAccess(trx, actor.userId!));
    const r = await sql<{ id: string }>`
      SELECT p.id::text AS id FROM procedures p
      LEFT JOIN instructeur_procedures ip ON ip.user_id = ${actor.userId} AND ip.procedure_id = p.id
      WHERE p.id IN (SELECT g.procedure_id FROM groupes_instructeurs g WHERE g.id = ANY(${groupIds}::bigint[]))
      ORDER BY ip.position NULLS LAST, p.id DESC`.execute(trx);
    const current = r.rows.map((x) => x.id);
    const next =
      'order' in input
        ? mergeOrder(current, input.order)
        : moveItem(current, input.procedureId, input.direction === 'up' ? -1 : 1);
    if (next.length === 0) return { order: next };
    await sql`
      INSERT INTO instructeur_procedures (user_id, procedure_id, position)
      SELECT ${actor.userId}, x.id, x.pos - 1 FROM unnest(${next}::bigint[]) WITH ORDINALITY AS x(id, pos)
      ON CONFLICT (user_id, procedure_id) DO UPDATE SET position = EXCLUDED.position`.execute(trx);
    return { order: next };
  },
});
