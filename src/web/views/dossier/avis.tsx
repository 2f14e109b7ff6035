// « Avis externes » (docs/interface.md §3): « Demander un avis » (experts, message, file, yes/no
// question, confidentiel or shared), then every avis asked on the dossier with its answer and
// « Relancer » / « Révoquer ». The avis card is shared with the expert's space.
import type { FC } from 'hono/jsx';
import { canRemind, canRevoke, DEFAULT_AVIS_INTRODUCTION } from '../../../domain/avis.ts';
import type { AvisEntry, ExpertSettingsView } from '../../../queries/avis.ts';
import { formatBytes } from '../../../platform/storage/upload.ts';
import { SmallAlert } from '../components/alert.tsx';
import { Csrf, Input, Upload } from '../form.tsx';
import { frDateTime, isoOf } from './format.ts';
import { filePath } from './links.ts';

export interface AvisRequestForm {
  emails?: string[] | string;
  introduction?: string;
  questionLabel?: string;
  confidentiel?: boolean;
  errors?: Record<string, string> | null;
}

const FileLink: FC<{ f: { id: string; name: string; size: number } }> = ({ f }) => (
  <a class="fr-link fr-link--sm fr-icon-download-line fr-link--icon-left" href={filePath(f.id)} data-turbo="false">
    {f.name} <span class="fr-text--xs">({formatBytes(f.size)})</span>
  </a>
);

const yesNo = (v: boolean | null) => (v === true ? 'Oui' : v === false ? 'Non' : 'pas encore de réponse');

/** One avis: the request, the answer, the files. `actions` adds the instructor's buttons. */
export const AvisCard: FC<{ a: AvisEntry; headingLevel?: 3 | 4; actions?: unknown }> = ({ a, actions }) => (
  <li class="fr-mb-3w fr-p-2w" style="border: 1px solid var(--border-default-grey)" id={`avis-${a.id}`}>
    <h3 class="fr-h6 fr-mb-1w">
      Avis de {a.expertEmail}{' '}
      {a.revokedAt ? (
        <span class="fr-badge fr-badge--sm">révoqué</span>
      ) : a.answeredAt ? (
        <span class="fr-badge fr-badge--sm fr-badge--success">avis donné</span>
      ) : (
        <span class="fr-badge fr-badge--sm fr-badge--new">en attente de réponse</span>
      )}{' '}
      {a.confidentiel ? <span class="fr-badge fr-badge--sm fr-badge--warning">confidentiel</span> : null}
    </h3>
    <p class="fr-text--xs fr-mb-1w">
      Demandé le <time datetime={isoOf(a.createdAt)}>{frDateTime(a.createdAt)}</time>
      {a.claimantEmail ? ` par ${a.claimantEmail}` : ''} ·{' '}
      {a.confidentiel ? 'confidentiel (visible des seuls instructeurs)' : 'partagé avec les autres experts'}
      {a.remindedAt ? (
        <>
          {' '}
          · relancé le <time datetime={isoOf(a.remindedAt)}>{frDateTime(a.remindedAt)}</time>
        </>
      ) : null}
      {a.answeredAt ? (
        <>
          {' '}
          · répondu le <time datetime={isoOf(a.answeredAt)}>{frDateTime(a.answeredAt)}</time>
        </>
      ) : null}
      {a.revokedAt ? (
        <>
          {' '}
          · révoqué le <time datetime={isoOf(a.revokedAt)}>{frDateTime(a.revokedAt)}</time>
        </>
      ) : null}
    </p>
    <p class="fr-text--sm fr-text--bold fr-mb-0">Demande</p>
    <p class="fr-text--sm fr-mb-1w" style="white-space: pre-wrap">
      {a.introduction}
    </p>
    {a.introductionFile ? (
      <p class="fr-text--sm">
        Pièce jointe à la demande : <FileLink f={a.introductionFile} />
      </p>
    ) : null}
    {a.questionLabel ? (
      <p class="fr-text--sm">
        <strong>Question :</strong> {a.questionLabel} — <strong>{yesNo(a.questionAnswer)}</strong>
      </p>
    ) : null}
    <p class="fr-text--sm fr-text--bold fr-mb-0">Avis</p>
    <p class="fr-text--sm" style="white-space: pre-wrap">
      {a.answer ?? "L'expert n'a pas encore rendu son avis."}
    </p>
    {a.files.length ? (
      <ul class="fr-text--sm">
        {a.files.map((f) => (
          <li>
            <FileLink f={f} />
          </li>
        ))}
      </ul>
    ) : null}
    {actions ?? null}
  </li>
);

