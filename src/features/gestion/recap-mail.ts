// The words of the daily and weekly recaps (docs/domain.md §4.6): per procedure the procedures page's
// counters and my badges, each with a link to the dossier list, and the link to the settings page to
// stop them.
import { NOTIFICATION_LABELS, type NotificationKind } from '../../domain/notifications.ts';
import type { RecapKind } from '../../domain/email-preferences.ts';
import { renderMail, type RenderedMail } from '../../platform/mail/layout.ts';
import type { DashboardProcedure } from '../../queries/procedures-dashboard.ts';

const FR_DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function recapSettingsUrl(base: string, procedureId: string): string {
  return `${base}/instructeur/procedures/${procedureId}/gestion/notifications`;
}

export function renderRecapMail(
  kind: RecapKind,
  procedures: DashboardProcedure[],
  base: string,
  now: Date,
): RenderedMail {
  const shown = kind === 'daily' ? procedures.filter((p) => p.badges.length > 0) : procedures;
  const paragraphs = [
    kind === 'daily'
      ? `Voici le récapitulatif de vos démarches au ${FR_DAY.format(now)}.`
      : "Voici le bilan de l'activité de vos démarches suivies.",
    ...shown.map((p) =>
      [
        `« ${p.title} » (démarche nº ${p.id})`,
        `À suivre : ${p.counts.aSuivre} · Suivis par moi : ${p.counts.suivis} · Traités : ${p.counts.traites} · Au total : ${p.counts.total}`,
        ...p.badges.map(
          (b) => `${NOTIFICATION_LABELS[b.kind as NotificationKind]} : ${plural(b.count, 'dossier', 'dossiers')}`,
        ),
        `Voir les dossiers : ${base}/instructeur/procedures/${p.id}`,
        `Ne plus recevoir ce récapitulatif pour cette démarche : ${recapSettingsUrl(base, p.id)}`,
      ].join('\n'),
    ),
  ];
  return renderMail({
    subject: kind === 'daily' ? 'Votre récapitulatif quotidien' : 'Votre activité hebdomadaire',
    paragraphs,
    link: { label: 'Voir mes démarches', url: `${base}/instructeur/procedures` },
    unsubscribe: {
      label: 'Gérer mes notifications par e-mail',
      url: recapSettingsUrl(base, shown[0]?.id ?? procedures[0]?.id ?? ''),
    },
  });
}
