import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../../platform/crypto.ts';

export const emailSchema = z
  .string({ error: 'Saisissez votre adresse électronique.' })
  .trim()
  .toLowerCase()
  .min(1, 'Saisissez votre adresse électronique.')
  .max(254, 'Adresse électronique trop longue.')
  .email('Saisissez une adresse électronique valide, par exemple nom@exemple.fr.');

export const newPasswordSchema = z
  .object({
    password: z
      .string({ error: 'Choisissez un mot de passe.' })
      .min(PASSWORD_MIN_LENGTH, `Le mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères.`)
      .max(200, 'Le mot de passe est trop long (200 caractères au plus).'),
    confirmation: z.string({ error: 'Confirmez le mot de passe.' }),
  })
  .refine((v) => v.password === v.confirmation, {
    message: 'Les deux mots de passe ne sont pas identiques.',
    path: ['confirmation'],
  });
