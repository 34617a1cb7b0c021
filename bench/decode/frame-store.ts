// Disk cache of synthesized frames (gitignored tmp/): rendering costs ~0.1–0.6 s a frame on a
// shared machine, loading a cached one a few ms. A cache entry is keyed by the generator version,
// seed, index and QR text, so any change to any of them renders afresh. 200 frames take ~185 MB;
// caches of other generator versions are deleted when a store is opened.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeFrame, type Frame, type FrameConditions } from './frames';
import type { QrSymbol } from './tokens';

/** Bump whenever frames.ts, scene.ts or raster.ts change what they draw. */
export const GENERATOR_VERSION = 3;

function keyOf(seed: number, index: number, text: string): string {
  return createHash('sha256').update(`${GENERATOR_VERSION}|${seed}|${index}|${text}`).digest('hex').slice(0, 24);
}

/** File layout: u32 JSON length, JSON header, then one gray byte per pixel. */
function encode(frame: Frame): Buffer {
  const header = Buffer.from(JSON.stringify({ width: frame.width, height: frame.height, version: frame.version, conditions: frame.conditions }));
  const gray = Buffer.alloc(frame.width * frame.height);
  for (let i = 0; i < gray.length; i++) gray[i] = frame.rgba[i * 4]!;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([length, header, gray]);
}

function decode(bytes: Buffer, index: number, text: string): Frame {
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as { width: number; height: number; version: number; conditions: FrameConditions };
  const gray = bytes.subarray(4 + headerLength);
  if (gray.length !== header.width * header.height) throw new Error('truncated frame cache entry');
  const rgba = new Uint8ClampedArray(gray.length * 4);
  for (let i = 0; i < gray.length; i++) {
    const o = i * 4;
    rgba[o] = rgba[o + 1] = rgba[o + 2] = gray[i]!;
    rgba[o + 3] = 255;
  }
  return { index, width: header.width, height: header.height, rgba, text, version: header.version, conditions: header.conditions };
}

/** The cache directory for this generator version under `workDir`, other versions' removed. */
export function frameCacheDirectory(workDir: string): string {
  const current = `frames-v${GENERATOR_VERSION}`;
  if (existsSync(workDir)) {
    for (const entry of readdirSync(workDir)) {
      if (/^frames(-v\d+)?$/.test(entry) && entry !== current) rmSync(join(workDir, entry), { recursive: true, force: true });
    }
  }
  return join(workDir, current);
}

export class FrameStore {
  rendered = 0;
  loaded = 0;
  renderMs = 0;

  constructor(
    private readonly directory: string | null,
    private readonly seed: number,
  ) {
    if (directory) mkdirSync(directory, { recursive: true });
  }

  frame(index: number, symbol: QrSymbol): Frame {
    const path = this.directory ? join(this.directory, `${keyOf(this.seed, index, symbol.text)}.frame`) : null;
    if (path && existsSync(path)) {
      try {
        const frame = decode(readFileSync(path), index, symbol.text);
        this.loaded++;
        return frame;
      } catch {
        // A damaged entry is simply rendered again below.
      }
    }
    const start = performance.now();
    const frame = synthesizeFrame(this.seed, index, symbol);
    this.renderMs += performance.now() - start;
    this.rendered++;
    if (path) writeFileSync(path, encode(frame));
    return frame;
  }
}
