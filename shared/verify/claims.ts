// §2.3 claim rules as one schema. Unknown members are stripped (ignored and never shown);
// invisible and control characters are refused anywhere in the payload, known member or not.
import { z } from 'zod';

/** Unicode Cc, Cf, Zl, Zp (§2.3) plus lone surrogates, which no honest UTF-8 text holds. */
const FORBIDDEN_CHAR = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\p{Cs}/u;

/**
 * Checks the JSON text before parsing: forbidden characters written literally are found by one
 * regex pass; only text with \\u escapes (which honest issuers never need) gets the full walk.
 */
function jsonTextContainsForbiddenCharacter(jsonText: string, parsed: unknown): boolean {
  if (FORBIDDEN_CHAR_IN_JSON_TEXT.test(jsonText)) return true;
  return jsonText.includes('\\u') && containsForbiddenCharacter(parsed);
}

/**
 * Literal TAB, LF and CR cannot occur inside a JSON string (they must be escaped), so in valid
 * JSON text they are whitespace between tokens and allowed.
 */
const FORBIDDEN_CHAR_IN_JSON_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Walks every string (member names too) of parsed JSON looking for forbidden characters. */
export function containsForbiddenCharacter(value: unknown): boolean {
  if (typeof value === 'string') return FORBIDDEN_CHAR.test(value);
  if (Array.isArray(value)) return value.some(containsForbiddenCharacter);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(
      ([k, v]) => FORBIDDEN_CHAR.test(k) || containsForbiddenCharacter(v),
    );
  }
  return false;
}

/** A real calendar date: 2025-02-29 and 2024-13-01 are refused. */
export function isCalendarDate(s: string): boolean {
  if (!CALENDAR_DATE.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const codePoints = (min: number, max: number) =>
  z.string().refine((s) => {
    const n = [...s].length;
    return n >= min && n <= max;
  }, `must be ${min}–${max} characters`);

const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');
const adminArea = z.string().regex(/^\d{6}$/, 'must be a 6-digit division code');
const numericDate = z.int().nonnegative();

const holderSchema = z.object({
  // The `u` flag makes {1,80} count code points.
  name: z.string().regex(/^[\p{L}\p{M} .'-]{1,80}$/u, 'letters, marks, space, - . \' only'),
  cn: codePoints(1, 30).optional(),
  sex: z.enum(['M', 'F']),
  dob: calendarDate,
  nat: z.string().regex(/^[A-Z]{3}$/),
  pp: z.string().regex(/^[A-Z0-9]{5,20}$/),
});

const permitSchema = z
  .object({
    no: z.string().regex(/^[0-9A-Z]{10,24}$/),
    cat: z.enum(['A', 'B', 'C']),
    from: calendarDate,
    to: calendarDate,
    emp: codePoints(1, 100),
    uscc: z.string().regex(/^[0-9A-Z]{18}$/),
    job: codePoints(1, 60).optional(),
    area: adminArea,
  })
  .refine((wp) => wp.from <= wp.to, { message: 'from must not be after to', path: ['to'] });

const socialSecuritySchema = z.object({
  no: z.string().regex(/^[0-9A-Z]{15,20}$/),
  area: adminArea,
});

export const cardClaimsSchema = z
  .object({
    v: z.literal(1),
    typ: z.enum(['essc', 'wpn']),
    iss: z.string().regex(/^[A-Z0-9-]{1,32}$/),
    iat: numericDate,
    exp: numericDate.optional(),
    jti: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/),
    hd: holderSchema,
    wp: permitSchema,
    ss: socialSecuritySchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.exp !== undefined && c.exp <= c.iat) {
      ctx.addIssue({ code: 'custom', path: ['exp'], message: 'exp must be after iat' });
    }
    if (c.typ === 'essc') {
      if (c.exp === undefined) ctx.addIssue({ code: 'custom', path: ['exp'], message: 'e-SSC requires exp' });
      if (c.ss === undefined) ctx.addIssue({ code: 'custom', path: ['ss'], message: 'e-SSC requires ss' });
    } else if (c.ss !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['ss'], message: 'a WPN carries no ss' });
    }
  });

export type CardClaims = z.infer<typeof cardClaimsSchema>;
export type CardType = CardClaims['typ'];

export type ClaimsParseResult =
  | { ok: true; claims: CardClaims }
  | { ok: false; problem: string };

const FORBIDDEN_PROBLEM = 'payload holds a control or invisible format character';

/** Parsed JSON → typed claims, or the first rule it breaks (for support logs, never for display). */
export function parseCardClaims(json: unknown): ClaimsParseResult {
  if (containsForbiddenCharacter(json)) return { ok: false, problem: FORBIDDEN_PROBLEM };
  return applyClaimsSchema(json);
}

/** Claims JSON text → typed claims; the fast path used on every scan. */
export function parseCardClaimsJson(text: string): ClaimsParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'payload is not JSON' };
  }
  if (jsonTextContainsForbiddenCharacter(text, json)) return { ok: false, problem: FORBIDDEN_PROBLEM };
  return applyClaimsSchema(json);
}

function applyClaimsSchema(json: unknown): ClaimsParseResult {
  const parsed = cardClaimsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  return { ok: true, claims: parsed.data };
}
