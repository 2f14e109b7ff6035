// The usager's view of his rendez-vous, for his dossier page: the slots proposed by the
// administration (to come first), cancelled ones marked as such. Data: `loadUsagerRendezVous`
// (src/queries/rendez-vous.ts) or the `RENDEZ_VOUS_COLUMN` of the same file added to the page's
// statement and read with `rendezVousItems`.
//
//   <UsagerRendezVous rendezVous={items} now={now} />   (renders nothing when there is none)
import type { FC } from 'hono/jsx';
import { RDV_MODE_LABELS, RDV_PLACE_LABELS } from '../../../domain/rendez-vous.ts';
import type { RendezVousItem } from '../../../queries/rendez-vous.ts';
import { frDateTime, isoOf } from './format.ts';

export const UsagerRendezVous: FC<{ rendezVous: RendezVousItem[]; now: Date; headingLevel?: 2 | 3 }> = ({
  rendezVous,
  now,
  headingLevel = 2,
}) => {
  const shown = rendezVous.filter((r) => !r.cancelledAt || r.startsAt.getTime() > now.getTime());
  if (shown.length === 0) return null;
  const upcoming = shown
    .filter((r) => !r.cancelledAt && r.startsAt.getTime() > now.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const rest = shown.filter((r) => !upcoming.includes(r));
  const title = upcoming.length > 1 ? 'Vos rendez-vous' : 'Votre rendez-vous';
  return (
    <section class="fr-mb-4w" id="rendez-vous" aria-labelledby="rendez-vous-titre">
      {headingLevel === 2 ? (
        <h2 class="fr-h4" id="rendez-vous-titre">
          {title}
        </h2>
      ) : (
        <h3 class="fr-h5" id="rendez-vous-titre">
          {title}
        </h3>
      )}
      <ul style="list-style: none; padding-left: 0">
        {[...upcoming, ...rest].map((r) => {
          const cancelled = r.cancelledAt !== null;
          const past = r.startsAt.getTime() <= now.getTime();
          return (
            <li class="fr-mb-2w">
              <div class={`fr-callout${cancelled ? '' : ' fr-callout--blue-ecume'}`}>
                <p class="fr-callout__title">
                  <time datetime={isoOf(r.startsAt)}>{frDateTime(r.startsAt)}</time> ({r.durationMinutes} minutes)
                  {cancelled ? ' — annulé' : past ? ' — passé' : ''}
                </p>
                <p class="fr-callout__text">
                  {RDV_MODE_LABELS[r.mode]} — {RDV_PLACE_LABELS[r.mode]} :{' '}
                  <span style="white-space: pre-wrap">{r.place}</span>
                </p>
                {cancelled ? (
                  <p class="fr-text--sm fr-mb-0">L'administration a annulé ce rendez-vous.</p>
                ) : (
                  <p class="fr-text--sm fr-mb-0">
                    L'invitation à ajouter à votre agenda vous a été envoyée par e-mail. Pour toute question, écrivez à
                    l'administration depuis la messagerie.
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
};
