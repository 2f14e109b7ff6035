import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frDateTimeParis, historyDetails, historyLabel } from '../../src/domain/history-labels.ts';

test('labels: known types in French, unknown ones readable', () => {
  assert.equal(historyLabel('groupe_change'), "Changement de groupe d'instructeurs");
  assert.equal(historyLabel('envoye_a_instructeur'), 'Dossier envoyé à un instructeur');
  assert.equal(historyLabel('rendez_vous_annule'), 'Rendez-vous annulé');
  assert.equal(historyLabel('expire'), 'Délai de conservation expiré (dossier mis à la corbeille)');
  assert.equal(historyLabel('type_inconnu'), 'type inconnu');
});

test('details of each event kind', () => {
  const rows: [string, Record<string, unknown>, string][] = [
    ['groupe_change', { from_label: 'Nord', to_label: 'Sud' }, 'De « Nord » vers « Sud »'],
    ['envoye_a_instructeur', { instructor_emails: ['a@x.fr', 'b@x.fr'] }, 'À : a@x.fr, b@x.fr'],
    [
      'rendez_vous_propose',
      { starts_at: '2026-07-14T08:00:00Z', duration_minutes: 30, mode: 'visio', place: 'https://v.fr/1' },
      '14 juillet 2026 à 10:00 (30 min)\nEn visioconférence : https://v.fr/1',
    ],
    ['expiration_annoncee', { expires_at: '2027-03-02T09:00:00Z' }, "Date d'expiration : 2 mars 2027"],
    ['refuse', { motivation: 'Pièces manquantes' }, 'Motivation : Pièces manquantes'],
    ['conservation_prolongee', { conservation_extension_months: 2 }, 'Prolongation totale : 2 mois'],
    ['depose', {}, ''],
    ['groupe_change', {}, 'De « ? » vers « ? »'],
  ];
  for (const [type, data, expected] of rows) assert.equal(historyDetails(type, data), expected, type);
  assert.equal(frDateTimeParis(new Date('2026-01-15T23:30:00Z')), '16 janvier 2026 à 00:30');
});
