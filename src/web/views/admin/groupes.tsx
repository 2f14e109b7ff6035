// « Groupes d'instructeurs » of a procedure (docs/interface.md §A): groups with their instructors,
// routing rules and the preview, the CSV import, and the procedure's administrators.
import type { FC } from 'hono/jsx';
import { CONDITIONABLE_TYPES, OPERATOR_LABELS } from '../../../domain/conditions.ts';
import type { Condition, FieldDef } from '../../../domain/fields/types.ts';
import { BUILDER_OPERATORS } from '../../../domain/procedure-builder.ts';
import type { procedureGroups } from '../../../queries/admin-procedures.ts';
import type { procedureAdministrateurs, routingPreview } from '../../../queries/admin-routing.ts';
import { Table } from '../components/table.tsx';
import { Csrf, Input, Select, Upload } from '../form.tsx';
import { adminHref, ProcedureCrumbs } from './procedure.tsx';

/** Which form of the page was sent back with an error, and what was typed. */
export interface GroupesFormState {
  /** e.g. `invite-12`, `rename-12`, `rule-12`, `create`, `admin`, `import` */
  form: string;
  values: Record<string, string>;
  error: string;
}

export interface CsvReport {
  createdGroups: number;
  invited: number;
  errors: { line: number; text: string; message: string }[];
}

function ruleOf(c: Condition | null): { field: string; op: string; value: string } {
  if (!c || 'terms' in c) return { field: '', op: 'eq', value: '' };
  const v = c.value === undefined ? '' : c.value === 'true' ? 'Oui' : c.value === 'false' ? 'Non' : String(c.value);
  return { field: c.field, op: c.op, value: v };
}

