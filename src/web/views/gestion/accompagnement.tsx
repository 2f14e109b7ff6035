// « Accompagnement des usagers » (docs/interface.md §6E): write to the usagers holding a brouillon, the
// public link of the procedure with its QR code, the form preview, rendez-vous, deleted dossiers.
import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Accompagnement } from '../../../queries/accompagnement.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { SmallAlert } from '../components/alert.tsx';
import { Csrf, Input } from '../form.tsx';
import { deletedDossiersPath } from '../dossier/deleted-link.tsx';
import { listHref } from '../work-list/links.ts';
import { gestionHref } from './common.tsx';

const FR_DATE = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });

export const accompagnementHref = (procedureId: string, page?: string) =>
  `/instructeur/procedures/${procedureId}/accompagnement${page ? `/${page}` : ''}`;

export interface BroadcastFormState {
  subject: string;
  body: string;
  fields: Record<string, string>;
  message: string;
  /** a file had been chosen: it must be chosen again */
  fileDropped?: boolean;
}

const Frame: FC<{ procedure: { id: string; title: string }; title: string; sub?: boolean; children?: Child }> = ({
  procedure,
  title,
  sub,
  children,
}) => (
  <div>
    <Breadcrumb
      items={[
        { label: 'Démarches', href: '/instructeur/procedures' },
        { label: procedure.title, href: listHref(procedure.id) },
        ...(sub
          ? [{ label: 'Accompagnement des usagers', href: accompagnementHref(procedure.id) }, { label: title }]
          : [{ label: title }]),
      ]}
    />
    <h1 class="fr-h3">{title}</h1>
    {children}
  </div>
);

