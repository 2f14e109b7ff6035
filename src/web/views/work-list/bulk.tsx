// « Instruction en masse » on the list (docs/interface.md §4): the banners of the instructor's bulk
// operations (progress « 1 200 / 10 000 » while running — reloaded every few seconds by the
// bulk-progress controller, right on a plain reload too — then « L'action de masse est terminée »
// with the dossiers it could not act on, dismissible), and the menu of the tab's actions, which
// submits the selection form.
import type { FC } from 'hono/jsx';
import {
  BULK_ACTION_DONE,
  BULK_ACTION_LABELS,
  BULK_DECISIONS,
  BULK_MENUS,
  type BulkAction,
} from '../../../domain/bulk.ts';
import type { Tab } from '../../../domain/tabs.ts';
import type { BulkBanner } from '../../../queries/bulk-operations.ts';
import { Csrf } from '../form.tsx';
import { frNumber } from './common.tsx';
import { procedureAction } from './links.ts';

export const BANNER_FRAME = 'actions-de-masse';

export const BulkBanners: FC<{ csrf: string; procedureId: string; tab: Tab; banners: BulkBanner[] }> = ({
  csrf,
  procedureId,
  tab,
  banners,
}) => {
  const running = banners.some((b) => b.running);
  return (
    <turbo-frame
      id={BANNER_FRAME}
      data-controller={running ? 'bulk-progress' : undefined}
      data-bulk-progress-url-value={`${procedureAction(procedureId, 'actions-de-masse')}?statut=${tab}`}
    >
      {banners.map((b) =>
        b.running ? (
          <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" data-bulk-running="1">
            <h2 class="fr-alert__title">Une action de masse est en cours</h2>
            <p>
              {BULK_ACTION_DONE[b.action]} :{' '}
              <strong>
                {frNumber(b.processed)} / {frNumber(b.total)}
              </strong>{' '}
              dossiers traités
              {b.failed ? ` (dont ${frNumber(b.failed)} en échec)` : ''}. Cette zone se met à jour d'elle-même ; sans
              JavaScript, rechargez la page.
            </p>
          </div>
        ) : (
          <div class={`fr-alert ${b.failed ? 'fr-alert--warning' : 'fr-alert--success'} fr-mb-2w`}>
            <h2 class="fr-alert__title">L'action de masse est terminée</h2>
            <p>
              {BULK_ACTION_DONE[b.action]} : {frNumber(b.succeeded)} dossier{b.succeeded > 1 ? 's' : ''} sur{' '}
              {frNumber(b.total)}
              {b.failed
                ? `, ${frNumber(b.failed)} en échec.`
                : b.succeeded > 1
                  ? ' ont été traités.'
                  : ' a été traité.'}
            </p>
            {b.failures.length ? (
              <ul>
                {b.failures.map((f) => (
                  <li>
                    Dossier nº {f.dossierId} : {f.reason}
                  </li>
                ))}
                {b.failed > b.failures.length ? (
                  <li>et {frNumber(b.failed - b.failures.length)} autres dossiers</li>
                ) : null}
              </ul>
            ) : null}
            <form
              method="post"
              action={procedureAction(procedureId, `actions-de-masse/${b.id}/masquer`)}
              target="_top"
              data-turbo-frame="_top"
            >
              <Csrf token={csrf} />
              <input type="hidden" name="statut" value={tab} />
              <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-1w">
                Masquer ce message
              </button>
            </form>
          </div>
        ),
      )}
    </turbo-frame>
  );
};

const ActionButton: FC<{ action: BulkAction; secondary?: boolean }> = ({ action, secondary }) => (
  <button
    type="submit"
    name="action"
    value={action}
    class={`fr-btn fr-btn--sm${secondary ? ' fr-btn--secondary' : ''}`}
    data-bulk-action={action}
  >
    {BULK_ACTION_LABELS[action]}
  </button>
);

