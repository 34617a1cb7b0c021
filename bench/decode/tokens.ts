// Real card tokens for the decode benchmark: claims varied by a seeded PRNG, signed by the
// reference issuer (work-system/issuer via the test world), rendered to a QR module matrix the
// way §2.1 prescribes (byte segment 'essc:/', numeric segment, EC level M).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import QRCode from 'qrcode';
import { z } from 'zod';
import { QR_PREFIX } from '../../shared/codec/numeric-qr';
import { cardClaims, createTestWorld, issueQr, NOW_SEC, wpnClaims } from '../../tests/fixtures/test-world';
import { createRng, type Rng } from './prng';

export interface QrSymbol {
  readonly text: string;
  readonly version: number;
  /** Modules per side. */
  readonly size: number;
  /** Row-major, 1 = dark. */
  readonly modules: Uint8Array;
}

/** Same segmentation as work-system/wallet/qr-image.ts (kept private there). */
export function qrSymbolOf(text: string): QrSymbol {
  const digits = text.slice(QR_PREFIX.length);
  if (!text.startsWith(QR_PREFIX) || !/^\d+$/.test(digits)) throw new RangeError('not an essc QR text');
  const qr = QRCode.create(
    [
      { data: Buffer.from(QR_PREFIX, 'latin1'), mode: 'byte' },
      { data: digits, mode: 'numeric' },
    ],
    { errorCorrectionLevel: 'M' },
  );
  const size = qr.modules.size;
  const modules = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) modules[row * size + col] = qr.modules.get(row, col) ? 1 : 0;
  }
  return { text, version: qr.version, size, modules };
}

const SURNAMES = ['MÜLLER', "O'BRIEN", 'VAN DER BERG', 'NGUYEN', 'SMITH', 'GARCÍA LÓPEZ', 'KOWALSKI', 'TANAKA', 'DUBOIS', 'SILVA'];
const GIVEN = ['MARIA', 'JOHN PAUL', 'ANNA-LENA', 'HIROSHI', 'OLUWASEUN', 'JEAN-BAPTISTE', 'LI', 'ALEKSANDR', 'SOFÍA', 'MOHAMMED ALI'];
const NATIONS = ['NLD', 'DEU', 'USA', 'GBR', 'FRA', 'JPN', 'BRA', 'NGA', 'POL', 'VNM'];
const HANZI = '上海北京深圳广州杭州科技信息咨询贸易有限公司服务网络软件数据工程管理国际文化教育医疗研究';
const JOBS = ['软件工程师', '高级研究员', '外籍教师', '市场总监', '数据分析师', '机械工程师'];

function hanzi(rng: Rng, length: number): string {
  return Array.from({ length }, () => HANZI[rng.int(0, HANZI.length - 1)]).join('');
}

function digits(rng: Rng, length: number): string {
  return Array.from({ length }, () => rng.int(0, 9)).join('');
}

/** Claims a real card could carry, from terse to verbose, so QR versions spread as in the field. */
function variedClaims(rng: Rng, index: number) {
  const printed = rng.chance(0.2);
  const overrides = {
    jti: `bench${String(index).padStart(4, '0')}${digits(rng, 12)}`,
    iat: NOW_SEC - rng.int(0, 240),
    hd: {
      name: `${rng.pick(SURNAMES)} ${rng.pick(GIVEN)}`,
      ...(rng.chance(0.5) ? { cn: hanzi(rng, rng.int(2, 6)) } : {}),
      sex: rng.pick(['M', 'F'] as const),
      nat: rng.pick(NATIONS),
      pp: `${String.fromCharCode(65 + rng.int(0, 25))}${digits(rng, rng.int(7, 10))}`,
    },
    wp: {
      no: `1561${digits(rng, 14)}`,
      cat: rng.pick(['A', 'B', 'C'] as const),
      emp: `${hanzi(rng, rng.int(2, 12))}有限公司`,
      uscc: `9131${digits(rng, 14)}`,
      area: `31${digits(rng, 4)}`,
      ...(rng.chance(0.7) ? { job: rng.pick(JOBS) } : {}),
    },
    ss: { no: `9${digits(rng, 15)}`, area: '310000' },
  };
  const claims = printed ? wpnClaims(overrides) : cardClaims(overrides);
  if (!('cn' in overrides.hd)) delete (claims.hd as { cn?: string }).cn;
  if (!('job' in overrides.wp)) delete (claims.wp as { job?: string }).job;
  return claims;
}

const tokenCacheSchema = z.object({ seed: z.number(), texts: z.array(z.string()) });

/**
 * `count` distinct QR texts. ECDSA signatures are randomised, so texts issued once are kept in
 * `cachePath` (gitignored): later runs with the same seed then see byte-identical frames.
 */
export async function benchTokens(seed: number, count: number, cachePath: string): Promise<{ texts: string[]; fromCache: boolean }> {
  if (existsSync(cachePath)) {
    const cached = tokenCacheSchema.safeParse(JSON.parse(readFileSync(cachePath, 'utf8')));
    if (cached.success && cached.data.seed === seed && cached.data.texts.length >= count) {
      return { texts: cached.data.texts.slice(0, count), fromCache: true };
    }
  }
  const world = await createTestWorld();
  const rng = createRng(seed ^ 0x5eed);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) texts.push(await issueQr(world, variedClaims(rng, i)));
  mkdirSync(dirname(cachePath), { recursive: true });
  writeFileSync(cachePath, JSON.stringify({ seed, texts }));
  return { texts, fromCache: false };
}
