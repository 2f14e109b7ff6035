// « Inviter une personne à modifier ce dossier » (docs/interface.md §7): the people invited, and for
// the owner the invitation form and « Retirer ».
import type { FC } from 'hono/jsx';
import { Csrf, Input } from '../form.tsx';

export const CoEditorsSection: FC<{
  dossierId: string;
  owner: boolean;
  ownerEmail?: string;
  coEditors: { userId: string; email: string }[];
  csrf: string;
  email?: string;
  error?: string | null;
}> = ({ dossierId, owner, coEditors, csrf, email, error }) => (
  <section class="fr-mt-6w" aria-labelledby="co-editeurs-titre" id="co-editeurs">
    <h2 class="fr-h5" id="co-editeurs-titre">
      Personnes invitées à modifier ce dossier
    </h2>
    {coEditors.length === 0 ? (
      <p class="fr-text--sm">Personne n'est invité sur ce dossier.</p>
    ) : (
      <ul>
        {coEditors.map((p) => (
          <li>
            {p.email}
            {owner ? (
              <form
                method="post"
                action={`/dossiers/${dossierId}/invites/${p.userId}/supprimer`}
                style="display: inline"
                class="fr-ml-2w"
              >
                <Csrf token={csrf} />
                <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary-no-outline">
                  Retirer<span class="fr-sr-only"> {p.email}</span>
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    )}
    {owner ? (
      <form method="post" action={`/dossiers/${dossierId}/invites`} novalidate>
        <Csrf token={csrf} />
        <Input
          id="co-editeur-email"
          name="email"
          type="email"
          label="Inviter une personne à modifier ce dossier"
          hint="Son adresse électronique. Elle pourra modifier le dossier et écrire à l'administration, mais pas le supprimer."
          autocomplete="email"
          value={email}
          error={error}
        />
        <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
          Envoyer l'invitation
        </button>
      </form>
    ) : (
      <p class="fr-text--sm">Vous avez été invité à modifier ce dossier.</p>
    )}
  </section>
);

/** « Supprimer le dossier » (docs/domain.md §2.9), for its owner, en construction or traité. */
export const WithdrawForm: FC<{ dossierId: string; csrf: string; traite: boolean }> = ({ dossierId, csrf, traite }) => (
  <section class="fr-mt-6w" aria-labelledby="supprimer-titre">
    <h2 class="fr-h5" id="supprimer-titre">
      Supprimer le dossier
    </h2>
    <p class="fr-text--sm">
      {traite
        ? "Le dossier disparaît de « Mes dossiers ». L'administration le conserve selon ses règles de conservation."
        : "Votre demande est retirée : l'administration ne l'instruira pas. Cette action est définitive."}
    </p>
    <form method="post" action={`/dossiers/${dossierId}/supprimer`}>
      <Csrf token={csrf} />
      <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left">
        Supprimer le dossier
      </button>
    </form>
  </section>
);
