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

export const PASSWORD_MIN_LENGTH = 12;
export const SESSION_HOURS = 12;
