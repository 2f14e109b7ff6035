// What the usager's dossier pages share: which dossier the path names.
import type { Context } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { dossierIdParam } from '../../../queries/dossier-header.ts';
import type { Env } from '../../context.ts';

/** The dossier number of the path; anything else is « Dossier introuvable ». */
export function idOf(c: Context<Env>): string {
  const id = dossierIdParam(c.req.param('id'));
  if (!id) throw notFound('Dossier introuvable.');
  return id;
}
