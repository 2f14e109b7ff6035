// Small per-entity factories for the tests: each one writes what has no command directly and goes
// through the application's commands for the rest (see each file).
export { createUser, type Role, type TestUser } from './user.ts';
export { createProcedure, FIELDS, ANNOTATIONS, type TestProcedure } from './procedure.ts';
export { createGroupe } from './groupe.ts';
export { createDossier, DEFAULT_CHAMPS, DEFAULT_MOTIVATION } from './dossier.ts';
export { createMessage } from './message.ts';
