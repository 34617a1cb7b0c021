// Sample holders of the demo wallet, one per verdict a counter officer should see. Permit dates
// are relative to today (China Standard Time) so the demo never ages.
import { chinaDateOf } from '../../shared/verify/verify-card';
import type { HolderData, PermitData, SocialSecurityData } from '../issuer';
import type { Reason, Verdict } from '../../shared/verify/result';

export const DEMO_REVOKED_PERMIT_NO = '156120250301000777';

export type DemoSigner = 'current' | 'revoked-key';

export interface DemoHolder {
  readonly id: string;
  readonly label: string;
  readonly expect: { readonly verdict: Verdict; readonly reasons: readonly Reason[] };
  readonly iss: string;
  readonly signer: DemoSigner;
  readonly holder: HolderData;
  readonly permit: (today: string) => PermitData;
  readonly socialSecurity: SocialSecurityData;
}

/** YYYY-MM-DD plus `days` (calendar arithmetic in UTC, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function demoToday(now: Date): string {
  return chinaDateOf(now);
}

export const DEMO_HOLDERS: readonly DemoHolder[] = [
  {
    id: 'valid',
    label: 'Valid e-SSC (Shanghai)',
    expect: { verdict: 'valid', reasons: [] },
    iss: 'CN-310000',
    signer: 'current',
    holder: { name: 'VAN DER BERG MARIA', cn: '玛丽亚', sex: 'F', dob: '1988-03-14', nat: 'NLD', pp: 'NXK1234567' },
    permit: (today) => ({
      no: '156120241201000123', cat: 'B', from: addDays(today, -365), to: addDays(today, 365),
      emp: '上海某某信息科技有限公司', uscc: '91310115MA1K4ABC1X', job: '软件工程师', area: '310115',
    }),
    socialSecurity: { no: '9NLD19880314001X', area: '310000' },
  },
  {
    id: 'permit-expired',
    label: 'Permit expired (Beijing)',
    expect: { verdict: 'invalid', reasons: ['PERMIT_EXPIRED'] },
    iss: 'CN-110000',
    signer: 'current',
    holder: { name: "O'CONNOR LIAM", sex: 'M', dob: '1979-11-02', nat: 'IRL', pp: 'PD4455667' },
    permit: (today) => ({
      no: '156110202201150042', cat: 'A', from: addDays(today, -740), to: addDays(today, -10),
      emp: '北京某某咨询有限公司', uscc: '91110105MA00ABCD2Y', job: '首席顾问', area: '110105',
    }),
    socialSecurity: { no: '9IRL19791102004Z', area: '110000' },
  },
  {
    id: 'permit-revoked',
    label: 'Permit cancelled (Shanghai)',
    expect: { verdict: 'invalid', reasons: ['PERMIT_REVOKED'] },
    iss: 'CN-310000',
    signer: 'current',
    holder: { name: 'MÜLLER JONAS', sex: 'M', dob: '1990-07-21', nat: 'DEU', pp: 'C01X00T47' },
    permit: (today) => ({
      no: DEMO_REVOKED_PERMIT_NO, cat: 'B', from: addDays(today, -200), to: addDays(today, 500),
      emp: '上海某某汽车零部件有限公司', uscc: '91310000MA1FL5XY3K', job: '质量工程师', area: '310112',
    }),
    socialSecurity: { no: '9DEU19900721007A', area: '310000' },
  },
  {
    id: 'permit-not-yet-valid',
    label: 'Permit not yet valid (Shenzhen)',
    expect: { verdict: 'invalid', reasons: ['PERMIT_NOT_YET_VALID'] },
    iss: 'CN-440300',
    signer: 'current',
    holder: { name: 'SATO YUKI', cn: '佐藤由纪', sex: 'F', dob: '1995-01-30', nat: 'JPN', pp: 'TK8765432' },
    permit: (today) => ({
      no: '156440202612010099', cat: 'C', from: addDays(today, 30), to: addDays(today, 395),
      emp: '深圳某某电子有限公司', uscc: '91440300MA5ABCDE4L', area: '440305',
    }),
    socialSecurity: { no: '9JPN19950130002B', area: '440300' },
  },
  {
    id: 'key-revoked',
    label: 'Signed with a revoked key (Shenzhen)',
    expect: { verdict: 'invalid', reasons: ['KEY_REVOKED'] },
    iss: 'CN-440300',
    signer: 'revoked-key',
    holder: { name: 'DUBOIS CAMILLE', sex: 'F', dob: '1984-05-09', nat: 'FRA', pp: '19AB12345' },
    permit: (today) => ({
      no: '156440202309150311', cat: 'B', from: addDays(today, -400), to: addDays(today, 330),
      emp: '深圳某某贸易有限公司', uscc: '91440300MA5FGHIJ5M', job: '市场总监', area: '440304',
    }),
    socialSecurity: { no: '9FRA19840509003C', area: '440300' },
  },
];