/** The request form (instructor's tab and expert's « inviter un autre expert »). */
export const AvisRequestFormView: FC<{
  action: string;
  csrf: string;
  settings: ExpertSettingsView;
  form?: AvisRequestForm;
  /** forced confidential (an expert inviting from a confidential avis) */
  forcedConfidentiel?: boolean;
  legend: string;
}> = ({ action, csrf, settings, form, forcedConfidentiel, legend }) => {
  const errors = form?.errors ?? {};
  const typed = Array.isArray(form?.emails) ? form.emails : form?.emails ? [form.emails] : [];
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="fr-mb-4w">
      <Csrf token={csrf} />
      <fieldset class="fr-fieldset" id="demande-avis" aria-labelledby="demande-avis-legend">
        <legend class="fr-fieldset__legend" id="demande-avis-legend">
          {legend}
        </legend>
        <div class="fr-fieldset__element">
          {settings.restricted ? (
            <fieldset
              class={`fr-fieldset${errors.emails ? ' fr-fieldset--error' : ''}`}
              id="avis-experts"
              aria-labelledby={`avis-experts-legend${errors.emails ? ' avis-experts-error' : ''}`}
            >
              <legend class="fr-fieldset__legend fr-text--regular" id="avis-experts-legend">
                Experts à inviter <span aria-hidden="true">*</span>
                <span class="fr-hint-text">L'administrateur de la démarche a défini la liste des experts.</span>
              </legend>
              {settings.listedEmails.length === 0 ? (
                <p class="fr-text--sm">Aucun expert n'est encore inscrit sur la liste de la démarche.</p>
              ) : (
                settings.listedEmails.map((email, i) => (
                  <div class="fr-fieldset__element">
                    <div class="fr-checkbox-group">
                      <input
                        type="checkbox"
                        id={`avis-expert-${i}`}
                        name="emails"
                        value={email}
                        checked={typed.includes(email)}
                      />
                      <label class="fr-label" for={`avis-expert-${i}`}>
                        {email}
                      </label>
                    </div>
                  </div>
                ))
              )}
              {errors.emails ? (
                <div class="fr-messages-group" id="avis-experts-error">
                  <p class="fr-message fr-message--error">{errors.emails}</p>
                </div>
              ) : null}
            </fieldset>
          ) : (
            <div class={`fr-input-group${errors.emails ? ' fr-input-group--error' : ''}`}>
              <label class="fr-label" for="avis-emails">
                Adresses électroniques des experts <span aria-hidden="true">*</span>
                <span class="fr-hint-text" id="avis-emails-hint">
                  Une adresse par expert, séparées par des virgules. Chaque expert reçoit une invitation par e-mail.
                </span>
              </label>
              <input
                class={`fr-input${errors.emails ? ' fr-input--error' : ''}`}
                id="avis-emails"
                name="emails"
                type="text"
                autocomplete="off"
                list={settings.listedEmails.length ? 'avis-emails-list' : undefined}
                value={typed.join(', ')}
                required
                aria-invalid={errors.emails ? 'true' : undefined}
                aria-describedby={`avis-emails-hint${errors.emails ? ' avis-emails-error' : ''}`}
              />
              {settings.listedEmails.length ? (
                <datalist id="avis-emails-list">
                  {settings.listedEmails.map((e) => (
                    <option value={e} />
                  ))}
                </datalist>
              ) : null}
              {errors.emails ? (
                <p class="fr-error-text" id="avis-emails-error">
                  {errors.emails}
                </p>
              ) : null}
            </div>
          )}
        </div>
        <div class="fr-fieldset__element">
          <Input
            id="avis-introduction"
            name="introduction"
            label="Message"
            value={form?.introduction ?? DEFAULT_AVIS_INTRODUCTION}
            error={errors.introduction}
            textarea
          />
        </div>
        <div class="fr-fieldset__element">
          <Upload
            id="avis-file"
            name="file"
            label="Pièce jointe (facultatif)"
            hint="Un fichier de 20 Mo au plus. Formats acceptés : PDF, images, documents bureautiques, texte."
            error={errors.file}
          />
        </div>
        <div class="fr-fieldset__element">
          <Input
            id="avis-question"
            name="questionLabel"
            label="Question à laquelle l'expert répondra par oui ou par non (facultatif)"
            value={form?.questionLabel}
            error={errors.questionLabel}
          />
        </div>
        <div class="fr-fieldset__element">
          {forcedConfidentiel ? (
            <p class="fr-text--sm">Cet avis sera confidentiel, comme le vôtre : visible uniquement des instructeurs.</p>
          ) : (
            <fieldset class="fr-fieldset" id="avis-visibilite" aria-labelledby="avis-visibilite-legend">
              <legend class="fr-fieldset__legend fr-text--regular" id="avis-visibilite-legend">
                Cet avis sera
              </legend>
              <div class="fr-fieldset__element">
                <div class="fr-radio-group">
                  <input type="radio" id="avis-partage" name="confidentiel" value="0" checked={!form?.confidentiel} />
                  <label class="fr-label" for="avis-partage">
                    partagé avec les autres experts
                  </label>
                </div>
              </div>
              <div class="fr-fieldset__element">
                <div class="fr-radio-group">
                  <input
                    type="radio"
                    id="avis-confidentiel"
                    name="confidentiel"
                    value="1"
                    checked={!!form?.confidentiel}
                  />
                  <label class="fr-label" for="avis-confidentiel">
                    confidentiel (visible uniquement des instructeurs)
                  </label>
                </div>
              </div>
            </fieldset>
          )}
        </div>
        <div class="fr-fieldset__element">
          <button type="submit" class="fr-btn">
            Demander un avis
          </button>
        </div>
      </fieldset>
    </form>
  );
};

