// « Gestion des instructeurs » (my groups, their instructors, their contact information) and
// « Administrateurs de la démarche » (docs/interface.md §6C).
import type { FC } from 'hono/jsx';
import { CONTACT_FIELDS, CONTACT_LABELS, type GroupeContact } from '../../../domain/groupe-management.ts';
import type { GestionInstructeurs, ManagedGroupe, Person } from '../../../queries/gestion-instructeurs.ts';
import { SmallAlert } from '../components/alert.tsx';
import { Table } from '../components/table.tsx';
import { Csrf, Input } from '../form.tsx';
import { GestionFrame, gestionHref } from './common.tsx';

interface Proc {
  id: string;
  title: string;
  selfManagement: boolean;
}

export const groupeHref = (procedureId: string, groupeId: string) =>
  gestionHref(procedureId, `instructeurs/${groupeId}`);

const personName = (p: Person) => (p.name ? `${p.name} (${p.email})` : p.email);

/** With routing: first the list of my groups. */
export const MyGroupesPage: FC<{ procedure: Proc; data: GestionInstructeurs }> = ({ procedure, data }) => (
  <GestionFrame procedureId={procedure.id} procedureTitle={procedure.title} title="Gestion des instructeurs">
    <SelfManagementNotice procedure={procedure} />
    <p>Choisissez le groupe d'instructeurs à gérer.</p>
    <ul>
      {data.groupes.map((g) => (
        <li>
          <a href={groupeHref(procedure.id, g.id)}>{g.label}</a>
          {g.closed ? ' (groupe clos)' : ''} —{' '}
          {g.instructeurs.length === 1 ? '1 instructeur' : `${g.instructeurs.length} instructeurs`}
        </li>
      ))}
    </ul>
  </GestionFrame>
);

const SelfManagementNotice: FC<{ procedure: Proc }> = ({ procedure }) =>
  procedure.selfManagement ? null : (
    <SmallAlert kind="info" spacing="fr-mb-3w">
      Les administrateurs de la démarche n'ont pas activé l'auto-gestion des instructeurs : pour ajouter ou retirer un
      instructeur, contactez-les depuis la page{' '}
      <a href={gestionHref(procedure.id, 'administrateurs')}>Administrateurs de la démarche</a>. Vous pouvez toujours
      modifier les informations de contact de votre groupe.
    </SmallAlert>
  );

export interface GroupeFormState {
  form: 'ajout' | 'contact' | 'retrait';
  values: Record<string, string>;
  fields: Record<string, string>;
  message: string;
}

export const GroupePage: FC<{
  csrf: string;
  procedure: Proc;
  groupe: ManagedGroupe;
  routing: boolean;
  state?: GroupeFormState;
}> = ({ csrf, procedure, groupe, routing, state }) => {
  const base = groupeHref(procedure.id, groupe.id);
  const contact: Partial<GroupeContact> =
    state?.form === 'contact' ? (state.values as Partial<GroupeContact>) : (groupe.contact ?? {});
  return (
    <GestionFrame
      procedureId={procedure.id}
      procedureTitle={procedure.title}
      title={routing ? `Gestion des instructeurs — ${groupe.label}` : 'Gestion des instructeurs'}
    >
      {routing ? (
        <p>
          <a
            class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
            href={gestionHref(procedure.id, 'instructeurs')}
          >
            Mes groupes d'instructeurs
          </a>
        </p>
      ) : null}
      <SelfManagementNotice procedure={procedure} />
      {state?.form === 'retrait' ? (
        <SmallAlert kind="error" spacing="fr-mb-3w">
          {state.message}
        </SmallAlert>
      ) : null}
      <h2 class="fr-h4">Instructeurs du groupe « {groupe.label} »</h2>
      <Table caption={`Instructeurs du groupe « ${groupe.label} »`} modifiers="fr-table--no-caption">
        <thead>
          <tr>
            <th scope="col">Instructeur</th>
            {procedure.selfManagement ? <th scope="col">Action</th> : null}
          </tr>
        </thead>
        <tbody>
          {groupe.instructeurs.map((i) => (
            <tr>
              <td>{personName(i)}</td>
              {procedure.selfManagement ? (
                <td>
                  {groupe.instructeurs.length > 1 ? (
                    <form method="post" action={`${base}/retirer`}>
                      <Csrf token={csrf} />
                      <input type="hidden" name="userId" value={i.id} />
                      <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                        Retirer {i.email}
                      </button>
                    </form>
                  ) : (
                    <span class="fr-text--sm">Dernier instructeur du groupe : il ne peut pas être retiré.</span>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      {procedure.selfManagement ? (
        <form method="post" action={`${base}/ajouter`} class="fr-mb-5w">
          <Csrf token={csrf} />
          <Input
            id="ajout-email"
            name="email"
            type="email"
            label="Ajouter un instructeur"
            hint="Adresse électronique de l'agent : il recevra une invitation par e-mail."
            value={state?.form === 'ajout' ? (state.values.email ?? '') : ''}
            error={state?.form === 'ajout' ? state.message : null}
            required
            autocomplete="off"
          />
          <button type="submit" class="fr-btn fr-btn--secondary">
            Ajouter l'instructeur
          </button>
        </form>
      ) : null}
      <h2 class="fr-h4" id="contact">
        Informations de contact
      </h2>
      <p>
        Elles apparaissent au pied des e-mails envoyés aux usagers dont le dossier est dans ce groupe, pour qu'ils
        puissent vous joindre.
      </p>
      <form method="post" action={`${base}/contact`}>
        <Csrf token={csrf} />
        {CONTACT_FIELDS.map((k) => (
          <Input
            id={`contact-${k}`}
            name={k}
            type={k === 'email' ? 'email' : k === 'telephone' ? 'tel' : 'text'}
            textarea={k === 'adresse' || k === 'horaires'}
            rows={2}
            label={CONTACT_LABELS[k]}
            value={contact[k] ?? ''}
            error={state?.form === 'contact' ? state.fields[k] : null}
            required
          />
        ))}
        <button type="submit" class="fr-btn">
          Enregistrer les informations de contact
        </button>
      </form>
    </GestionFrame>
  );
};

export const AdministrateursPage: FC<{ procedure: Proc; administrateurs: Person[] }> = ({
  procedure,
  administrateurs,
}) => (
  <GestionFrame procedureId={procedure.id} procedureTitle={procedure.title} title="Administrateurs de la démarche">
    <p>Contactez les administrateurs pour leur transmettre vos demandes ou les retours des usagers.</p>
    <Table caption="Administrateurs de la démarche" modifiers="fr-table--no-caption">
      <thead>
        <tr>
          <th scope="col">Nom</th>
          <th scope="col">Adresse électronique</th>
        </tr>
      </thead>
      <tbody>
        {administrateurs.map((a) => (
          <tr>
            <td>{a.name ?? '—'}</td>
            <td>
              <a href={`mailto:${a.email}`}>{a.email}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  </GestionFrame>
);
