// « Rendez-vous » (procedures with rdv_enabled): the rendez-vous proposed to the usager, a form to
// propose one (or change one), cancel buttons, and the history. Dates and times are Paris time.
import { OnceField } from '../components/once-field.tsx';
import type { FC } from 'hono/jsx';
import { historyDetails, historyLabel } from '../../../domain/history-labels.ts';
import {
  RDV_MAX_DURATION_MINUTES,
  RDV_MIN_DURATION_MINUTES,
  RDV_MODE_LABELS,
  RDV_MODES,
  RDV_PLACE_LABELS,
  RDV_PLACE_MAX_LENGTH,
  rendezVousRefusal,
  utcToParisLocal,
} from '../../../domain/rendez-vous.ts';
import type { RendezVousItem, RendezVousTab } from '../../../queries/rendez-vous.ts';
import { Csrf, ErrorSummary, Input } from '../form.tsx';
import { frDateTime, isoOf } from './format.ts';
import { dossierPath } from './links.ts';
import { eventCells, SimpleTable } from './personnes.tsx';
import { SmallAlert } from '../components/alert.tsx';

export interface RdvFormValues {
  date?: string;
  time?: string;
  duration?: string;
  mode?: string;
  place?: string;
}

export function formValuesOf(r: RendezVousItem): RdvFormValues {
  const local = utcToParisLocal(r.startsAt);
  return { date: local.date, time: local.time, duration: String(r.durationMinutes), mode: r.mode, place: r.place };
}

const ModeRadios: FC<{ value?: string; error?: string }> = ({ value, error }) => (
  <fieldset
    class={`fr-fieldset fr-mt-2w${error ? ' fr-fieldset--error' : ''}`}
    id="rdv-mode"
    aria-labelledby={`rdv-mode-legend${error ? ' rdv-mode-messages' : ''}`}
  >
    <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="rdv-mode-legend">
      Type de rendez-vous
    </legend>
    {RDV_MODES.map((m) => (
      <div class="fr-fieldset__element fr-fieldset__element--inline">
        <div class="fr-radio-group">
          <input type="radio" id={`rdv-mode-${m}`} name="mode" value={m} checked={(value ?? 'sur_place') === m} />
          <label class="fr-label" for={`rdv-mode-${m}`}>
            {RDV_MODE_LABELS[m]}
          </label>
        </div>
      </div>
    ))}
    <div class="fr-messages-group" id="rdv-mode-messages" aria-live="assertive">
      {error ? <p class="fr-message fr-message--error">{error}</p> : null}
    </div>
  </fieldset>
);

/** The propose / change form. */
export const RendezVousForm: FC<{
  action: string;
  csrf: string;
  submit: string;
  values?: RdvFormValues;
  errors?: Record<string, string> | null;
  minDate: string;
}> = ({ action, csrf, submit, values = {}, errors, minDate }) => (
  <form method="post" action={action}>
    <Csrf token={csrf} />
    <OnceField />
    <ErrorSummary errors={errors} />
    <div class="fr-grid-row fr-grid-row--gutters">
      <div class="fr-col-12 fr-col-md-4">
        <Input
          name="date"
          id="rdv-date"
          label="Date"
          type="date"
          value={values.date}
          hint="Au format JJ/MM/AAAA"
          required
          error={errors?.date}
          attrs={{ min: minDate }}
        />
      </div>
      <div class="fr-col-12 fr-col-md-4">
        <Input
          name="time"
          id="rdv-time"
          label="Heure (heure de Paris)"
          type="time"
          value={values.time}
          hint="Au format HH:MM"
          required
          error={errors?.time}
        />
      </div>
      <div class="fr-col-12 fr-col-md-4">
        <Input
          name="duration"
          id="rdv-duration"
          label="Durée, en minutes"
          type="number"
          value={values.duration ?? '30'}
          hint={`Entre ${RDV_MIN_DURATION_MINUTES} et ${RDV_MAX_DURATION_MINUTES} minutes`}
          required
          error={errors?.duration}
          attrs={{ min: RDV_MIN_DURATION_MINUTES, max: RDV_MAX_DURATION_MINUTES, step: 5, inputmode: 'numeric' }}
        />
      </div>
    </div>
    <ModeRadios value={values.mode} error={errors?.mode} />
    <Input
      name="place"
      id="rdv-place"
      label="Lieu, téléphone ou lien de visioconférence"
      textarea
      rows={3}
      value={values.place}
      hint={`Sur place : l'adresse. Par téléphone : le numéro (ou qui appelle qui). En visioconférence : le lien (https://…). ${RDV_PLACE_MAX_LENGTH} caractères au plus.`}
      required
      error={errors?.place}
      attrs={{ maxlength: RDV_PLACE_MAX_LENGTH }}
    />
    <button type="submit" class="fr-btn fr-icon-calendar-line fr-btn--icon-left">
      {submit}
    </button>
  </form>
);

