// Card data shown in residence-permit form order; calendar dates exactly as signed, whatever
// the kiosk's time zone (a verifier once showed birthdays a day early west of UTC).
import { describe, expect, it } from 'vitest';
import { cardFields } from '../../renderer/components/card-fields';
import { formatAge, formatCalendarDate } from '../../renderer/app/format';
import { createI18n } from '../../renderer/i18n/i18n';
import { cardClaims, wpnClaims } from '../fixtures/test-world';

const FORM_ORDER = ['name', 'cn', 'sex', 'dob', 'nat', 'pp', 'wpNo', 'cat', 'from', 'to', 'emp', 'uscc', 'job', 'wpArea', 'ssNo', 'ssArea'];

describe('cardFields: residence-permit form order', () => {
  const en = createI18n('en').t;
  const zh = createI18n('zh-CN').t;

  it('lists the sixteen fields in form order with their values', () => {
    const fields = cardFields(en, cardClaims());
    expect(fields.map((f) => f.key)).toEqual(FORM_ORDER);
    expect(Object.fromEntries(fields.map((f) => [f.key, f.value]))).toEqual({
      name: 'VAN DER BERG MARIA',
      cn: '玛丽亚',
      sex: 'Female',
      dob: '1988-03-14',
      nat: 'NLD',
      pp: 'NXK1234567',
      wpNo: '156120241201000123',
      cat: 'B (professional)',
      from: '2024-12-01',
      to: '2026-11-30',
      emp: '上海某某信息科技有限公司',
      uscc: '91310115MA1K4ABC1X',
      job: '软件工程师',
      wpArea: '310115',
      ssNo: '9NLD19880314001X',
      ssArea: '310000',
    });
  });

  it('labels and code values follow the language', () => {
    const fields = cardFields(zh, cardClaims({ hd: { sex: 'M' }, wp: { cat: 'A' } }));
    expect(fields[0]!.label).toBe('姓名（英文）');
    expect(fields.find((f) => f.key === 'sex')!.value).toBe('男');
    expect(fields.find((f) => f.key === 'cat')!.value).toBe('A 类（高端人才）');
  });

  it('a printed work-permit notification has no social-security data: shown as a dash', () => {
    const fields = cardFields(en, wpnClaims({ hd: { cn: undefined } }));
    expect(fields.find((f) => f.key === 'ssNo')!.value).toBe('—');
    expect(fields.find((f) => f.key === 'cn')!.value).toBe('—');
  });
});

describe('calendar dates never pass through a time zone', () => {
  it.each(['1988-01-01', '2000-02-29', '1970-01-01', '2026-12-31'])('%s is shown as signed', (date) => {
    // The time zone of this test process is irrelevant because nothing parses the date.
    expect(formatCalendarDate(date)).toBe(date);
    expect(cardFields(createI18n('en').t, cardClaims({ hd: { dob: date } })).find((f) => f.key === 'dob')!.value).toBe(date);
  });
});

describe('formatAge', () => {
  const t = createI18n('en').t;
  const now = new Date('2026-11-22T08:00:00Z');
  const at = (secondsAgo: number) => now.getTime() / 1000 - secondsAgo;
  it.each([
    [0, 'just now'],
    [59, 'just now'],
    [60, '1 min ago'],
    [3599, '59 min ago'],
    [3600, '1 h ago'],
    [86_399, '23 h ago'],
    [86_400, '1 d ago'],
    [10 * 86_400, '10 d ago'],
    [-301, 'in the future (check the clock)'],
  ])('%i s ago → %s', (secondsAgo, text) => expect(formatAge(t, at(secondsAgo), now)).toBe(text));
});
