// One-time form tokens are needed only while a form may be sent again (a double click, a reload
// that re-posts, a slow network): two days later they are swept (docs/architecture.md, « Forms that
// create things »). A form older than that sent again creates its thing anew. The usager's edit
// drafts (values kept across a repeated block's row change) go at the same age.
import { z } from 'zod';
import { defineCommand } from '../command.ts';

export const FORM_TOKEN_KEEP_MS = 2 * 86_400_000;

export const sweepFormSubmissions = defineCommand({
  name: 'sweep-form-submissions',
  input: z.object({}),
  authorize: 'system',
  async run(ctx) {
    const before = new Date(ctx.now.getTime() - FORM_TOKEN_KEEP_MS);
    const r = await ctx.trx.deleteFrom('form_submissions').where('created_at', '<', before).executeTakeFirst();
    const drafts = await ctx.trx.deleteFrom('edit_drafts').where('created_at', '<', before).executeTakeFirst();
    return { deleted: Number(r.numDeletedRows), drafts: Number(drafts.numDeletedRows) };
  },
});
