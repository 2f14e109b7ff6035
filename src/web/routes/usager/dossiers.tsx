// « Mes dossiers »: the usager's brouillons, dossiers en cours and traités (owned or co-edited).
import { Hono } from 'hono';
import { listIncomingTransfers, listMesDossiers } from '../../../queries/usager-dossiers.ts';
import { IncomingTransfers } from '../../views/usager/transfert.tsx';
import type { Env } from '../../context.ts';
import { page } from '../../render.tsx';
import { MesDossiersPage, tabOf, TAB_LABELS, type MesDossiersTab } from '../../views/usager/mes-dossiers.tsx';

export const usagerDossiersRoutes = new Hono<Env>();

usagerDossiersRoutes.get('/dossiers', async (c) => {
  const dossiers = await listMesDossiers(c.get('app').db, c.get('user')!.id);
  const transfers = await listIncomingTransfers(c.get('app').db, c.get('user')!.id);
  const asked = c.req.query('statut');
  // without a choice: the first tab that has dossiers, en cours first
  const tab: MesDossiersTab =
    asked && asked in TAB_LABELS
      ? (asked as MesDossiersTab)
      : ((['en-cours', 'brouillons', 'traites'] as const).find((t) => dossiers.some((d) => tabOf(d) === t)) ??
        'en-cours');
  return page(
    c,
    { title: `Mes dossiers · ${TAB_LABELS[tab]}`, nav: 'dossiers' },
    <MesDossiersPage
      dossiers={dossiers}
      tab={tab}
      csrf={c.get('csrfToken')}
      incoming={<IncomingTransfers transfers={transfers} csrf={c.get('csrfToken')} />}
    />,
  );
});