export const AccompagnementPage: FC<{
  csrf: string;
  procedure: { id: string; title: string; rdvEnabled: boolean };
  data: Accompagnement;
  publicUrl: string;
  qrSvg: string;
  form?: BroadcastFormState;
}> = ({ csrf, procedure, data, publicUrl, qrSvg, form }) => (
  <Frame procedure={procedure} title="Accompagnement des usagers">
    <h2 class="fr-h4">Contacter les usagers avec un dossier brouillon</h2>
    <p>
      {data.owners === 0
        ? "Aucun usager n'a de dossier brouillon sur cette démarche pour l'instant."
        : `${data.owners} ${data.owners > 1 ? 'usagers ont' : 'usager a'} au moins un dossier brouillon (${data.brouillons} ${data.brouillons > 1 ? 'brouillons' : 'brouillon'}). Chacun reçoit un seul e-mail ; le message est aussi déposé dans la messagerie de chaque brouillon.`}
    </p>
    {form?.fields._ ? (
      <SmallAlert kind="error" spacing="fr-mb-3w">
        {form.fields._}
      </SmallAlert>
    ) : null}
    <form
      method="post"
      action={accompagnementHref(procedure.id, 'brouillons')}
      enctype="multipart/form-data"
      class="fr-mb-3w"
    >
      <Csrf token={csrf} />
      <Input
        name="subject"
        id="broadcast-subject"
        label="Objet"
        value={form?.subject ?? ''}
        error={form?.fields.subject}
        required
      />
      <Input
        name="body"
        id="broadcast-body"
        label="Message"
        hint="Par exemple : la date limite de dépôt des dossiers."
        textarea
        rows={6}
        value={form?.body ?? ''}
        error={form?.fields.body}
        required
      />
      <div class={`fr-upload-group fr-mb-3w${form?.fields.file ? ' fr-upload-group--error' : ''}`}>
        <label class="fr-label" for="broadcast-file">
          Pièce jointe (facultatif)
          <span class="fr-hint-text">
            Un fichier de 20 Mo au plus. Formats acceptés : PDF, images, documents bureautiques, texte. Il est joint au
            message de chaque brouillon.
          </span>
        </label>
        <input
          class="fr-upload"
          type="file"
          id="broadcast-file"
          name="file"
          aria-describedby={
            form?.fields.file ? 'broadcast-file-error' : form?.fileDropped ? 'broadcast-file-again' : undefined
          }
        />
        {form?.fields.file ? (
          <p class="fr-error-text" id="broadcast-file-error">
            {form.fields.file}
          </p>
        ) : form?.fileDropped ? (
          <p class="fr-info-text" id="broadcast-file-again">
            Choisissez à nouveau la pièce jointe : le message n'a pas été envoyé.
          </p>
        ) : null}
      </div>
      <button type="submit" class="fr-btn">
        Envoyer le message
      </button>
    </form>
    {data.broadcasts.length ? (
      <>
        <h3 class="fr-h6">Messages envoyés</h3>
        <ul>
          {data.broadcasts.map((b) => (
            <li>
              {FR_DATE.format(b.createdAt)} — « {b.subject} » par {b.authorEmail} :{' '}
              {b.sent === b.total
                ? `envoyé à ${b.total} ${b.total > 1 ? 'usagers' : 'usager'}`
                : `envoi en cours (${b.sent} sur ${b.total})`}
            </li>
          ))}
        </ul>
      </>
    ) : null}

    <h2 class="fr-h4">Lien usager de la démarche</h2>
    <div data-controller="copy">
      <div class="fr-input-group">
        <label class="fr-label" for="public-link">
          Lien à communiquer aux usagers
          <span class="fr-hint-text">Sélectionnez-le pour le copier, ou utilisez le bouton.</span>
        </label>
        <input class="fr-input" id="public-link" type="text" readonly value={publicUrl} data-copy-target="source" />
      </div>
      <button
        type="button"
        class="fr-btn fr-btn--secondary fr-icon-clipboard-line fr-btn--icon-left fr-mb-3w"
        data-copy-target="button"
        data-action="copy#copy"
        hidden
      >
        Copier le lien usager de la démarche
      </button>
    </div>
    <figure class="fr-mb-3w" style="margin-left:0">
      <div style="width:200px" role="img" aria-label={`QR code du lien ${publicUrl}`}>
        {raw(qrSvg)}
      </div>
      <figcaption class="fr-text--sm">QR code du lien, à imprimer sur vos affiches.</figcaption>
    </figure>

    <h2 class="fr-h4">Prévisualiser le formulaire</h2>
    <p>
      <a class="fr-link" href={accompagnementHref(procedure.id, 'apercu')}>
        Voir le formulaire comme l'usager le voit
      </a>{' '}
      (rien n'est enregistré).
    </p>

    <h2 class="fr-h4">Prise de rendez-vous avec les usagers</h2>
    <p>
      {procedure.rdvEnabled
        ? 'La prise de rendez-vous est activée : proposez un rendez-vous depuis l’onglet « Rendez-vous » de chaque dossier.'
        : 'La prise de rendez-vous n’est pas activée sur cette démarche. Ses administrateurs peuvent l’activer : '}
      {procedure.rdvEnabled ? null : (
        <a href={gestionHref(procedure.id, 'administrateurs')}>Administrateurs de la démarche</a>
      )}
    </p>

    <h2 class="fr-h4">Dossiers supprimés</h2>
    <p>
      <a class="fr-link" href={deletedDossiersPath(procedure.id)}>
        Historique des dossiers supprimés
      </a>
    </p>
  </Frame>
);

export const PreviewPage: FC<{ procedure: { id: string; title: string }; children?: Child }> = ({
  procedure,
  children,
}) => (
  <Frame procedure={procedure} title="Prévisualiser le formulaire" sub>
    <SmallAlert kind="info" spacing="fr-mb-3w">
      Aperçu du formulaire tel que l'usager le voit : rien de ce que vous saisissez n'est enregistré. « Mettre à jour
      l'aperçu » affiche les champs que vos réponses font apparaître.
    </SmallAlert>
    {children}
  </Frame>
);
