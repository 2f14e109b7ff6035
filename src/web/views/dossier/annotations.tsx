// « Annotations privées »: the revision's private fields, typed and validated like form fields,
// saved with the button (without JavaScript) or field by field as they change (Stimulus
// `autosave`). Never rendered for usagers or experts (the route checks canSeeAnnotations).
import type { FC } from 'hono/jsx';
import type { ReferentialOptions } from '../../../domain/fields/referentials.ts';
import { getFieldType, type ChampsMap, type FieldDef } from '../../../domain/fields/index.ts';
import { ErrorSummary } from '../form.tsx';
import { Csrf } from '../form.tsx';
import { FieldInputs, visibleForValues } from './field-inputs.tsx';
import { frDateTime, isoOf } from './format.ts';
import { SmallAlert } from '../components/alert.tsx';

export const AnnotationsView: FC<{
  dossierId: string;
  defs: FieldDef[];
  stored: ChampsMap;
  values: Record<string, unknown>;
  csrf: string;
  action: string;
  errors?: Record<string, string> | null;
  lastUpdatedAt: Date | null;
  /** the entries of the short lists' selects (referentialOptionsFor) */
  referentials: ReferentialOptions;
}> = ({ defs, stored, values, csrf, action, errors, lastUpdatedAt, referentials }) => {
  const fillable = defs.filter((d) => getFieldType(d.type).fillable);
  return (
    <section aria-labelledby="annotations-titre">
      <h2 class="fr-h5" id="annotations-titre">
        Annotations privées
      </h2>
      <p class="fr-text--sm">
        Ce cadre est réservé aux instructeurs : il n'est visible ni par l'usager, ni par les experts invités.
      </p>
      {fillable.length === 0 ? (
        <SmallAlert>Aucune annotation privée : l'administrateur de la démarche n'en a pas prévu.</SmallAlert>
      ) : (
        <form
          method="post"
          action={action}
          enctype="multipart/form-data"
          data-controller="autosave"
          data-autosave-url-value={action}
          novalidate
        >
          <Csrf token={csrf} />
          <ErrorSummary errors={errors} title="Les annotations n'ont pas été enregistrées" />
          <FieldInputs
            defs={defs}
            values={values}
            visible={visibleForValues(defs, values)}
            stored={stored}
            errors={errors ?? undefined}
            autosave
            referentials={referentials}
          />
          <p class="fr-text--xs" data-autosave-target="summary" aria-live="polite">
            {lastUpdatedAt ? (
              <>
                Dernière modification le <time datetime={isoOf(lastUpdatedAt)}>{frDateTime(lastUpdatedAt)}</time>. Les
                annotations sont enregistrées automatiquement à chaque modification.
              </>
            ) : (
              'Les annotations sont enregistrées automatiquement à chaque modification.'
            )}
          </p>
          <button type="submit" class="fr-btn">
            Enregistrer les annotations
          </button>
        </form>
      )}
    </section>
  );
};
