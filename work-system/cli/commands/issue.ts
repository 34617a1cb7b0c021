import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { qrPng, qrSvg, qrTerminal } from '../../wallet/qr-image';
import { dataOption, instantSchema, parseCommandArgs, UsageError, validate, withStore, type CliIo } from '../cli-io';

export const ISSUE_USAGE = `issue [--data DIR] --iss CN-310000 [--typ essc|wpn] [--out PREFIX (default DIR/cards/<jti>)] [--exp WHEN] [--no-terminal]
        (--json card.json | --name N [--cn C] --sex M|F --dob YYYY-MM-DD --nat NLD --pp P
         --permit-no NO --cat A|B|C --from D --to D --emp E --uscc U [--job J] --area 310115
         [--ss-no NO --ss-area 310000])              sign a card; print and write its QR`;

/** The card a JSON file describes; members as in §2.3 (hd → holder, wp → permit, ss → socialSecurity). */
const cardFileSchema = z.strictObject({
  typ: z.enum(['essc', 'wpn']).optional(),
  iss: z.string().optional(),
  holder: z.record(z.string(), z.unknown()),
  permit: z.record(z.string(), z.unknown()),
  socialSecurity: z.record(z.string(), z.unknown()).optional(),
});

const FLAG_MEMBERS = {
  holder: { name: 'name', cn: 'cn', sex: 'sex', dob: 'dob', nat: 'nat', pp: 'pp' },
  permit: { 'permit-no': 'no', cat: 'cat', from: 'from', to: 'to', emp: 'emp', uscc: 'uscc', job: 'job', area: 'area' },
  socialSecurity: { 'ss-no': 'no', 'ss-area': 'area' },
} as const;

const stringFlag = { type: 'string' } as const;

export async function issueCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    ...dataOption,
    iss: stringFlag,
    typ: stringFlag,
    json: stringFlag,
    out: { type: 'string' },
    exp: stringFlag,
    'no-terminal': { type: 'boolean', default: false },
    ...Object.fromEntries(
      Object.values(FLAG_MEMBERS).flatMap((m) => Object.keys(m).map((flag) => [flag, stringFlag])),
    ),
  });
  const flags = values as Record<string, string | boolean | undefined>;
  let card: z.infer<typeof cardFileSchema>;
  if (typeof flags.json === 'string') {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(flags.json, 'utf8'));
    } catch (err) {
      throw new UsageError(`--json ${flags.json}: ${(err as Error).message}`);
    }
    card = validate(cardFileSchema, raw, 'card file');
  } else {
    const section = (map: Record<string, string>) =>
      Object.fromEntries(Object.entries(map).flatMap(([flag, member]) => (typeof flags[flag] === 'string' ? [[member, flags[flag]]] : [])));
    const socialSecurity = section(FLAG_MEMBERS.socialSecurity);
    card = {
      holder: section(FLAG_MEMBERS.holder),
      permit: section(FLAG_MEMBERS.permit),
      ...(Object.keys(socialSecurity).length > 0 ? { socialSecurity } : {}),
    };
  }
  const typ = validate(z.enum(['essc', 'wpn']), flags.typ ?? card.typ ?? 'essc', '--typ');
  const iss = validate(z.string().regex(/^[A-Z0-9-]{1,32}$/, 'must be an issuer id such as CN-310000'), flags.iss ?? card.iss, '--iss');
  const exp = typeof flags.exp === 'string' ? validate(instantSchema, flags.exp, '--exp') : undefined;
  if (typ === 'essc' && !card.socialSecurity) throw new UsageError('an e-SSC needs --ss-no and --ss-area (or socialSecurity in the JSON)');

  const issued = await withStore(String(flags.data), async (store) => {
    if (!store.keys.listIssuers().some((i) => i.iss === iss)) throw new UsageError(`unknown issuer ${iss}`);
    try {
      return await store.issueCard({
        typ,
        iss,
        holder: card.holder as never,
        permit: card.permit as never,
        ...(typ === 'essc' ? { socialSecurity: card.socialSecurity as never } : {}),
        ...(exp !== undefined ? { exp } : {}),
      });
    } catch (err) {
      if (err instanceof z.ZodError) {
        const issue = err.issues[0]!;
        throw new UsageError(`card ${issue.path.join('.').replace(/^hd/, 'holder').replace(/^wp/, 'permit').replace(/^ss/, 'socialSecurity')}: ${issue.message}`);
      }
      throw err;
    }
  });
  // Default: next to the data, never into the working tree.
  const prefix = typeof flags.out === 'string' ? flags.out : join(String(flags.data), 'cards', issued.claims.jti);
  mkdirSync(dirname(resolve(prefix)), { recursive: true });
  writeFileSync(`${prefix}.png`, await qrPng(issued.qrText));
  writeFileSync(`${prefix}.svg`, await qrSvg(issued.qrText));
  writeFileSync(`${prefix}.txt`, `${issued.qrText}\n`);
  if (!flags['no-terminal']) io.out(await qrTerminal(issued.qrText));
  io.out(issued.qrText);
  io.err(`signed by ${issued.kid} (${iss}), jti ${issued.claims.jti}; wrote ${prefix}.png, ${prefix}.svg, ${prefix}.txt`);
  return 0;
}
