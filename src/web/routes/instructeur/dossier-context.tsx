// What every route of an instructor's dossier page needs: which dossier, which work-list tab the
// instructor came from, its neighbours in that list, the page frame of a dossier tab, and the
// badges a visit clears.
import type { Context } from 'hono';
import { z } from 'zod';
import { notificationsClearedBy } from '../../../domain/notifications.ts';
import { markTabSeen } from '../../../features/dossiers/mark-seen.ts';
import { notFound } from '../../../domain/errors.ts';
import { isTab, type Tab } from '../../../domain/tabs.ts';
import { dossierIdParam, type DossierHeader } from '../../../queries/dossier-header.ts';
import { dossierNeighbours, type Neighbours } from '../../../queries/neighbours.ts';
import type { Env } from '../../context.ts';
import { field } from '../../http/form.ts';
import { actorOf } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { DossierLayout, type DossierTabKey } from '../../views/dossier/layout.tsx';

type C = Context<Env>;

/** The dossier number of the path; anything else is « Dossier introuvable ». */
export function idOf(c: C): string {
  const id = dossierIdParam(c.req.param('id'));
  if (!id) throw notFound('Dossier introuvable.');
  return id;
}

/** The work-list tab the instructor came from (the form's `tab`, `?tab=`, or `statut` from the list's links). */
export function listTabOf(c: C, posted = ''): Tab | null {
  const raw = posted || c.req.query('tab') || c.req.query('statut') || '';
  return isTab(raw) ? raw : null;
}

/** « Dossier précédent / suivant » in that list; the page still shows when they cannot be read. */
export async function neighboursOf(c: C, h: DossierHeader, listTab: Tab | null): Promise<Neighbours | null> {
  if (!listTab) return null;
  const app = c.get('app');
  try {
    return await dossierNeighbours(
      app.db,
      { userId: c.get('user')!.id, procedureId: h.procedureId, tab: listTab, now: app.clock.now() },
      h.id,
    );
  } catch (e) {
    app.logger.warn({ err: { message: (e as Error).message } }, 'dossiers voisins');
    return null;
  }
}

/** One tab of the dossier page in its frame (header, tabs, neighbours). */
export async function renderDossierTab(
  c: C,
  h: DossierHeader,
  active: DossierTabKey,
  label: string,
  body: unknown,
  status: 200 | 422 = 200,
): Promise<Response> {
  const listTab = listTabOf(c);
  const neighbours = await neighboursOf(c, h, listTab);
  return page(
    c,
    { title: `${label} — dossier nº ${h.id}`, nav: 'procedures' },
    <DossierLayout header={h} active={active} csrf={c.get('csrfToken')} listTab={listTab} neighbours={neighbours}>
      {body as never}
    </DossierLayout>,
    status,
  );
}

/** Clears my badges of the tab and remembers that I saw it — only when there is something to do. */
export async function markSeen(
  c: C,
  h: DossierHeader,
  tab: 'demande' | 'annotations' | 'avis' | 'messagerie',
  unseenMessages = false,
): Promise<void> {
  const kinds = {
    demande: 'dossier_modifie',
    annotations: 'annotation_instructeur',
    avis: 'avis_externe',
    messagerie: 'message',
  } as const;
  if (!h.follow && !h.notifications.includes(kinds[tab]) && !unseenMessages) return;
  await markTabSeen(c.get('app'), actorOf(c), { dossierId: h.id, tab });
  // the page shows the state after the visit: that tab's badge is gone
  h.notifications = h.notifications.filter((k) => !notificationsClearedBy(tab).includes(k));
}

/** The fields every form of the dossier page posts: the list tab it came from. */
export const TabForm = z.object({ tab: field.text() });