/** The tab's bulk actions, inside the selection form (docs/domain.md §8). */
export const BulkMenu: FC<{
  tab: Tab;
  labels: { id: string; name: string }[];
  selectAll: boolean;
  total: number;
}> = ({ tab, labels, selectAll, total }) => {
  const menu = BULK_MENUS[tab];
  const simple = menu.filter(
    (a) =>
      !BULK_DECISIONS.includes(a) && !['envoyer_message', 'demander_avis', 'poser_label', 'retirer_label'].includes(a),
  );
  const decisions = menu.filter((a) => BULK_DECISIONS.includes(a));
  const hasLabels = labels.length > 0 && menu.includes('poser_label');
  const countText = selectAll ? `${frNumber(total)} dossier${total > 1 ? 's' : ''}` : 'les dossiers sélectionnés';
  return (
    <fieldset class="fr-fieldset fr-mb-1w" aria-labelledby="actions-masse-legend" id="actions-masse">
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular fr-text--sm" id="actions-masse-legend">
        Actions sur la sélection
      </legend>
      <div class="fr-fieldset__element">
        <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          {simple.map((a) => (
            <li>
              <ActionButton action={a} />
            </li>
          ))}
        </ul>
      </div>
      {decisions.length ? (
        <div class="fr-fieldset__element">
          <details>
            <summary class="fr-btn fr-btn--sm">Instruire les dossiers</summary>
            <fieldset class="fr-fieldset fr-mt-2w" aria-labelledby="decision-masse-legend" id="decision-masse">
              <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="decision-masse-legend">
                Décision
              </legend>
              {decisions.map((a, n) => (
                <div class="fr-fieldset__element">
                  <div class="fr-radio-group fr-radio-group--sm">
                    <input type="radio" id={`decision-${a}`} name="decision" value={a} checked={n === 0} />
                    <label class="fr-label" for={`decision-${a}`}>
                      {BULK_ACTION_LABELS[a]}
                    </label>
                  </div>
                </div>
              ))}
              <div class="fr-fieldset__element">
                <div class="fr-input-group">
                  <label class="fr-label" for="motivation-masse">
                    Motivation
                    <span class="fr-hint-text">
                      La même pour tous les dossiers ; obligatoire pour refuser ou classer sans suite.
                    </span>
                  </label>
                  <textarea class="fr-input" id="motivation-masse" name="motivation" rows={3} maxlength={5000} />
                </div>
              </div>
              <div class="fr-fieldset__element">
                <div class="fr-upload-group">
                  <label class="fr-label" for="justificatif-masse">
                    Justificatif (facultatif)
                    <span class="fr-hint-text">
                      Le même pour tous les dossiers. Un fichier de 20 Mo au plus. Formats acceptés : PDF, images,
                      documents bureautiques.
                    </span>
                  </label>
                  <input class="fr-upload" type="file" id="justificatif-masse" name="justificatif" />
                </div>
              </div>
              <div class="fr-fieldset__element">
                <button
                  type="submit"
                  name="action"
                  value="decision"
                  class="fr-btn fr-btn--sm"
                  data-bulk-action="accepter"
                >
                  Valider la décision pour <span data-selection-target="count">{countText}</span>
                </button>
              </div>
            </fieldset>
          </details>
        </div>
      ) : null}
      {menu.includes('envoyer_message') ? (
        <div class="fr-fieldset__element">
          <details>
            <summary class="fr-btn fr-btn--sm fr-btn--secondary">Envoyer un message aux usagers</summary>
            <div class="fr-input-group fr-mt-2w">
              <label class="fr-label" for="message-masse">
                Message
              </label>
              <textarea class="fr-input" id="message-masse" name="message" rows={4} maxlength={100000} />
            </div>
            <ActionButton action="envoyer_message" />
          </details>
        </div>
      ) : null}
      {menu.includes('demander_avis') ? (
        <div class="fr-fieldset__element">
          <details>
            <summary class="fr-btn fr-btn--sm fr-btn--secondary">Demander un avis</summary>
            <div class="fr-input-group fr-mt-2w">
              <label class="fr-label" for="experts-masse">
                Adresses électroniques des experts
                <span class="fr-hint-text">Séparées par des virgules ; chaque expert reçoit un avis par dossier.</span>
              </label>
              <input class="fr-input" type="text" id="experts-masse" name="experts" autocomplete="off" />
            </div>
            <div class="fr-input-group">
              <label class="fr-label" for="avis-message-masse">
                Message aux experts
              </label>
              <textarea class="fr-input" id="avis-message-masse" name="avis_message" rows={3} maxlength={10000} />
            </div>
            <div class="fr-input-group">
              <label class="fr-label" for="question-masse">
                Question (facultatif)
                <span class="fr-hint-text">L'expert y répond par oui ou non.</span>
              </label>
              <input class="fr-input" type="text" id="question-masse" name="question" maxlength={1000} />
            </div>
            <div class="fr-upload-group fr-mb-2w">
              <label class="fr-label" for="avis-fichier-masse">
                Fichier joint (facultatif)
                <span class="fr-hint-text">Envoyé à chaque expert avec sa demande. Un fichier de 20 Mo au plus.</span>
              </label>
              <input class="fr-upload" type="file" id="avis-fichier-masse" name="avis_fichier" />
            </div>
            <div class="fr-checkbox-group fr-checkbox-group--sm fr-mb-2w">
              <input type="checkbox" id="confidentiel-masse" name="confidentiel" value="1" />
              <label class="fr-label" for="confidentiel-masse">
                Avis confidentiel (visible des seuls instructeurs)
              </label>
            </div>
            <ActionButton action="demander_avis" />
          </details>
        </div>
      ) : null}
      {hasLabels ? (
        <div class="fr-fieldset__element">
          <details>
            <summary class="fr-btn fr-btn--sm fr-btn--secondary">Labels</summary>
            <div class="fr-select-group fr-mt-2w">
              <label class="fr-label" for="label-masse">
                Label
              </label>
              <select class="fr-select" id="label-masse" name="label">
                {labels.map((l) => (
                  <option value={l.id}>{l.name}</option>
                ))}
              </select>
            </div>
            <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
              <li>
                <ActionButton action="poser_label" secondary />
              </li>
              <li>
                <ActionButton action="retirer_label" secondary />
              </li>
            </ul>
          </details>
        </div>
      ) : null}
    </fieldset>
  );
};
