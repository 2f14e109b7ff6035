import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryOnConflict } from '../../src/features/command.ts';

const pgError = (code: string) => Object.assign(new Error(code), { code });

const cases: { name: string; failures: string[]; expectCalls: number; expectOk: boolean }[] = [
  { name: 'no error: one call', failures: [], expectCalls: 1, expectOk: true },
  { name: 'a deadlock then success: run again', failures: ['40P01'], expectCalls: 2, expectOk: true },
  { name: 'a serialization failure then success', failures: ['40001'], expectCalls: 2, expectOk: true },
  {
    name: 'three deadlocks: gives up after the third',
    failures: ['40P01', '40P01', '40P01'],
    expectCalls: 3,
    expectOk: false,
  },
  { name: 'a unique violation is not retried', failures: ['23505'], expectCalls: 1, expectOk: false },
];

for (const c of cases) {
  test(`retryOnConflict: ${c.name}`, async () => {
    let calls = 0;
    const run = retryOnConflict(async () => {
      const failure = c.failures[calls++];
      if (failure) throw pgError(failure);
      return 'ok';
    });
    if (c.expectOk) assert.equal(await run, 'ok');
    else await assert.rejects(run);
    assert.equal(calls, c.expectCalls);
  });
}
