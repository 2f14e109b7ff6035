// The usager's side (docs/interface.md §3): « Mes dossiers », and his dossier: state, the correction
// requested with a way to edit and resubmit, the decision with its motivation, justificatif and
// attestation, the messagerie, what he filed and the history.
import type { Child, FC } from 'hono/jsx';
import { STATE_LABELS, isTermine } from '../../../domain/dossier-state.ts';
import type { ChampsMap, FieldDef } from '../../../domain/fields/index.ts';
import type { UsagerDossierPage } from '../../../queries/dossier-page.ts';
import type { ReferentialOptions } from '../../../domain/fields/referentials.ts';
import { Csrf, ErrorSummary } from '../form.tsx';
import { ChampsView, CORRECTION_REASON_LABELS, HistoryTable } from './demande.tsx';
import { conditionsData, FieldInputs } from './field-inputs.tsx';
import { UploadProgress, uploadData } from './upload-progress.tsx';
import { frDate, frDateTime, isoOf } from './format.ts';
import { TestDossierBadge } from '../components/test-badge.tsx';
import { DossierStateBadge } from './layout.tsx';
import { filePath, usagerDossierPath } from './links.ts';
import { MessagerieView } from './messagerie.tsx';
import { Breadcrumb } from '../breadcrumb.tsx';
import { AideMenu, DepotContact } from '../usager/contact.tsx';

const DECISION_TEXT: Record<string, string> = {
  accepte: 'Votre dossier a été accepté',
  refuse: 'Votre dossier a été refusé',
  sans_suite: 'Votre dossier a été classé sans suite',
};

const Decision: FC<{ d: UsagerDossierPage; attestationExpected: boolean }> = ({ d, attestationExpected }) => {
  if (!isTermine(d.state)) return null;
  const kind = d.state === 'accepte' ? 'success' : d.state === 'refuse' ? 'error' : 'info';
  return (
    <section class={`fr-alert fr-alert--${kind} fr-mb-4w`} aria-labelledby="decision-titre">
      <h2 class="fr-alert__title" id="decision-titre">
        {DECISION_TEXT[d.state]}
        {d.processed_at ? ` le ${frDate(d.processed_at)}` : ''}
      </h2>
      {d.motivation ? (
        <>
          <p class="fr-text--bold fr-mb-0">Motivation de la décision</p>
          <p style="white-space: pre-wrap">{d.motivation}</p>
        </>
      ) : null}
      {d.justificatifs.length ? (
        <p>
          Justificatif :{' '}
          {d.justificatifs.map((f) => (
            <a class="fr-link fr-icon-download-line fr-link--icon-left" href={filePath(f.id)} data-turbo="false">
              {f.name}
            </a>
          ))}
        </p>
      ) : null}
      {d.attestation || attestationExpected ? (
        <p>
          <a
            class="fr-btn fr-btn--sm fr-icon-download-line fr-btn--icon-left"
            href={usagerDossierPath(d.id, 'attestation')}
            data-turbo="false"
          >
            Télécharger l'attestation
          </a>
        </p>
      ) : null}
    </section>
  );
};

