// « Mes démarches » of the administrator (docs/interface.md §A): the procedures I administer.
import type { FC } from 'hono/jsx';
import type { administeredProcedures } from '../../../queries/admin-procedures.ts';
import { Table } from '../components/table.tsx';

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
                <br />
                <a href={`/admin/procedures/${p.id}/experts`}>Gérer les experts</a>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    )}
  </>
);
