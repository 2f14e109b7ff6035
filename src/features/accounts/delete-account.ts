// « Supprimer mon compte » (docs/domain.md §2.10): refused while one of the usager's dossiers is en
// instruction, and for an account that also instructs, administers or gives avis (those roles are
// managed by the administration). The brouillons go with the account (their files' bytes after the
// commit); the deposited dossiers stay with the administration under their retention rules, without
// owner (the messagerie then says the account was deleted).
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';
import { signedIn } from '../authorize.ts';
import { defineCommand } from '../command.ts';

export const deleteAccount = defineCommand({
  name: 'delete-account',
  input: z.object({}),
  authorize: signedIn,
  async run({ trx, actor, enqueue }) {
    const userId = actor.userId!;
    const roles = await trx
      .selectFrom('users')
      .leftJoin('instructeurs', 'instructeurs.user_id', 'users.id')
      .leftJoin('administrateurs', 'administrateurs.user_id', 'users.id')
      .leftJoin('experts', 'experts.user_id', 'users.id')
      .select(['instructeurs.user_id as i', 'administrateurs.user_id as a', 'experts.user_id as e'])
      .where('users.id', '=', userId)
      .executeTakeFirstOrThrow();
    if (roles.i || roles.a || roles.e)
      throw invalidInput(
        'Votre compte sert aussi à instruire, administrer ou donner des avis : demandez à votre administrateur de le supprimer.',
      );
    const dossiers = await trx
      .selectFrom('dossiers')
      .select(['id', 'state'])
      .where('user_id', '=', userId)
      .forUpdate()
      .execute();
    if (dossiers.some((d) => d.state === 'en_instruction'))
      throw invalidInput('Vous ne pouvez pas supprimer votre compte tant qu’un de vos dossiers est en instruction.');
    const brouillons = dossiers.filter((d) => d.state === 'brouillon').map((d) => d.id);
    if (brouillons.length) {
      const files = await trx
        .deleteFrom('files')
        .where('dossier_id', 'in', brouillons)
        .returning('storage_key')
        .execute();
      await trx.deleteFrom('dossiers').where('id', 'in', brouillons).execute();
      if (files.length) await enqueue(deleteStoredFilesJob, { keys: files.map((f) => f.storage_key) });
    }
    // deposited dossiers keep user_email; user_id becomes null (foreign key ON DELETE SET NULL)
    await trx.deleteFrom('users').where('id', '=', userId).execute();
    return { brouillonsDeleted: brouillons.length };
  },
});
