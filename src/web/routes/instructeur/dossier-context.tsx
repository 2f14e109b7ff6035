// What every route of an instructor's dossier page needs: who acts, which dossier, which work-list
// tab the instructor came from, its neighbours in that list, and the page frame of a dossier tab.
import type { Context } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { isTab, type Tab } from '../../../domain/tabs.ts';
import type { Actor } from '../../../features/command.ts';
import { dossierIdParam, type DossierHeader } from '../../../queries/dossier-header.ts';
import { dossierNeighbours, type Neighbours } from '../../../queries/neighbours.ts';
import type { Env } from '../../context.ts';
import { str, type FormData } from '../../form-data.ts';
import { page } from '../../render.tsx';
import { DossierLayout, type DossierTabKey } from '../../views/dossier/layout.tsx';

type C = Context<Env>;

export function actorOf(c: C): Actor {
  const u = c.get('user')!;
  return { userId: u.id, email: u.email };
}

/** The dossier number of the path; anything else is « Dossier introuvable ». */
export function idOf(c: C): string {
  const id = dossierIdParam(c.req.param('id'));
  if (!id) throw notFound('Dossier introuvable.');
  return id;
}

/** The work-list tab the instructor came from (`?tab=`, or `statut` from the list's links). */
export function listTabOf(c: C, f?: FormData): Tab | null {
  const raw = (f ? str(f, 'tab') : '') || c.req.query('tab') || c.req.query('statut') || '';
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
