import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  parisLocalToUtc,
  rendezVousChangeRefusal,
  rendezVousEnd,
  rendezVousRefusal,
  utcToParisLocal,
  validateRendezVous,
  type RendezVousDossierFacts,
  type RendezVousInput,
} from '../../src/domain/rendez-vous.ts';

const NOW = new Date('2026-03-02T09:00:00Z'); // 10:00 in Paris
const OK: RendezVousInput = { date: '2026-03-10', time: '10:30', duration: '45', mode: 'sur_place', place: 'Mairie' };

describe('Paris wall clock ↔ UTC', () => {
  const rows: [string, string, string | null][] = [
    ['2026-01-15', '10:00', '2026-01-15T09:00:00.000Z'], // winter, UTC+1
    ['2026-07-14', '10:00', '2026-07-14T08:00:00.000Z'], // summer, UTC+2
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'], // last minute of winter time
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'], // first minute of summer time
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // skipped hour → one hour later
    ['2026-10-25', '01:30', '2026-10-24T23:30:00.000Z'], // before the autumn change
    ['2026-10-25', '04:00', '2026-10-25T03:00:00.000Z'], // after it
    ['2026-10-25', '02:30', '2026-10-25T01:30:00.000Z'], // happens twice: the second one (winter time)
    ['2026-12-31', '23:59', '2026-12-31T22:59:00.000Z'],
    ['2024-02-29', '12:00', '2024-02-29T11:00:00.000Z'],
    ['2026-02-29', '12:00', null],
    ['2026-02-30', '12:00', null],
    ['2026-13-01', '12:00', null],
    ['2026-03-10', '24:00', null],
    ['2026-03-10', '10:60', null],
    ['10/03/2026', '10:00', null],
    ['2026-03-10', '10h00', null],
    ['', '', null],
  ];
  for (const [date, time, expected] of rows) {
    test(`${date} ${time} → ${expected}`, () => {
      assert.equal(parisLocalToUtc(date, time)?.toISOString() ?? null, expected);
    });
  }
  test('round trip', () => {
    for (const iso of [
      '2026-01-15T09:00:00Z',
      '2026-07-14T08:00:00Z',
      '2026-10-24T23:30:00Z',
      '2026-03-29T01:00:00Z',
    ]) {
      const l = utcToParisLocal(new Date(iso));
      assert.equal(parisLocalToUtc(l.date, l.time)!.toISOString(), new Date(iso).toISOString());
    }
    assert.deepEqual(utcToParisLocal(new Date('2026-07-14T22:30:00Z')), { date: '2026-07-15', time: '00:30' });
  });
});

