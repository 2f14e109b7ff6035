// « L'attestation est en cours de génération » (docs/interface.md §3C): shown by « Télécharger
// l'attestation » between a decision and the job that produces the PDF, to the instructor and the
// usager. The page checks again by itself (wait-for-file controller) and offers « Actualiser ».
import type { FC } from 'hono/jsx';

export const AttestationPending: FC<{ dossierId: string; url: string; back: string }> = ({ dossierId, url, back }) => (
  <div class="fr-grid-row fr-grid-row--center">
    <div class="fr-col-12 fr-col-md-10 fr-col-lg-8" data-controller="wait-for-file" data-wait-for-file-url-value={url}>
      <h1 class="fr-h3">Attestation du dossier nº {dossierId}</h1>
      <div class="fr-alert fr-alert--info fr-mb-3w">
        <h2 class="fr-alert__title">L'attestation est en cours de génération</h2>
        <p role="status" data-wait-for-file-target="status">
          Elle sera prête dans quelques secondes : cette page vérifie toute seule et son téléchargement commencera dès
          qu'elle existe.
        </p>
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn fr-icon-refresh-line fr-btn--icon-left" href={url} data-turbo="false">
            Actualiser
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={back}>
            Revenir au dossier
          </a>
        </li>
      </ul>
    </div>
  </div>
);
