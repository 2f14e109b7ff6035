// What the work-list pages share: the tab and page of the query string, the tab a form posts back,
// the indexes a saved presentation needs, and « run a presentation command, back to the list ».
import type { Context } from 'hono';
import { DEFAULT_TAB, isTab, TABS, visibleTabs, type Tab } from '../../../domain/tabs.ts';
import type { Command } from '../../../features/command.ts';
import { requestListIndexes } from '../../../features/work-list/request-list-indexes.ts';
import type { ListContext } from '../../../queries/list-context.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { listHref } from '../../views/work-list/links.ts';

type C = Context<Env>;

/** The list tab a form posts back (`statut`), « à suivre » when missing or unknown. */
export const postedTab = () => field.oneOf(TABS, DEFAULT_TAB);

export function tabParam(raw: string | undefined, ctx?: ListContext): { tab: Tab; notice: string | null } {
  if (raw === undefined || raw === '') return { tab: DEFAULT_TAB, notice: null };
  if (!isTab(raw) || (ctx && !visibleTabs({ expires_when_termine: ctx.procedure.expiresWhenTermine }).includes(raw))) {
    return { tab: DEFAULT_TAB, notice: "L'onglet demandé n'existe pas : les dossiers « à suivre » sont affichés." };
  }
  return { tab: raw, notice: null };
}

export function pageParam(raw: string | undefined): { page: number; notice: string | null } {
  if (raw === undefined || raw === '') return { page: 1, notice: null };
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1)
    return { page: 1, notice: "Le numéro de page demandé n'est pas valide : la première page est affichée." };
  return { page: Number(raw), notice: null };
}

/** Asks for the indexes the saved presentation uses (built by a job; the list works meanwhile, only slower). */
export async function indexPresentation(c: C, procedureId: string): Promise<void> {
  const app = c.get('app');
  const u = c.get('user')!;
  try {
    await requestListIndexes(app, { userId: u.id, email: u.email }, { procedureId });
  } catch (e) {
    app.logger.warn({ err: { message: (e as Error).message } }, 'index de liste');
  }
}

/** Runs a presentation command and comes back to the list (French message on bad input). */
export function backToList<I>(
  c: C,
  procedureId: string,
  tab: Tab,
  command: Command<I, unknown>,
  input: I,
  ok: string | null,
  opts: { index?: boolean; page?: number } = {},
): Promise<Response> {
  const url = listHref(procedureId, { tab, page: opts.page });
  return runCommand(c, command, input, {
    back: url,
    done: async () => {
      if (opts.index) await indexPresentation(c, procedureId);
      return ok ? redirectWithFlash(c, url, { kind: 'success', message: ok }) : c.redirect(url, 303);
    },
  });
}