describe('validateRendezVous', () => {
  test('a valid slot', () => {
    const v = validateRendezVous(OK, NOW);
    assert.ok(v.ok);
    assert.equal(v.value.startsAt.toISOString(), '2026-03-10T09:30:00.000Z');
    assert.equal(v.value.durationMinutes, 45);
    assert.equal(rendezVousEnd(v.value).toISOString(), '2026-03-10T10:15:00.000Z');
  });
  const rows: [Partial<RendezVousInput>, string, RegExp][] = [
    [{ date: '2026-03-01' }, 'date', /déjà passée/],
    [{ date: '2026-03-02', time: '10:00' }, 'date', /déjà passée/], // exactly now
    [{ date: '2026-03-02', time: '10:01' }, 'date', /^$/], // one minute ahead: fine
    [{ date: '2027-03-03' }, 'date', /12 prochains mois/],
    [{ date: '' }, 'date', /Indiquez la date/],
    [{ date: '2026-02-30' }, 'date', /n'est pas valide/],
    [{ time: '' }, 'time', /Indiquez l'heure/],
    [{ time: '7h' }, 'time', /n'est pas valide/],
    [{ duration: '4' }, 'duration', /entre 5 et 480/],
    [{ duration: '5' }, 'duration', /^$/],
    [{ duration: '480' }, 'duration', /^$/],
    [{ duration: '481' }, 'duration', /entre 5 et 480/],
    [{ duration: 30 }, 'duration', /^$/],
    [{ duration: '30.5' }, 'duration', /nombre entier/],
    [{ duration: '-10' }, 'duration', /nombre entier/],
    [{ duration: '' }, 'duration', /Indiquez la durée/],
    [{ mode: 'courrier' }, 'mode', /Choisissez le type/],
    [{ place: '  ' }, 'place', /Indiquez l'adresse/],
    [{ mode: 'telephone', place: '' }, 'place', /numéro de téléphone/],
    [{ mode: 'visio', place: '' }, 'place', /lien de la visioconférence/],
    [{ mode: 'visio', place: 'http://visio.exemple.fr' }, 'place', /https:\/\//],
    [{ mode: 'visio', place: 'Lien : https://visio.exemple.fr/abc' }, 'place', /^$/],
    [{ place: 'x'.repeat(501) }, 'place', /500 caractères/],
    [{ place: 'x'.repeat(500) }, 'place', /^$/],
  ];
  for (const [patch, field, message] of rows) {
    test(`${JSON.stringify(patch).slice(0, 60)} → ${field} ${message}`, () => {
      const v = validateRendezVous({ ...OK, ...patch }, NOW);
      const got = v.ok ? '' : (v.errors[field] ?? '');
      assert.match(got, message);
      if (message.source === '^$') assert.ok(v.ok, JSON.stringify(v));
    });
  }
});

describe('when a rendez-vous may be proposed, changed, cancelled', () => {
  const base: RendezVousDossierFacts = {
    state: 'en_instruction',
    archived: false,
    hidden_by_administration_at: null,
    hidden_by_user_at: null,
    hidden_by_expired_at: null,
  };
  const rows: [Partial<RendezVousDossierFacts>, boolean, RegExp | null][] = [
    [{}, true, null],
    [{ state: 'en_construction' }, true, null],
    [{ state: 'accepte' }, true, null],
    [{}, false, /n'est pas activée/],
    [{ state: 'brouillon' }, true, /pas encore été déposé/],
    [{ archived: true }, true, /archivé/],
    [{ hidden_by_administration_at: NOW }, true, /supprimé/],
    [{ hidden_by_expired_at: NOW }, true, /supprimé/],
    [{ hidden_by_user_at: NOW }, true, /supprimé/],
  ];
  for (const [patch, enabled, expected] of rows) {
    test(`${JSON.stringify(patch)} rdv ${enabled ? 'on' : 'off'}`, () => {
      const r = rendezVousRefusal({ ...base, ...patch }, enabled);
      if (expected) assert.match(r ?? '', expected);
      else assert.equal(r, null);
    });
  }
  test('changes', () => {
    const future = new Date('2026-03-10T09:00:00Z');
    const past = new Date('2026-03-01T09:00:00Z');
    assert.equal(rendezVousChangeRefusal({ cancelled_at: null, starts_at: future }, NOW, 'annuler'), null);
    assert.equal(rendezVousChangeRefusal({ cancelled_at: null, starts_at: future }, NOW, 'modifier'), null);
    assert.match(rendezVousChangeRefusal({ cancelled_at: NOW, starts_at: future }, NOW, 'annuler')!, /déjà été annulé/);
    assert.match(
      rendezVousChangeRefusal({ cancelled_at: NOW, starts_at: future }, NOW, 'modifier')!,
      /déjà été annulé/,
    );
    assert.match(rendezVousChangeRefusal({ cancelled_at: null, starts_at: past }, NOW, 'annuler')!, /déjà eu lieu/);
    assert.equal(
      rendezVousChangeRefusal({ cancelled_at: null, starts_at: past }, NOW, 'modifier'),
      null,
      'a past slot may be moved to a new date',
    );
  });
});
