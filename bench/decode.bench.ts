// bench:decode — which QR decoder should the kiosk use? Seeded synthetic camera frames of phone
// screens showing real card QRs (perspective, blur, noise, glare, exposure), the same frames for
// every decoder, zxing-wasm as the baseline measured in the same run. jsQR runs with
// inversionAttempts 'dontInvert' (its fastest setting; card screens are dark-on-light, and its
// default 'attemptBoth' only adds a second, inverted pass when the first fails).
//   BENCH_FRAMES (200)  BENCH_SEED (20261124)  BENCH_DUMP=n (write the first n frames as PNG)
//   BENCH_NO_CACHE=1 (render every frame afresh; otherwise frames are cached under tmp/bench-decode)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createJsQrDecoder, createZxingLibraryDecoder, createZxingWasmDecoder, type Decoder } from './decode/decoders';
import { frameCacheDirectory, FrameStore } from './decode/frame-store';
import { printedSymbol } from './decode/frames';
import { bucketTable, mainTable, summarize, table, type Attempt, type Bucket, type FrameInfo } from './decode/report';
import { benchTokens, qrSymbolOf } from './decode/tokens';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 200);
const SEED = Number(process.env.BENCH_SEED ?? 20261124);
const DUMP = Number(process.env.BENCH_DUMP ?? 0);
const WORK_DIR = join(import.meta.dirname, '..', 'tmp', 'bench-decode');

/** The kiosk decodes offline: any fetch during the run is a failure of the benchmark itself. */
function forbidNetwork(): { attempts: () => number } {
  let attempts = 0;
  globalThis.fetch = (input: unknown) => {
    attempts++;
    return Promise.reject(new Error(`network access attempted: ${String(input)}`));
  };
  return { attempts: () => attempts };
}

function dumpPng(path: string, width: number, height: number, rgba: Uint8ClampedArray): void {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  writeFileSync(path, PNG.sync.write(png));
}

