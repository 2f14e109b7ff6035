// The pages an action opens before it is applied (docs/interface.md §3B–§3C): « Demander une correction » (message
// + reason), the three decisions (motivation, justificatif, attestation preview, « Valider la
// décision ») and the confirmations of « Repasser en construction » and « Repasser en instruction »
// (with the four-month warning). Plain forms: they work without JavaScript.
import type { FC } from 'hono/jsx';
import { ACTION_LABELS, type DossierAction, STATE_LABELS } from '../../../domain/dossier-state.ts';
import type { Tab } from '../../../domain/tabs.ts';
import type { DossierHeader } from '../../../queries/dossier-header.ts';
import { Csrf, ErrorSummary, Input, Upload } from '../form.tsx';
import { CORRECTION_REASON_LABELS, CORRECTION_REASONS } from './demande.tsx';
import { frDate } from './format.ts';
import { actionStepPath, dossierPath, dossierTabPath } from './links.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { OnceField } from '../components/once-field.tsx';

const StepFrame: FC<{ h: DossierHeader; title: string; listTab?: Tab | null; children?: unknown }> = ({
  h,
  title,
  listTab,
  children,
}) => (
  <div class="fr-grid-row fr-grid-row--center">
    <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
      <Breadcrumb
        class="fr-mt-0 fr-mb-2w"
        items={[
          { label: 'Démarches', href: '/instructeur/procedures' },
          { label: `Dossier nº ${h.id}`, href: dossierPath(h.id, '', listTab) },
          { label: title },
        ]}
      />
      <h1 class="fr-h3">{title}</h1>
      <p class="fr-text--sm">
        {h.procedureTitle} · dossier nº {h.id} · état actuel : {STATE_LABELS[h.state]}
        {h.facts.pending_correction ? ' · en attente de correction' : ''}
      </p>
      {children as never}
    </div>
  </div>
);

const Hidden: FC<{ h: DossierHeader; csrf: string; listTab?: Tab | null }> = ({ h, csrf, listTab }) => (
  <>
    <Csrf token={csrf} />
    <OnceField />
    <input type="hidden" name="lockVersion" value={String(h.lockVersion)} />
    {listTab ? <input type="hidden" name="tab" value={listTab} /> : null}
  </>
);

/** The step's submit button and « Annuler et revenir au dossier ». */
const SubmitOrCancel: FC<{ h: DossierHeader; listTab?: Tab | null; label: string }> = ({ h, listTab, label }) => (
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li>
      <button type="submit" class="fr-btn">
        {label}
      </button>
    </li>
    <li>
      <a class="fr-btn fr-btn--secondary" href={dossierPath(h.id, '', listTab)}>
        Annuler et revenir au dossier
      </a>
    </li>
  </ul>
);

