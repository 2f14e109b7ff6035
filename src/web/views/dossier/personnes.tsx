// « Personnes impliquées » (docs/interface.md §3): who works on the dossier — followers (current and previous),
// experts asked, co-editors invited by the usager —, every decision with date and time, the manual
// reassignments and hand-overs, and « Envoyer à un instructeur » (a colleague of the group then
// follows the dossier and gets an e-mail).
import type { Child, FC } from 'hono/jsx';
import { historyDetails, historyLabel } from '../../../domain/history-labels.ts';
import type { EventItem, PersonnesTab, PersonItem } from '../../../queries/personnes.ts';
import { Csrf } from '../form.tsx';
import { frDateTime, frShortDate, frTime, isoOf } from './format.ts';
import { dossierPath } from './links.ts';
import { Table } from '../components/table.tsx';

const who = (p: PersonItem) => (p.name ? `${p.name} (${p.email})` : p.email);
const actorOf = (e: EventItem) =>
  !e.actorEmail || e.actorEmail === 'systeme' ? 'Guichet (automatique)' : e.actorEmail;

/** A DSFR table with a caption (shown as the table's accessible name). */
export const SimpleTable: FC<{ caption: string; head: string[]; rows: Child[][] }> = ({ caption, head, rows }) => (
  <Table modifiers="fr-table--sm fr-table--no-caption fr-mb-2w" caption={caption}>
    <thead>
      <tr>
        {head.map((h) => (
          <th scope="col">{h}</th>
        ))}
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr>
          {r.map((cell) => (
            <td style="white-space: pre-wrap">{cell}</td>
          ))}
        </tr>
      ))}
    </tbody>
  </Table>
);

const When: FC<{ at: Date }> = ({ at }) => <time datetime={isoOf(at)}>{frDateTime(at)}</time>;

/** Date and time of an event as two cells. */
export const eventCells = (e: EventItem): Child[] => [
  <time datetime={isoOf(e.createdAt)}>{frShortDate(e.createdAt)}</time>,
  frTime(e.createdAt),
];

export interface SendFormState {
  selected?: string[];
  error?: string | null;
}

const SendForm: FC<{ tab: PersonnesTab; csrf: string; state?: SendFormState }> = ({ tab, csrf, state }) => {
  const colleagues = tab.colleagues;
  const selected = new Set(state?.selected ?? []);
  const error = state?.error ?? null;
  return (
    <section class="fr-mb-4w" aria-labelledby="envoyer-titre">
      <h2 class="fr-h5" id="envoyer-titre">
        Envoyer à un instructeur
      </h2>
      {colleagues.length === 0 ? (
        <p>Aucun autre instructeur ne fait partie du groupe « {tab.header.groupeLabel} ».</p>
      ) : (
        <form method="post" action={dossierPath(tab.header.id, 'personnes')}>
          <Csrf token={csrf} />
          <fieldset
            class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
            id="envoyer"
            aria-labelledby={`envoyer-legend${error ? ' envoyer-messages' : ''}`}
          >
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="envoyer-legend">
              Instructeurs du groupe « {tab.header.groupeLabel} »
              <span class="fr-hint-text">Chaque instructeur choisi suivra le dossier et recevra un e-mail.</span>
            </legend>
            {colleagues.map((p) => (
              <div class="fr-fieldset__element">
                <div class="fr-checkbox-group">
                  <input
                    type="checkbox"
                    id={`envoyer-${p.userId}`}
                    name="instructeurIds"
                    value={p.userId}
                    checked={selected.has(p.userId)}
                  />
                  <label class="fr-label" for={`envoyer-${p.userId}`}>
                    {who(p)}
                    {p.following ? <span class="fr-hint-text">suit déjà ce dossier</span> : null}
                  </label>
                </div>
              </div>
            ))}
            <div class="fr-messages-group" id="envoyer-messages" aria-live="assertive">
              {error ? <p class="fr-message fr-message--error">{error}</p> : null}
            </div>
          </fieldset>
          <button type="submit" class="fr-btn fr-btn--secondary fr-icon-send-plane-line fr-btn--icon-left">
            Envoyer le dossier
          </button>
        </form>
      )}
    </section>
  );
};

