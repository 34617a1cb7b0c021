import { UsageError } from './cli-io';

const EPOCH_SECONDS = /^-?\d{1,12}(\.\d+)?$/;
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** `--now <ISO-8601 | epoch seconds>`; an ISO time without an offset is UTC (§9). */
export function parseNow(value: string): Date {
  if (EPOCH_SECONDS.test(value)) return new Date(Number(value) * 1000);
  const m = ISO_8601.exec(value);
  if (!m) throw new UsageError(`--now: ${JSON.stringify(value)} is neither ISO-8601 nor epoch seconds`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset = 'Z'] = m;
  const normalOffset = offset.toUpperCase() === 'Z' ? 'Z' : offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
  const ms = frac ? frac.slice(1, 4).padEnd(3, '0') : '000';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${normalOffset}`);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(`--now: ${JSON.stringify(value)} is not a real date and time`);
  }
  // Date() rolls 2026-02-30 over to March; refuse instead of guessing.
  const local = new Date(date.getTime() + offsetMinutes(normalOffset) * 60_000);
  if (local.getUTCDate() !== Number(d) || local.getUTCMonth() + 1 !== Number(mo)) {
    throw new UsageError(`--now: ${JSON.stringify(value)} is not a real date`);
  }
  return date;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

export function parseSkew(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(`--skew: ${JSON.stringify(value)} is not a whole number of seconds`);
  return Number(value);
}
