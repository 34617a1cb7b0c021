// Audit commands: what the kiosks sent, as a list or CSV, and a full re-check of every chain.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { MAX_AUDIT_BATCH_BYTES } from '../../../shared/api/work-system-api';
import type { AuditEntry } from '../../../shared/audit/audit-entry';
import type { WorkSystemStore } from '../../store/work-system-store';
import { CommandFailed, dataOption, parseCommandArgs, UsageError, validate, withStore, type CliIo } from '../cli-io';

export const AUDIT_USAGE = [
  'audit list [--data DIR] [--kiosk ID] [--limit N]      kiosks and counts, or one kiosk\'s entries (JSON lines)',
  'audit export [--data DIR] --kiosk ID [--out FILE]     one kiosk\'s entries as CSV (stdout by default)',
  'audit verify [--data DIR] [--kiosk ID]                re-check every stored chain (exit 1 if one is broken)',
  'import-audit [--data DIR] [--ack FILE] <batch.jws>    take in a batch exported by a kiosk; write the acknowledgement',
];

const CSV_COLUMNS = [
  'kiosk', 'seq', 'id', 'at', 'event', 'operator', 'verdict', 'reasons', 'warnings', 'typ', 'iss', 'kid',
  'permitNo', 'jti', 'token', 'trustSeq', 'revocationSeq', 'prev', 'hash',
] as const satisfies readonly (keyof AuditEntry)[];

/** RFC 4180 quoting, plus a leading ' on cells a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('|') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(entries: Iterable<AuditEntry>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push(CSV_COLUMNS.map((c) => csvCell(e[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function requireKiosk(store: WorkSystemStore, kioskId: string): void {
  if (!store.enrollment.kiosk(kioskId)) throw new UsageError(`unknown kiosk ${kioskId}`);
}

export async function auditCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseCommandArgs(rest, {
    ...dataOption,
    kiosk: { type: 'string' },
    limit: { type: 'string' },
    out: { type: 'string' },
  });
  return withStore(values.data, async (store) => {
    switch (sub) {
      case 'list': {
        if (values.kiosk === undefined) {
          for (const k of store.listKiosks()) {
            io.out(`${k.kioskId}  kid ${k.kid}  entries ${store.audit.count(k.kioskId)}  lastSeq ${k.lastSeq}  ${k.name} / ${k.office}`);
          }
          return 0;
        }
        requireKiosk(store, values.kiosk);
        const limit = values.limit === undefined ? undefined : validate(z.coerce.number().int().positive(), values.limit, '--limit');
        for (const e of store.listAudit(values.kiosk, limit ? { limit } : {})) io.out(JSON.stringify(e));
        return 0;
      }
      case 'export': {
        if (values.kiosk === undefined) throw new UsageError('audit export needs --kiosk ID');
        requireKiosk(store, values.kiosk);
        const csv = auditCsv(store.listAudit(values.kiosk));
        if (values.out) {
          writeFileSync(values.out, csv);
          io.err(`wrote ${store.audit.count(values.kiosk)} entries to ${values.out}`);
        } else {
          io.out(csv.trimEnd());
        }
        return 0;
      }
      case 'verify': {
        const kiosks = values.kiosk === undefined ? store.listKiosks().map((k) => k.kioskId) : [values.kiosk];
        if (values.kiosk !== undefined) requireKiosk(store, values.kiosk);
        let broken = 0;
        for (const kioskId of kiosks) {
          const check = await store.verifyKioskChain(kioskId);
          if (check.ok) io.out(`${kioskId}: ok, ${check.checked} entries, tip seq ${check.tip?.seq ?? 0}`);
          else {
            broken++;
            io.out(`${kioskId}: BROKEN at seq ${check.seq} (${check.problem})`);
          }
        }
        if (broken > 0) throw new CommandFailed(`${broken} of ${kiosks.length} chains are broken`);
        return 0;
      }
      default:
        throw new UsageError(`audit needs list, export or verify${sub ? `, not ${sub}` : ''}`);
    }
  });
}

export async function importAuditCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...dataOption, ack: { type: 'string' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('import-audit needs the path of a signed batch (.jws)');
  let jws: string;
  try {
    if (statSync(file).size > MAX_AUDIT_BATCH_BYTES + 1024) throw new CommandFailed(`${file} is larger than a batch may be (1 MiB)`);
    jws = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof CommandFailed) throw err;
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const ackPath = values.ack ?? `${file.replace(/\.jws$/i, '')}.ack.json`;
  return withStore(values.data, async (store) => {
    const result = await store.takeInAuditBatch(jws);
    if (result.status !== 200) {
      const seq = result.expectedSeq !== undefined ? ` (expected seq ${result.expectedSeq})` : '';
      throw new CommandFailed(`batch refused: ${result.error}: ${result.message}${seq}`);
    }
    const ack = { kiosk: result.kioskId, lastSeq: result.ack.lastSeq, stored: result.ack.stored, duplicates: result.ack.duplicates };
    writeFileSync(ackPath, `${JSON.stringify(ack, null, 2)}\n`);
    io.out(JSON.stringify(ack));
    io.err(`acknowledgement written to ${ackPath}`);
    return 0;
  });
}
