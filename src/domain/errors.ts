/**
 * Typed domain errors. The message is French and meant for the user; routes map
 * the code to an HTTP status (forbidden → 403, not_found → 404, invalid_* / conflict → 4xx
 * form error), never to a 500.
 */

export type DomainErrorCode = 'forbidden' | 'not_found' | 'invalid_transition' | 'invalid_input' | 'conflict';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Per-field French messages, keyed by form field name (e.g. `motivation`). */
  readonly fields?: Record<string, string>;

  constructor(code: DomainErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    if (fields) this.fields = fields;
  }
}

export const FORBIDDEN_MESSAGE = "Vous n'avez pas accès à cette page";
export const NOT_FOUND_MESSAGE = 'Page introuvable';

export function forbidden(msg: string = FORBIDDEN_MESSAGE): DomainError {
  return new DomainError('forbidden', msg);
}

export function notFound(msg: string = NOT_FOUND_MESSAGE): DomainError {
  return new DomainError('not_found', msg);
}

export function invalidTransition(msg: string): DomainError {
  return new DomainError('invalid_transition', msg);
}

export function invalidInput(msg: string, fields?: Record<string, string>): DomainError {
  return new DomainError('invalid_input', msg, fields);
}

export function conflict(msg: string): DomainError {
  return new DomainError('conflict', msg);
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
