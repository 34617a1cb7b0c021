// Keyboard-wedge 2D scanners "type" the QR text as fast key bursts ending in Enter. We collect
// only such bursts: people type far slower than a scanner, and keys aimed at form fields belong
// to the form. An active Chinese IME turns keys into composition events (keyCode 229), which are
// skipped; full-width characters an IME may produce are folded back to ASCII.

export interface WedgeOptions {
  /** Longest pause between two keys of one burst (scanners: 1–20 ms; people: > 60 ms). */
  readonly maxGapMs?: number;
  /** Shortest burst accepted (the prefix alone is 6 characters; a real token is hundreds). */
  readonly minLength?: number;
  /** Clock for events without a usable timeStamp. */
  readonly now?: () => number;
}

export const DEFAULT_MAX_GAP_MS = 35;
const DEFAULT_MIN_LENGTH = 16;
const MAX_BURST = 4_400;
const PREFIX = 'essc:/';

/** The members of a KeyboardEvent this listener reads (tests pass plain Events carrying them). */
interface WedgeKeyEvent extends Event {
  readonly key: string;
  readonly isComposing?: boolean;
  readonly keyCode?: number;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
}

export function listenForWedgeScans(
  target: EventTarget,
  onScan: (text: string) => void,
  options: WedgeOptions = {},
): () => void {
  const maxGap = options.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const minLength = options.minLength ?? DEFAULT_MIN_LENGTH;
  const clock = options.now ?? (() => performance.now());
  let buffer = '';
  let lastAt = Number.NEGATIVE_INFINITY;

  const onKeyDown = (raw: Event) => {
    const event = raw as WedgeKeyEvent;
    if (typeof event.key !== 'string') return;
    if (event.isComposing || event.keyCode === 229 || event.key === 'Process') return;
    if (isEditable(event.target)) return;
    if (event.ctrlKey || event.altKey || event.metaKey) {
      buffer = '';
      return;
    }
    // Prefer the event's own time: keys queued behind a busy main thread arrive together but
    // keep the times they were pressed, so slow human typing never looks like a burst.
    const at = event.timeStamp > 0 ? event.timeStamp : clock();
    const gap = at - lastAt;
    if (event.key === 'Enter') {
      const text = buffer;
      buffer = '';
      lastAt = Number.NEGATIVE_INFINITY;
      if (gap <= maxGap && text.length >= minLength && text.slice(0, PREFIX.length).toLowerCase() === PREFIX) {
        event.preventDefault();
        onScan(text);
      }
      return;
    }
    if (event.key.length !== 1) return; // Shift, arrows, F-keys… (modifiers do not break a burst)
    const char = foldFullWidth(event.key);
    if (gap > maxGap || buffer.length >= MAX_BURST) buffer = '';
    buffer += char;
    lastAt = at;
  };

  target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => target.removeEventListener('keydown', onKeyDown, { capture: true });
}

/** Full-width forms U+FF01–U+FF5E map to ASCII 0x21–0x7E (what an IME in full-width mode types). */
function foldFullWidth(key: string): string {
  if (key.length !== 1) return key;
  const code = key.charCodeAt(0);
  return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : key;
}

function isEditable(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = ((element as HTMLInputElement).type ?? 'text').toLowerCase();
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'file', 'range', 'color'].includes(type);
  }
  return element.isContentEditable === true;
}
