// The expert's space (docs/interface.md §5): his avis by procedure (« à donner », « donnés »), and a
// dossier read-only with his answer form, the avis he may see, the messagerie when the procedure
// allows it and « Inviter un autre expert » when it allows that. Never the annotations privées.
import type { Child, FC } from 'hono/jsx';
import { canAnswer } from '../../../domain/avis.ts';
import { STATE_LABELS } from '../../../domain/dossier-state.ts';
import type { AvisEntry, ExpertDossier, ExpertProcedure, ExpertAvisRow } from '../../../queries/avis.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { Table } from '../components/table.tsx';
import { SmallAlert } from '../components/alert.tsx';
import { Csrf } from '../form.tsx';
import { AvisCard, AvisRequestFormView, type AvisRequestForm } from '../dossier/avis.tsx';
import { ChampsView } from '../dossier/demande.tsx';
import { frDateTime, isoOf } from '../dossier/format.ts';
import { DossierStateBadge } from '../dossier/layout.tsx';

export function expertDossierPath(id: string, sub = ''): string {
  return `/expert/dossiers/${id}${sub ? `/${sub}` : ''}`;
}

const AvisTable: FC<{ caption: string; rows: ExpertAvisRow[]; empty: string }> = ({ caption, rows, empty }) =>
  rows.length === 0 ? (
    <p class="fr-text--sm">{empty}</p>
  ) : (
    <Table modifiers="fr-table--sm" caption={caption}>
      <thead>
        <tr>
          <th scope="col">Dossier</th>
          <th scope="col">Demandeur</th>
          <th scope="col">État</th>
          <th scope="col">Demandé le</th>
          <th scope="col">Question</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              <a class="fr-link" href={expertDossierPath(r.dossierId)}>
                Dossier nº {r.dossierId}
              </a>
            </td>
            <td>{r.usager}</td>
            <td>{STATE_LABELS[r.state]}</td>
            <td>
              <time datetime={isoOf(r.createdAt)}>{frDateTime(r.createdAt)}</time>
            </td>
            <td>{r.questionLabel ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );

export const ExpertAvisListView: FC<{ procedures: ExpertProcedure[] }> = ({ procedures }) => (
  <>
    <h1>Avis</h1>
    {procedures.length === 0 ? (
      <p>Aucun avis ne vous est demandé pour l'instant.</p>
    ) : (
      procedures.map((p) => (
        <section class="fr-mb-6w" aria-labelledby={`procedure-${p.id}`}>
          <h2 class="fr-h4" id={`procedure-${p.id}`}>
            {p.title}
          </h2>
          <h3 class="fr-h6">Avis à donner ({p.aDonner.length})</h3>
          <AvisTable caption={`Avis à donner — ${p.title}`} rows={p.aDonner} empty="Aucun avis à donner." />
          <h3 class="fr-h6">Avis donnés ({p.donnes.length})</h3>
          <AvisTable caption={`Avis donnés — ${p.title}`} rows={p.donnes} empty="Aucun avis donné." />
        </section>
      ))
    )}
  </>
);

export interface AnswerForm {
  avisId: string;
  answer?: string;
  questionAnswer?: boolean | null;
  errors?: Record<string, string> | null;
}

const AnswerFormView: FC<{ a: AvisEntry; dossierId: string; csrf: string; form?: AnswerForm }> = ({
  a,
  dossierId,
  csrf,
  form,
}) => {
  const f = form?.avisId === a.id ? form : undefined;
  const errors = f?.errors ?? {};
  const answer = f?.answer ?? a.answer ?? '';
  const qa = f ? f.questionAnswer : a.questionAnswer;
  const id = `avis-${a.id}`;
  return (
    <form method="post" action={expertDossierPath(dossierId, `avis/${a.id}`)} enctype="multipart/form-data">
      <Csrf token={csrf} />
      <fieldset class="fr-fieldset" id={`${id}-form`} aria-labelledby={`${id}-form-legend`}>
        <legend class="fr-fieldset__legend" id={`${id}-form-legend`}>
          {a.answeredAt ? 'Modifier mon avis' : 'Donner mon avis'}
        </legend>
        {a.questionLabel ? (
          <div class="fr-fieldset__element">
            <fieldset
              class={`fr-fieldset${errors.questionAnswer ? ' fr-fieldset--error' : ''}`}
              id={`${id}-question`}
              aria-labelledby={`${id}-question-legend${errors.questionAnswer ? ` ${id}-question-error` : ''}`}
            >
              <legend class="fr-fieldset__legend fr-text--regular" id={`${id}-question-legend`}>
                {a.questionLabel} <span aria-hidden="true">*</span>
              </legend>
              <div class="fr-fieldset__element fr-fieldset__element--inline">
                <div class="fr-radio-group">
                  <input type="radio" id={`${id}-oui`} name="questionAnswer" value="oui" checked={qa === true} />
                  <label class="fr-label" for={`${id}-oui`}>
                    Oui
                  </label>
                </div>
              </div>
              <div class="fr-fieldset__element fr-fieldset__element--inline">
                <div class="fr-radio-group">
                  <input type="radio" id={`${id}-non`} name="questionAnswer" value="non" checked={qa === false} />
                  <label class="fr-label" for={`${id}-non`}>
                    Non
                  </label>
                </div>
              </div>
              {errors.questionAnswer ? (
                <div class="fr-messages-group" id={`${id}-question-error`}>
                  <p class="fr-message fr-message--error">{errors.questionAnswer}</p>
                </div>
              ) : null}
            </fieldset>
          </div>
        ) : null}
        <div class="fr-fieldset__element">
          <div class={`fr-input-group${errors.answer ? ' fr-input-group--error' : ''}`}>
            <label class="fr-label" for={`${id}-answer`}>
              Votre avis <span aria-hidden="true">*</span>
            </label>
            <textarea
              class={`fr-input${errors.answer ? ' fr-input--error' : ''}`}
              id={`${id}-answer`}
              name="answer"
              rows={6}
              required
              aria-invalid={errors.answer ? 'true' : undefined}
              aria-describedby={errors.answer ? `${id}-answer-error` : undefined}
            >
              {answer}
            </textarea>
            {errors.answer ? (
              <p class="fr-error-text" id={`${id}-answer-error`}>
                {errors.answer}
              </p>
            ) : null}
          </div>
        </div>
        <div class="fr-fieldset__element">
          <div class={`fr-upload-group${errors.files ? ' fr-upload-group--error' : ''}`}>
            <label class="fr-label" for={`${id}-files`}>
              Pièces jointes (facultatif)
              <span class="fr-hint-text">
                10 fichiers au plus, de 20 Mo chacun au plus. Formats acceptés : PDF, images, documents bureautiques,
                texte.
              </span>
            </label>
            <input
              class="fr-upload"
              type="file"
              id={`${id}-files`}
              name="files"
              multiple
              aria-describedby={errors.files ? `${id}-files-error` : undefined}
            />
            {errors.files ? (
              <p class="fr-error-text" id={`${id}-files-error`}>
                {errors.files}
              </p>
            ) : null}
          </div>
        </div>
        <div class="fr-fieldset__element">
          <button type="submit" class="fr-btn">
            {a.answeredAt ? 'Enregistrer mon avis' : 'Envoyer mon avis'}
          </button>
        </div>
      </fieldset>
    </form>
  );
};

export const ExpertDossierView: FC<{
  d: ExpertDossier;
  csrf: string;
  answerForm?: AnswerForm;
  inviteForm?: AvisRequestForm;
  /** the messagerie (rendered by the route with the shared view), or null */
  messagerie: Child | null;
}> = ({ d, csrf, answerForm, inviteForm, messagerie }) => {
  const h = d.header;
  const open = d.mine.filter((a) => canAnswer(a, h.state));
  const others = d.avis.filter((a) => a.expertId !== h.access.userId);
  const invite = d.settings.mayInvite && d.settings.allowExpertReview && open.length > 0;
  return (
    <>
      <Breadcrumb
        class="fr-mt-0 fr-mb-2w"
        items={[{ label: 'Avis', href: '/expert/avis' }, { label: `Dossier nº ${h.id}` }]}
      />
      <h1 class="fr-h3 fr-mb-1w">Dossier nº {h.id}</h1>
      <p class="fr-mb-1w">{h.procedureTitle}</p>
      <ul class="fr-badges-group fr-mb-3w" aria-label="État du dossier">
        <li>
          <DossierStateBadge state={h.state} />
        </li>
      </ul>
      <section class="fr-mb-6w" aria-labelledby="mon-avis">
        <h2 class="fr-h4" id="mon-avis">
          Mon avis
        </h2>
        {d.mine.length === 0 ? <p>Aucune demande d'avis ne vous est adressée sur ce dossier.</p> : null}
        {d.mine.length > 0 && open.length === 0 ? (
          <SmallAlert spacing="fr-mb-3w">Le dossier est terminé : votre avis ne peut plus être modifié.</SmallAlert>
        ) : null}
        <ul style="list-style: none; padding-left: 0">
          {d.mine.map((a) => (
            <AvisCard
              a={a}
              actions={
                canAnswer(a, h.state) ? <AnswerFormView a={a} dossierId={h.id} csrf={csrf} form={answerForm} /> : null
              }
            />
          ))}
        </ul>
      </section>
      {invite ? (
        <section class="fr-mb-6w" aria-labelledby="inviter-expert">
          <h2 class="fr-h4" id="inviter-expert">
            Inviter un autre expert
          </h2>
          <AvisRequestFormView
            action={expertDossierPath(h.id, 'inviter')}
            csrf={csrf}
            settings={d.settings}
            form={inviteForm}
            forcedConfidentiel={open.some((a) => a.confidentiel)}
            legend="Demander l'avis d'un autre expert"
          />
        </section>
      ) : null}
      <section class="fr-mb-6w" aria-labelledby="demande-titre">
        <h2 class="fr-h4" id="demande-titre">
          Demande
        </h2>
        <ChampsView defs={d.fields} champs={d.champs} headingLevel={3} />
      </section>
      <section class="fr-mb-6w" aria-labelledby="autres-avis">
        <h2 class="fr-h4" id="autres-avis">
          Avis des autres experts ({others.length})
        </h2>
        {others.length === 0 ? (
          <p>Aucun autre avis partagé sur ce dossier.</p>
        ) : (
          <ul style="list-style: none; padding-left: 0">
            {others.map((a) => (
              <AvisCard a={a} />
            ))}
          </ul>
        )}
      </section>
      {messagerie}
    </>
  );
};
