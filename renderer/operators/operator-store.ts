// Operators (counter officers and administrators) with PIN sign-in. Failed attempts and the
// lockout are stored in IndexedDB, so restarting the kiosk does not reset them.
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import { auditFacts } from '../audit/audit-facts';
import type { KioskDatabase, OperatorRecord, OperatorRole } from '../db/database';
import { hashPin, pinMatches, PBKDF2_ITERATIONS } from './pin-hash';

export type { OperatorRole };

export interface Operator {
  readonly id: string;
  readonly name: string;
  readonly role: OperatorRole;
  readonly createdAt: string;
}

export type SignInResult =
  | { readonly ok: true; readonly operator: Operator }
  | { readonly ok: false; readonly reason: 'BAD_CREDENTIALS' | 'LOCKED'; readonly lockedUntil?: Date };

export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60 * 1000;

export const newOperatorSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'operator id: 1–64 letters, digits, . _ -'),
  name: z.string().trim().min(1).max(100),
  pin: z.string().regex(/^\d{6,12}$/, 'PIN: 6–12 digits'),
  role: z.enum(['officer', 'admin']),
});
export type NewOperator = z.input<typeof newOperatorSchema>;

export class OperatorExistsError extends Error {
  constructor(id: string) {
    super(`operator ${id} already exists`);
    this.name = 'OperatorExistsError';
  }
}

/**
 * Audit: this store records `signin` (successful sign-in), `signout` and `settings_change`
 * (operator created or removed) itself. Failed attempts are not chain entries; they count
 * towards the lockout.
 */
export class OperatorStore {
  private decoy: Promise<Awaited<ReturnType<typeof hashPin>>> | null = null;

  constructor(
    private readonly db: KioskDatabase,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly iterations = PBKDF2_ITERATIONS,
  ) {}

  async hasAdmin(): Promise<boolean> {
    return (await this.db.operators.filter((o) => o.role === 'admin').count()) > 0;
  }

  /** `by`: the administrator creating it (null for the first admin at setup). */
  async create(op: NewOperator, by: string | null = null): Promise<void> {
    const parsed = newOperatorSchema.parse(op);
    const pin = await hashPin(parsed.pin, this.iterations);
    const record: OperatorRecord = {
      id: parsed.id,
      name: parsed.name,
      role: parsed.role,
      ...pin,
      failures: 0,
      lockedUntil: null,
      createdAt: this.now().toISOString(),
    };
    try {
      await this.db.operators.add(record);
    } catch (err) {
      if ((err as Error).name === 'ConstraintError') throw new OperatorExistsError(parsed.id);
      throw err;
    }
    await this.audit.append(auditFacts('settings_change'), by);
  }

  async signIn(id: string, pin: string): Promise<SignInResult> {
    const record = await this.db.operators.get(id);
    const now = this.now();
    if (!record) {
      // Spend the same time as a real check, so response time does not reveal valid ids.
      await pinMatches(pin, await this.decoyHash());
      return { ok: false, reason: 'BAD_CREDENTIALS' };
    }
    if (record.lockedUntil && new Date(record.lockedUntil) > now) {
      return { ok: false, reason: 'LOCKED', lockedUntil: new Date(record.lockedUntil) };
    }
    const ok = await pinMatches(pin, record);
    // Re-read inside the transaction: parallel attempts must each count.
    const outcome = await this.db.transaction('rw', this.db.operators, async () => {
      const current = await this.db.operators.get(id);
      if (!current) return { locked: null };
      if (ok) {
        await this.db.operators.update(id, { failures: 0, lockedUntil: null });
        return { locked: null };
      }
      const failures = current.failures + 1;
      if (failures >= MAX_FAILURES) {
        const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
        await this.db.operators.update(id, { failures: 0, lockedUntil: lockedUntil.toISOString() });
        return { locked: lockedUntil };
      }
      await this.db.operators.update(id, { failures, lockedUntil: null });
      return { locked: null };
    });
    if (!ok) {
      return outcome.locked
        ? { ok: false, reason: 'LOCKED', lockedUntil: outcome.locked }
        : { ok: false, reason: 'BAD_CREDENTIALS' };
    }
    await this.audit.append(auditFacts('signin'), record.id);
    return { ok: true, operator: toOperator(record) };
  }

  async signOut(id: string): Promise<void> {
    await this.audit.append(auditFacts('signout'), id);
  }

  async list(): Promise<Operator[]> {
    return (await this.db.operators.orderBy('id').toArray()).map(toOperator);
  }

  async get(id: string): Promise<Operator | null> {
    const record = await this.db.operators.get(id);
    return record ? toOperator(record) : null;
  }

  /** Refuses to remove the last administrator (the kiosk could no longer be managed). */
  async remove(id: string, by: string | null = null): Promise<void> {
    const removed = await this.db.transaction('rw', this.db.operators, async () => {
      const record = await this.db.operators.get(id);
      if (!record) return false;
      if (record.role === 'admin') {
        const admins = await this.db.operators.filter((o) => o.role === 'admin').count();
        if (admins <= 1) throw new Error('cannot remove the last administrator');
      }
      await this.db.operators.delete(id);
      return true;
    });
    if (removed) await this.audit.append(auditFacts('settings_change'), by);
  }

  private decoyHash() {
    this.decoy ??= hashPin('000000', this.iterations);
    return this.decoy;
  }
}

function toOperator(record: OperatorRecord): Operator {
  return { id: record.id, name: record.name, role: record.role, createdAt: record.createdAt };
}
