// Administrator pages needed by the foundation: the procedures I administer and, per group, its
// instructors with the invitation form (docs/interface.md §1). The full administration side comes later.
import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { requireRole } from '../../middleware.ts';
import { page } from '../../render.tsx';
import { Csrf, Input } from '../../views/form.tsx';
import { form, str } from '../../form-data.ts';
import { redirectWithFlash } from '../../flash.ts';
import { inviteInstructeur } from '../../../features/accounts/invite-instructeur.ts';
import { DomainError } from '../../../domain/errors.ts';
import { loadAccess } from '../../../queries/access.ts';
import { assertAdminister } from '../../../domain/permissions.ts';
import { administeredProcedures, procedureGroups } from '../../../queries/admin-procedures.ts';
import { Breadcrumb } from '../../views/breadcrumb.tsx';

export const adminRoutes = new Hono<Env>();
adminRoutes.use('*', requireRole('administrateur'));

const STATE: Record<string, string> = {
  brouillon: 'En test',
  publiee: 'Publiée',
  close: 'Close',
  depubliee: 'Dépubliée',
};

adminRoutes.get('/procedures', async (c) => {
  const rows = await administeredProcedures(c.get('app').db, c.get('user')!.id);
  return page(
    c,
    { title: 'Mes démarches', nav: 'admin' },
    <>
      <h1>Mes démarches</h1>
      {rows.length === 0 ? (
        <p>Vous n'administrez aucune démarche.</p>
      ) : (
        <div class="fr-table">
          <table>
            <caption>Démarches que j'administre</caption>
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
                  <td>{p.title}</td>
                  <td>{STATE[p.state]}</td>
                  <td>
                    <a href={`/admin/procedures/${p.id}/groupes`}>Gérer les instructeurs</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
  );
});

async function groupsPage(c: any, procedureId: string, form?: { groupeId: string; email: string; error: string }) {
  const app = c.get('app');
  assertAdminister(await loadAccess(app.db, c.get('user')!.id), procedureId);
  const { procedure, groups } = await procedureGroups(app.db, procedureId);
  return page(
    c,
    { title: `Instructeurs — ${procedure.title}`, nav: 'admin' },
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
            <Csrf token={c.get('csrfToken')} />
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
    </>,
    form ? 422 : 200,
  );
}

adminRoutes.get('/procedures/:id{[0-9]+}/groupes', (c) => groupsPage(c, c.req.param('id')));

adminRoutes.post('/procedures/:id{[0-9]+}/groupes/:groupeId{[0-9]+}/instructeurs', async (c) => {
  const f = await form(c);
  const procedureId = c.req.param('id');
  const groupeId = c.req.param('groupeId');
  const email = str(f, 'email');
  try {
    const user = c.get('user')!;
    const r = await inviteInstructeur(c.get('app'), { userId: user.id, email: user.email }, { email, groupeId });
    return redirectWithFlash(c, `/admin/procedures/${procedureId}/groupes`, {
      kind: 'success',
      message: r.created
        ? `Invitation envoyée à ${email.trim().toLowerCase()}.`
        : `${email.trim().toLowerCase()} a été ajouté au groupe et prévenu par e-mail.`,
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'invalid_input')
      return groupsPage(c, procedureId, { groupeId, email, error: e.message });
    throw e;
  }
});
