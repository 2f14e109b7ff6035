// « Gestion des notifications par e-mail » and « Gestion des badges de notification »
// (docs/interface.md §6A): the five yes/no e-mail choices, and per badge kind all / followed / never.
import type { FC } from 'hono/jsx';
import { EMAIL_KINDS, EMAIL_KIND_LABELS, type EmailKind } from '../../../domain/email-preferences.ts';
import {
  ALLOWED_PREFERENCES,
  CUSTOMISABLE,
  NOTIFICATION_LABELS,
  type NotificationKind,
  type NotificationPreference,
} from '../../../domain/notifications.ts';
import { SmallAlert } from '../components/alert.tsx';
import { Csrf } from '../form.tsx';
import { GestionFrame, gestionHref } from './common.tsx';

interface Proc {
  id: string;
  title: string;
  declarative: string | null;
}

export const EmailNotificationsPage: FC<{
  csrf: string;
  procedure: Proc;
  values: Record<EmailKind, boolean>;
  error?: string;
}> = ({ csrf, procedure, values, error }) => (
  <GestionFrame
    procedureId={procedure.id}
    procedureTitle={procedure.title}
    title="Gestion des notifications par e-mail"
  >
    {procedure.declarative ? (
      <SmallAlert kind="info" spacing="fr-mb-3w">
        Cette démarche est déclarative : ces e-mails ne vous sont pas envoyés pour ses dossiers.
      </SmallAlert>
    ) : null}
    {error ? (
      <SmallAlert kind="error" spacing="fr-mb-3w">
        {error}
      </SmallAlert>
    ) : null}
    <p>
      Choisissez les e-mails que vous souhaitez recevoir pour cette démarche. Les badges affichés sur les dossiers se
      règlent sur la page <a href={gestionHref(procedure.id, 'badges')}>Gestion des badges de notification</a>.
    </p>
    <form method="post" action={gestionHref(procedure.id, 'notifications')}>
      <Csrf token={csrf} />
      {EMAIL_KINDS.map((k) => (
        <fieldset class="fr-fieldset" id={`pref-${k}`} aria-labelledby={`pref-${k}-legend pref-${k}-hint`}>
          <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`pref-${k}-legend`}>
            {EMAIL_KIND_LABELS[k].label}
          </legend>
          <p class="fr-hint-text fr-fieldset__element" id={`pref-${k}-hint`}>
            {EMAIL_KIND_LABELS[k].hint}
          </p>
          {(['oui', 'non'] as const).map((v) => (
            <div class="fr-fieldset__element fr-fieldset__element--inline">
              <div class="fr-radio-group">
                <input type="radio" id={`pref-${k}-${v}`} name={k} value={v} checked={values[k] === (v === 'oui')} />
                <label class="fr-label" for={`pref-${k}-${v}`}>
                  {v === 'oui' ? 'Oui' : 'Non'}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      ))}
      <button type="submit" class="fr-btn">
        Enregistrer
      </button>
    </form>
  </GestionFrame>
);

export const PREFERENCE_LABELS: Record<NotificationPreference, string> = {
  all: 'Sur tous les dossiers',
  followed: 'Sur les dossiers suivis',
  none: 'Jamais',
};

const KIND_TYPES: Partial<Record<NotificationKind, string>> = {
  dossier_depose: 'Nouveauté',
  dossier_modifie: 'Nouveauté',
  message: 'Nouveauté',
  annotation_instructeur: 'Nouveauté',
  avis_externe: 'Nouveauté',
  attente_correction: 'En attente',
  attente_reponse: 'En attente',
  attente_avis: 'En attente',
};

export const BadgesPage: FC<{
  csrf: string;
  procedure: Proc;
  values: Record<NotificationKind, NotificationPreference>;
  error?: string;
}> = ({ csrf, procedure, values, error }) => (
  <GestionFrame procedureId={procedure.id} procedureTitle={procedure.title} title="Gestion des badges de notification">
    {error ? (
      <SmallAlert kind="error" spacing="fr-mb-3w">
        {error}
      </SmallAlert>
    ) : null}
    <p>
      Choisissez, pour chaque événement, sur quels dossiers un badge vous le signale. Les badges « Expire bientôt » et «
      Bientôt supprimé » sont communs à tous les instructeurs du dossier. Le changement s'applique aussitôt aux badges
      existants.
    </p>
    <form method="post" action={gestionHref(procedure.id, 'badges')}>
      <Csrf token={csrf} />
      {CUSTOMISABLE.map((k) => (
        <fieldset class="fr-fieldset" id={`badge-${k}`} aria-labelledby={`badge-${k}-legend`}>
          <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`badge-${k}-legend`}>
            {NOTIFICATION_LABELS[k]} <span class="fr-hint-text">{KIND_TYPES[k]}</span>
          </legend>
          {ALLOWED_PREFERENCES[k].map((v) => (
            <div class="fr-fieldset__element fr-fieldset__element--inline">
              <div class="fr-radio-group">
                <input type="radio" id={`badge-${k}-${v}`} name={k} value={v} checked={values[k] === v} />
                <label class="fr-label" for={`badge-${k}-${v}`}>
                  {PREFERENCE_LABELS[v]}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      ))}
      <button type="submit" class="fr-btn">
        Enregistrer
      </button>
    </form>
  </GestionFrame>
);
