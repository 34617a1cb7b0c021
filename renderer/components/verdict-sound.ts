// A short cue per verdict, synthesised with WebAudio so the kiosk ships no audio files.
// Valid: two rising tones; invalid: a low buzz; cannot verify: two equal mid tones.
import type { Verdict } from '../../shared/verify/result';

const CUES: Record<Verdict, { readonly freq: number; readonly start: number; readonly length: number; readonly type: OscillatorType }[]> = {
  valid: [
    { freq: 880, start: 0, length: 0.12, type: 'sine' },
    { freq: 1320, start: 0.14, length: 0.16, type: 'sine' },
  ],
  invalid: [{ freq: 220, start: 0, length: 0.45, type: 'square' }],
  indeterminate: [
    { freq: 600, start: 0, length: 0.15, type: 'triangle' },
    { freq: 600, start: 0.22, length: 0.15, type: 'triangle' },
  ],
};

let context: AudioContext | undefined;

export function playVerdictCue(verdict: Verdict): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    const t0 = ctx.currentTime + 0.01;
    for (const tone of CUES[verdict]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = tone.type;
      osc.frequency.value = tone.freq;
      // A short ramp in and out avoids clicks.
      gain.gain.setValueAtTime(0, t0 + tone.start);
      gain.gain.linearRampToValueAtTime(0.2, t0 + tone.start + 0.01);
      gain.gain.linearRampToValueAtTime(0, t0 + tone.start + tone.length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + tone.start);
      osc.stop(t0 + tone.start + tone.length + 0.02);
    }
  } catch {
    // No audio device (or autoplay refused): the cue is a courtesy, the screen carries the verdict.
  }
}
