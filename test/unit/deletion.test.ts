import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deletionReasonLabel, purgeReason, type DeletionReason } from '../../src/domain/deletion.ts';

const d = (s: string | null) => (s ? new Date(s) : null);

test('purge reason: the last hiding that made the dossier purgeable', () => {
  const rows: [string | null, string | null, string | null, DeletionReason][] = [
    // user, administration, expired
    [null, null, '2026-01-01', 'expired'],
    ['2026-01-01', null, null, 'user_request'],
    ['2026-01-01', '2026-01-02', null, 'instructeur_request'],
    ['2026-01-02', '2026-01-01', null, 'user_request'],
    [null, '2026-01-01', '2026-02-01', 'expired'], // trashed by the instructor, then expired
    ['2026-03-01', null, '2026-02-01', 'user_request'],
    [null, null, null, 'expired'],
  ];
  for (const [u, a, e, expected] of rows) {
    assert.equal(
      purgeReason({ hidden_by_user_at: d(u), hidden_by_administration_at: d(a), hidden_by_expired_at: d(e) }),
      expected,
      `${u} ${a} ${e}`,
    );
  }
});

test('reason labels in French, unknown reasons shown as they are', () => {
  assert.equal(deletionReasonLabel('expired'), 'Délai de conservation expiré');
  assert.equal(deletionReasonLabel('user_request'), "Supprimé par l'usager");
  assert.equal(deletionReasonLabel('instructeur_request'), "Supprimé par l'administration");
  assert.equal(deletionReasonLabel('autre'), 'autre');
});