export const PersonnesView: FC<{ tab: PersonnesTab; csrf: string; send?: SendFormState }> = ({ tab, csrf, send }) => (
  <div>
    <SendForm tab={tab} csrf={csrf} state={send} />

    <section class="fr-mb-4w" aria-labelledby="suivi-titre">
      <h2 class="fr-h5" id="suivi-titre">
        Instructeurs qui suivent le dossier
      </h2>
      {tab.followers.length === 0 ? (
        <p>Aucun instructeur ne suit ce dossier.</p>
      ) : (
        <ul>
          {tab.followers.map((f) => (
            <li>
              {who(f)} — depuis le <When at={f.since} />
            </li>
          ))}
        </ul>
      )}
      {tab.previousFollowers.length ? (
        <>
          <h3 class="fr-h6">Instructeurs qui ont suivi le dossier</h3>
          <ul>
            {tab.previousFollowers.map((f) => (
              <li>
                {who(f)} — du <When at={f.since} /> au <When at={f.until!} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>

    <section class="fr-mb-4w" aria-labelledby="experts-titre">
      <h2 class="fr-h5" id="experts-titre">
        Experts sollicités
      </h2>
      {tab.experts.length === 0 ? (
        <p>Aucun avis n'a été demandé sur ce dossier.</p>
      ) : (
        <ul>
          {tab.experts.map((a) => (
            <li>
              {a.email} — avis demandé le <When at={a.askedAt} />
              {a.claimantEmail ? ` par ${a.claimantEmail}` : ''}
              {a.revokedAt ? (
                <>
                  {' '}
                  (demande révoquée le <When at={a.revokedAt} />)
                </>
              ) : a.answeredAt ? (
                <>
                  {' '}
                  (répondu le <When at={a.answeredAt} />)
                </>
              ) : (
                ' (en attente de réponse)'
              )}
            </li>
          ))}
        </ul>
      )}
    </section>

    <section class="fr-mb-4w" aria-labelledby="invites-titre">
      <h2 class="fr-h5" id="invites-titre">
        Personnes invitées par l'usager
      </h2>
      {tab.coEditors.length === 0 ? (
        <p>L'usager n'a invité personne à modifier ce dossier.</p>
      ) : (
        <ul>
          {tab.coEditors.map((p) => (
            <li>{who(p)}</li>
          ))}
        </ul>
      )}
    </section>

    <section class="fr-mb-4w" aria-labelledby="decisions-titre">
      <h2 class="fr-h5" id="decisions-titre">
        Décisions rendues
      </h2>
      {tab.decisions.length === 0 ? (
        <p>Aucun changement d'état pour l'instant.</p>
      ) : (
        <SimpleTable
          caption="Décisions rendues"
          head={['Date', 'Heure', 'Décision', 'Par', 'Précisions']}
          rows={tab.decisions.map((e) => [
            ...eventCells(e),
            historyLabel(e.type),
            actorOf(e),
            historyDetails(e.type, e.data),
          ])}
        />
      )}
    </section>

    <section class="fr-mb-4w" aria-labelledby="reaffectations-titre">
      <h2 class="fr-h5" id="reaffectations-titre">
        Réaffectations
      </h2>
      {tab.reassignments.length === 0 ? (
        <p>Ce dossier n'a jamais été réaffecté.</p>
      ) : (
        <SimpleTable
          caption="Réaffectations du dossier"
          head={['Date', 'Heure', 'Par', 'Ancien groupe', 'Nouveau groupe']}
          rows={tab.reassignments.map((e) => [
            ...eventCells(e),
            actorOf(e),
            String(e.data.from_label ?? ''),
            String(e.data.to_label ?? ''),
          ])}
        />
      )}
    </section>

    {tab.envois.length ? (
      <section class="fr-mb-4w" aria-labelledby="envois-titre">
        <h2 class="fr-h5" id="envois-titre">
          Dossier envoyé à des instructeurs
        </h2>
        <SimpleTable
          caption="Envois du dossier à des instructeurs"
          head={['Date', 'Heure', 'Par', 'À']}
          rows={tab.envois.map((e) => [
            ...eventCells(e),
            actorOf(e),
            Array.isArray(e.data.instructor_emails) ? e.data.instructor_emails.join(', ') : '',
          ])}
        />
      </section>
    ) : null}
  </div>
);
