// The procedure's logo: an image checked by its content (PNG, JPEG, WebP) and size (docs/domain.md
// §1.1), kept in the procedure's row; or removed.
import { z } from 'zod';
import { assertLogo, logoContentType } from '../../domain/procedure.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

export const setProcedureLogo = defineCommand({
  name: 'set-procedure-logo',
  input: z.object({ procedureId, bytes: z.instanceof(Buffer).nullable() }),
  authorize: administersProcedure,
  async run({ trx }, { procedureId, bytes }) {
    if (bytes) assertLogo(bytes);
    await trx
      .updateTable('procedures')
      .set({ logo: bytes, logo_content_type: bytes ? logoContentType(bytes) : null })
      .where('id', '=', procedureId)
      .execute();
    return { removed: bytes === null };
  },
});