export const AvisView: FC<{
  avis: AvisEntry[];
  settings: ExpertSettingsView;
  csrf: string;
  /** why no avis may be asked (procedure setting, dossier terminé), or null */
  refusal: string | null;
  requestAction: string;
  remindAction: (avisId: string) => string;
  revokeAction: (avisId: string) => string;
  listTab: string | null;
  now: Date;
  form?: AvisRequestForm;
}> = (p) => (
  <section aria-labelledby="avis-titre">
    <h2 class="fr-h5" id="avis-titre">
      Avis externes ({p.avis.length})
    </h2>
    {p.refusal ? (
      <SmallAlert spacing="fr-mb-3w">{p.refusal}</SmallAlert>
    ) : (
      <AvisRequestFormView
        action={p.requestAction}
        csrf={p.csrf}
        settings={p.settings}
        form={p.form}
        legend="Demander un avis"
      />
    )}
    {p.avis.length === 0 ? (
      <p>Aucun avis n'a été demandé sur ce dossier.</p>
    ) : (
      <ul style="list-style: none; padding-left: 0" aria-label="Avis demandés, du plus récent au plus ancien">
        {p.avis.map((a) => (
          <AvisCard
            a={a}
            actions={
              canRemind(a, p.now) || canRevoke(a) ? (
                <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                  {canRemind(a, p.now) ? (
                    <li>
                      <form method="post" action={p.remindAction(a.id)}>
                        <Csrf token={p.csrf} />
                        <input type="hidden" name="tab" value={p.listTab ?? ''} />
                        <button
                          type="submit"
                          class="fr-btn fr-btn--secondary fr-btn--sm"
                          title={`Relancer ${a.expertEmail}`}
                        >
                          Relancer
                        </button>
                      </form>
                    </li>
                  ) : null}
                  {canRevoke(a) ? (
                    <li>
                      <form method="post" action={p.revokeAction(a.id)}>
                        <Csrf token={p.csrf} />
                        <input type="hidden" name="tab" value={p.listTab ?? ''} />
                        <button
                          type="submit"
                          class="fr-btn fr-btn--tertiary fr-btn--sm"
                          title={`Révoquer l'avis de ${a.expertEmail}`}
                        >
                          Révoquer
                        </button>
                      </form>
                    </li>
                  ) : null}
                </ul>
              ) : null
            }
          />
        ))}
      </ul>
    )}
  </section>
);
