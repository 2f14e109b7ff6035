// « Messagerie »: the thread, newest first, and the form of a new message (text required, up to 10
// files of 20 MB). Read marks (« lu »), « en attente de réponse », the correction a message carries,
// and « Supprimer » for one's own messages. Shared by the instructor's tab and the usager's page.
import type { FC } from 'hono/jsx';
import type { CorrectionReason } from '../../../domain/dossier-state.ts';
import { DELETED_MESSAGE, MAX_MESSAGE_FILES } from '../../../domain/messages.ts';
import type { MessageItem } from '../../../queries/dossier-page.ts';
import { formatBytes } from '../../../platform/storage/upload.ts';
import { Csrf } from '../form.tsx';
import { frDateTime, isoOf } from './format.ts';
import { filePath } from './links.ts';
import { SmallAlert } from '../components/alert.tsx';
import { OnceField } from '../components/once-field.tsx';

const REASONS: Record<CorrectionReason, string> = {
  incorrect: 'informations incorrectes',
  incomplete: 'dossier incomplet',
  outdated: 'pièce ou information périmée',
};

export interface MessagerieProps {
  viewer: 'instructeur' | 'usager';
  viewerUserId: string;
  messages: MessageItem[];
  csrf: string;
  /** POST target of a new message */
  postAction: string;
  /** POST target of « Supprimer » for a message */
  deleteAction?: (messageId: string) => string;
  /** null = posting allowed; else why not (shown instead of the form) */
  disabledReason: string | null;
  /** instructors: offer « en attente de réponse » (none pending); left out: not offered (experts) */
  canAwaitResponse?: boolean;
  /** messages newer than this are marked « nouveau » */
  seenAt?: Date | null;
  form?: { body?: string; awaitingResponse?: boolean; errors?: Record<string, string> | null };
  lockVersion?: number;
}

function authorLabel(m: MessageItem, viewer: 'instructeur' | 'usager', viewerUserId: string): string {
  if (m.authorId && m.authorId === viewerUserId) return 'Vous';
  if (m.authorKind === 'system') return 'Guichet (message automatique)';
  if (m.authorKind === 'usager') return viewer === 'usager' ? m.authorEmail : `Usager (${m.authorEmail})`;
  if (m.authorKind === 'expert') return `Expert (${m.authorEmail})`;
  return viewer === 'usager' ? `Instructeur (${m.authorEmail})` : `Instructeur ${m.authorEmail}`;
}

const MessageCard: FC<{ m: MessageItem; p: MessagerieProps }> = ({ m, p }) => {
  const mine = m.authorId !== null && m.authorId === p.viewerUserId;
  const fromAdministration = m.authorKind === 'instructeur' || m.authorKind === 'expert';
  const sentByMySide = p.viewer === 'usager' ? m.authorKind === 'usager' : fromAdministration;
  const isNew = !mine && p.seenAt && m.createdAt.getTime() > p.seenAt.getTime();
  return (
    <li
      class="fr-mb-3w fr-p-2w"
      style={`border: 1px solid var(--border-default-grey);${m.authorKind === 'system' ? ' background: var(--background-alt-grey);' : ''}`}
    >
      <article aria-label={`Message de ${authorLabel(m, p.viewer, p.viewerUserId)} du ${frDateTime(m.createdAt)}`}>
        <p class="fr-text--sm fr-mb-1w">
          <strong>{authorLabel(m, p.viewer, p.viewerUserId)}</strong> ·{' '}
          <time datetime={isoOf(m.createdAt)}>{frDateTime(m.createdAt)}</time>
          {isNew ? <span class="fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon fr-ml-1w">nouveau</span> : null}
        </p>
        {m.correction ? (
          <p class="fr-badge fr-badge--sm fr-badge--warning fr-mb-1w">
            Demande de correction ({REASONS[m.correction.reason]}){' '}
            {m.correction.resolvedAt ? '— résolue' : '— en attente'}
          </p>
        ) : null}
        {m.discardedAt ? (
          <p class="fr-text--sm fr-mb-0" style="font-style: italic">
            {DELETED_MESSAGE} le {frDateTime(m.discardedAt)}
          </p>
        ) : (
          <p class="fr-mb-1w" style="white-space: pre-wrap; overflow-wrap: anywhere">
            {m.body}
          </p>
        )}
        {!m.discardedAt && m.files.length ? (
          <ul class="fr-mb-1w">
            {m.files.map((f) => (
              <li>
                <a
                  class="fr-link fr-link--sm fr-icon-attachment-line fr-link--icon-left"
                  href={filePath(f.id)}
                  data-turbo="false"
                >
                  {f.name}
                </a>{' '}
                <span class="fr-text--xs">({formatBytes(f.size)})</span>
              </li>
            ))}
          </ul>
        ) : null}
        <ul class="fr-badges-group fr-mb-0">
          {sentByMySide && !m.discardedAt && m.authorKind !== 'system' ? (
            <li>
              {m.seenByRecipientAt ? (
                <p class="fr-badge fr-badge--sm fr-badge--success" title={`Lu le ${frDateTime(m.seenByRecipientAt)}`}>
                  Lu<span class="fr-sr-only"> le {frDateTime(m.seenByRecipientAt)}</span>
                </p>
              ) : (
                <p class="fr-badge fr-badge--sm fr-badge--no-icon">Envoyé</p>
              )}
            </li>
          ) : null}
          {m.awaitingResponse && !m.discardedAt ? (
            <li>
              <p class={`fr-badge fr-badge--sm ${m.respondedAt ? 'fr-badge--success' : 'fr-badge--info'}`}>
                {m.respondedAt ? 'Réponse reçue' : 'En attente de réponse'}
              </p>
            </li>
          ) : null}
        </ul>
        {mine && !m.discardedAt && p.deleteAction && (m.authorKind === 'instructeur' || m.authorKind === 'expert') ? (
          <form method="post" action={p.deleteAction(m.id)} class="fr-mt-1w">
            <Csrf token={p.csrf} />
            <button
              type="submit"
              class="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-icon-delete-line fr-btn--icon-left"
            >
              Supprimer ce message
            </button>
          </form>
        ) : null}
      </article>
    </li>
  );
};

