import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LOCKOUT_MS, MAX_FAILURES, OperatorExistsError } from '../../renderer/operators/operator-store';
import { constantTimeEqual, hashPin, MIN_PBKDF2_ITERATIONS, pinMatches } from '../../renderer/operators/pin-hash';
import { NOW } from '../fixtures/test-world';
import { openTestKiosk } from './kiosk-fixture';

describe('PIN hashing', () => {
  it('uses PBKDF2 with a random 16-byte salt and at least 210,000 iterations', async () => {
    const a = await hashPin('123456', MIN_PBKDF2_ITERATIONS);
    const b = await hashPin('123456', MIN_PBKDF2_ITERATIONS);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(a.salt).toHaveLength(22);
    expect(await pinMatches('123456', a)).toBe(true);
    expect(await pinMatches('123457', a)).toBe(false);
    await expect(hashPin('123456', 1000)).rejects.toThrow(RangeError);
  });

  it('compares in constant time over the whole length', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});

describe('OperatorStore', () => {
  it('creates operators, never stores the PIN, signs in, records signin/signout/settings_change', async () => {
    const { kiosk } = await openTestKiosk('ops-basic');
    expect(await kiosk.operators.hasAdmin()).toBe(false);
    await kiosk.operators.create({ id: 'admin', name: 'Chief', pin: '864209', role: 'admin' });
    await kiosk.operators.create({ id: 'li.wei', name: '李伟', pin: '135790', role: 'officer' }, 'admin');
    await expect(kiosk.operators.create({ id: 'li.wei', name: 'dup', pin: '135790', role: 'officer' })).rejects.toThrow(OperatorExistsError);
    await expect(kiosk.operators.create({ id: 'x', name: 'short pin', pin: '12', role: 'officer' })).rejects.toThrow();
    expect(await kiosk.operators.hasAdmin()).toBe(true);
    expect((await kiosk.operators.list()).map((o) => [o.id, o.role])).toEqual([['admin', 'admin'], ['li.wei', 'officer']]);
    const stored = JSON.stringify(await kiosk.db.operators.toArray());
    expect(stored).not.toContain('135790');

    const ok = await kiosk.operators.signIn('li.wei', '135790');
    expect(ok).toMatchObject({ ok: true, operator: { id: 'li.wei', name: '李伟', role: 'officer' } });
    await kiosk.operators.signOut('li.wei');
    const events = (await kiosk.audit.page({}, 0, 10)).map((e) => [e.event, e.operator]);
    expect(events).toEqual([['signout', 'li.wei'], ['signin', 'li.wei'], ['settings_change', 'admin'], ['settings_change', null]]);
  });

  it('answers BAD_CREDENTIALS alike for a wrong PIN and an unknown id', async () => {
    const { kiosk } = await openTestKiosk('ops-bad');
    await kiosk.operators.create({ id: 'a', name: 'A', pin: '111111', role: 'admin' });
    expect(await kiosk.operators.signIn('a', '111112')).toEqual({ ok: false, reason: 'BAD_CREDENTIALS' });
    expect(await kiosk.operators.signIn('nobody', '111111')).toEqual({ ok: false, reason: 'BAD_CREDENTIALS' });
  });

  it(`locks after ${MAX_FAILURES} failures for 5 minutes, across a restart, then lets the right PIN in`, async () => {
    const opened = await openTestKiosk('ops-lock');
    await opened.kiosk.operators.create({ id: 'a', name: 'A', pin: '111111', role: 'admin' });
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(await opened.kiosk.operators.signIn('a', '000000')).toEqual({ ok: false, reason: 'BAD_CREDENTIALS' });
    }
    const locked = await opened.kiosk.operators.signIn('a', '000000');
    expect(locked).toEqual({ ok: false, reason: 'LOCKED', lockedUntil: new Date(NOW.getTime() + LOCKOUT_MS) });
    const kiosk = await opened.reopen();
    // Even the right PIN is refused while locked, after a restart too.
    expect(await kiosk.operators.signIn('a', '111111')).toMatchObject({ ok: false, reason: 'LOCKED' });
    opened.clock = new Date(NOW.getTime() + LOCKOUT_MS - 1000);
    expect(await kiosk.operators.signIn('a', '111111')).toMatchObject({ ok: false, reason: 'LOCKED' });
    opened.clock = new Date(NOW.getTime() + LOCKOUT_MS);
    expect(await kiosk.operators.signIn('a', '111111')).toMatchObject({ ok: true });
  });

  it('a success resets the failure count', async () => {
    const { kiosk } = await openTestKiosk('ops-reset');
    await kiosk.operators.create({ id: 'a', name: 'A', pin: '111111', role: 'admin' });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await kiosk.operators.signIn('a', '000000');
    expect(await kiosk.operators.signIn('a', '111111')).toMatchObject({ ok: true });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await kiosk.operators.signIn('a', '000000');
    expect(await kiosk.operators.signIn('a', '111111')).toMatchObject({ ok: true });
  });

  it('refuses to remove the last administrator', async () => {
    const { kiosk } = await openTestKiosk('ops-remove');
    await kiosk.operators.create({ id: 'a', name: 'A', pin: '111111', role: 'admin' });
    await kiosk.operators.create({ id: 'o', name: 'O', pin: '222222', role: 'officer' });
    await expect(kiosk.operators.remove('a')).rejects.toThrow(/last administrator/);
    await kiosk.operators.remove('o', 'a');
    expect((await kiosk.operators.list()).map((o) => o.id)).toEqual(['a']);
  });
});
