// A message of the messagerie, sent through the command by its author.
import type { Services } from '../../src/platform/services.ts';
import { sendMessage } from '../../src/features/messages/send-message.ts';
import type { TestUser } from './user.ts';

export async function createMessage(
  app: Services,
  author: TestUser,
  dossierId: string,
  opts: { as?: 'usager' | 'instructeur' | 'expert'; body?: string; awaitingResponse?: boolean } = {},
): Promise<void> {
  await sendMessage(app, author, {
    dossierId,
    as: opts.as ?? 'usager',
    body: opts.body ?? 'Bonjour, voici un message.',
    awaitingResponse: opts.awaitingResponse ?? false,
  });
}
