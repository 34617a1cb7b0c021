import { describe, expect, it } from 'vitest';
import { listenForWedgeScans } from '../../renderer/scan/decode/wedge-scanner';

const TOKEN = 'essc:/5676295203255624';

interface KeyInit {
  key: string;
  at: number;
  target?: EventTarget;
  isComposing?: boolean;
  keyCode?: number;
  ctrlKey?: boolean;
}

/** A KeyboardEvent-like Event (no DOM in Node): the members the listener reads. */
function keydown(init: KeyInit): Event {
  const event = new Event('keydown', { cancelable: true });
  Object.defineProperties(event, {
    key: { value: init.key },
    timeStamp: { value: init.at },
    isComposing: { value: init.isComposing ?? false },
    keyCode: { value: init.keyCode ?? 0 },
    ctrlKey: { value: init.ctrlKey ?? false },
    altKey: { value: false },
    metaKey: { value: false },
  });
  return event;
}

/** Dispatches `text` then Enter with `gapMs` between keys, starting at `start`. */
function type(target: EventTarget, text: string, gapMs: number, start = 1000, eventTarget?: EventTarget): number {
  let at = start;
  for (const key of [...text, 'Enter']) {
    const event = keydown({ key, at });
    if (eventTarget) Object.defineProperty(event, 'target', { value: eventTarget });
    target.dispatchEvent(event);
    at += gapMs;
  }
  return at;
}

function setup() {
  const target = new EventTarget();
  const scans: string[] = [];
  const stop = listenForWedgeScans(target, (t) => scans.push(t));
  return { target, scans, stop };
}

describe('listenForWedgeScans', () => {
  it('accepts a fast burst ending in Enter', () => {
    const { target, scans } = setup();
    type(target, TOKEN, 8);
    expect(scans).toEqual([TOKEN]);
  });

  it('accepts the prefix in capitals (Shift held or Caps Lock) and ignores Shift keydowns', () => {
    const { target, scans } = setup();
    let at = 1000;
    for (const key of ['Shift', ...'ESSC:/', 'Shift', ...'5676295203255624', 'Enter']) {
      target.dispatchEvent(keydown({ key, at }));
      at += 5;
    }
    expect(scans).toEqual(['ESSC:/5676295203255624']);
  });

  it('ignores human typing (gaps above 35 ms), even of a valid token', () => {
    const { target, scans } = setup();
    type(target, TOKEN, 120);
    type(target, TOKEN, 36, 50_000);
    expect(scans).toEqual([]);
  });

  it('a slow keystroke before the burst does not join it', () => {
    const { target, scans } = setup();
    target.dispatchEvent(keydown({ key: 'x', at: 500 }));
    type(target, TOKEN, 10, 1000);
    expect(scans).toEqual([TOKEN]);
  });

  it('ignores bursts without the essc:/ prefix and too short bursts', () => {
    const { target, scans } = setup();
    type(target, 'https://example.com/abcdefghijklmnop', 5);
    type(target, 'essc:/12', 5, 9000);
    expect(scans).toEqual([]);
  });

  it('ignores keys aimed at inputs and textareas', () => {
    const { target, scans } = setup();
    const input = { tagName: 'INPUT', type: 'text' } as unknown as EventTarget;
    const textarea = { tagName: 'TEXTAREA' } as unknown as EventTarget;
    type(target, TOKEN, 5, 1000, input);
    type(target, TOKEN, 5, 5000, textarea);
    expect(scans).toEqual([]);
    type(target, TOKEN, 5, 9000, { tagName: 'BUTTON' } as unknown as EventTarget);
    expect(scans).toEqual([TOKEN]);
  });

  it('skips IME composition events (isComposing, keyCode 229) and folds full-width characters', () => {
    const { target, scans } = setup();
    let at = 1000;
    const keys = [...'essc', '：', '／', ...'5676295203255624'];
    for (const key of keys) {
      target.dispatchEvent(keydown({ key: 'Process', at, keyCode: 229 }));
      target.dispatchEvent(keydown({ key: 'a', at, isComposing: true }));
      target.dispatchEvent(keydown({ key, at }));
      at += 6;
    }
    target.dispatchEvent(keydown({ key: 'Enter', at }));
    expect(scans).toEqual([TOKEN]);
  });

  it('prevents the Enter of a recognised scan from reaching forms; stop() removes the listener', () => {
    const { target, scans, stop } = setup();
    let at = 1000;
    for (const key of TOKEN) target.dispatchEvent(keydown({ key, at: (at += 5) }));
    const enter = keydown({ key: 'Enter', at: at + 5 });
    target.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    stop();
    type(target, TOKEN, 5, 20_000);
    expect(scans).toEqual([TOKEN]);
  });

  it('a Ctrl shortcut in the middle breaks the burst', () => {
    const { target, scans } = setup();
    let at = 1000;
    for (const key of TOKEN.slice(0, 10)) target.dispatchEvent(keydown({ key, at: (at += 5) }));
    target.dispatchEvent(keydown({ key: 'v', at: (at += 5), ctrlKey: true }));
    for (const key of TOKEN.slice(10)) target.dispatchEvent(keydown({ key, at: (at += 5) }));
    target.dispatchEvent(keydown({ key: 'Enter', at: (at += 5) }));
    expect(scans).toEqual([]);
  });
});
