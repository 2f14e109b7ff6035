/**
 * Messagerie rules — docs/domain.md §7. Pure: who may delete a message, what a message must contain,
 * who reads it (read marks). Posting itself is `canMessage` in permissions.ts.
 */
import { forbidden, invalidInput, type DomainError } from './errors.ts';

/** At most this many attachments per message (each ≤ the upload limit, 20 MB). */
export const MAX_MESSAGE_FILES = 10;
export const MESSAGE_MAX_LENGTH = 20_000;

export type MessageAuthorKind = 'usager' | 'instructeur' | 'expert' | 'system';

export const MESSAGE_REQUIRED =
  'Le message ne peut pas être vide : saisissez un texte (une pièce jointe ne peut pas être envoyée seule).';
export const MESSAGE_TOO_LONG = `Le message ne doit pas dépasser ${MESSAGE_MAX_LENGTH} caractères.`;
export const TOO_MANY_FILES = `Vous pouvez joindre au plus ${MAX_MESSAGE_FILES} fichiers à un message.`;

/** The normalised body, or a French error keyed `body` / `files`. */
export function validateMessage(input: { body: string; fileCount: number }): { body: string } | DomainError {
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  if (!body) return invalidInput(MESSAGE_REQUIRED, { body: MESSAGE_REQUIRED });
  if ([...body].length > MESSAGE_MAX_LENGTH) return invalidInput(MESSAGE_TOO_LONG, { body: MESSAGE_TOO_LONG });
  if (input.fileCount > MAX_MESSAGE_FILES) return invalidInput(TOO_MANY_FILES, { files: TOO_MANY_FILES });
  return { body };
}

export interface MessageFacts {
  author_kind: MessageAuthorKind;
  author_id: string | null;
  discarded_at: Date | null;
}

/** Only the instructor or expert who wrote a message may delete it (soft delete), once. */
export function canDeleteMessage(userId: string, m: MessageFacts): { ok: true } | { ok: false; error: DomainError } {
  if (m.author_kind !== 'instructeur' && m.author_kind !== 'expert') {
    return {
      ok: false,
      error: forbidden('Seuls les messages des instructeurs et des experts peuvent être supprimés.'),
    };
  }
  if (m.author_id === null || m.author_id !== userId) {
    return { ok: false, error: forbidden('Vous ne pouvez supprimer que vos propres messages.') };
  }
  if (m.discarded_at) return { ok: false, error: forbidden('Ce message a déjà été supprimé.') };
  return { ok: true };
}

/** Whose opening of the messagerie marks a message « lu »: the usager for the administration's messages, an instructor for the usager's. */
export function readBy(authorKind: MessageAuthorKind): 'usager' | 'instructeur' | null {
  if (authorKind === 'usager') return 'instructeur';
  if (authorKind === 'instructeur' || authorKind === 'expert') return 'usager';
  return null;
}

/** The text shown instead of a deleted message. */
export const DELETED_MESSAGE = 'Message supprimé';

/** An instructor message may ask for an answer only if none is pending on the dossier. */
export function canAwaitResponse(pendingResponses: number): boolean {
  return pendingResponses === 0;
}
