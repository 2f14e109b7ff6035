// Suggestions of the territorial inputs (communes, EPCI) while the usager types: a small JSON list,
// public like the reference lists it reads. The form works without it: the server checks what is sent.
import { Hono } from 'hono';
import { referentialSuggestions } from '../../queries/referentials.ts';
import type { Env } from '../context.ts';

export const referentielsRoutes = new Hono<Env>();

referentielsRoutes.get('/referentiels/:kind', (c) => {
  const suggestions = referentialSuggestions(c.req.param('kind'), c.req.query('q') ?? '');
  c.header('Cache-Control', 'public, max-age=3600');
  return c.json(suggestions);
});
