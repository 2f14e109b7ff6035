// The administrator's pages of the foundation (docs/interface.md §1): the procedures I administer,
// and per group its instructors with the invitation form.
import type { FC } from 'hono/jsx';
import type { administeredProcedures, procedureGroups } from '../../../queries/admin-procedures.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { Table } from '../components/table.tsx';
import { Csrf, Input } from '../form.tsx';

const STATE: Record<string, string> = {
  brouillon: 'En test',
  publiee: 'Publiée',
  close: 'Close',
  depubliee: 'Dépubliée',
};

export const AdminProceduresView: FC<{ rows: Awaited<ReturnType<typeof administeredProcedures>> }> = ({ rows }) => (
  <>
    <h1>Mes démarches</h1>
    <p>
      <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/admin/procedures/nouvelle">
        Créer une nouvelle démarche
      </a>
    </p>
    {rows.length === 0 ? (
      <p>Vous n'administrez aucune démarche.</p>
    ) : (
      <Table caption="Démarches que j'administre">
        <thead>
          <tr>
            <th scope="col">Nº</th>
            <th scope="col">Démarche</th>
            <th scope="col">État</th>
            <th scope="col">Instructeurs</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr>
              <td>{p.id}</td>
              <td>
                <a href={`/admin/procedures/${p.id}`}>{p.title}</a>
              </td>
              <td>{STATE[p.state]}</td>
              <td>
                <a href={`/admin/procedures/${p.id}/groupes`}>Gérer les instructeurs</a>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    )}
  </>
);

export interface InviteFormState {
  groupeId: string;
  email: string;
  error: string;
}

export const AdminGroupsView: FC<{
  procedureId: string;
  data: Awaited<ReturnType<typeof procedureGroups>>;
  csrf: string;
  form?: InviteFormState;
}> = ({ procedureId, data: { procedure, groups }, csrf, form }) => (
  <>
    <Breadcrumb items={[{ label: 'Mes démarches', href: '/admin/procedures' }, { label: procedure.title }]} />
    <h1>Instructeurs de « {procedure.title} »</h1>
    {groups.map((g) => (
      <section class="fr-mb-6w" aria-labelledby={`groupe-${g.id}`}>
        <h2 id={`groupe-${g.id}`}>
          {g.label}
          {g.is_default ? ' (groupe par défaut)' : ''}
        </h2>
        {g.members.length ? (
          <ul>
            {g.members.map((m) => (
              <li>
                {m.email}
                {m.active ? '' : ' — invitation en attente'}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun instructeur dans ce groupe.</p>
        )}
        <form method="post" action={`/admin/procedures/${procedureId}/groupes/${g.id}/instructeurs`}>
          <Csrf token={csrf} />
          <Input
            id={`email-${g.id}`}
            name="email"
            type="email"
            label="Ajouter un instructeur"
            hint="Adresse électronique de l'agent : il recevra un lien pour activer son compte."
            value={form?.groupeId === g.id ? form.email : ''}
            error={form?.groupeId === g.id ? form.error : null}
            required
            autocomplete="off"
          />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Inviter
          </button>
        </form>
      </section>
    ))}
  </>
);
