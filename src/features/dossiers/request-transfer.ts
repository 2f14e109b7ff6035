// « Transférer le dossier » (docs/domain.md §2.9): the owner offers his dossier to another account,
// named by its e-mail; the dossier changes hands only when that person accepts it. A new offer
// replaces the pending one.
import { z } from 'zod';
import { invalidInput, invalidTransition, notFound } from '../../domain/errors.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';
import { renderMail } from '../../platform/mail/layout.ts';
import { emailSchema } from '../accounts/schemas.ts';
import { ownsDossier } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { loadDossierForUpdate } from './load-dossier.ts';

export const requestTransfer = defineCommand({
  name: 'request-transfer',
  input: z.object({ dossierId: z.coerce.string(), email: emailSchema }),
  authorize: ownsDossier,
  async run(ctx, { dossierId, email }) {
    const d = await loadDossierForUpdate(ctx.trx, dossierId);
    if (d.row.user_id !== ctx.actor.userId) throw notFound('Dossier introuvable.');
    if (d.row.hidden_by_user_at || d.row.hidden_by_administration_at || d.row.hidden_by_expired_at)
      throw invalidTransition('Ce dossier a été supprimé : il ne peut pas être transféré');
    if (email === d.row.user_email.toLowerCase()) {
      const m = 'Ce dossier vous appartient déjà : indiquez l’adresse de la personne à qui le transférer.';
      throw invalidInput(m, { email: m });
    }
    await ctx.trx
      .insertInto('dossier_transfers')
      .values({ dossier_id: d.row.id, email, created_at: ctx.now })
      .onConflict((oc) => oc.column('dossier_id').doUpdateSet({ email, created_at: ctx.now }))
      .execute();
    await ctx.recordEvent(d.row.id, 'transfert_demande', { email });
    const mail = renderMail({
      subject: `Transfert du dossier nº ${d.row.id}`,
      paragraphs: [
        `${d.row.user_email} souhaite vous transférer son dossier nº ${d.row.id} de la démarche « ${d.row.procedure_title} » sur Guichet.`,
        'Connectez-vous avec cette adresse électronique (ou créez votre compte avec elle), puis acceptez ou refusez le transfert dans « Mes dossiers ».',
      ],
      link: { label: 'Voir mes dossiers', url: `${ctx.app.config.appUrl}/dossiers` },
    });
    await ctx.enqueue(sendEmailJob, { to: email, ...mail });
    return { state: d.row.state };
  },
});
