// CSV export of audit entries: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
import type { AuditEntry } from '../../shared/audit/audit-entry';

export const AUDIT_CSV_COLUMNS = [
  'id', 'seq', 'at', 'kiosk', 'operator', 'event', 'verdict', 'reasons', 'warnings', 'typ', 'iss', 'kid',
  'permitNo', 'jti', 'token', 'trustSeq', 'revocationSeq', 'prev', 'hash',
] as const satisfies readonly (keyof AuditEntry)[];

const CRLF = '\r\n';

/**
 * One cell. A leading = + - @ (or TAB/CR, which some spreadsheets strip before parsing) makes
 * Excel and LibreOffice evaluate the cell (CSV injection), so such cells get a leading '.
 */
export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (Array.isArray(value)) text = value.join(' ');
  else text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return AUDIT_CSV_COLUMNS.join(',') + CRLF;
}

export function csvRow(entry: AuditEntry): string {
  return AUDIT_CSV_COLUMNS.map((column) => csvCell(entry[column])).join(',') + CRLF;
}
