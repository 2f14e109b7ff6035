import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { anyone } from '../authorize.ts';
import { sha256 } from '../../platform/crypto.ts';

export const signOut = defineCommand({
  name: 'sign-out',
  input: z.object({ sessionToken: z.string() }),
  authorize: anyone,
  async run({ trx }, { sessionToken }) {
    await trx.deleteFrom('sessions').where('id', '=', sha256(sessionToken)).execute();
  },
});