export const AdminGroupsView: FC<{
  p: { id: string; title: string };
  data: Awaited<ReturnType<typeof procedureGroups>>;
  fields: FieldDef[];
  preview: Awaited<ReturnType<typeof routingPreview>> | null;
  admins: Awaited<ReturnType<typeof procedureAdministrateurs>>;
  me: string;
  csrf: string;
  form?: GroupesFormState;
  report?: CsvReport | null;
}> = ({ p, data: { groups }, fields, preview, admins, me, csrf, form, report }) => {
  const base = adminHref(p.id, 'groupes');
  const routable = fields.filter((f) => CONDITIONABLE_TYPES.includes(f.type));
  const err = (name: string) => (form?.form === name ? form.error : null);
  const val = (name: string, key: string, fallback = '') => (form?.form === name ? (form.values[key] ?? '') : fallback);
  return (
    <>
      <ProcedureCrumbs p={p} current="Instructeurs" />
      <h1>Groupes d'instructeurs de « {p.title} »</h1>
      <p>
        Les dossiers déposés vont au premier groupe ouvert dont la règle de routage est vraie, sinon au groupe par
        défaut. Changer les règles ne déplace pas les dossiers déjà déposés.
      </p>
      {groups.map((g) => {
        const rule =
          form?.form === `rule-${g.id}`
            ? {
                field: val(`rule-${g.id}`, 'field'),
                op: val(`rule-${g.id}`, 'op'),
                value: val(`rule-${g.id}`, 'value'),
              }
            : ruleOf(g.routing_rule);
        return (
          <section class="fr-mb-6w" aria-labelledby={`groupe-${g.id}`}>
            <h2 id={`groupe-${g.id}`}>
              {g.label}
              {g.is_default ? ' (groupe par défaut)' : ''}
              {g.closed ? ' (groupe clos)' : ''}
            </h2>
            {g.members.length ? (
              <ul>
                {g.members.map((m) => (
                  <li class="fr-mb-1w">
                    {m.email}
                    {m.active ? '' : ' — invitation en attente'}
                    <form method="post" action={`${base}/${g.id}/retirer`} class="fr-ml-2w" style="display:inline">
                      <Csrf token={csrf} />
                      <input type="hidden" name="email" value={m.email} />
                      <button
                        class="fr-btn fr-btn--tertiary fr-btn--sm"
                        type="submit"
                        title={`Retirer ${m.email} du groupe ${g.label}`}
                      >
                        Retirer
                      </button>
                    </form>
                    {m.active ? null : (
                      <form
                        method="post"
                        action={`${base}/${g.id}/instructeurs`}
                        class="fr-ml-1w"
                        style="display:inline"
                      >
                        <Csrf token={csrf} />
                        <input type="hidden" name="email" value={m.email} />
                        <button
                          class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                          type="submit"
                          title={`Renvoyer l'invitation à ${m.email}`}
                        >
                          Renvoyer l'invitation
                        </button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p>Aucun instructeur dans ce groupe.</p>
            )}
            <form method="post" action={`${base}/${g.id}/instructeurs`}>
              <Csrf token={csrf} />
              <Input
                id={`email-${g.id}`}
                name="email"
                type="email"
                label="Ajouter un instructeur"
                hint="Adresse électronique de l'agent : il recevra un lien pour activer son compte."
                value={val(`invite-${g.id}`, 'email')}
                error={err(`invite-${g.id}`)}
                required
                autocomplete="off"
              />
              <button class="fr-btn fr-btn--secondary" type="submit">
                Inviter
              </button>
            </form>
            <details class="fr-mt-2w">
              <summary>Renommer, clore, règle de routage</summary>
              <form method="post" action={`${base}/${g.id}/renommer`} class="fr-mt-2w">
                <Csrf token={csrf} />
                <Input
                  id={`label-${g.id}`}
                  name="label"
                  label="Nom du groupe"
                  value={val(`rename-${g.id}`, 'label', g.label)}
                  error={err(`rename-${g.id}`)}
                  required
                />
                <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
                  Renommer
                </button>
              </form>
              {g.is_default ? null : (
                <form method="post" action={`${base}/${g.id}/${g.closed ? 'rouvrir' : 'clore'}`} class="fr-mt-2w">
                  <Csrf token={csrf} />
                  {err(`close-${g.id}`) ? <p class="fr-error-text">{err(`close-${g.id}`)}</p> : null}
                  <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">
                    {g.closed ? 'Rouvrir le groupe' : 'Clore le groupe'}
                  </button>
                </form>
              )}
              {g.is_default ? (
                <p class="fr-mt-2w fr-text--sm">Le groupe par défaut reçoit les dossiers qu'aucune règle ne route.</p>
              ) : routable.length === 0 ? (
                <p class="fr-mt-2w fr-text--sm">
                  Ajoutez au formulaire un champ oui/non, une liste, un nombre, une adresse, une commune, un
                  département, une région ou un pays pour router les dossiers.
                </p>
              ) : (
                <form method="post" action={`${base}/${g.id}/routage`} class="fr-mt-2w">
                  <Csrf token={csrf} />
                  <fieldset class="fr-fieldset" aria-labelledby={`rule-legend-${g.id}`}>
                    <legend class="fr-fieldset__legend" id={`rule-legend-${g.id}`}>
                      Règle de routage : les dossiers vont dans ce groupe si
                    </legend>
                    <Select class="fr-fieldset__element" id={`rule-field-${g.id}`} name="field" label="Champ">
                      <option value="">— aucune règle —</option>
                      {routable.map((f) => (
                        <option value={f.stableId} selected={f.stableId === rule.field}>
                          {f.label}
                        </option>
                      ))}
                    </Select>
                    <Select class="fr-fieldset__element" id={`rule-op-${g.id}`} name="op" label="Opérateur">
                      {BUILDER_OPERATORS.map((op) => (
                        <option value={op} selected={op === rule.op}>
                          {OPERATOR_LABELS[op]}
                        </option>
                      ))}
                    </Select>
                    <div class="fr-fieldset__element">
                      <Input
                        id={`rule-value-${g.id}`}
                        name="value"
                        label="Valeur"
                        hint="L'option exacte, « Oui » ou « Non », un nombre, ou un code : commune (« 69123 ») ou département (« 69 »), région (« 84 »), pays (« FR »)."
                        value={rule.value}
                        error={err(`rule-${g.id}`)}
                      />
                    </div>
                  </fieldset>
                  <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
                    Enregistrer la règle
                  </button>
                </form>
              )}
            </details>
          </section>
        );
      })}
      <section class="fr-mb-6w" aria-labelledby="nouveau-groupe">
        <h2 id="nouveau-groupe">Ajouter un groupe</h2>
        <form method="post" action={base}>
          <Csrf token={csrf} />
          <Input
            id="new-label"
            name="label"
            label="Nom du nouveau groupe"
            value={val('create', 'label')}
            error={err('create')}
            required
          />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Ajouter le groupe
          </button>
        </form>
      </section>
      <section class="fr-mb-6w" aria-labelledby="import">
        <h2 id="import">Importer des groupes et des instructeurs</h2>
        {report ? (
          <div
            class={`fr-alert fr-alert--sm fr-mb-2w ${report.errors.length ? 'fr-alert--warning' : 'fr-alert--success'}`}
          >
            <p>
              {report.invited} instructeur(s) ajouté(s), {report.createdGroups} groupe(s) créé(s).
              {report.errors.length ? ` ${report.errors.length} ligne(s) ignorée(s) :` : ''}
            </p>
            {report.errors.length ? (
              <ul>
                {report.errors.map((e) => (
                  <li>
                    Ligne {e.line} (« {e.text} ») : {e.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <form method="post" action={`${base}/import`} enctype="multipart/form-data" data-turbo="false">
          <Csrf token={csrf} />
          <Upload
            id="csv"
            name="csv"
            label="Fichier CSV"
            hint="Une ligne par instructeur : groupe,email (par exemple : Paris,agent@exemple.fr)."
            accept=".csv,text/csv"
            error={err('import')}
          />
          <button class="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
            Importer
          </button>
        </form>
      </section>
      <section class="fr-mb-6w" aria-labelledby="apercu">
        <h2 id="apercu">Aperçu du routage</h2>
        {!preview || preview.length === 0 ? (
          <p>Aucun dossier déposé : l'aperçu s'affichera avec les premiers dossiers.</p>
        ) : (
          <Table caption="Groupe que les règles actuelles choisiraient pour les derniers dossiers déposés">
            <thead>
              <tr>
                <th scope="col">Dossier</th>
                <th scope="col">Groupe actuel</th>
                <th scope="col">Groupe selon les règles</th>
              </tr>
            </thead>
            <tbody>
              {preview.map((d) => (
                <tr>
                  <td>Nº {d.id}</td>
                  <td>{d.current}</td>
                  <td>{d.wouldGo}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section aria-labelledby="administrateurs">
        <h2 id="administrateurs">Administrateurs de la démarche</h2>
        <ul>
          {admins.map((a) => (
            <li>
              {a.email}
              {a.active ? '' : ' — invitation en attente'}
              {a.email === me ? ' (vous)' : ''}
            </li>
          ))}
        </ul>
        <form method="post" action={adminHref(p.id, 'administrateurs')}>
          <Csrf token={csrf} />
          <Input
            id="admin-email"
            name="email"
            type="email"
            label="Ajouter un administrateur"
            value={val('admin', 'email')}
            error={err('admin')}
            required
          />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Ajouter l'administrateur
          </button>
        </form>
        <form method="post" action={adminHref(p.id, 'quitter')} class="fr-mt-2w">
          <Csrf token={csrf} />
          <button class="fr-btn fr-btn--tertiary" type="submit">
            Quitter la démarche
          </button>
        </form>
      </section>
    </>
  );
};
