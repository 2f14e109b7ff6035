// URLs of the instructor's work-list pages (one place, so that links and routes agree).
import type { Tab } from '../../../domain/tabs.ts';

export function proceduresHref(q: { statut?: string; ordre?: boolean; acces?: string } = {}): string {
  const p = new URLSearchParams();
  if (q.statut && q.statut !== 'en-cours') p.set('statut', q.statut);
  if (q.ordre) p.set('ordre', '1');
  if (q.acces) p.set('acces', q.acces);
  const s = p.toString();
  return `/instructeur/procedures${s ? `?${s}` : ''}`;
}

export function listHref(procedureId: string, q: { tab?: Tab; page?: number; selection?: boolean } = {}): string {
  const p = new URLSearchParams();
  if (q.tab) p.set('statut', q.tab);
  if (q.page && q.page > 1) p.set('page', String(q.page));
  if (q.selection) p.set('selection', 'tout');
  const s = p.toString();
  return `/instructeur/procedures/${procedureId}${s ? `?${s}` : ''}`;
}

export function procedureAction(procedureId: string, action: string): string {
  return `/instructeur/procedures/${procedureId}/${action}`;
}

/** The dossier page, with the list tab the instructor came from ("précédent / suivant"). */
export function dossierHref(_procedureId: string, dossierId: string, tab?: Tab): string {
  return `/instructeur/dossiers/${dossierId}${tab ? `?tab=${tab}` : ''}`;
}

export function searchHref(q: string, page = 1): string {
  const p = new URLSearchParams({ q });
  if (page > 1) p.set('page', String(page));
  return `/instructeur/recherche?${p.toString()}`;
}
