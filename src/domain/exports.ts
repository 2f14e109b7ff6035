// Rules of the exports « Télécharger les dossiers » (docs/domain.md §9): formats, how long a file is
// kept, when a request reuses an export, the words of « Mes téléchargements ».

export const EXPORT_FORMATS = ['csv', 'xlsx', 'ods', 'zip'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  csv: 'Fichier CSV',
  xlsx: 'Fichier Excel (xlsx)',
  ods: 'Fichier OpenDocument (ods)',
  zip: 'Archive zip (dossiers et pièces jointes)',
};

export const EXPORT_STATES = ['pending', 'generated', 'failed'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

export const EXPORT_STATE_LABELS: Record<ExportState, string> = {
  pending: 'En préparation',
  generated: 'Prêt',
  failed: 'Échec',
};

/** A generated file is kept 32 hours. */
export const EXPORT_KEPT_HOURS = 32;
/** An export still pending after 16 hours is abandoned. */
export const EXPORT_PENDING_HOURS = 16;
/** The same request within 5 minutes reuses the pending or fresh export. */
export const EXPORT_REUSE_MINUTES = 5;

const HOUR = 3_600_000;

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

export function exportExpiresAt(generatedAt: Date): Date {
  return new Date(generatedAt.getTime() + EXPORT_KEPT_HOURS * HOUR);
}

export interface ExistingExport {
  state: ExportState;
  createdAt: Date;
  generatedAt: Date | null;
}

/** Whether an identical request made at `now` reuses this export instead of starting another. */
export function reusesExport(e: ExistingExport, now: Date): boolean {
  const limit = EXPORT_REUSE_MINUTES * 60_000;
  if (e.state === 'pending') return now.getTime() - e.createdAt.getTime() < EXPORT_PENDING_HOURS * HOUR;
  if (e.state === 'generated' && e.generatedAt) return now.getTime() - e.generatedAt.getTime() < limit;
  return false;
}

/** Whether the row (and its file) is to be deleted at `now`. */
export function isExportExpired(e: ExistingExport, now: Date): boolean {
  const t = now.getTime();
  if (e.state === 'generated' && e.generatedAt) return t >= exportExpiresAt(e.generatedAt).getTime();
  if (e.state === 'pending') return t - e.createdAt.getTime() >= EXPORT_PENDING_HOURS * HOUR;
  return t - e.createdAt.getTime() >= EXPORT_KEPT_HOURS * HOUR;
}

/** « expire dans 31 h » / « expire dans 12 min » / « expiré ». */
export function expiresInText(generatedAt: Date, now: Date): string {
  const left = exportExpiresAt(generatedAt).getTime() - now.getTime();
  if (left <= 0) return 'expiré';
  const minutes = Math.ceil(left / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h`;
}

/** « 1,2 Mo », « 830 ko », « 12 octets ». */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} octet${bytes > 1 ? 's' : ''}`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} ko`;
  return `${(bytes / 1_000_000).toFixed(1).replace('.', ',')} Mo`;
}

/** Progress in percent of a pending export (0 while its dossiers are being counted). */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done * 100) / total));
}

/** A zip folder pattern must hold the dossier number, so that two dossiers never share a folder. */
export const FOLDER_NUMBER_TAG = '{numero}';

export function checkFolderPattern(pattern: string): string | null {
  if (!pattern.trim()) return 'Indiquez le nom du dossier de chaque dossier.';
  if (!pattern.includes(FOLDER_NUMBER_TAG))
    return `Le nom du dossier doit contenir le numéro du dossier (${FOLDER_NUMBER_TAG}).`;
  if (pattern.length > 100) return 'Le nom du dossier ne doit pas dépasser 100 caractères.';
  return null;
}

/** The file name of an export: « dossiers-<procedure>-<date>.<ext> ». */
export function exportFileName(procedureId: string, createdAt: Date, format: ExportFormat): string {
  const iso = createdAt.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `dossiers-${procedureId}-${iso}.${format}`;
}
