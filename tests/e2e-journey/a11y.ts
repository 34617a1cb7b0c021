// Accessibility and ergonomics checks run in the kiosk page: axe-core (serious and critical
// violations fail), WCAG contrast of one element, a visible focus indicator, type sizes, and
// visible text that looks like an i18n key nobody translated.
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** Runs axe on the whole document; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    interface AxeResult {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}

/** WCAG 2.x contrast ratio of an element's text colour on its own (opaque) background. */
export async function textContrast(locator: Locator): Promise<{ ratio: number; fontPx: number; bold: boolean }> {
  return locator.evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    // The background is the nearest ancestor (or self) with a non-transparent colour.
    let bgEl: Element | null = el;
    let bg = 'rgba(0, 0, 0, 0)';
    while (bgEl && /rgba\(.*, 0\)$|transparent/.test((bg = getComputedStyle(bgEl).backgroundColor))) bgEl = bgEl.parentElement;
    const style = getComputedStyle(el);
    const [l1, l2] = [luminance(rgb(style.color)), luminance(rgb(bg))].sort((a, b) => b - a);
    return { ratio: (l1! + 0.05) / (l2! + 0.05), fontPx: parseFloat(style.fontSize), bold: Number(style.fontWeight) >= 700 };
  });
}

/** WCAG AA: 4.5:1, or 3:1 for large text (≥ 24 px, or ≥ 18.66 px bold). */
export function passesAa(c: { ratio: number; fontPx: number; bold: boolean }): boolean {
  const large = c.fontPx >= 24 || (c.bold && c.fontPx >= 18.66);
  return c.ratio >= (large ? 3 : 4.5);
}

/** Describes the focused element and whether it shows a focus ring (outline or box-shadow). */
export async function focusedElement(page: Page): Promise<{ tag: string; testId: string | null; text: string; visibleFocus: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', testId: null, text: '', visibleFocus: false };
    // antd draws the ring on the input's wrapper for affixed inputs and selects.
    const candidates = [el, el.closest('.ant-input-affix-wrapper, .ant-select, .ant-radio-button-wrapper, .ant-picker')].filter(
      (c): c is HTMLElement => c instanceof HTMLElement,
    );
    const visibleFocus = candidates.some((c) => {
      const s = getComputedStyle(c);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      return outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
    });
    return {
      tag: el.tagName.toLowerCase(),
      testId: el.getAttribute('data-testid'),
      text: (el.innerText || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim().slice(0, 60),
      visibleFocus,
    };
  });
}

/** Presses Tab until `match` holds for the focused element (at most `max` presses). */
export async function tabTo(
  page: Page,
  match: (f: Awaited<ReturnType<typeof focusedElement>>) => boolean,
  max = 40,
): Promise<Awaited<ReturnType<typeof focusedElement>>> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedElement(page);
    if (match(focused)) return focused;
    seen.push(`${focused.tag}[${focused.testId ?? ''}] "${focused.text}"`);
  }
  throw new Error(`Tab never reached the wanted element; focus went through: ${seen.join(' → ')}`);
}

/** Visible texts (per text node) that look like an untranslated i18n key, e.g. "scan.title". */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, [hidden], .print-slip')) continue;
      if (parent.getClientRects().length === 0) continue;
      if (/^[a-z]+(\.[a-zA-Z0-9_]+)+$/.test(text)) found.push(text);
    }
    const attrs = Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]')).flatMap((el) =>
      ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [...found, ...attrs.filter((t) => /^[a-z]+(\.[a-zA-Z0-9_]+)+$/.test(t.trim()))];
  });
}

/**
 * Font sizes of visible body text: the smallest size and the texts set below `minPx` (ignoring
 * the print slip). Body text means text nodes of the page, not icons.
 */
export async function smallText(page: Page, minPx: number): Promise<{ bodyPx: number; small: string[] }> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, [hidden], .print-slip')) continue;
      if (parent.getClientRects().length === 0) continue;
      const px = parseFloat(getComputedStyle(parent).fontSize);
      if (px < min) small.push(`${px}px ${parent.tagName.toLowerCase()}.${Array.from(parent.classList).join('.')} "${text.slice(0, 40)}"`);
    }
    return { bodyPx: parseFloat(getComputedStyle(document.body).fontSize), small };
  }, minPx);
}
