// « Avis externes »: the avis asked on the dossier, with the question, the answer, the expert and
// the dates (asking for avis comes with a later issue).
import type { FC } from 'hono/jsx';
import type { AvisTab } from '../../../queries/dossier-page.ts';
import { frDateTime, isoOf } from './format.ts';
import { filePath } from './links.ts';

export const AvisView: FC<{ tab: AvisTab }> = ({ tab }) => (
  <section aria-labelledby="avis-titre">
    <h2 class="fr-h5" id="avis-titre">
      Avis externes ({tab.avis.length})
    </h2>
    {tab.avis.length === 0 ? (
      <p>Aucun avis n'a été demandé sur ce dossier.</p>
    ) : (
      <ul style="list-style: none; padding-left: 0">
        {tab.avis.map((a) => (
          <li class="fr-mb-3w fr-p-2w" style="border: 1px solid var(--border-default-grey)">
            <h3 class="fr-h6 fr-mb-1w">
              Avis de {a.expertEmail}
              {a.revokedAt ? ' (révoqué)' : a.answeredAt ? '' : ' (en attente de réponse)'}
            </h3>
            <p class="fr-text--xs fr-mb-1w">
              Demandé le <time datetime={isoOf(a.createdAt)}>{frDateTime(a.createdAt)}</time>
              {a.claimantEmail ? ` par ${a.claimantEmail}` : ''} ·{' '}
              {a.confidentiel ? 'confidentiel (visible des seuls instructeurs)' : 'partagé avec les autres experts'}
              {a.answeredAt ? (
                <>
                  {' '}
                  · répondu le <time datetime={isoOf(a.answeredAt)}>{frDateTime(a.answeredAt)}</time>
                </>
              ) : null}
            </p>
            {a.introduction ? (
              <>
                <p class="fr-text--sm fr-text--bold fr-mb-0">Demande</p>
                <p class="fr-text--sm" style="white-space: pre-wrap">
                  {a.introduction}
                </p>
              </>
            ) : null}
            {a.questionLabel ? (
              <p class="fr-text--sm">
                <strong>Question :</strong> {a.questionLabel} —{' '}
                <strong>
                  {a.questionAnswer === true ? 'Oui' : a.questionAnswer === false ? 'Non' : 'pas encore de réponse'}
                </strong>
              </p>
            ) : null}
            <p class="fr-text--sm fr-text--bold fr-mb-0">Avis</p>
            <p class="fr-text--sm" style="white-space: pre-wrap">
              {a.answer ?? "L'expert n'a pas encore rendu son avis."}
            </p>
            {a.files.length ? (
              <ul>
                {a.files.map((f) => (
                  <li>
                    <a class="fr-link fr-link--sm" href={filePath(f.id)} data-turbo="false">
                      {f.name}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    )}
  </section>
);
