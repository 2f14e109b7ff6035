// URLs of the usager's pages (one place, so that links and routes agree).

/** The public link of a démarche: the administrator's slug, else its number and its title's words (the
 *  number alone also works). */
export function commencerPath(procedure: { id: string; title: string; slug?: string | null }): string {
  if (procedure.slug) return `/commencer/${procedure.slug}`;
  const words = procedure.title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `/commencer/${procedure.id}${words ? `-${words}` : ''}`;
}

export function brouillonPath(id: string, sub = ''): string {
  return `/dossiers/${id}/brouillon${sub ? `/${sub}` : ''}`;
}
