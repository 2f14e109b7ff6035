// Import groups and their instructors from a CSV file `groupe,email` (docs/domain.md §10): missing
// groups are created, each instructor is invited as « Ajouter un instructeur » does; the bad lines
// are reported, the good ones imported.
import { sql } from 'kysely';
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { parseGroupesCsv } from '../../domain/groupes.ts';
import { renderMail } from '../../platform/mail/layout.ts';
import { newSecret, sha256 } from '../../platform/crypto.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';
import { INVITATION_DAYS } from '../accounts/invite-instructeur.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

export const importGroupes = defineCommand({
  name: 'import-groupes',
  input: z.object({ procedureId, csv: z.string().max(1_000_000, 'Le fichier ne doit pas dépasser 1 Mo.') }),
  authorize: administersProcedure,
  async run({ trx, now, app, enqueue }, { procedureId, csv }) {
    const { rows, errors } = parseGroupesCsv(csv);
    if (rows.length === 0 && errors.length === 0) throw invalidInput('Le fichier est vide.');
    const p = await trx
      .selectFrom('procedures')
      .select('title')
      .where('id', '=', procedureId)
      .executeTakeFirstOrThrow();
    const groups = new Map(
      (
        await trx
          .selectFrom('groupes_instructeurs')
          .select(['id', 'label'])
          .where('procedure_id', '=', procedureId)
          .execute()
      ).map((g) => [g.label.toLowerCase(), g]),
    );
    let createdGroups = 0;
    let invited = 0;
    for (const row of rows) {
      let g = groups.get(row.groupe.toLowerCase());
      if (!g) {
        g = await trx
          .insertInto('groupes_instructeurs')
          .values({ procedure_id: procedureId, label: row.groupe, is_default: groups.size === 0 })
          .returning(['id', 'label'])
          .executeTakeFirstOrThrow();
        groups.set(row.groupe.toLowerCase(), g);
        createdGroups++;
      }
      let user = await trx
        .selectFrom('users')
        .select(['id', 'password_hash'])
        .where(sql<boolean>`lower(email) = ${row.email}`)
        .executeTakeFirst();
      if (!user)
        user = await trx
          .insertInto('users')
          .values({ email: row.email, password_hash: null })
          .returning(['id', 'password_hash'])
          .executeTakeFirstOrThrow();
      await trx
        .insertInto('instructeurs')
        .values({ user_id: user.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const added = await trx
        .insertInto('groupe_members')
        .values({ groupe_id: g.id, user_id: user.id })
        .onConflict((oc) => oc.doNothing())
        .returning('user_id')
        .executeTakeFirst();
      await trx
        .insertInto('instructeur_procedures')
        .values({ user_id: user.id, procedure_id: procedureId, position: null })
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (!added) continue;
      invited++;
      let link = { label: 'Voir mes démarches', url: `${app.config.appUrl}/instructeur/procedures` };
      if (!user.password_hash) {
        const secret = newSecret();
        await trx
          .insertInto('tokens')
          .values({
            kind: 'invitation',
            token_hash: sha256(secret),
            user_id: user.id,
            data: JSON.stringify({ groupeId: g.id }),
            expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
          })
          .execute();
        link = { label: 'Activer mon compte', url: `${app.config.appUrl}/invitation/${secret}` };
      }
      const mail = renderMail({
        subject: `Invitation à instruire la démarche « ${p.title} »`,
        paragraphs: [`Vous êtes instructeur de la démarche « ${p.title} » (groupe « ${g.label} ») sur Guichet.`],
        link,
      });
      await enqueue(sendEmailJob, { to: row.email, ...mail });
    }
    return { createdGroups, invited, errors };
  },
});
