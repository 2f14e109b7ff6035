// « Ajouter un filtre » (docs/interface.md §2D-2): choose a column (dossier, usager, formulaire, annotations),
// then an operator that fits its type and the value(s); saved for this tab or for every tab.
// Two steps with plain forms (the column choice is a GET), so it works without JavaScript.
import type { FC } from 'hono/jsx';
import { OPERATOR_LABELS, VALUELESS_OPERATORS, type FilterScope } from '../../../domain/presentation.ts';
import type { Tab } from '../../../domain/tabs.ts';
import { COLUMN_GROUP_LABELS, type Column, type ColumnGroup } from '../../../queries/columns.ts';
import type { ListContext } from '../../../queries/list-context.ts';
import { Csrf } from '../form.tsx';
import { Notice } from './common.tsx';
import { listHref, procedureAction } from './links.ts';
import { ScopeChoice } from './list.tsx';
import { ProcedureHeader } from './procedure-header.tsx';

export interface FilterFormState {
  op?: string;
  values?: string[];
  scope?: FilterScope;
  error?: string | null;
}

function valueHint(c: Column): string {
  switch (c.kind) {
    case 'date':
    case 'datetime':
      return 'Date au format JJ/MM/AAAA ; plusieurs dates séparées par « ; » (filtre « le »)';
    case 'integer':
    case 'decimal':
      return 'Un nombre, par exemple 12 ou 12,5 ; plusieurs valeurs séparées par « ; » (filtre « est égal à »)';
    default:
      return 'Plusieurs valeurs séparées par « ; » : un dossier correspondant à l\u2019une d\u2019elles est affiché';
  }
}

export const FiltersPage: FC<{
  csrf: string;
  ctx: ListContext;
  tab: Tab;
  column: Column | null;
  unknownColumn: boolean;
  state: FilterFormState;
}> = ({ csrf, ctx, tab, column, unknownColumn, state }) => {
  const groups = (['dossier', 'usager', 'champ', 'annotation'] as ColumnGroup[])
    .map((g) => ({ g, cols: ctx.catalogue.filter((c) => c.group === g && c.filterable) }))
    .filter((x) => x.cols.length > 0);
  const ops = column ? column.operators : [];
  const values = state.values ?? [];
  const between = state.op === 'between';
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
      <h2 class="fr-h4">Ajouter un filtre</h2>
      {unknownColumn ? (
        <Notice
          kind="warning"
          messages={["Cette colonne n'existe pas (ou plus) dans cette démarche : choisissez-en une dans la liste."]}
        />
      ) : null}
      {state.error ? <Notice kind="error" messages={[state.error]} /> : null}

      <form method="get" action={procedureAction(ctx.procedure.id, 'filtres')} class="fr-mb-4w">
        <input type="hidden" name="statut" value={tab} />
        <div class="fr-select-group">
          <label class="fr-label" for="filtre-colonne">
            Colonne à filtrer
            <span class="fr-hint-text">
              Informations du dossier, de l'usager, formulaire usager ou annotations privées
            </span>
          </label>
          <select class="fr-select" id="filtre-colonne" name="colonne">
            <option value="" disabled selected={!column}>
              Choisir une colonne
            </option>
            {groups.map(({ g, cols }) => (
              <optgroup label={COLUMN_GROUP_LABELS[g]}>
                {cols.map((c) => (
                  <option value={c.id} selected={column?.id === c.id}>
                    {c.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" class="fr-btn fr-btn--secondary">
          Choisir cette colonne
        </button>
      </form>

      {column ? (
        <form method="post" action={procedureAction(ctx.procedure.id, 'filtres')}>
          <Csrf token={csrf} />
          <input type="hidden" name="statut" value={tab} />
          <input type="hidden" name="column" value={column.id} />
          <h3 class="fr-h5">Filtre sur « {column.label} »</h3>
          <fieldset class="fr-fieldset" id="filtre-operateur" aria-labelledby="filtre-operateur-legend">
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="filtre-operateur-legend">
              Condition
            </legend>
            {ops.map((op, i) => (
              <div class="fr-fieldset__element fr-fieldset__element--inline">
                <div class="fr-radio-group fr-radio-group--sm">
                  <input
                    type="radio"
                    id={`filtre-op-${op}`}
                    name="op"
                    value={op}
                    checked={state.op ? state.op === op : i === 0}
                  />
                  <label class="fr-label" for={`filtre-op-${op}`}>
                    {OPERATOR_LABELS[op]}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
          {column.options && ops.includes('in') ? (
            <fieldset class="fr-fieldset" id="filtre-valeurs" aria-labelledby="filtre-valeurs-legend">
              <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="filtre-valeurs-legend">
                Valeurs (condition « est l'un de »)
              </legend>
              {column.options.map((o, i) => (
                <div class="fr-fieldset__element">
                  <div class="fr-checkbox-group fr-checkbox-group--sm">
                    <input
                      type="checkbox"
                      name="values"
                      value={o.value}
                      id={`filtre-valeur-${i}`}
                      checked={values.includes(o.value)}
                    />
                    <label class="fr-label" for={`filtre-valeur-${i}`}>
                      {o.label}
                    </label>
                  </div>
                </div>
              ))}
            </fieldset>
          ) : ops.some((o) => !VALUELESS_OPERATORS.includes(o)) ? (
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <div class={`fr-input-group${state.error ? ' fr-input-group--error' : ''}`}>
                  <label class="fr-label" for="filtre-valeur">
                    Valeur
                    <span class="fr-hint-text">{valueHint(column)}</span>
                  </label>
                  <input
                    class="fr-input"
                    type="text"
                    id="filtre-valeur"
                    name="value"
                    value={between ? (values[0] ?? '') : values.join(' ; ')}
                    maxlength={4048}
                    aria-invalid={state.error ? 'true' : undefined}
                  />
                </div>
              </div>
              {ops.includes('between') ? (
                <div class="fr-col-12 fr-col-md-6">
                  <div class="fr-input-group">
                    <label class="fr-label" for="filtre-valeur-max">
                      Valeur maximale
                      <span class="fr-hint-text">Seulement pour la condition « entre »</span>
                    </label>
                    <input
                      class="fr-input"
                      type="text"
                      id="filtre-valeur-max"
                      name="value_max"
                      value={between ? (values[1] ?? '') : ''}
                      maxlength={4048}
                    />
                  </div>
                </div>
              ) : null}
            </div>
          ) : null}
          <ScopeChoice name="scope" idPrefix="filtre-portee" tab={tab} selected={state.scope} />
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button type="submit" class="fr-btn">
                Ajouter le filtre
              </button>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href={listHref(ctx.procedure.id, { tab })}>
                Retour à la liste
              </a>
            </li>
          </ul>
        </form>
      ) : (
        <p>
          <a class="fr-link" href={listHref(ctx.procedure.id, { tab })}>
            Retour à la liste
          </a>
        </p>
      )}
    </>
  );
};
