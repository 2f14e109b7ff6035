// « Personnaliser le tableau » (docs/interface.md §2C): choose the columns among every field and annotation of
// the procedure, grouped as in the reference (dossier, usager, formulaire, annotations), then order
// them. Plain forms; saving keeps the order of the columns already shown and appends the new ones.
import type { FC } from 'hono/jsx';
import type { Tab } from '../../../domain/tabs.ts';
import { COLUMN_GROUP_LABELS, type Column, type ColumnGroup } from '../../../queries/columns.ts';
import type { ListContext } from '../../../queries/list-context.ts';
import { Csrf } from '../form.tsx';
import { Notice } from './common.tsx';
import { listHref, procedureAction } from './links.ts';
import { ProcedureHeader } from './procedure-header.tsx';

export const ColumnsPage: FC<{ csrf: string; ctx: ListContext; tab: Tab; error?: string | null }> = ({
  csrf,
  ctx,
  tab,
  error,
}) => {
  const shown = ctx.presentation.columns.map((id) => ctx.columns.get(id)).filter((c): c is Column => !!c);
  const groups = (['dossier', 'usager', 'champ', 'annotation'] as ColumnGroup[])
    .map((g) => ({ g, cols: ctx.catalogue.filter((c) => c.group === g && c.displayable) }))
    .filter((x) => x.cols.length > 0);
  return (
    <>
      <ProcedureHeader
        procedureId={ctx.procedure.id}
        title={ctx.procedure.title}
        closed={ctx.procedure.state === 'close'}
        inTest={ctx.procedure.state === 'brouillon'}
        current="suivi"
        unseenRevision={ctx.unseenRevision}
      />
      <h2 class="fr-h4">Personnaliser le tableau</h2>
      {error ? <Notice kind="error" messages={[error]} /> : null}
      <p>Le numéro et l'état du dossier sont toujours affichés. Cochez les colonnes à afficher puis enregistrez.</p>
      <form method="post" action={procedureAction(ctx.procedure.id, 'colonnes')}>
        <Csrf token={csrf} />
        <input type="hidden" name="statut" value={tab} />
        {groups.map(({ g, cols }) => (
          <fieldset class="fr-fieldset" id={`colonnes-${g}`} aria-labelledby={`colonnes-${g}-legend`}>
            <legend class="fr-fieldset__legend" id={`colonnes-${g}-legend`}>
              {COLUMN_GROUP_LABELS[g]}
            </legend>
            {cols.map((c, i) => (
              <div class="fr-fieldset__element fr-fieldset__element--inline">
                <div class="fr-checkbox-group fr-checkbox-group--sm">
                  <input
                    type="checkbox"
                    name="columns"
                    value={c.id}
                    id={`colonne-${g}-${i}`}
                    checked={ctx.presentation.columns.includes(c.id)}
                  />
                  <label class="fr-label" for={`colonne-${g}-${i}`}>
                    {c.label}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
        ))}
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              Enregistrer
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={listHref(ctx.procedure.id, { tab })}>
              Retour à la liste
            </a>
          </li>
        </ul>
      </form>

      <h2 class="fr-h5 fr-mt-4w">Ordre des colonnes affichées</h2>
      {shown.length === 0 ? (
        <p>Aucune colonne choisie : seuls le numéro et l'état des dossiers sont affichés.</p>
      ) : (
        <ol>
          {shown.map((c, i) => (
            <li class="fr-mb-1w">
              <span class="fr-mr-2w">{c.label}</span>
              {(['left', 'right', 'remove'] as const).map((dir) => {
                const disabled = (dir === 'left' && i === 0) || (dir === 'right' && i === shown.length - 1);
                const text = dir === 'left' ? 'Avancer' : dir === 'right' ? 'Reculer' : 'Retirer';
                return (
                  <form
                    method="post"
                    action={procedureAction(ctx.procedure.id, 'colonnes/deplacer')}
                    style="display: inline"
                  >
                    <Csrf token={csrf} />
                    <input type="hidden" name="statut" value={tab} />
                    <input type="hidden" name="column" value={c.id} />
                    <input type="hidden" name="direction" value={dir} />
                    <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary fr-mr-1w" disabled={disabled}>
                      {text}
                      <span class="fr-sr-only"> la colonne « {c.label} »</span>
                    </button>
                  </form>
                );
              })}
            </li>
          ))}
        </ol>
      )}
    </>
  );
};
