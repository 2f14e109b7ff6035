// « Réaffectation » (procedures with several groups): move the dossier to another group of the
// procedure, and the history of its moves (who, when, from, to).
import type { FC } from 'hono/jsx';
import { reassignmentRefusal, reassignmentTargets } from '../../../domain/reassignment.ts';
import type { ReaffectationTab } from '../../../queries/reaffectation.ts';
import { Csrf } from '../form.tsx';
import { dossierPath } from './links.ts';
import { eventCells, SimpleTable } from './personnes.tsx';
import { SmallAlert } from '../components/alert.tsx';

export const ReaffectationView: FC<{
  tab: ReaffectationTab;
  csrf: string;
  selected?: string;
  error?: string | null;
}> = ({ tab, csrf, selected, error }) => {
  const h = tab.header;
  const refusal = reassignmentRefusal(h.facts, tab.groups);
  const targets = reassignmentTargets(tab.groups, h.groupeId);
  return (
    <div>
      <section class="fr-mb-4w" aria-labelledby="reaffecter-titre">
        <h2 class="fr-h5" id="reaffecter-titre">
          Réaffecter le dossier à un autre groupe
        </h2>
        <p>
          Ce dossier est instruit par le groupe « <strong>{h.groupeLabel}</strong> ». Le réaffecter le confie aux
          instructeurs d'un autre groupe de la démarche ; les instructeurs qui le suivent sans faire partie du nouveau
          groupe cesseront de le suivre et en seront informés.
        </p>
        {refusal ? (
          <SmallAlert>{refusal}</SmallAlert>
        ) : (
          <form method="post" action={dossierPath(h.id, 'reaffectation')}>
            <Csrf token={csrf} />
            <input type="hidden" name="lockVersion" value={String(h.lockVersion)} />
            <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
              <label class="fr-label" for="reaffectation-groupe">
                Nouveau groupe d'instructeurs
              </label>
              <select
                class={`fr-select${error ? ' fr-select--error' : ''}`}
                id="reaffectation-groupe"
                name="groupeId"
                required
                aria-describedby={error ? 'reaffectation-groupe-error' : undefined}
                aria-invalid={error ? 'true' : undefined}
              >
                <option value="" selected={!selected} disabled>
                  Choisir un groupe
                </option>
                {targets.map((g) => (
                  <option value={g.id} selected={selected === g.id}>
                    {g.closed ? `${g.label} (groupe clos)` : g.label}
                  </option>
                ))}
              </select>
              {error ? (
                <p class="fr-error-text" id="reaffectation-groupe-error">
                  {error}
                </p>
              ) : null}
            </div>
            <button type="submit" class="fr-btn fr-icon-arrow-right-line fr-btn--icon-left">
              Réaffecter le dossier
            </button>
          </form>
        )}
      </section>
      <section class="fr-mb-4w" aria-labelledby="historique-reaffectation-titre">
        <h2 class="fr-h5" id="historique-reaffectation-titre">
          Historique des réaffectations
        </h2>
        {tab.history.length === 0 ? (
          <p>Ce dossier n'a jamais été réaffecté.</p>
        ) : (
          <SimpleTable
            caption="Historique des réaffectations"
            head={['Date', 'Heure', 'Par', 'Ancien groupe', 'Nouveau groupe']}
            rows={tab.history.map((e) => [
              ...eventCells(e),
              e.actorEmail ?? '',
              String(e.data.from_label ?? ''),
              String(e.data.to_label ?? ''),
            ])}
          />
        )}
      </section>
    </div>
  );
};
