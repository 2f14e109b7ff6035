import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const newSecret = (): string => crypto.randomBytes(32).toString('base64url');
export const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

// argon2id (the library's default algorithm), OWASP-recommended parameters.
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const hashPassword = (password: string): Promise<string> => hash(password, ARGON);
export const verifyPassword = async (stored: string | null, password: string): Promise<boolean> => {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
};

let dummy: Promise<string> | undefined;
/**
 * Password checks for sign-in. `verifyUnknown` runs when the account does not exist or has no password
 * yet: it verifies against a fixed argon2id hash (computed once, on first use) so that the answer takes
 * as long as for a real account and its timing does not tell whether the address has an account.
 * An object, so that tests can watch its methods.
 */
export const passwords = {
  dummyHash(): Promise<string> {
    dummy ??= hashPassword(newSecret());
    return dummy;
  },
  async verifyUnknown(password: string): Promise<false> {
    await verifyPassword(await passwords.dummyHash(), password);
    return false;
  },
};

export const PASSWORD_MIN_LENGTH = 12;
export const SESSION_HOURS = 12;
