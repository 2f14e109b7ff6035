import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { sha256 } from '../../platform/crypto.ts';

export const signOut = defineCommand({
  name: 'sign-out',
  input: z.object({ sessionToken: z.string() }),
  async run({ trx }, { sessionToken }) {
    await trx.deleteFrom('sessions').where('id', '=', sha256(sessionToken)).execute();
  },
});
