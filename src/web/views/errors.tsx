import type { FC } from 'hono/jsx';

export const ErrorPage: FC<{ status: number; title: string; message: string; requestId?: string }> = ({
  status,
  title,
  message,
  requestId,
}) => (
  <div class="fr-my-7w fr-mt-md-12w fr-mb-md-10w fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center">
    <div class="fr-py-0 fr-col-12 fr-col-md-6">
      <h1>{title}</h1>
      <p class="fr-text--sm fr-mb-3w">Erreur {status}</p>
      <p class="fr-text--lead fr-mb-3w">{message}</p>
      {requestId ? <p class="fr-text--sm">Référence de l'erreur à communiquer au support : {requestId}</p> : null}
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/">
            Page d'accueil
          </a>
        </li>
      </ul>
    </div>
  </div>
);
