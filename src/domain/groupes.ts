// The administrator's rules for groups and people (docs/domain.md §10): group labels, the last
// instructor of a group and the last administrator of a procedure stay, the CSV import of groups
// and their instructors (`groupe,email`) with a report of the bad lines.
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export const GROUPE_LABEL_MAX = 100;

export function groupeLabelError(label: string): string | null {
  const l = label.trim();
  if (l === '') return 'Indiquez le nom du groupe.';
  if (l.length > GROUPE_LABEL_MAX) return `Le nom du groupe ne doit pas dépasser ${GROUPE_LABEL_MAX} caractères.`;
  return null;
}

/** An instructor may be removed from a group only if another one stays. */
export function removeInstructeurError(membersInGroup: number): string | null {
  return membersInGroup <= 1
    ? "Impossible de retirer le dernier instructeur du groupe : ajoutez-en d'abord un autre."
    : null;
}

/** An administrator may leave a procedure only if another one stays. */
export function leaveProcedureError(administrateurs: number): string | null {
  return administrateurs <= 1
    ? 'Vous êtes le seul administrateur de la démarche : invitez-en un autre avant de la quitter.'
    : null;
}

/** The default group cannot be closed: deposits that match no rule go there. */
export function closeGroupeError(g: { isDefault: boolean }): string | null {
  return g.isDefault ? 'Le groupe par défaut ne peut pas être clos.' : null;
}

export interface CsvImport {
  rows: { groupe: string; email: string }[];
  errors: { line: number; text: string; message: string }[];
}

/** Reads `groupe,email` lines (a header line `groupe,email` is skipped; `;` is accepted too). */
export function parseGroupesCsv(text: string): CsvImport {
  const rows: CsvImport['rows'] = [];
  const errors: CsvImport['errors'] = [];
  const seen = new Set<string>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const t = raw.trim();
      if (t === '') return;
      const parts = t.split(/[,;]/).map((x) =>
        x
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .trim(),
      );
      if (line === 1 && parts[0].toLowerCase() === 'groupe') return;
      if (parts.length !== 2) {
        errors.push({
          line,
          text: t,
          message: 'La ligne doit contenir le groupe puis l’adresse électronique, séparés par une virgule.',
        });
        return;
      }
      const [groupe, email] = parts;
      const labelError = groupeLabelError(groupe);
      if (labelError) errors.push({ line, text: t, message: labelError });
      else if (!EMAIL.test(email))
        errors.push({ line, text: t, message: `« ${email} » n'est pas une adresse électronique valide.` });
      else {
        const key = `${groupe.toLowerCase()}\u0000${email.toLowerCase()}`;
        if (seen.has(key)) return;
        seen.add(key);
        rows.push({ groupe, email: email.toLowerCase() });
      }
    });
  return { rows, errors };
}
