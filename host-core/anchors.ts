// Trust anchors the kiosk pins. Production anchors ship in resources/anchors/production.jwks.json;
// demo anchors are read at runtime from the reference Work System's data folder and never packaged.
import { readFile } from 'node:fs/promises';
import { anchorsJwksSchema } from '../shared/host/host-api';
import type { KioskConfig } from '../shared/host/host-api';

export type AnchorsJwks = KioskConfig['anchors'];

export class AnchorsFileError extends Error {
  override readonly name = 'AnchorsFileError';
  constructor(
    readonly filePath: string,
    reason: string,
  ) {
    super(`anchors file ${filePath}: ${reason}`);
  }
}

/** Reads and validates a JWKS of public P-256 keys; private members are dropped by the schema. */
export async function readAnchorsFile(filePath: string): Promise<AnchorsJwks> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new AnchorsFileError(filePath, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AnchorsFileError(filePath, 'is not JSON');
  }
  const parsed = anchorsJwksSchema.safeParse(json);
  if (!parsed.success) throw new AnchorsFileError(filePath, `is not a P-256 JWKS (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

export const PRODUCTION_ANCHORS_FILE = 'anchors/production.jwks.json';
/** Where the reference Work System writes its anchors, relative to its data folder. */
export const DEMO_ANCHORS_FILE = 'anchors.jwks.json';
