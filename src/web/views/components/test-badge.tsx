// « Dossier de test » (docs/domain.md §1.1): a dossier filed while its démarche was en test says so
// wherever it is shown — the lists, the dossier pages, « Mes dossiers ».
import type { FC } from 'hono/jsx';

export const TestDossierBadge: FC<{ small?: boolean }> = ({ small }) => (
  <p class={`fr-badge fr-badge--warning fr-badge--no-icon${small ? ' fr-badge--sm' : ''}`}>Dossier de test</p>
);
