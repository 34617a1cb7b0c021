// The printed slip: only this element is visible under the print stylesheet.
import { useTranslation } from 'react-i18next';
import type { CardField } from './card-fields';
import type { ShownResult } from './ResultView';
import { formatLocalDateTime } from '../app/format';

export function PrintSlip({ shown, fields, kioskId }: { shown: ShownResult; fields: CardField[]; kioskId: string }) {
  const { t } = useTranslation();
  const { result, entry } = shown;
  return (
    <section className="print-slip" aria-hidden>
      <h1>{t('result.slipTitle')}</h1>
      <table>
        <tbody>
          <tr>
            <th>{t('history.col.verdict')}</th>
            <td className={`slip-verdict slip-${result.verdict}`}>{t(`verdict.${result.verdict}`)}</td>
          </tr>
          {result.reasons.map((r) => (
            <tr key={r}>
              <th>{t('result.reasons')}</th>
              <td>{t(`reason.${r}.text`)}</td>
            </tr>
          ))}
          {result.warnings.map((w) => (
            <tr key={w}>
              <th>{t('result.warnings')}</th>
              <td>{t(`warning.${w}`)}</td>
            </tr>
          ))}
          <tr>
            <th>{t('result.verificationId')}</th>
            <td>{entry.id}</td>
          </tr>
          <tr>
            <th>{t('result.checkedAt')}</th>
            <td>{formatLocalDateTime(new Date(result.checkedAt))}</td>
          </tr>
          <tr>
            <th>{t('result.kiosk')}</th>
            <td>{kioskId}</td>
          </tr>
          {fields.map((f) => (
            <tr key={f.key}>
              <th>{f.label}</th>
              <td>{f.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
