import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { anyone } from '../authorize.ts';
import { emailSchema } from './schemas.ts';
import { newSecret, passwords, sha256, verifyPassword, SESSION_HOURS } from '../../platform/crypto.ts';

/** Failed attempts allowed per window, per account and per client address. */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 50;

/** The rate-limit key of an account's failed sign-ins (a password reset clears it). */
export const accountAttemptsKey = (email: string): string => sha256(`account:${email}`);

export type SignInResult = { ok: true; sessionToken: string; userId: string } | { ok: false; error: string };

/** Sign in. Failures are recorded (hashed keys, no personal data) and committed: that is the rate limit. */
export const signIn = defineCommand({
  name: 'sign-in',
  input: z.object({
    email: emailSchema,
    password: z.string().max(200).default(''),
    ip: z.string().default(''),
    /** the session this browser had: replaced by the new one */
    previousSessionToken: z.string().max(200).optional(),
  }),
  authorize: anyone,
  async run({ trx, now }, { email, password, ip, previousSessionToken }): Promise<SignInResult> {
    const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
    const keys = { account: accountAttemptsKey(email), ip: sha256(`ip:${ip}`) };
    const counts = await trx
      .selectFrom('login_attempts')
      .select(['key', (eb) => eb.fn.countAll<string>().as('n')])
      .where('key', 'in', [keys.account, keys.ip])
      .where('attempted_at', '>', since)
      .groupBy('key')
      .execute();
    const n = (k: string) => Number(counts.find((c) => c.key === k)?.n ?? 0);
    if (n(keys.account) >= MAX_FAILURES_PER_ACCOUNT || n(keys.ip) >= MAX_FAILURES_PER_IP) {
      return {
        ok: false,
        error: `Trop de tentatives de connexion. Réessayez dans ${LOGIN_WINDOW_MINUTES} minutes ou réinitialisez votre mot de passe.`,
      };
    }
    const user = await trx
      .selectFrom('users')
      .select(['id', 'password_hash', 'confirmed_at'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    // Same cost whether the account exists or not (see passwords.verifyUnknown).
    const valid = user?.password_hash
      ? await verifyPassword(user.password_hash, password)
      : await passwords.verifyUnknown(password);
    if (!user || !valid) {
      await trx
        .insertInto('login_attempts')
        .values([
          { key: keys.account, attempted_at: now },
          { key: keys.ip, attempted_at: now },
        ])
        .execute();
      return { ok: false, error: 'Adresse électronique ou mot de passe incorrect.' };
    }
    // The right password of an account created by « Créer un compte » and not yet confirmed: say what to do.
    if (!user.confirmed_at)
      return {
        ok: false,
        error:
          'Votre compte n’est pas encore activé. Cliquez sur le lien de l’e-mail de confirmation que nous vous avons envoyé (pensez à vos courriers indésirables), ou créez à nouveau votre compte pour en recevoir un nouveau.',
      };
    // A new session id at each sign-in; the browser's previous session ends here.
    if (previousSessionToken) await trx.deleteFrom('sessions').where('id', '=', sha256(previousSessionToken)).execute();
    const token = newSecret();
    await trx
      .insertInto('sessions')
      .values({
        id: sha256(token),
        user_id: user.id,
        csrf_token: newSecret(),
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000),
      })
      .execute();
    await trx.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', user.id).execute();
    await trx.deleteFrom('login_attempts').where('key', '=', keys.account).execute();
    return { ok: true, sessionToken: token, userId: user.id };
  },
});
