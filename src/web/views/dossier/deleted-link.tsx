// The way to « Dossiers supprimés » (tombstones of purged dossiers) of a procedure, for the work
// list's corbeille tab:   <DeletedDossiersLink procedureId={id} />
import type { FC } from 'hono/jsx';

export function deletedDossiersPath(procedureId: string, page?: number): string {
  return `/instructeur/procedures/${procedureId}/dossiers-supprimes${page && page > 1 ? `?page=${page}` : ''}`;
}

export const DeletedDossiersLink: FC<{ procedureId: string }> = ({ procedureId }) => (
  <p class="fr-text--sm fr-mb-2w">
    Les dossiers restent 14 jours dans la corbeille avant d'être supprimés définitivement.{' '}
    <a class="fr-link fr-link--sm fr-icon-delete-line fr-link--icon-left" href={deletedDossiersPath(procedureId)}>
      Voir les dossiers supprimés définitivement
    </a>
  </p>
);
