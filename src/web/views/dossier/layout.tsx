// The instructor's dossier page frame: breadcrumb, header (number, procedure, state, badges, labels,
// « en attente », expiry, the actions the state allows, follow, précédent / suivant) and the tab
// navigation. Every tab of /instructeur/dossiers/:id renders inside it:
//
//   page(c, { title: `Dossier nº ${h.id}`, nav: 'procedures' },
//     <DossierLayout header={h} active="personnes" csrf={c.get('csrfToken')} listTab={tab}>…</DossierLayout>)
//
// Every action is a POST form (with the CSRF token and the lock_version the instructor saw) or a
// link to its form page: everything works without JavaScript.
import type { Child, FC } from 'hono/jsx';
import { LabelBadge } from '../components/label-badge.tsx';
import { ACTION_LABELS, STATE_LABELS, type DossierAction, decisionAgeWarning } from '../../../domain/dossier-state.ts';
import {
  dossierTabOfNotification,
  NOTIFICATION_LABELS,
  showsDossierTabDots,
  type NotificationKind,
} from '../../../domain/notifications.ts';
import { isExpiring } from '../../../domain/retention.ts';
import { TAB_LABELS, type Tab } from '../../../domain/tabs.ts';
import type { DossierHeader } from '../../../queries/dossier-header.ts';
import { Csrf } from '../form.tsx';
import { listHref } from '../work-list/links.ts';
import { frDate, frShortDate, frTime } from './format.ts';
import { actionStepPath, dossierPath, dossierTabPath, STEP_ACTIONS, type DossierTabKey } from './links.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { TestDossierBadge } from '../components/test-badge.tsx';

export type { DossierTabKey } from './links.ts';

export interface DossierLayoutProps {
  header: DossierHeader;
  /** the tab shown below the header */
  active: DossierTabKey;
  /** the session's CSRF token (c.get('csrfToken')) for the header's forms */
  csrf: string;
  /** the work-list tab the instructor came from (?tab=), kept in every link of the page */
  listTab?: Tab | null;
  /** « dossier précédent / suivant » in that list (hidden when absent) */
  neighbours?: { previousId: string | null; nextId: string | null } | null;
  children?: Child;
}

const STATE_BADGE: Record<string, string> = {
  brouillon: 'fr-badge--info',
  en_construction: 'fr-badge--new',
  en_instruction: 'fr-badge--info',
  accepte: 'fr-badge--success',
  refuse: 'fr-badge--error',
  sans_suite: 'fr-badge--warning',
};

export const DossierStateBadge: FC<{ state: DossierHeader['state'] }> = ({ state }) => (
  <p class={`fr-badge fr-badge--no-icon ${STATE_BADGE[state] ?? ''}`}>{STATE_LABELS[state]}</p>
);

const WARNING_KINDS: readonly NotificationKind[] = ['dossier_depose', 'dossier_expirant', 'dossier_suppression'];

/** Hidden inputs every header form carries. */
const Hidden: FC<{ csrf: string; lockVersion: number; listTab?: Tab | null }> = ({ csrf, lockVersion, listTab }) => (
  <>
    <Csrf token={csrf} />
    <input type="hidden" name="lockVersion" value={String(lockVersion)} />
    {listTab ? <input type="hidden" name="tab" value={listTab} /> : null}
  </>
);

/** Order and look of the actions in the header. */
const PRIMARY: readonly DossierAction[] = ['passer_en_instruction', 'accepter'];
const ICONS: Partial<Record<DossierAction, string>> = {
  passer_en_instruction: 'fr-icon-arrow-right-line',
  repasser_en_construction: 'fr-icon-arrow-go-back-line',
  demander_correction: 'fr-icon-edit-line',
  accepter: 'fr-icon-check-line',
  refuser: 'fr-icon-close-line',
  classer_sans_suite: 'fr-icon-folder-2-line',
  repasser_en_instruction: 'fr-icon-arrow-go-back-line',
  archiver: 'fr-icon-archive-line',
  desarchiver: 'fr-icon-inbox-unarchive-line',
  supprimer: 'fr-icon-delete-line',
  restaurer: 'fr-icon-refresh-line',
  prolonger_conservation: 'fr-icon-time-line',
};

