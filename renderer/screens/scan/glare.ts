// A cheap glare heuristic for the camera view. Glare on a phone screen shows up as a patch of
// clipped-white pixels; a QR in view shows up as many sharp dark/light transitions. When the
// decoder keeps failing while both are present, the holder should tilt the phone.

export interface FrameLook {
  /** Share of pixels with luma ≥ 250 (clipped highlights). */
  readonly clipped: number;
  /** Share of horizontally adjacent pixel pairs whose luma differs by ≥ 96 (sharp edges). */
  readonly edges: number;
}

export function lookAtFrame(data: Uint8ClampedArray, width: number, height: number): FrameLook {
  let clipped = 0;
  let edges = 0;
  let pairs = 0;
  for (let y = 0; y < height; y++) {
    let prev = -1;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const luma = (data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29) >> 8;
      if (luma >= 250) clipped++;
      if (prev >= 0) {
        pairs++;
        if (Math.abs(luma - prev) >= 96) edges++;
      }
      prev = luma;
    }
  }
  const pixels = width * height;
  return { clipped: pixels ? clipped / pixels : 0, edges: pairs ? edges / pairs : 0 };
}

export const GLARE_MIN_FAILED_FRAMES = 12;

/** QR-like texture and a clipped highlight patch, after a run of failed decodes. */
export function suggestsGlare(look: FrameLook, failedFrames: number): boolean {
  return failedFrames >= GLARE_MIN_FAILED_FRAMES && look.edges >= 0.04 && look.clipped >= 0.03;
}
