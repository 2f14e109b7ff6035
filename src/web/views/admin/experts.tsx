// « Experts » of a procedure (docs/interface.md §6): avis allowed or not, the choice restricted to
// the administrator's list, experts may invite other experts, may use the messagerie; the list.
import type { FC } from 'hono/jsx';
import type { ProcedureExpertsPage } from '../../../queries/avis.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { Table } from '../components/table.tsx';
import { Csrf, Input } from '../form.tsx';

export interface ExpertsFormState {
  emails?: string;
  error?: string;
}

const Toggle: FC<{ name: string; label: string; hint: string; checked: boolean }> = ({
  name,
  label,
  hint,
  checked,
}) => (
  <div class="fr-fieldset__element">
    <div class="fr-checkbox-group">
      <input
        type="checkbox"
        id={`experts-${name}`}
        name={name}
        value="1"
        checked={checked}
        aria-describedby={`experts-${name}-hint`}
      />
      <label class="fr-label" for={`experts-${name}`}>
        {label}
        <span class="fr-hint-text" id={`experts-${name}-hint`}>
          {hint}
        </span>
      </label>
    </div>
  </div>
);

export const AdminExpertsView: FC<{ data: ProcedureExpertsPage; csrf: string; form?: ExpertsFormState }> = ({
  data: { procedure, settings },
  csrf,
  form,
}) => {
  const base = `/admin/procedures/${procedure.id}/experts`;
  return (
    <>
      <Breadcrumb items={[{ label: 'Mes démarches', href: '/admin/procedures' }, { label: procedure.title }]} />
      <h1>Experts — {procedure.title}</h1>
      <form method="post" action={`${base}/options`} class="fr-mb-6w">
        <Csrf token={csrf} />
        <fieldset class="fr-fieldset" id="experts-options" aria-labelledby="experts-options-legend">
          <legend class="fr-fieldset__legend" id="experts-options-legend">
            Avis externes
          </legend>
          <Toggle
            name="allowExpertReview"
            label="Autoriser les instructeurs à demander l'avis d'experts"
            hint="Sans cette option, l'onglet « Avis externes » ne permet plus de demander un avis."
            checked={settings.allowExpertReview}
          />
          <Toggle
            name="restricted"
            label="Restreindre le choix aux experts de la liste"
            hint="Les instructeurs ne pourront inviter que les experts de la liste ci-dessous."
            checked={settings.restricted}
          />
          <Toggle
            name="mayInvite"
            label="Permettre aux experts d'inviter d'autres experts"
            hint="Un expert pourra demander l'avis d'un autre expert sur le dossier."
            checked={settings.mayInvite}
          />
          <Toggle
            name="allowExpertMessaging"
            label="Permettre aux experts d'utiliser la messagerie"
            hint="Les experts pourront lire la messagerie du dossier et y écrire."
            checked={settings.allowExpertMessaging}
          />
          <div class="fr-fieldset__element">
            <button type="submit" class="fr-btn">
              Enregistrer
            </button>
          </div>
        </fieldset>
      </form>

      <h2>Liste des experts</h2>
      <form method="post" action={base} class="fr-mb-4w">
        <Csrf token={csrf} />
        <Input
          id="experts-emails"
          name="emails"
          label="Ajouter des experts"
          hint="Une ou plusieurs adresses électroniques, séparées par des virgules."
          value={form?.emails}
          error={form?.error}
        />
        <button type="submit" class="fr-btn fr-btn--secondary">
          Ajouter à la liste
        </button>
      </form>
      {settings.listedEmails.length === 0 ? (
        <p>Aucun expert dans la liste.</p>
      ) : (
        <Table caption="Experts de la démarche">
          <thead>
            <tr>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {settings.listedEmails.map((email) => (
              <tr>
                <td>{email}</td>
                <td>
                  <form method="post" action={`${base}/retirer`}>
                    <Csrf token={csrf} />
                    <input type="hidden" name="email" value={email} />
                    <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" title={`Retirer ${email}`}>
                      Retirer
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
};
