// Retention e-mails (docs/domain.md §5, §14): « bientôt supprimé » (near deletion) and « supprimé
// automatiquement » (hidden by expiry). One e-mail per usager listing his dossiers of the batch;
// one digest per following instructor who has not turned it off (email_prefs
// instant_email_dossier_expiration / instant_email_dossier_expired, true by default).
import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { renderMail } from '../platform/mail/layout.ts';
import { retentionDossiers, retentionFollowers } from '../queries/mail-recipients.ts';

const FR_DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export const notifyRetentionJob = defineJob({
  name: 'notify-retention',
  payload: z.object({
    event: z.enum(['expiring', 'expired']),
    dossierIds: z.array(z.string().regex(/^[0-9]{1,18}$/)).max(1000),
  }),
  handler:
    async () =>
    async (app, { event, dossierIds }) => {
      if (!dossierIds.length) return;
      const dossiers = await retentionDossiers(app.db, dossierIds);
      // still in the situation the e-mail describes (an extension may have happened meanwhile)
      const current = dossiers.filter((d) =>
        event === 'expiring'
          ? d.expiry_notice_sent_at !== null && d.hidden_by_expired_at === null
          : d.hidden_by_expired_at !== null,
      );
      if (!current.length) return;
      const base = app.config.appUrl;
      const line = (d: (typeof current)[number], who: 'usager' | 'instructeur') =>
        event === 'expiring'
          ? `Dossier nº ${d.id} (« ${d.title} ») : suppression prévue le ${d.expires_at ? FR_DATE.format(d.expires_at) : '—'}${who === 'instructeur' ? ` — ${base}/instructeur/dossiers/${d.id}` : ''}`
          : `Dossier nº ${d.id} (« ${d.title} »)${who === 'instructeur' ? ` — ${base}/instructeur/dossiers/${d.id}` : ''}`;

      for (const [email, list] of groupBy(current, (d) => d.user_email.toLowerCase())) {
        const many = list.length > 1;
        const mail =
          event === 'expiring'
            ? renderMail({
                subject: many
                  ? 'Des dossiers vont bientôt être supprimés'
                  : `Votre dossier nº ${list[0].id} va bientôt être supprimé`,
                paragraphs: [
                  many
                    ? 'Le délai de conservation de ces dossiers arrive à son terme. Sans nouvelle action, ils seront supprimés aux dates indiquées :'
                    : 'Le délai de conservation de votre dossier arrive à son terme. Sans nouvelle action, il sera supprimé à la date indiquée :',
                  list.map((d) => line(d, 'usager')).join('\n'),
                  "Pour garder une trace de votre démarche, téléchargez dès maintenant les documents dont vous avez besoin depuis votre espace. Pour toute question, contactez l'administration depuis la messagerie de votre dossier.",
                ],
                link: { label: 'Voir mes dossiers', url: `${base}/dossiers` },
              })
            : renderMail({
                subject: many
                  ? 'Des dossiers ont été supprimés automatiquement'
                  : `Votre dossier nº ${list[0].id} a été supprimé automatiquement`,
                paragraphs: [
                  many
                    ? 'Le délai de conservation de ces dossiers est expiré : ils ont été supprimés automatiquement.'
                    : 'Le délai de conservation de votre dossier est expiré : il a été supprimé automatiquement.',
                  list.map((d) => line(d, 'usager')).join('\n'),
                  "L'administration peut encore le restaurer pendant 14 jours ; ensuite, il sera définitivement effacé.",
                ],
              });
        await app.mailer.deliver(app.db, { to: email, ...mail });
      }

      const pref = event === 'expiring' ? 'instant_email_dossier_expiration' : 'instant_email_dossier_expired';
      const followers = await retentionFollowers(
        app.db,
        current.map((d) => d.id),
        pref,
      );
      const byId = new Map(current.map((d) => [d.id, d]));
      for (const [email, rows] of groupBy(followers, (f) => f.email)) {
        const list = rows.map((r) => byId.get(r.dossier_id)!).filter(Boolean);
        const mail =
          event === 'expiring'
            ? renderMail({
                subject:
                  list.length > 1
                    ? `${list.length} dossiers que vous suivez vont bientôt être supprimés`
                    : `Le dossier nº ${list[0].id} va bientôt être supprimé`,
                paragraphs: [
                  'Le délai de conservation de ces dossiers que vous suivez arrive à son terme. Sans action de votre part, ils seront supprimés :',
                  list.map((d) => line(d, 'instructeur')).join('\n'),
                  "Pour les garder plus longtemps, ouvrez-les et choisissez « Prolonger la conservation d'un mois ». Pensez à télécharger ceux que vous devez archiver.",
                ],
              })
            : renderMail({
                subject:
                  list.length > 1
                    ? `${list.length} dossiers que vous suivez ont été supprimés automatiquement`
                    : `Le dossier nº ${list[0].id} a été supprimé automatiquement`,
                paragraphs: [
                  'Le délai de conservation de ces dossiers que vous suivez est expiré : ils sont dans la corbeille de la démarche.',
                  list.map((d) => line(d, 'instructeur')).join('\n'),
                  'Vous avez 14 jours pour les télécharger ou prolonger leur conservation ; ensuite, ils seront définitivement supprimés.',
                ],
              });
        await app.mailer.deliver(app.db, { to: email, ...mail });
      }
    },
});