const RdvCard: FC<{ r: RendezVousItem; dossierId: string; csrf: string; now: Date; editable: boolean }> = ({
  r,
  dossierId,
  csrf,
  now,
  editable,
}) => {
  const past = r.startsAt.getTime() <= now.getTime();
  return (
    <li class="fr-mb-2w fr-p-2w" style="border: 1px solid var(--border-default-grey)">
      <h3 class="fr-h6 fr-mb-1w">
        <time datetime={isoOf(r.startsAt)}>{frDateTime(r.startsAt)}</time> — {r.durationMinutes} minutes
        {r.cancelledAt ? ' (annulé)' : past ? ' (passé)' : ''}
      </h3>
      <p class="fr-mb-1w">
        {RDV_MODE_LABELS[r.mode]} — {RDV_PLACE_LABELS[r.mode]} : <span style="white-space: pre-wrap">{r.place}</span>
      </p>
      <p class="fr-text--xs fr-mb-1w">
        Proposé le <time datetime={isoOf(r.createdAt)}>{frDateTime(r.createdAt)}</time>
        {r.createdByEmail ? ` par ${r.createdByEmail}` : ''}
        {r.cancelledAt ? (
          <>
            {' '}
            · annulé le <time datetime={isoOf(r.cancelledAt)}>{frDateTime(r.cancelledAt)}</time>
          </>
        ) : null}
      </p>
      {!r.cancelledAt && !past && editable ? (
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
          <li>
            <a class="fr-btn fr-btn--secondary" href={dossierPath(dossierId, `rendez-vous/${r.id}/modifier`)}>
              Modifier<span class="fr-sr-only"> le rendez-vous du {frDateTime(r.startsAt)}</span>
            </a>
          </li>
          <li>
            <form method="post" action={dossierPath(dossierId, `rendez-vous/${r.id}/annuler`)}>
              <Csrf token={csrf} />
              <button type="submit" class="fr-btn fr-btn--tertiary">
                Annuler<span class="fr-sr-only"> le rendez-vous du {frDateTime(r.startsAt)}</span>
              </button>
            </form>
          </li>
        </ul>
      ) : null}
    </li>
  );
};

export const RendezVousView: FC<{
  tab: RendezVousTab;
  csrf: string;
  values?: RdvFormValues;
  errors?: Record<string, string> | null;
}> = ({ tab, csrf, values, errors }) => {
  const h = tab.header;
  const refusal = rendezVousRefusal(h.facts, h.rdvEnabled);
  const upcoming = tab.rendezVous.filter((r) => !r.cancelledAt && r.startsAt.getTime() > h.now.getTime());
  const others = tab.rendezVous.filter((r) => !upcoming.includes(r));
  return (
    <div>
      <section class="fr-mb-4w" aria-labelledby="rdv-prevus-titre">
        <h2 class="fr-h5" id="rdv-prevus-titre">
          Rendez-vous à venir
        </h2>
        {upcoming.length === 0 ? (
          <p>Aucun rendez-vous n'est prévu avec l'usager.</p>
        ) : (
          <ul style="list-style: none; padding-left: 0">
            {upcoming.map((r) => (
              <RdvCard r={r} dossierId={h.id} csrf={csrf} now={h.now} editable={refusal === null} />
            ))}
          </ul>
        )}
      </section>
      <section class="fr-mb-4w" aria-labelledby="rdv-proposer-titre">
        <h2 class="fr-h5" id="rdv-proposer-titre">
          Proposer un rendez-vous
        </h2>
        {refusal ? (
          <SmallAlert>{refusal}</SmallAlert>
        ) : (
          <>
            <p class="fr-text--sm">
              L'usager recevra un e-mail avec une invitation à ajouter à son agenda (fichier .ics) et verra le
              rendez-vous sur son dossier.
            </p>
            <RendezVousForm
              action={dossierPath(h.id, 'rendez-vous')}
              csrf={csrf}
              submit="Proposer le rendez-vous"
              values={values}
              errors={errors}
              minDate={utcToParisLocal(h.now).date}
            />
          </>
        )}
      </section>
      {others.length ? (
        <section class="fr-mb-4w" aria-labelledby="rdv-passes-titre">
          <h2 class="fr-h5" id="rdv-passes-titre">
            Rendez-vous passés ou annulés
          </h2>
          <ul style="list-style: none; padding-left: 0">
            {others.map((r) => (
              <RdvCard r={r} dossierId={h.id} csrf={csrf} now={h.now} editable={false} />
            ))}
          </ul>
        </section>
      ) : null}
      <section class="fr-mb-4w" aria-labelledby="rdv-historique-titre">
        <h2 class="fr-h5" id="rdv-historique-titre">
          Historique des rendez-vous
        </h2>
        {tab.history.length === 0 ? (
          <p>Aucun rendez-vous n'a été proposé sur ce dossier.</p>
        ) : (
          <SimpleTable
            caption="Historique des rendez-vous"
            head={['Date', 'Heure', 'Action', 'Par', 'Créneau']}
            rows={tab.history.map((e) => [
              ...eventCells(e),
              historyLabel(e.type),
              e.actorEmail ?? '',
              historyDetails(e.type, e.data),
            ])}
          />
        )}
      </section>
    </div>
  );
};

/** The change form of one rendez-vous (its own page inside the dossier layout). */
export const RendezVousEditView: FC<{
  tab: RendezVousTab;
  r: RendezVousItem;
  csrf: string;
  values: RdvFormValues;
  errors?: Record<string, string> | null;
}> = ({ tab, r, csrf, values, errors }) => (
  <section aria-labelledby="rdv-modifier-titre">
    <h2 class="fr-h5" id="rdv-modifier-titre">
      Modifier le rendez-vous du {frDateTime(r.startsAt)}
    </h2>
    <p class="fr-text--sm">
      L'usager recevra le nouveau créneau par e-mail ; l'invitation jointe remplace l'ancienne dans son agenda.
    </p>
    <RendezVousForm
      action={dossierPath(tab.header.id, `rendez-vous/${r.id}/modifier`)}
      csrf={csrf}
      submit="Enregistrer le nouveau créneau"
      values={values}
      errors={errors}
      minDate={utcToParisLocal(tab.header.now).date}
    />
    <p class="fr-mt-2w">
      <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={dossierPath(tab.header.id, 'rendez-vous')}>
        Revenir aux rendez-vous
      </a>
    </p>
  </section>
);