export const UsagerDossierView: FC<{
  d: UsagerDossierPage;
  userId: string;
  csrf: string;
  canEdit: boolean;
  messagingDisabled: string | null;
  attestationExpected: boolean;
  messageForm?: { body?: string; errors?: Record<string, string> | null };
  rendezVous?: Child;
  /** the people invited to modify the dossier, « Supprimer le dossier » */
  usagerActions?: Child;
  /** reached right after « Déposer le dossier »: the group's contact is shown */
  justDeposited?: boolean;
}> = ({
  d,
  userId,
  csrf,
  canEdit,
  messagingDisabled,
  attestationExpected,
  messageForm,
  rendezVous,
  usagerActions,
  justDeposited,
}) => (
  <>
    <Breadcrumb
      class="fr-mt-0 fr-mb-2w"
      items={[{ label: 'Mes dossiers', href: '/dossiers' }, { label: `Dossier nº ${d.id}` }]}
    />
    <h1 class="fr-h3 fr-mb-1w">Dossier nº {d.id}</h1>
    <p class="fr-mb-1w">
      {d.procedureTitle}
      {d.serviceName ? ` · ${d.serviceName}` : ''}
    </p>
    <ul class="fr-badges-group fr-mb-3w" aria-label="État du dossier">
      <li>
        <DossierStateBadge state={d.state} />
      </li>
      {d.isTest ? (
        <li>
          <TestDossierBadge />
        </li>
      ) : null}
      {d.pendingCorrection ? (
        <li>
          <p class="fr-badge fr-badge--warning">correction demandée</p>
        </li>
      ) : null}
    </ul>
    <AideMenu contact={d.groupeContact} procedureEmail={d.contactEmail} />
    {justDeposited && d.groupeContact ? <DepotContact contact={d.groupeContact} /> : null}
    <nav aria-label="Sur cette page" class="fr-mb-3w">
      <ul class="fr-links-group fr-links-group--inline" style="list-style: none; padding-left: 0">
        <li>
          <a class="fr-link fr-link--sm" href="#messagerie-titre">
            Messagerie
          </a>
        </li>
        <li>
          <a class="fr-link fr-link--sm" href="#mon-dossier-titre">
            Mon dossier
          </a>
        </li>
        <li>
          <a class="fr-link fr-link--sm" href="#historique-titre">
            Historique
          </a>
        </li>
      </ul>
    </nav>
    <Decision d={d} attestationExpected={attestationExpected} />
    {d.pendingCorrection ? (
      <section class="fr-alert fr-alert--warning fr-mb-4w" aria-labelledby="correction-titre">
        <h2 class="fr-alert__title" id="correction-titre">
          L'administration vous demande de corriger votre dossier
        </h2>
        <p class="fr-text--sm fr-mb-1w">
          Demande du{' '}
          <time datetime={isoOf(d.pendingCorrection.createdAt)}>{frDateTime(d.pendingCorrection.createdAt)}</time> —{' '}
          {CORRECTION_REASON_LABELS[d.pendingCorrection.reason]}
        </p>
        <p style="white-space: pre-wrap">{d.pendingCorrection.message}</p>
        {canEdit ? (
          <p>
            <a class="fr-btn fr-icon-edit-line fr-btn--icon-left" href={usagerDossierPath(d.id, 'modifier')}>
              Corriger mon dossier
            </a>
          </p>
        ) : null}
      </section>
    ) : canEdit ? (
      <div class="fr-callout fr-mb-4w">
        <p class="fr-callout__text">
          Votre dossier est en construction : vous pouvez encore le modifier tant que l'administration ne l'a pas passé
          en instruction.
        </p>
        <a
          class="fr-btn fr-btn--secondary fr-icon-edit-line fr-btn--icon-left"
          href={usagerDossierPath(d.id, 'modifier')}
        >
          Modifier mon dossier
        </a>
      </div>
    ) : d.state === 'en_instruction' ? (
      <div class="fr-callout fr-mb-4w">
        <p class="fr-callout__text">
          Votre dossier est en cours d'instruction par l'administration : il ne peut plus être modifié. Vous pouvez
          échanger avec l'administration par la messagerie.
        </p>
      </div>
    ) : null}
    {rendezVous ?? null}
    <MessagerieView
      viewer="usager"
      viewerUserId={userId}
      messages={d.messages}
      csrf={csrf}
      postAction={usagerDossierPath(d.id, 'messagerie')}
      disabledReason={messagingDisabled}
      form={messageForm}
    />
    <section class="fr-mt-4w" aria-labelledby="mon-dossier-titre">
      <h2 class="fr-h4" id="mon-dossier-titre">
        Mon dossier
      </h2>
      <p class="fr-text--sm">
        Déposé le {frDate(d.depose_at)} · état : {STATE_LABELS[d.state]}
      </p>
      <ChampsView defs={d.fields} champs={d.champs} headingLevel={3} />
    </section>
    {usagerActions ?? null}
    <HistoryTable history={d.history} hideInstructorEmails />
  </>
);

export const UsagerEditView: FC<{
  d: UsagerDossierPage;
  csrf: string;
  defs: FieldDef[];
  values: Record<string, unknown>;
  visible: FieldDef[];
  stored: ChampsMap;
  errors?: Record<string, string> | null;
  uploadMaxBytes: number;
  /** the entries of the short lists' selects (referentialOptionsFor) */
  referentials: ReferentialOptions;
}> = ({ d, csrf, defs, values, visible, stored, errors, uploadMaxBytes, referentials }) => (
  <div class="fr-grid-row fr-grid-row--center">
    <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
      <Breadcrumb
        class="fr-mt-0 fr-mb-2w"
        items={[
          { label: 'Mes dossiers', href: '/dossiers' },
          { label: `Dossier nº ${d.id}`, href: usagerDossierPath(d.id) },
          { label: 'Modifier' },
        ]}
      />
      <h1 class="fr-h3">Modifier le dossier nº {d.id}</h1>
      <p class="fr-text--sm">{d.procedureTitle}</p>
      {d.pendingCorrection ? (
        <div class="fr-alert fr-alert--warning fr-mb-3w">
          <h2 class="fr-alert__title">Correction demandée : {CORRECTION_REASON_LABELS[d.pendingCorrection.reason]}</h2>
          <p style="white-space: pre-wrap">{d.pendingCorrection.message}</p>
        </div>
      ) : null}
      <p class="fr-text--sm">
        Les champs marqués d'un astérisque (<span aria-hidden="true">*</span>
        <span class="fr-sr-only">astérisque</span>) sont obligatoires. Vos modifications sont transmises à
        l'administration quand vous cliquez sur « Déposer les modifications ».
      </p>
      <ErrorSummary errors={errors} title="Vos modifications n'ont pas été déposées" />
      <form
        method="post"
        action={usagerDossierPath(d.id, 'modifier')}
        enctype="multipart/form-data"
        novalidate
        {...conditionsData(defs)}
        {...uploadData(uploadMaxBytes)}
        data-controller="conditions upload"
        data-action="input->conditions#update change->conditions#update change->upload#check submit->upload#submit"
      >
        <Csrf token={csrf} />
        <input type="hidden" name="lockVersion" value={String(d.lockVersion)} />
        {/* default button of the form (Entrée dans un champ): deposit, not « ajouter une ligne » */}
        <button type="submit" name="_submit" value="deposer" class="fr-sr-only" tabindex={-1}>
          Déposer les modifications
        </button>
        <FieldInputs
          defs={defs}
          values={values}
          visible={visible}
          stored={stored}
          errors={errors ?? undefined}
          live
          referentials={referentials}
        />
        <UploadProgress />
        <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
          <li>
            <button type="submit" class="fr-btn" name="_submit" value="deposer">
              Déposer les modifications
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={usagerDossierPath(d.id)}>
              Annuler
            </a>
          </li>
        </ul>
      </form>
    </div>
  </div>
);