export const CorrectionPage: FC<{
  h: DossierHeader;
  csrf: string;
  listTab?: Tab | null;
  values?: { message?: string; reason?: string };
  errors?: Record<string, string> | null;
}> = ({ h, csrf, listTab, values, errors }) => (
  <StepFrame h={h} title={`Demander une correction — dossier nº ${h.id}`} listTab={listTab}>
    <p>
      Expliquez clairement à l'usager ce qu'il doit modifier.{' '}
      {h.state === 'en_instruction'
        ? 'Le dossier repassera « en construction » '
        : 'Le dossier reste « en construction » '}
      et portera la mention « en attente » jusqu'à ce que l'usager dépose ses modifications.
    </p>
    <ErrorSummary errors={errors} title="La demande de correction n'a pas été envoyée" />
    <form method="post" action={actionStepPath(h.id, 'demander_correction')}>
      <Hidden h={h} csrf={csrf} listTab={listTab} />
      <fieldset
        class={`fr-fieldset${errors?.correctionReason ? ' fr-fieldset--error' : ''}`}
        id="motif"
        aria-labelledby="motif-legend"
      >
        <legend class="fr-fieldset__legend" id="motif-legend">
          Motif de la correction
        </legend>
        {CORRECTION_REASONS.map((r) => (
          <div class="fr-fieldset__element">
            <div class="fr-radio-group">
              <input
                type="radio"
                id={`motif-${r}`}
                name="correctionReason"
                value={r}
                checked={(values?.reason ?? 'incorrect') === r}
              />
              <label class="fr-label" for={`motif-${r}`}>
                {CORRECTION_REASON_LABELS[r]}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <Input
        id="correction-message"
        name="correctionMessage"
        label="Message à l'usager"
        hint="Il est envoyé dans la messagerie du dossier ; l'usager en est averti par e-mail."
        value={values?.message}
        error={errors?.correctionMessage}
        required
        textarea
        rows={6}
      />
      <SubmitOrCancel h={h} listTab={listTab} label="Demander une correction" />
    </form>
  </StepFrame>
);

const DECISION_TITLES: Record<string, string> = {
  accepter: 'Accepter le dossier',
  refuser: 'Refuser le dossier',
  classer_sans_suite: 'Classer le dossier sans suite',
};

export const DecisionPage: FC<{
  h: DossierHeader;
  action: 'accepter' | 'refuser' | 'classer_sans_suite';
  csrf: string;
  listTab?: Tab | null;
  values?: { motivation?: string };
  errors?: Record<string, string> | null;
  /** labels of the visible mandatory private annotations still empty: said first */
  emptyAnnotations?: string[];
}> = ({ h, action, csrf, listTab, values, errors, emptyAnnotations = [] }) => {
  const required = action !== 'accepter';
  // the attestation of the decision taken, from the administrator's template (acceptance or refusal)
  const preview =
    (action === 'accepter' && h.attestationActive) || (action === 'refuser' && h.refusalAttestationActive);
  return (
    <StepFrame h={h} title={`${DECISION_TITLES[action]} nº ${h.id}`} listTab={listTab}>
      {emptyAnnotations.length ? (
        <div class="fr-alert fr-alert--warning fr-mb-3w">
          <h2 class="fr-alert__title">Des annotations privées obligatoires sont vides</h2>
          <p>
            Remplissez-les avant de statuer : {emptyAnnotations.map((l) => `« ${l} »`).join(', ')}.{' '}
            <a class="fr-link" href={dossierTabPath(h.id, 'annotations', listTab)}>
              Remplir les annotations privées
            </a>
          </p>
        </div>
      ) : null}
      <p>
        {required
          ? "La motivation est obligatoire : l'usager la lira dans son dossier et dans l'e-mail qui lui annonce la décision."
          : "La motivation est facultative : si vous en rédigez une, l'usager la lira dans son dossier."}{' '}
        Vous pouvez joindre un justificatif à la décision.
      </p>
      <ErrorSummary errors={errors} title="La décision n'a pas été enregistrée" />
      <form method="post" action={actionStepPath(h.id, action)} enctype="multipart/form-data">
        <Hidden h={h} csrf={csrf} listTab={listTab} />
        <div class={`fr-input-group${errors?.motivation ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for="motivation">
            Motivation{required ? <span aria-hidden="true"> *</span> : ' (facultative)'}
            {required ? <span class="fr-sr-only"> (obligatoire)</span> : null}
          </label>
          <textarea
            class={`fr-input${errors?.motivation ? ' fr-input--error' : ''}`}
            id="motivation"
            name="motivation"
            rows={6}
            required={required}
            aria-invalid={errors?.motivation ? 'true' : undefined}
            aria-describedby={errors?.motivation ? 'motivation-error' : undefined}
          >
            {values?.motivation ?? ''}
          </textarea>
          {errors?.motivation ? (
            <p class="fr-error-text" id="motivation-error">
              {errors.motivation}
            </p>
          ) : null}
        </div>
        <Upload
          class="fr-mb-3w"
          id="justificatif"
          name="justificatif"
          label="Justificatif (facultatif)"
          hint="Un fichier de 20 Mo au plus. Formats acceptés : PDF, images, documents bureautiques."
          error={errors?.justificatif}
        />
        {preview ? (
          <div class="fr-callout fr-mb-3w">
            <p class="fr-callout__text fr-text--sm">
              Une attestation sera envoyée à l'usager avec la décision. Prévisualisez-la avec la motivation saisie avant
              de valider (elle s'ouvre dans un nouvel onglet ; rien n'est enregistré).
            </p>
            <button
              type="submit"
              class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-eye-line fr-btn--icon-left"
              formaction={dossierPath(h.id, action === 'refuser' ? 'attestation/apercu-refus' : 'attestation/apercu')}
              formmethod="get"
              formtarget="_blank"
              formnovalidate
              data-turbo="false"
              data-controller="attestation-preview"
              data-action="attestation-preview#open"
            >
              Prévisualiser l'attestation
            </button>
          </div>
        ) : null}
        <SubmitOrCancel h={h} listTab={listTab} label="Valider la décision" />
      </form>
    </StepFrame>
  );
};

export const ConfirmPage: FC<{
  h: DossierHeader;
  action: DossierAction;
  csrf: string;
  listTab?: Tab | null;
  warning?: string | null;
  /** « Mettre à la corbeille »: when the dossier would be deleted for good (null: not before its restoration) */
  purgeAt?: Date | null;
  error?: string | null;
}> = ({ h, action, csrf, listTab, warning, purgeAt, error }) => {
  const title = `${ACTION_LABELS[action]} — dossier nº ${h.id}`;
  const text =
    action === 'repasser_en_construction'
      ? "Le dossier redeviendra modifiable par l'usager. Aucun e-mail ne lui est envoyé : pour lui demander des modifications précises, utilisez plutôt « Demander une correction »."
      : action === 'supprimer'
        ? `Le dossier ne pourra plus être ouvert ni instruit : il restera dans l'onglet « corbeille » de la démarche, d'où vous pourrez le restaurer. ${
            purgeAt
              ? `Sans restauration, il sera supprimé définitivement le ${frDate(purgeAt)}.`
              : "Il n'y sera pas supprimé définitivement tant qu'il n'est pas restauré."
          }`
        : `La décision (${STATE_LABELS[h.state]}${h.facts.processed_at ? ` le ${frDate(h.facts.processed_at)}` : ''}) sera annulée${h.hasAttestation ? ' et son attestation supprimée' : ''} ; l'usager en est averti par e-mail.`;
  const button =
    action === 'repasser_en_construction'
      ? 'Valider et repasser en construction'
      : action === 'supprimer'
        ? 'Valider et mettre à la corbeille'
        : 'Valider et repasser en instruction';
  return (
    <StepFrame h={h} title={title} listTab={listTab}>
      {warning ? (
        <div class="fr-alert fr-alert--warning fr-mb-3w">
          <h2 class="fr-alert__title">Attention : décision de plus de quatre mois</h2>
          <p>{warning} Revenir sur cette décision peut exposer l'administration à des recours de l'usager.</p>
        </div>
      ) : null}
      {error ? (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <p>{text}</p>
      <form method="post" action={actionStepPath(h.id, action)}>
        <Hidden h={h} csrf={csrf} listTab={listTab} />
        <SubmitOrCancel h={h} listTab={listTab} label={button} />
      </form>
    </StepFrame>
  );
};
