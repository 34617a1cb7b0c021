// Admin commands that change what the Work System publishes or accepts.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataOption, instantSchema, parseCommandArgs, UsageError, validate, withStore, type CliIo } from '../cli-io';

export const ADMIN_USAGE = [
  'revoke-permit [--data DIR] [--reinstate] <permit-no>   cancel (or reinstate) a work permit',
  'revoke-permit [--data DIR] --file LIST                 cancel every permit in LIST (one per line), one publication',
  'rotate-key [--data DIR] <iss>                         new signing key for an issuer',
  'revoke-key [--data DIR] [--at now|EPOCH|ISO] <kid>    refuse tokens of a key signed from --at (0: all)',
  'enroll-code [--data DIR]                              a one-time kiosk enrollment code',
];

const permitNoSchema = z.string().regex(/^[0-9A-Z]{10,24}$/, 'a permit number is 10–24 characters [0-9A-Z]');

export async function revokePermitCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { ...dataOption, reinstate: { type: 'boolean', default: false }, file: { type: 'string' } },
    1,
  );
  if (values.file !== undefined) {
    if (positionals.length > 0 || values.reinstate) throw new UsageError('--file takes no permit number and no --reinstate');
    let lines: string[];
    try {
      lines = readFileSync(values.file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    } catch (err) {
      throw new UsageError(`cannot read ${values.file}: ${(err as Error).message}`);
    }
    const permitNos = lines.map((line, i) => validate(permitNoSchema, line, `line ${i + 1} of ${values.file}`));
    await withStore(values.data, async (store) => {
      const { seq, added } = await store.revokePermits(permitNos);
      io.out(`revoked ${added} of ${permitNos.length} permits (the rest were already revoked); revocation seq ${seq}`);
    });
    return 0;
  }
  const permitNo = validate(permitNoSchema, positionals[0] ?? '', 'permit-no');
  await withStore(values.data, async (store) => {
    const change = values.reinstate ? await store.reinstatePermit(permitNo) : await store.revokePermit(permitNo);
    const verb = values.reinstate ? 'reinstated' : 'revoked';
    io.out(change.changed ? `${verb} ${permitNo} (h ${change.h}); revocation seq ${change.seq}` : `${permitNo} was already ${verb}; seq ${change.seq} unchanged`);
  });
  return 0;
}

export async function rotateKeyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, dataOption, 1);
  if (!positionals[0]) throw new UsageError('rotate-key needs an issuer id, e.g. CN-310000');
  const iss = positionals[0];
  await withStore(values.data, async (store) => {
    if (!store.keys.listIssuers().some((i) => i.iss === iss)) throw new UsageError(`unknown issuer ${iss}`);
    const { key, trust } = await store.rotateKey(iss);
    io.out(`new key ${key.kid} for ${iss}; trust list seq ${trust.seq}`);
  });
  return 0;
}

export async function revokeKeyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...dataOption, at: { type: 'string', default: 'now' } }, 1);
  const kid = validate(z.string().regex(/^[A-Za-z0-9_-]{11}$/, 'a kid is 11 base64url characters'), positionals[0] ?? '', 'kid');
  const at = validate(instantSchema, values.at, '--at');
  await withStore(values.data, async (store) => {
    if (!store.keys.listIssuerKeys().some((k) => k.kid === kid)) throw new UsageError(`unknown issuer key ${kid}`);
    const { key, trust } = await store.revokeKey(kid, at);
    io.out(`key ${key.kid} of ${key.iss} revoked from ${at}; trust list seq ${trust.seq}`);
  });
  return 0;
}

export async function enrollCodeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, dataOption);
  await withStore(values.data, async (store) => io.out(store.createEnrollmentCode()));
  return 0;
}
