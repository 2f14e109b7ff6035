// The administrator's pages of one procedure (docs/interface.md §A): « Créer une nouvelle démarche »,
// the dashboard with what is missing before publishing and the publication actions, and the
// description form.
import type { FC } from 'hono/jsx';
import {
  PROCEDURE_ACTION_LABELS,
  PROCEDURE_STATE_LABELS,
  procedureActions,
  RETENTION_MAX,
  RETENTION_MIN,
  type ProcedureSettings,
  type ProcedureState,
} from '../../../domain/procedure.ts';
import type { AdminProcedure } from '../../../queries/admin-procedure.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { Csrf, ErrorSummary, Fieldset, Input, Upload } from '../form.tsx';

export const adminHref = (id: string, page = '') => `/admin/procedures/${id}${page ? `/${page}` : ''}`;

export const ProcedureCrumbs: FC<{ p: { id: string; title: string }; current?: string }> = ({ p, current }) => (
  <Breadcrumb
    items={[
      { label: 'Mes démarches', href: '/admin/procedures' },
      current ? { label: p.title, href: adminHref(p.id) } : { label: p.title },
      ...(current ? [{ label: current }] : []),
    ]}
  />
);

export const NewProcedureView: FC<{
  csrf: string;
  title: string;
  error?: string | null;
  mine: { id: string; title: string; state: string }[];
}> = ({ csrf, title, error, mine }) => (
  <>
    <Breadcrumb items={[{ label: 'Mes démarches', href: '/admin/procedures' }, { label: 'Nouvelle démarche' }]} />
    <h1>Créer une nouvelle démarche</h1>
    <section class="fr-mb-6w" aria-labelledby="vierge">
      <h2 id="vierge">Partir de zéro</h2>
      <form method="post" action="/admin/procedures">
        <Csrf token={csrf} />
        <Input
          name="title"
          label="Titre de la démarche"
          hint="Par exemple : Demande de subvention pour les associations sportives. Modifiable ensuite."
          value={title}
          error={error}
          required
        />
        <button class="fr-btn" type="submit">
          Créer la démarche
        </button>
      </form>
    </section>
    <section aria-labelledby="cloner">
      <h2 id="cloner">Partir d'une de mes démarches</h2>
      <p>
        Le formulaire, les annotations privées, les groupes d'instructeurs, les modèles et les paramètres sont copiés ;
        les dossiers ne le sont jamais.
      </p>
      {mine.length === 0 ? (
        <p>Vous n'administrez encore aucune démarche.</p>
      ) : (
        <ul class="fr-raw-list">
          {mine.map((p) => (
            <li class="fr-mb-1w">
              <form method="post" action={adminHref(p.id, 'cloner')} class="fr-grid-row fr-grid-row--middle">
                <Csrf token={csrf} />
                <span class="fr-mr-2w">
                  {p.title} ({PROCEDURE_STATE_LABELS[p.state as ProcedureState]})
                </span>
                <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit" title={`Cloner « ${p.title} »`}>
                  Cloner
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  </>
);

const Check: FC<{ ok: boolean; label: string; href: string; link: string }> = ({ ok, label, href, link }) => (
  <li>
    <span class={ok ? 'fr-badge fr-badge--success fr-badge--sm' : 'fr-badge fr-badge--warning fr-badge--sm'}>
      {ok ? 'Fait' : 'À faire'}
    </span>{' '}
    {label} — <a href={href}>{link}</a>
  </li>
);

export const ProcedureDashboardView: FC<{
  p: AdminProcedure;
  counts: { instructeurs: number; groupes: number; dossiers: number; administrateurs: number };
  blockers: string[];
  hasChanges: boolean;
  csrf: string;
  appUrl: string;
}> = ({ p, counts, blockers, hasChanges, csrf, appUrl }) => {
  const state = p.state as ProcedureState;
  const actions = procedureActions(state).filter((a) => a !== 'publier_modifications' || hasChanges);
  const link = p.slug ? `${appUrl}/commencer/${p.slug}` : null;
  return (
    <>
      <ProcedureCrumbs p={p} />
      <h1>{p.title}</h1>
      <p>
        <span class="fr-badge fr-badge--info">{PROCEDURE_STATE_LABELS[state]}</span> Démarche nº {p.id}
        {state === 'brouillon'
          ? ' — en test : ses administrateurs et instructeurs peuvent déposer des dossiers de test, supprimés à la publication.'
          : ''}
      </p>
      {link ? (
        <p>
          Lien public : <code>{link}</code>
        </p>
      ) : null}
      {state === 'brouillon' ? (
        <p>
          {/* the public link itself: test dossiers are filed from the usager's pages (docs/domain.md §2.8) */}
          <a class="fr-link fr-icon-test-tube-line fr-link--icon-left" href={`/commencer/${p.slug ?? p.id}`}>
            Tester la démarche
          </a>
        </p>
      ) : null}
      <h2>Avant de publier</h2>
      {blockers.length === 0 ? (
        <p class="fr-alert fr-alert--success fr-alert--sm">La démarche est prête à être publiée.</p>
      ) : (
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>Il reste à faire :</p>
          <ul>
            {blockers.map((b) => (
              <li>{b}</li>
            ))}
          </ul>
        </div>
      )}
      <ul class="fr-raw-list fr-mb-4w">
        <Check
          ok={!!p.description.trim() && !!p.service_name.trim()}
          label="Description et organisme"
          href={adminHref(p.id, 'description')}
          link="Modifier la description"
        />
        <Check
          ok={p.draft_fields.length > 0}
          label={`Formulaire (${p.draft_fields.length} champ${p.draft_fields.length > 1 ? 's' : ''})`}
          href={adminHref(p.id, 'champs')}
          link="Modifier le formulaire"
        />
        <Check
          ok
          label={`Annotations privées (${p.draft_annotations.length})`}
          href={adminHref(p.id, 'annotations')}
          link="Modifier les annotations privées"
        />
        <Check
          ok={counts.instructeurs > 0}
          label={`Instructeurs (${counts.instructeurs}, ${counts.groupes} groupe${counts.groupes > 1 ? 's' : ''})`}
          href={adminHref(p.id, 'groupes')}
          link="Gérer les instructeurs"
        />
        <Check
          ok={!p.attestation_template?.activated || blockers.every((b) => !b.startsWith('Attestation'))}
          label={`Attestations${p.attestation_template?.activated ? ' (acceptation activée)' : ''}`}
          href={adminHref(p.id, 'attestations')}
          link="Modifier les attestations"
        />
        <Check ok label="E-mails aux usagers" href={adminHref(p.id, 'emails')} link="Modifier les e-mails" />
      </ul>
      <h2>Publication</h2>
      {hasChanges && state !== 'brouillon' ? (
        <p>
          Le formulaire a été modifié depuis sa publication : ces modifications ne sont pas encore visibles des usagers.
        </p>
      ) : null}
      {actions.length === 0 ? <p>Aucune action possible.</p> : null}
      {actions.map((a) => (
        <form method="post" action={adminHref(p.id, a === 'publier_modifications' ? 'publier' : a)} class="fr-mb-3w">
          <Csrf token={csrf} />
          {a === 'clore' ? (
            <Input
              name="closingMessage"
              id="closing-message"
              label="Message affiché aux usagers (facultatif)"
              hint="Par exemple, le lien vers la démarche qui la remplace."
              textarea
              rows={2}
            />
          ) : null}
          <button
            class={a === 'publier' || a === 'publier_modifications' ? 'fr-btn' : 'fr-btn fr-btn--secondary'}
            type="submit"
            disabled={(a === 'publier' || a === 'publier_modifications') && blockers.length > 0}
          >
            {PROCEDURE_ACTION_LABELS[a]}
          </button>
        </form>
      ))}
      <p>
        {counts.dossiers} dossier{counts.dossiers > 1 ? 's' : ''}
        {state === 'brouillon' ? ' de test' : ''} · {counts.administrateurs} administrateur
        {counts.administrateurs > 1 ? 's' : ''}
      </p>
    </>
  );
};

export type SettingsFormState = Omit<ProcedureSettings, 'retention_months'> & {
  retention_months: string;
  lockVersion: number;
};

export function settingsState(p: AdminProcedure): SettingsFormState {
  return {
    title: p.title,
    description: p.description,
    service_name: p.service_name,
    service_address: p.service_address,
    contact_email: p.contact_email ?? '',
    contact_phone: p.contact_phone,
    contact_hours: p.contact_hours,
    for_individual: p.for_individual,
    slug: p.slug ?? '',
    closes_on: p.closes_at ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(p.closes_at) : '',
    retention_months: String(p.retention_months),
    declarative: p.declarative ?? 'none',
    rdv_enabled: p.rdv_enabled,
    allow_expert_review: p.allow_expert_review,
    allow_expert_messaging: p.allow_expert_messaging,
    instructeurs_self_management: p.instructeurs_self_management,
    lockVersion: p.lock_version,
  };
}

const Radio: FC<{ name: string; value: string; checked: boolean; label: string; hint?: string }> = (r) => (
  <div class="fr-fieldset__element">
    <div class="fr-radio-group">
      <input type="radio" id={`${r.name}-${r.value}`} name={r.name} value={r.value} checked={r.checked} />
      <label class="fr-label" for={`${r.name}-${r.value}`}>
        {r.label}
        {r.hint ? <span class="fr-hint-text">{r.hint}</span> : null}
      </label>
    </div>
  </div>
);

const Checkbox: FC<{ name: string; checked: boolean; label: string; hint?: string }> = (r) => (
  <div class="fr-fieldset__element">
    <div class="fr-checkbox-group">
      <input type="checkbox" id={`cb-${r.name}`} name={r.name} value="1" checked={r.checked} />
      <label class="fr-label" for={`cb-${r.name}`}>
        {r.label}
        {r.hint ? <span class="fr-hint-text">{r.hint}</span> : null}
      </label>
    </div>
  </div>
);

export const ProcedureSettingsView: FC<{
  p: AdminProcedure;
  form: SettingsFormState;
  errors: Record<string, string> | null;
  csrf: string;
  appUrl: string;
  slugEditable: boolean;
  logoError?: string | null;
}> = ({ p, form, errors, csrf, appUrl, slugEditable, logoError }) => {
  const e = errors ?? {};
  return (
    <>
      <ProcedureCrumbs p={p} current="Description" />
      <h1>Description de la démarche</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={adminHref(p.id, 'description')}>
        <Csrf token={csrf} />
        <input type="hidden" name="lockVersion" value={String(form.lockVersion)} />
        <Input name="title" label="Titre de la démarche" value={form.title} error={e.title} required />
        <Input
          name="description"
          label="Description"
          hint="Ce que l'usager doit savoir avant de commencer : à qui s'adresse la démarche, les pièces à préparer."
          value={form.description}
          error={e.description}
          textarea
          rows={6}
          required
        />
        <Fieldset legend="Organisme et contact" id="organisme">
          <Input
            name="service_name"
            label="Nom de l'organisme"
            value={form.service_name}
            error={e.service_name}
            required
          />
          <Input
            name="service_address"
            label="Adresse"
            value={form.service_address}
            error={e.service_address}
            textarea
            rows={2}
          />
          <Input
            name="contact_email"
            type="email"
            label="Adresse électronique de contact"
            value={form.contact_email}
            error={e.contact_email}
          />
          <Input name="contact_phone" type="tel" label="Téléphone" value={form.contact_phone} error={e.contact_phone} />
          <Input
            name="contact_hours"
            label="Horaires"
            hint="Par exemple : du lundi au vendredi, de 9 h à 17 h."
            value={form.contact_hours}
            error={e.contact_hours}
          />
        </Fieldset>
        <Fieldset legend="À qui s'adresse la démarche ?" id="public">
          <Radio name="for_individual" value="1" checked={form.for_individual} label="Aux particuliers" />
          <Radio
            name="for_individual"
            value="0"
            checked={!form.for_individual}
            label="Aux entreprises et associations"
          />
        </Fieldset>
        <Input
          name="slug"
          label="Lien public"
          hint={
            slugEditable
              ? `${appUrl}/commencer/… — lettres minuscules, chiffres et tirets ; modifiable tant que la démarche n'a jamais été publiée.`
              : `${appUrl}/commencer/… — la démarche a été publiée : son lien ne change plus.`
          }
          value={form.slug}
          error={e.slug}
          required
          attrs={slugEditable ? {} : { readonly: true }}
        />
        <Input
          name="closes_on"
          type="date"
          label="Date de clôture (facultative)"
          hint="La démarche sera close automatiquement à la fin de ce jour."
          value={form.closes_on}
          error={e.closes_on}
        />
        <Input
          name="retention_months"
          type="number"
          label="Durée de conservation des dossiers (en mois)"
          hint={`De ${RETENTION_MIN} à ${RETENTION_MAX} mois après la décision ; 12 par défaut.`}
          value={form.retention_months}
          error={e.retention_months}
          required
          attrs={{ min: RETENTION_MIN, max: RETENTION_MAX, step: 1 }}
        />
        <Fieldset legend="Démarche déclarative" id="declarative">
          <Radio name="declarative" value="none" checked={form.declarative === 'none'} label="Non" />
          <Radio
            name="declarative"
            value="en_instruction"
            checked={form.declarative === 'en_instruction'}
            label="Passage automatique en instruction au dépôt"
          />
          <Radio
            name="declarative"
            value="accepte"
            checked={form.declarative === 'accepte'}
            label="Acceptation automatique au dépôt"
          />
        </Fieldset>
        <Fieldset legend="Options" id="options">
          <Checkbox name="rdv_enabled" checked={form.rdv_enabled} label="Prise de rendez-vous avec l'usager" />
          <Checkbox
            name="allow_expert_review"
            checked={form.allow_expert_review}
            label="Les instructeurs peuvent demander l'avis d'experts"
          />
          <Checkbox
            name="allow_expert_messaging"
            checked={form.allow_expert_messaging}
            label="Les experts ont accès à la messagerie"
          />
          <Checkbox
            name="instructeurs_self_management"
            checked={form.instructeurs_self_management}
            label="Les instructeurs gèrent eux-mêmes les instructeurs de leurs groupes"
          />
        </Fieldset>
        <button class="fr-btn" type="submit">
          Enregistrer
        </button>
      </form>
      <h2 class="fr-mt-6w">Logo</h2>
      {p.logo_content_type ? (
        <p>
          <img src={adminHref(p.id, 'logo')} alt="Logo actuel de la démarche" style="max-height: 6rem" />
        </p>
      ) : (
        <p>Aucun logo.</p>
      )}
      <form method="post" action={adminHref(p.id, 'logo')} enctype="multipart/form-data">
        <Csrf token={csrf} />
        <Upload
          id="logo"
          name="logo"
          label="Choisir un logo"
          hint="Image PNG, JPEG ou WebP de 500 Ko au plus."
          accept="image/png,image/jpeg,image/webp"
          error={logoError}
        />
        <button class="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
          Envoyer le logo
        </button>
        {p.logo_content_type ? (
          <button class="fr-btn fr-btn--tertiary fr-mt-2w fr-ml-2w" type="submit" name="remove" value="1">
            Retirer le logo
          </button>
        ) : null}
      </form>
    </>
  );
};