export const MessagerieView: FC<MessagerieProps> = (p) => {
  const errors = p.form?.errors ?? {};
  return (
    <section aria-labelledby="messagerie-titre">
      <h2 class="fr-h5" id="messagerie-titre">
        Messagerie
      </h2>
      {p.disabledReason ? (
        <SmallAlert spacing="fr-mb-3w">{p.disabledReason}. Vous pouvez consulter les messages échangés.</SmallAlert>
      ) : (
        <form method="post" action={p.postAction} enctype="multipart/form-data" class="fr-mb-4w">
          <Csrf token={p.csrf} />
          <OnceField />
          <fieldset class="fr-fieldset" id="nouveau-message" aria-labelledby="nouveau-message-legend">
            <legend class="fr-fieldset__legend" id="nouveau-message-legend">
              Nouveau message
            </legend>
            <div class="fr-fieldset__element">
              <div class={`fr-input-group${errors.body ? ' fr-input-group--error' : ''}`}>
                <label class="fr-label" for="message-body">
                  Votre message <span aria-hidden="true">*</span>
                  <span class="fr-hint-text">Un texte est obligatoire, même pour envoyer une pièce jointe.</span>
                </label>
                <textarea
                  class={`fr-input${errors.body ? ' fr-input--error' : ''}`}
                  id="message-body"
                  name="body"
                  rows={5}
                  required
                  aria-invalid={errors.body ? 'true' : undefined}
                  aria-describedby={errors.body ? 'message-body-error' : undefined}
                >
                  {p.form?.body ?? ''}
                </textarea>
                {errors.body ? (
                  <p class="fr-error-text" id="message-body-error">
                    {errors.body}
                  </p>
                ) : null}
              </div>
            </div>
            <div class="fr-fieldset__element">
              <div class={`fr-upload-group${errors.files ? ' fr-upload-group--error' : ''}`}>
                <label class="fr-label" for="message-files">
                  Pièces jointes (facultatif)
                  <span class="fr-hint-text">
                    {MAX_MESSAGE_FILES} fichiers au plus, de 20 Mo chacun au plus. Formats acceptés : PDF, images,
                    documents bureautiques, texte.
                  </span>
                </label>
                <input
                  class="fr-upload"
                  type="file"
                  id="message-files"
                  name="files"
                  multiple
                  aria-describedby={errors.files ? 'message-files-error' : undefined}
                />
                {errors.files ? (
                  <p class="fr-error-text" id="message-files-error">
                    {errors.files}
                  </p>
                ) : null}
              </div>
            </div>
            {p.viewer === 'instructeur' && p.canAwaitResponse !== undefined ? (
              <div class="fr-fieldset__element">
                <div class={`fr-checkbox-group${errors.awaitingResponse ? ' fr-checkbox-group--error' : ''}`}>
                  <input
                    type="checkbox"
                    id="message-awaiting"
                    name="awaitingResponse"
                    value="1"
                    checked={!!p.form?.awaitingResponse}
                    disabled={!p.canAwaitResponse}
                    aria-describedby="message-awaiting-hint"
                  />
                  <label class="fr-label" for="message-awaiting">
                    Marquer « en attente de réponse »
                    <span class="fr-hint-text" id="message-awaiting-hint">
                      {p.canAwaitResponse
                        ? "Le dossier signalera qu'une réponse de l'usager est attendue."
                        : 'Une réponse de l’usager est déjà attendue sur ce dossier.'}
                    </span>
                  </label>
                  {errors.awaitingResponse ? <p class="fr-error-text">{errors.awaitingResponse}</p> : null}
                </div>
              </div>
            ) : null}
            <div class="fr-fieldset__element">
              <button type="submit" class="fr-btn fr-icon-send-plane-line fr-btn--icon-left">
                Envoyer le message
              </button>
            </div>
          </fieldset>
        </form>
      )}
      {p.messages.length === 0 ? (
        <p>Aucun message pour l'instant.</p>
      ) : (
        <ul style="list-style: none; padding-left: 0" aria-label="Messages, du plus récent au plus ancien">
          {p.messages.map((m) => (
            <MessageCard m={m} p={p} />
          ))}
        </ul>
      )}
    </section>
  );
};
