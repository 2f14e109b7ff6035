// « Supprimer le dossier » by the usager (docs/domain.md §2.9): one row per case.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canWithdraw } from '../../src/domain/usager-edit.ts';
import type { DossierState } from '../../src/domain/dossier-state.ts';

const access = (userId: string) => ({ userId, instructorGroupIds: [], adminProcedureIds: [] });
const ref = (state: DossierState) => ({
  id: '1',
  procedureId: '1',
  groupeId: '1',
  ownerId: 'owner',
  coEditorIds: ['invite'],
  state,
  hidden_by_administration_at: null,
  hidden_by_user_at: null,
  hidden_by_expired_at: null,
});

const CASES: { name: string; who: string; state: DossierState; hidden?: boolean; ok: boolean }[] = [
  { name: 'owner, en construction', who: 'owner', state: 'en_construction', ok: true },
  { name: 'owner, accepté', who: 'owner', state: 'accepte', ok: true },
  { name: 'owner, refusé', who: 'owner', state: 'refuse', ok: true },
  { name: 'owner, classé sans suite', who: 'owner', state: 'sans_suite', ok: true },
  { name: 'owner, en instruction', who: 'owner', state: 'en_instruction', ok: false },
  { name: 'owner, brouillon (deleted another way)', who: 'owner', state: 'brouillon', ok: false },
  { name: 'owner, already deleted', who: 'owner', state: 'en_construction', hidden: true, ok: false },
  { name: 'co-editor', who: 'invite', state: 'en_construction', ok: false },
  { name: 'stranger', who: 'autre', state: 'en_construction', ok: false },
];

describe('canWithdraw', () => {
  for (const c of CASES)
    test(c.name, () => {
      const r = canWithdraw(access(c.who), ref(c.state), {
        state: c.state,
        hidden_by_user_at: c.hidden ? new Date() : null,
      });
      assert.equal(r.ok, c.ok);
    });
});
