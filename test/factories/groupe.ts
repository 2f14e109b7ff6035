// A groupe instructeur of a procedure and its members (written directly: no command creates groups yet).
import type { Services } from '../../src/platform/services.ts';
import { insertGroups } from '../../src/seed/procedures.ts';
import type { TestUser } from './user.ts';

/** The group; its members also get the procedure in their list (instructeur_procedures). */
export async function createGroupe(
  app: Services,
  procedureId: string,
  opts: { label?: string; isDefault?: boolean; members?: TestUser[] } = {},
): Promise<string> {
  const members = opts.members ?? [];
  const [id] = await app.db
    .transaction()
    .execute((trx) =>
      insertGroups(trx, procedureId, [
        { label: opts.label ?? 'défaut', is_default: opts.isDefault ?? true, routing_rule: null, members },
      ]),
    );
  for (const m of members)
    await app.db
      .insertInto('instructeur_procedures')
      .values({ user_id: m.id, procedure_id: procedureId, position: 0 })
      .onConflict((oc) => oc.doNothing())
      .execute();
  return id;
}
