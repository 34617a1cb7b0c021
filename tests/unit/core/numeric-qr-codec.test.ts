// §2.1 QR text: `essc:/` + digit pairs NN (00–77), char = chr(NN + 45); §9 trimming and size.
import { describe, expect, it } from 'vitest';
import {
  decodeQrText,
  encodeQrText,
  looksLikeEsscQrText,
  MAX_QR_TEXT_LENGTH,
  QrTextError,
  trimScannerWhitespace,
} from '../../../shared/codec/numeric-qr';

const ENCODABLE = Array.from({ length: 122 - 45 + 1 }, (_, i) => String.fromCharCode(45 + i)).join('');

function failureOf(text: string): string {
  try {
    decodeQrText(text);
  } catch (err) {
    expect(err).toBeInstanceOf(QrTextError);
    return (err as QrTextError).failure;
  }
  return 'DECODED';
}

describe('§2.1 digit pairs: char = chr(NN + 45), NN in 00–77', () => {
  it('every character 45 (-) … 122 (z) encodes to its own pair and decodes back', () => {
    for (let code = 45; code <= 122; code++) {
      const ch = String.fromCharCode(code);
      const expected = `essc:/${String(code - 45).padStart(2, '0')}`;
      expect(encodeQrText(ch)).toBe(expected);
      expect(decodeQrText(expected)).toBe(ch);
    }
  });

  it('a string holding all 78 encodable characters round-trips', () => {
    const qr = encodeQrText(ENCODABLE);
    expect(qr).toMatch(/^essc:\/\d{156}$/);
    expect(decodeQrText(qr)).toBe(ENCODABLE);
  });

  it.each([
    [',', 44],
    ['{', 123],
    [' ', 32],
    ['~', 126],
    ['é', 233],
    ['中', 0x4e2d],
  ])('encodeQrText refuses %j (code %i), outside 45–122', (ch) => {
    expect(() => encodeQrText(`abc${ch}`)).toThrow(RangeError);
  });

  it('encodeQrText accepts exactly the BMP code units 45–122 (exhaustive)', () => {
    const accepted: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      try {
        encodeQrText(String.fromCharCode(code));
        accepted.push(code);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
      }
    }
    expect(accepted).toEqual(Array.from({ length: 78 }, (_, i) => 45 + i));
  });

  it('decodeQrText: all 100 pairs — 00…77 decode to chr(NN + 45), 78…99 are refused (exhaustive)', () => {
    for (let nn = 0; nn <= 99; nn++) {
      const pair = String(nn).padStart(2, '0');
      if (nn <= 77) expect(decodeQrText(`essc:/${pair}`)).toBe(String.fromCharCode(nn + 45));
      else expect(failureOf(`essc:/${pair}`)).toBe('PAIR_OUT_OF_RANGE');
    }
  });

  it('encodeQrText refuses an astral character (a surrogate pair is not encodable)', () => {
    expect(() => encodeQrText('a😀')).toThrow(RangeError);
  });

  it('pair 77 (z) is the highest accepted; 78 and 99 are PAIR_OUT_OF_RANGE', () => {
    expect(decodeQrText('essc:/77')).toBe('z');
    expect(failureOf('essc:/0078')).toBe('PAIR_OUT_OF_RANGE');
    expect(failureOf('essc:/99')).toBe('PAIR_OUT_OF_RANGE');
  });

  it('an odd number of digits is ODD_DIGITS; no digits at all is NO_DIGITS', () => {
    expect(failureOf('essc:/123')).toBe('ODD_DIGITS');
    expect(failureOf('essc:/1')).toBe('ODD_DIGITS');
    expect(failureOf('essc:/')).toBe('NO_DIGITS');
  });

  it.each([
    ['a letter', 'essc:/12a4'],
    ['a sign', 'essc:/12-4'],
    ['fullwidth digits', 'essc:/１２'],
    ['Arabic-Indic digits', 'essc:/٠١'],
    ['an inner space', 'essc:/12 4'],
  ])('a non-ASCII-digit (%s) is NOT_DIGITS', (_label, text) => {
    expect(failureOf(text)).toBe('NOT_DIGITS');
  });
});

describe('§2.1 prefix: matched case-insensitively', () => {
  it.each(['essc:/', 'ESSC:/', 'EsSc:/', 'esSC:/'])('prefix %s is accepted', (prefix) => {
    expect(decodeQrText(`${prefix}0001`)).toBe('-.');
    expect(looksLikeEsscQrText(`${prefix}0001`)).toBe(true);
  });

  it.each(['essc:0001', 'essc//0001', 'esc:/0001', 'https://x/0001', 'xessc:/0001', '0001'])(
    'text %s has no prefix (NO_PREFIX)',
    (text) => {
      expect(failureOf(text)).toBe('NO_PREFIX');
      expect(looksLikeEsscQrText(text)).toBe(false);
    },
  );
});

describe('§9 trimming: only ASCII space, TAB, CR and LF', () => {
  it('leading and trailing space/TAB/CR/LF are trimmed (keyboard-wedge scanners)', () => {
    expect(decodeQrText(' \t\r\nessc:/0001\r\n\t ')).toBe('-.');
    expect(trimScannerWhitespace('\r\n x \t')).toBe('x');
  });

  it.each([
    ['U+00A0 no-break space', '\u00a0'],
    ['U+3000 ideographic space', '\u3000'],
    ['U+FEFF byte-order mark', '\ufeff'],
    ['U+000B vertical tab', '\u000b'],
    ['U+000C form feed', '\u000c'],
    ['U+2028 line separator', '\u2028'],
  ])('%s is not trimmed: leading → NO_PREFIX, trailing → not digits', (_label, ws) => {
    expect(failureOf(`${ws}essc:/0001`)).toBe('NO_PREFIX');
    expect(failureOf(`essc:/0001${ws}`)).toBe('ODD_DIGITS');
    expect(failureOf(`essc:/0001${ws}0`)).toBe('NOT_DIGITS');
    expect(trimScannerWhitespace(`${ws}x${ws}`)).toBe(`${ws}x${ws}`);
  });
});

describe('§2.1/§9 size: input longer than 4,296 characters is rejected before trimming', () => {
  it('the limit is 4,296', () => {
    expect(MAX_QR_TEXT_LENGTH).toBe(4296);
  });

  it('4,296 characters of digits (after the prefix) decode; 4,297 characters are TOO_LONG', () => {
    const atLimit = `essc:/${'01'.repeat(2145)}`;
    expect(atLimit.length).toBe(4296);
    expect(decodeQrText(atLimit)).toBe('.'.repeat(2145));
    expect(failureOf(`${atLimit} `)).toBe('TOO_LONG');
  });

  it('a short token padded with whitespace to 4,297 characters is TOO_LONG (limit before trimming)', () => {
    const token = 'essc:/0001';
    expect(failureOf(token + ' '.repeat(4296 - token.length))).toBe('DECODED');
    expect(failureOf(token + ' '.repeat(4297 - token.length))).toBe('TOO_LONG');
    expect(failureOf('\n'.repeat(4297 - token.length) + token)).toBe('TOO_LONG');
  });
});
