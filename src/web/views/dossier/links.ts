// URLs of the instructor's dossier page (one place, so that links and routes agree). The list the
// instructor came from travels in `?tab=` (for « dossier précédent / suivant »).
import type { DossierAction } from '../../../domain/dossier-state.ts';
import type { Tab } from '../../../domain/tabs.ts';

/** The tabs of the dossier page and their path segment ('' = Demande). */
export const DOSSIER_TABS = {
  demande: '',
  'pieces-justificatives': 'pieces-justificatives',
  annotations: 'annotations',
  avis: 'avis',
  messagerie: 'messagerie',
  personnes: 'personnes',
  reaffectation: 'reaffectation',
  'rendez-vous': 'rendez-vous',
} as const;
export type DossierTabKey = keyof typeof DOSSIER_TABS;

/** /instructeur/dossiers/:id[/sub][?tab=…] */
export function dossierPath(id: string, sub = '', listTab?: Tab | null): string {
  const base = `/instructeur/dossiers/${id}${sub ? `/${sub}` : ''}`;
  return listTab ? `${base}?tab=${encodeURIComponent(listTab)}` : base;
}

export function dossierTabPath(id: string, tab: DossierTabKey, listTab?: Tab | null): string {
  return dossierPath(id, DOSSIER_TABS[tab], listTab);
}

/** Actions that open a page (a form or a confirmation) before they are applied: their path segment. */
export const STEP_ACTIONS: Partial<Record<DossierAction, string>> = {
  repasser_en_construction: 'repasser-en-construction',
  demander_correction: 'demander-une-correction',
  accepter: 'accepter',
  refuser: 'refuser',
  classer_sans_suite: 'classer-sans-suite',
  repasser_en_instruction: 'repasser-en-instruction',
  supprimer: 'mettre-a-la-corbeille',
};

export function actionStepPath(id: string, action: DossierAction, listTab?: Tab | null): string {
  return dossierPath(id, `actions/${STEP_ACTIONS[action]}`, listTab);
}

/** The usager's dossier page. */
export function usagerDossierPath(id: string, sub = ''): string {
  return `/dossiers/${id}${sub ? `/${sub}` : ''}`;
}

/** Download (or inline view) of a stored file, permission-checked. */
export function filePath(fileId: string, opts: { inline?: boolean } = {}): string {
  return `/fichiers/${encodeURIComponent(fileId)}${opts.inline ? '?apercu=1' : ''}`;
}
