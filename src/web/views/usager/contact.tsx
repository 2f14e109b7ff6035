// The contact information of the dossier's group for the usager (docs/domain.md §10): the dossier page's
// « Aide » menu, and the page he lands on after « Déposer le dossier ».
import type { FC } from 'hono/jsx';
import type { GroupeContact } from '../../../domain/groupe-management.ts';

export const GroupeContactDetails: FC<{ contact: GroupeContact }> = ({ contact }) => (
  <address class="fr-text--sm fr-mb-1w" style="font-style: normal">
    <strong>{contact.service}</strong>
    <br />
    <span style="white-space: pre-line">{contact.adresse}</span>
    <br />
    E-mail : <a href={`mailto:${contact.email}`}>{contact.email}</a>
    <br />
    Téléphone : <a href={`tel:${contact.telephone.replace(/[^0-9+]/g, '')}`}>{contact.telephone}</a>
    <br />
    Horaires : {contact.horaires}
  </address>
);

/** « Aide »: who to contact about this dossier — the group's contact, else the procedure's e-mail — and the messagerie. */
export const AideMenu: FC<{ contact: GroupeContact | null; procedureEmail: string | null }> = ({
  contact,
  procedureEmail,
}) => (
  <details class="fr-mb-3w">
    <summary class="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-question-line fr-btn--icon-left">Aide</summary>
    <div class="fr-mt-1w fr-p-2w" style="border: 1px solid var(--border-default-grey)">
      <p class="fr-text--bold fr-mb-1w">Une question sur votre dossier ?</p>
      {contact ? (
        <>
          <p class="fr-text--sm fr-mb-1w">Le service qui instruit votre dossier :</p>
          <GroupeContactDetails contact={contact} />
        </>
      ) : procedureEmail ? (
        <p class="fr-text--sm fr-mb-1w">
          Écrivez au service de la démarche : <a href={`mailto:${procedureEmail}`}>{procedureEmail}</a>
        </p>
      ) : null}
      <p class="fr-text--sm fr-mb-0">
        Vous pouvez aussi écrire à l'administration par la{' '}
        <a class="fr-link fr-link--sm" href="#messagerie-titre">
          messagerie du dossier
        </a>
        .
      </p>
    </div>
  </details>
);

/** After « Déposer le dossier »: whom to contact about it. */
export const DepotContact: FC<{ contact: GroupeContact }> = ({ contact }) => (
  <section class="fr-callout fr-mb-4w" aria-labelledby="depot-contact-titre">
    <h2 class="fr-callout__title fr-h5" id="depot-contact-titre">
      Une question sur votre dossier ?
    </h2>
    <p class="fr-callout__text fr-text--sm fr-mb-1w">Le service qui instruit votre dossier :</p>
    <GroupeContactDetails contact={contact} />
  </section>
);
