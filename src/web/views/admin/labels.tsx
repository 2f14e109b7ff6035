// « Labels » of a procedure for its administrators (docs/interface.md §6B): create, rename, recolour,
// delete.
import type { FC } from 'hono/jsx';
import { LABEL_COLOUR_IDS, LABEL_COLOURS, LABEL_NAME_MAX } from '../../../domain/labels.ts';
import type { AdminLabels } from '../../../queries/admin-labels.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { SmallAlert } from '../components/alert.tsx';
import { Csrf, Input, Select } from '../form.tsx';
import { LabelBadge } from '../components/label-badge.tsx';

/** What was typed in one of the page's forms, and why it was refused. */
export interface LabelFormState {
  /** 'new' or the label's id */
  target: string;
  name: string;
  color: string;
  error: string;
}

const ColourSelect: FC<{ id: string; value: string }> = ({ id, value }) => (
  <Select id={id} name="color" label="Couleur">
    {LABEL_COLOUR_IDS.map((c) => (
      <option value={c} selected={c === value}>
        {LABEL_COLOURS[c]}
      </option>
    ))}
  </Select>
);

const hint = `${LABEL_NAME_MAX} caractères au plus.`;

export const AdminLabelsView: FC<{ data: AdminLabels; csrf: string; form?: LabelFormState }> = ({
  data: { procedure, labels },
  csrf,
  form,
}) => {
  const base = `/admin/procedures/${procedure.id}/labels`;
  const typed = (target: string) => (form?.target === target ? form : undefined);
  const fresh = typed('new');
  return (
    <>
      <Breadcrumb
        items={[{ label: 'Mes démarches', href: '/admin/procedures' }, { label: procedure.title }, { label: 'Labels' }]}
      />
      <h1>Labels de la démarche</h1>
      <p>
        Les labels permettent aux instructeurs d'étiqueter les dossiers de « {procedure.title} ». Supprimer un label le
        retire des dossiers qui le portent ; leur historique le mentionne.
      </p>
      {form ? (
        <SmallAlert kind="error" spacing="fr-mb-3w">
          {form.error}
        </SmallAlert>
      ) : null}
      <h2 class="fr-h4">Ajouter un label</h2>
      <form method="post" action={base} class="fr-mb-5w">
        <Csrf token={csrf} />
        <Input
          name="name"
          id="label-new-name"
          label="Nom du label"
          hint={hint}
          value={fresh?.name ?? ''}
          error={fresh?.error}
        />
        <ColourSelect id="label-new-color" value={fresh?.color ?? LABEL_COLOUR_IDS[0]!} />
        <button type="submit" class="fr-btn">
          Ajouter le label
        </button>
      </form>
      <h2 class="fr-h4">Labels existants</h2>
      {labels.length === 0 ? <p>Cette démarche n'a aucun label.</p> : null}
      {labels.map((l) => {
        const t = typed(l.id);
        return (
          <section class="fr-mb-4w" aria-labelledby={`label-${l.id}-title`}>
            <h3 class="fr-h6" id={`label-${l.id}-title`}>
              <LabelBadge name={l.name} color={l.color} />{' '}
              <span class="fr-text--sm fr-text--regular">
                {l.dossiers === 0 ? 'aucun dossier' : l.dossiers === 1 ? '1 dossier' : `${l.dossiers} dossiers`}
              </span>
            </h3>
            <form method="post" action={`${base}/${l.id}`}>
              <Csrf token={csrf} />
              <Input
                name="name"
                id={`label-${l.id}-name`}
                label={`Nom du label « ${l.name} »`}
                hint={hint}
                value={t?.name ?? l.name}
                error={t?.error}
              />
              <ColourSelect id={`label-${l.id}-color`} value={t?.color ?? l.color} />
              <ul class="fr-btns-group fr-btns-group--inline-md">
                <li>
                  <button type="submit" class="fr-btn fr-btn--secondary">
                    Enregistrer « {l.name} »
                  </button>
                </li>
                <li>
                  <button
                    type="submit"
                    class="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
                    formaction={`${base}/${l.id}/supprimer`}
                  >
                    Supprimer « {l.name} »
                  </button>
                </li>
              </ul>
            </form>
          </section>
        );
      })}
    </>
  );
};
