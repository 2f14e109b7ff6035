// What the browser checks on a chosen file before sending it (docs/interface.md §7D): its size
// against the limit and its name against the accepted formats, with the server's wording. Only a
// courtesy — the server reads the bytes and refuses over-limit or unknown content before storing
// anything (src/platform/storage/upload.ts). Pure, so that the client bundle imports it.

/** The file name endings of the formats the server accepts (PDF, images, office documents, text). */
export const ACCEPTED_EXTENSIONS = [
  '.pdf',
  '.jpg',
  '.jpeg',
  '.png',
  '.gif',
  '.webp',
  '.heic',
  '.tif',
  '.tiff',
  '.docx',
  '.xlsx',
  '.odt',
  '.ods',
  '.zip',
  '.txt',
  '.csv',
] as const;

/** The input's `accept` attribute: the file dialog offers these formats first. */
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.join(',');

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} Mo`;
  if (n >= 1024) return `${Math.round(n / 1024)} Ko`;
  return `${n} octets`;
}

/** The French reason a chosen file will be refused, or null. */
export function fileProblem(file: { name: string; size: number }, maxBytes: number): string | null {
  if (file.size === 0) return `Le fichier « ${file.name} » est vide.`;
  if (file.size > maxBytes)
    return `Le fichier « ${file.name} » dépasse la taille maximale autorisée (${formatSize(maxBytes)}).`;
  const lower = file.name.toLowerCase();
  if (!ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext)))
    return `Le fichier « ${file.name} » n'est pas d'un type accepté. Formats acceptés : PDF, images (JPEG, PNG…), documents bureautiques, texte.`;
  return null;
}