const fmtLoad = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
  const network = forbidNetwork();
  console.log(`bench:decode — ${FRAMES} frames 1280×720, seed ${SEED}; node ${process.version}, ${cpus().length} cores, load ${fmtLoad()}`);

  const { texts, fromCache } = await benchTokens(SEED, FRAMES, join(WORK_DIR, `tokens-${SEED}.json`));
  const symbols = texts.map(qrSymbolOf);
  console.log(`tokens: ${texts.length} real card QR texts ${fromCache ? 'reused from cache' : 'issued now'} (${Math.min(...texts.map((t) => t.length))}–${Math.max(...texts.map((t) => t.length))} chars)`);

  const decoders: Decoder[] = [await createZxingWasmDecoder(), createZxingLibraryDecoder(false), createZxingLibraryDecoder(true), createJsQrDecoder('dontInvert')];
  const store = new FrameStore(process.env.BENCH_NO_CACHE ? null : frameCacheDirectory(WORK_DIR), SEED);
  if (DUMP > 0) mkdirSync(join(WORK_DIR, 'samples'), { recursive: true });

  // Warm-up (JIT, wasm tiers) on frames outside the measured set.
  for (let w = 0; w < 3; w++) {
    const frame = store.frame(FRAMES + w, symbols[w]!);
    for (const decoder of decoders) await decoder.decode(frame);
  }

  const attempts: Attempt[][] = decoders.map(() => []);
  const infos: FrameInfo[] = [];
  for (let index = 0; index < FRAMES; index++) {
    const frame = store.frame(index, symbols[index]!);
    infos.push({ version: frame.version, conditions: frame.conditions });
    if (index < DUMP) dumpPng(join(WORK_DIR, 'samples', `frame-${String(index).padStart(3, '0')}.png`), frame.width, frame.height, frame.rgba);
    // Rotate who goes first so load from other processes falls on every decoder alike.
    for (let k = 0; k < decoders.length; k++) {
      const d = (index + k) % decoders.length;
      const start = performance.now();
      const text = await decoders[d]!.decode(frame);
      const ms = performance.now() - start;
      attempts[d]!.push({ frame: index, ok: text === frame.text, wrong: text !== null && text !== frame.text, ms });
    }
    if ((index + 1) % 25 === 0) process.stdout.write(`  ${index + 1}/${FRAMES} frames\n`);
  }

  const names = decoders.map((d) => d.name);
  const summaries = attempts.map(summarize);
  console.log(`\nframes: ${store.rendered} rendered (${(store.renderMs / 1000).toFixed(1)} s, ${(store.renderMs / Math.max(1, store.rendered)).toFixed(0)} ms each), ${store.loaded} loaded from cache`);
  const versions = new Map<number, number>();
  for (const info of infos) versions.set(info.version, (versions.get(info.version) ?? 0) + 1);
  const modulePx = infos.map((i) => i.conditions.modulePx);
  console.log(`QR versions: ${[...versions].sort((a, b) => a[0] - b[0]).map(([v, n]) => `v${v}×${n}`).join(' ')} (EC M, byte+numeric segments)`);
  console.log(`module pitch: ${Math.min(...modulePx).toFixed(2)}–${Math.max(...modulePx).toFixed(2)} px (mean over the symbol)`);
  const c = infos.map((i) => i.conditions);
  const range = (xs: number[], digits = 1): string => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
  console.log(
    `tilt ${range(c.map((x) => x.tiltDeg), 0)}°, roll ${range(c.map((x) => x.rollDeg), 0)}°, blur σ ${range(c.map((x) => x.blurSigma))} px, noise σ ${range(c.map((x) => x.noiseSigma))} DN, ` +
      `module contrast ${range(c.map((x) => x.contrast), 2)}, glare on ${c.filter((x) => x.glarePeak > 0).length} frames (core over the symbol on ${c.filter((x) => x.glareOverSymbol).length})`,
  );

  console.log(`\n${mainTable(names, decoders.map((d) => d.settings), summaries)}`);

  const moduleBuckets: Bucket[] = [
    [3, 4],
    [4, 5],
    [5, 6],
    [6, 7],
    [7, 8.01],
  ].map(([lo, hi]) => ({ label: `${lo}–${Math.floor(hi!)} px`, holds: (f: FrameInfo) => f.conditions.modulePx >= lo! && f.conditions.modulePx < hi! }));
  console.log(`\n${bucketTable('module pitch', moduleBuckets, infos, names, attempts)}`);
  const versionBuckets: Bucket[] = [...versions.keys()].sort((a, b) => a - b).map((v) => ({ label: `version ${v}`, holds: (f: FrameInfo) => f.version === v }));
  console.log(`\n${bucketTable('QR version', versionBuckets, infos, names, attempts)}`);
  const conditionBuckets: Bucket[] = [
    { label: 'tilt < 15°', holds: (f) => f.conditions.tiltDeg < 15 },
    { label: 'tilt 15–25°', holds: (f) => f.conditions.tiltDeg >= 15 && f.conditions.tiltDeg < 25 },
    { label: 'tilt ≥ 25°', holds: (f) => f.conditions.tiltDeg >= 25 },
    { label: 'blur σ < 0.8 px', holds: (f) => f.conditions.blurSigma < 0.8 },
    { label: 'blur σ ≥ 0.8 px', holds: (f) => f.conditions.blurSigma >= 0.8 },
    { label: 'read noise σ < 2 DN', holds: (f) => f.conditions.noiseSigma < 2 },
    { label: 'read noise σ ≥ 2 DN', holds: (f) => f.conditions.noiseSigma >= 2 },
    { label: 'glare core over symbol', holds: (f) => f.conditions.glareOverSymbol },
    { label: 'module contrast < 0.35', holds: (f) => f.conditions.contrast < 0.35 },
    { label: 'mild: tilt < 15°, blur < 0.8, no glare on symbol', holds: (f) => f.conditions.tiltDeg < 15 && f.conditions.blurSigma < 0.8 && !f.conditions.glareOverSymbol },
  ];
  console.log(`\n${bucketTable('condition', conditionBuckets, infos, names, attempts)}`);

  // Control: the same symbols printed clean (4 px modules, black on white, axis-aligned). Misses
  // here are the decoder's own, not the degradations'.
  const controlReads = decoders.map(() => 0);
  for (const symbol of symbols) {
    const printed = printedSymbol(symbol, 4);
    for (let d = 0; d < decoders.length; d++) if ((await decoders[d]!.decode(printed)) === symbol.text) controlReads[d]!++;
  }
  console.log(`\n${table(['control: clean printed symbols, 4 px/module', ...names], [['read rate', ...controlReads.map((r) => `${r}/${symbols.length} (${((100 * r) / symbols.length).toFixed(1)}%)`)]])}\n`);

  const baseline = attempts[0]!;
  for (let d = 1; d < decoders.length; d++) {
    const only = attempts[d]!.filter((a, i) => a.ok && !baseline[i]!.ok).length;
    const missed = attempts[d]!.filter((a, i) => !a.ok && baseline[i]!.ok).length;
    console.log(`${names[d]!.padEnd(28)} reads ${String(only).padStart(3)} frames zxing-wasm misses; misses ${String(missed).padStart(3)} frames zxing-wasm reads`);
  }
  console.log(`\nnetwork fetches attempted: ${network.attempts()}; load at end ${fmtLoad()}`);
  if (network.attempts() > 0) process.exitCode = 1;
}

await main();
