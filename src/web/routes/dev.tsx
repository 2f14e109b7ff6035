// Development inbox: the e-mails Guichet would have sent, when no SMTP server is configured.
// Mounted only outside production and without SMTP_URL; read by a signed-in administrator only
// (it holds every password-reset and invitation link).
import { Hono } from 'hono';
import type { Env } from '../context.ts';
import { page } from '../render.tsx';
import { DomainError } from '../../domain/errors.ts';
import { requireRole, requireUser } from '../middleware.ts';

export const devRoutes = new Hono<Env>();

// Paths, not '*': this app is mounted at '/', where '*' would guard every page.
for (const path of ['/letter_opener', '/letter_opener/*'])
  devRoutes.use(path, requireUser, requireRole('administrateur'));

devRoutes.get('/letter_opener', async (c) => {
  const mails = await c
    .get('app')
    .db.selectFrom('outbox_emails')
    .select(['id', 'to_email', 'subject', 'created_at'])
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return page(
    c,
    { title: 'Boîte de réception de développement' },
    <>
      <h1>Boîte de réception de développement</h1>
      <p>Les e-mails envoyés par Guichet quand aucun serveur SMTP n'est configuré (les 100 derniers).</p>
      <div class="fr-table">
        <table>
          <caption>E-mails envoyés</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Destinataire</th>
              <th scope="col">Objet</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr>
                <td>{m.created_at.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</td>
                <td>{m.to_email}</td>
                <td>
                  <a href={`/letter_opener/${m.id}`}>{m.subject}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>,
  );
});

devRoutes.get('/letter_opener/:id{[0-9]+}', async (c) => {
  const m = await c
    .get('app')
    .db.selectFrom('outbox_emails')
    .selectAll()
    .where('id', '=', c.req.param('id'))
    .executeTakeFirst();
  if (!m) throw new DomainError('not_found', 'E-mail introuvable.');
  return page(
    c,
    { title: m.subject },
    <>
      <h1>{m.subject}</h1>
      <p>À : {m.to_email}</p>
      <pre class="fr-p-2w" style="white-space:pre-wrap;background:var(--background-alt-grey)">
        {m.text}
      </pre>
      <p>
        <a class="fr-link" href="/letter_opener">
          Retour à la boîte de réception
        </a>
      </p>
    </>,
  );
});