/** The actions shown in the header: the domain's available actions, minus « prolonger » unless the dossier expires soon. */
export function headerActions(h: DossierHeader): DossierAction[] {
  return h.actions.filter(
    (a) => a !== 'prolonger_conservation' || isExpiring(h.facts, h.now) || h.facts.hidden_by_expired_at !== null,
  );
}

const ActionButton: FC<{ h: DossierHeader; action: DossierAction; csrf: string; listTab?: Tab | null }> = ({
  h,
  action,
  csrf,
  listTab,
}) => {
  const kind = PRIMARY.includes(action) ? 'fr-btn' : 'fr-btn fr-btn--secondary';
  const cls = `${kind} ${ICONS[action] ?? ''}`;
  if (STEP_ACTIONS[action]) {
    return (
      <a class={cls} href={actionStepPath(h.id, action, listTab)}>
        {ACTION_LABELS[action]}
      </a>
    );
  }
  return (
    <form method="post" action={dossierPath(h.id, 'actions')}>
      <Hidden csrf={csrf} lockVersion={h.lockVersion} listTab={listTab} />
      <input type="hidden" name="action" value={action} />
      <button type="submit" class={cls}>
        {ACTION_LABELS[action]}
      </button>
    </form>
  );
};

const LabelsToggle: FC<{ h: DossierHeader; csrf: string; listTab?: Tab | null }> = ({ h, csrf, listTab }) => {
  if (h.labels.length === 0) return null;
  const applied = h.labels.filter((l) => l.applied);
  return (
    <div class="fr-mb-1w">
      {applied.length ? (
        <ul class="fr-badges-group fr-mb-0" aria-label="Labels du dossier">
          {applied.map((l) => (
            <li>
              <LabelBadge name={l.name} color={l.color} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="fr-text--sm fr-mb-0">Aucun label</p>
      )}
      <details class="fr-mt-1v">
        <summary class="fr-link fr-link--sm">Modifier les labels</summary>
        <form method="post" action={dossierPath(h.id, 'labels')} class="fr-mt-1w">
          <Hidden csrf={csrf} lockVersion={h.lockVersion} listTab={listTab} />
          <fieldset class="fr-fieldset" id="dossier-labels" aria-labelledby="dossier-labels-legend">
            <legend class="fr-fieldset__legend fr-text--sm" id="dossier-labels-legend">
              Labels de la démarche
            </legend>
            {h.labels.map((l) => (
              <div class="fr-fieldset__element fr-fieldset__element--inline">
                <div class="fr-checkbox-group fr-checkbox-group--sm">
                  <input type="checkbox" id={`label-${l.id}`} name="labels" value={l.id} checked={l.applied} />
                  <label class="fr-label" for={`label-${l.id}`}>
                    {l.name}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
            Enregistrer les labels
          </button>
        </form>
      </details>
    </div>
  );
};

const TABS: { key: DossierTabKey; label: string; show: (h: DossierHeader) => boolean }[] = [
  { key: 'demande', label: 'Demande', show: () => true },
  { key: 'pieces-justificatives', label: 'Pièces justificatives', show: () => true },
  { key: 'annotations', label: 'Annotations privées', show: () => true },
  { key: 'avis', label: 'Avis externes', show: () => true },
  { key: 'messagerie', label: 'Messagerie', show: () => true },
  { key: 'personnes', label: 'Personnes impliquées', show: () => true },
  { key: 'reaffectation', label: 'Réaffectation', show: (h) => h.groupCount > 1 },
  { key: 'rendez-vous', label: 'Rendez-vous', show: (h) => h.rdvEnabled },
];

export const DossierTabs: FC<{ h: DossierHeader; active: DossierTabKey; listTab?: Tab | null }> = ({
  h,
  active,
  listTab,
}) => {
  const dots = showsDossierTabDots(h.facts)
    ? new Set(
        h.notifications.map((k) => dossierTabOfNotification(k)).filter((t): t is NonNullable<typeof t> => t !== null),
      )
    : new Set<string>();
  return (
    <nav
      class="fr-nav fr-mb-3w gu-dossier-tabs"
      aria-label={`Onglets du dossier nº ${h.id}`}
      style="border-bottom: 1px solid var(--border-default-grey)"
    >
      <ul class="fr-nav__list">
        {TABS.filter((t) => t.show(h)).map((t) => (
          <li class="fr-nav__item">
            <a
              class="fr-nav__link"
              href={dossierTabPath(h.id, t.key, listTab)}
              aria-current={t.key === active ? 'page' : undefined}
            >
              {t.label}
              {dots.has(t.key) ? (
                <span class="fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon fr-ml-1w">
                  nouveau<span class="fr-sr-only"> : du nouveau dans cet onglet</span>
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

export const DossierLayout: FC<DossierLayoutProps> = ({ header: h, active, csrf, listTab, neighbours, children }) => {
  const actions = headerActions(h);
  const stateActions = actions.filter(
    (a) => !['archiver', 'desarchiver', 'supprimer', 'restaurer', 'prolonger_conservation'].includes(a),
  );
  const otherActions = actions.filter((a) => !stateActions.includes(a));
  const inTrash = h.facts.hidden_by_administration_at !== null;
  const ageWarning = decisionAgeWarning(h.facts, h.now);
  const applicant = [h.applicant.prenom, h.applicant.nom].filter(Boolean).join(' ') || h.applicant.email;
  return (
    <div class="gu-dossier">
      <Breadcrumb
        class="fr-mt-0 fr-mb-2w"
        items={[
          { label: 'Démarches', href: '/instructeur/procedures' },
          { label: h.procedureTitle, href: listHref(h.procedureId, { tab: listTab ?? undefined }) },
          { label: `Dossier nº ${h.id}` },
        ]}
      />
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <div class="fr-col-12 fr-col-lg-7">
          <h1 class="fr-h3 fr-mb-1w">Dossier nº {h.id}</h1>
          <p class="fr-text--sm fr-mb-1w">
            {h.procedureTitle} · {h.groupeLabel} · déposé par {applicant}
          </p>
          <ul class="fr-badges-group fr-mb-1w" aria-label="État du dossier">
            <li>
              <DossierStateBadge state={h.state} />
            </li>
            {h.isTest ? (
              <li>
                <TestDossierBadge />
              </li>
            ) : null}
            {h.facts.pending_correction ? (
              <li>
                <p class="fr-badge fr-badge--warning">en attente de correction</p>
              </li>
            ) : null}
            {h.facts.archived ? (
              <li>
                <p class="fr-badge fr-badge--no-icon">archivé</p>
              </li>
            ) : null}
            {inTrash ? (
              <li>
                <p class="fr-badge fr-badge--error">dans la corbeille</p>
              </li>
            ) : null}
            {h.facts.hidden_by_expired_at ? (
              <li>
                <p class="fr-badge fr-badge--error">expiré</p>
              </li>
            ) : null}
            {/* « En attente de correction » is said once: the state badge above says it for everyone */}
            {h.notifications
              .filter((k) => !(k === 'attente_correction' && h.facts.pending_correction))
              .map((k) => (
                <li>
                  <p
                    class={`fr-badge fr-badge--sm fr-badge--no-icon ${WARNING_KINDS.includes(k) ? 'fr-badge--warning' : k.startsWith('attente') ? 'fr-badge--info' : 'fr-badge--new'}`}
                  >
                    {NOTIFICATION_LABELS[k]}
                  </p>
                </li>
              ))}
          </ul>
          <LabelsToggle h={h} csrf={csrf} listTab={listTab} />
          <p class="fr-text--sm fr-mb-0">
            {h.facts.expires_at
              ? `Date d'expiration : ${frDate(h.facts.expires_at)}${h.facts.conservation_extension_months > 0 ? ` (conservation prolongée de ${h.facts.conservation_extension_months} mois)` : ''}`
              : h.state === 'en_instruction'
                ? "Un dossier en instruction n'expire pas."
                : "Ce dossier n'a pas de date d'expiration."}
          </p>
          {ageWarning ? (
            <p class="fr-text--sm fr-mb-0">
              <span class="fr-icon-warning-line fr-icon--sm" aria-hidden="true"></span> {ageWarning}
            </p>
          ) : null}
        </div>
        <div class="fr-col-12 fr-col-lg-5">
          <ul
            class="fr-btns-group fr-btns-group--sm fr-btns-group--inline-md fr-btns-group--right fr-btns-group--icon-left"
            aria-label="Actions sur le dossier"
          >
            <li>
              <form method="post" action={dossierPath(h.id, h.follow ? 'ne-plus-suivre' : 'suivre')}>
                <Hidden csrf={csrf} lockVersion={h.lockVersion} listTab={listTab} />
                <button
                  type="submit"
                  class={`fr-btn fr-btn--tertiary ${h.follow ? 'fr-icon-eye-off-line' : 'fr-icon-eye-line'}`}
                >
                  {h.follow ? 'Ne plus suivre' : 'Suivre le dossier'}
                </button>
              </form>
            </li>
            {[...stateActions, ...otherActions].map((a) => (
              <li>
                <ActionButton h={h} action={a} csrf={csrf} listTab={listTab} />
              </li>
            ))}
          </ul>
          <p class="fr-text--sm fr-mt-1w" style="text-align: right">
            <a class="fr-link fr-link--sm fr-icon-download-line fr-link--icon-left" href={dossierPath(h.id, 'pdf')}>
              Télécharger le dossier (PDF)
            </a>
          </p>
          {neighbours && listTab && (neighbours.previousId || neighbours.nextId) ? (
            <nav aria-label={`Dossiers voisins dans la liste « ${TAB_LABELS[listTab]} »`} style="text-align: right">
              <ul class="fr-links-group fr-links-group--inline" style="list-style: none; padding-left: 0">
                {neighbours.previousId ? (
                  <li>
                    <a
                      class="fr-link fr-link--sm fr-icon-arrow-left-line fr-link--icon-left"
                      href={dossierTabPath(
                        neighbours.previousId,
                        active === 'demande' ||
                          active === 'pieces-justificatives' ||
                          active === 'annotations' ||
                          active === 'avis' ||
                          active === 'messagerie'
                          ? active
                          : 'demande',
                        listTab,
                      )}
                    >
                      Dossier précédent
                    </a>
                  </li>
                ) : null}
                {neighbours.nextId ? (
                  <li>
                    <a
                      class="fr-link fr-link--sm fr-icon-arrow-right-line fr-link--icon-right"
                      href={dossierTabPath(
                        neighbours.nextId,
                        active === 'demande' ||
                          active === 'pieces-justificatives' ||
                          active === 'annotations' ||
                          active === 'avis' ||
                          active === 'messagerie'
                          ? active
                          : 'demande',
                        listTab,
                      )}
                    >
                      Dossier suivant
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </div>
      </div>
      {h.rendezVousLeft.map((r) => (
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
          <p>
            Un rendez-vous est toujours prévu avec l'usager le {frShortDate(r.startsAt)} à {frTime(r.startsAt)} alors
            que le dossier est {STATE_LABELS[h.state].toLowerCase()}. S'il n'a plus lieu d'être, annulez-le : l'usager
            en sera informé par e-mail.
          </p>
          <form method="post" action={dossierPath(h.id, `rendez-vous/${r.id}/annuler`)} class="fr-mt-1w">
            <Csrf token={csrf} />
            {listTab ? <input type="hidden" name="tab" value={listTab} /> : null}
            <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
              Annuler le rendez-vous<span class="fr-sr-only"> du {frShortDate(r.startsAt)}</span>
            </button>
          </form>
        </div>
      ))}
      <DossierTabs h={h} active={active} listTab={listTab} />
      <div class="gu-dossier__content">{children}</div>
    </div>
  );
};
