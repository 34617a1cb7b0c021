// Verified card data in the order of the residence-permit application form. Dates are the
// signed calendar strings, untouched (never through Date or a time zone).
import type { TFunction } from 'i18next';
import type { CardClaims } from '../../shared/verify/claims';
import { formatCalendarDate } from '../app/format';

export interface CardField {
  readonly key: string;
  readonly label: string;
  /** What is shown and copied. */
  readonly value: string;
}

export function cardFields(t: TFunction, claims: CardClaims): CardField[] {
  const field = (key: string, value: string | undefined): CardField => ({
    key,
    label: t(`field.${key}`),
    value: value ?? t('value.absent'),
  });
  return [
    field('name', claims.hd.name),
    field('cn', claims.hd.cn),
    field('sex', claims.hd.sex === 'M' ? t('value.sexM') : t('value.sexF')),
    field('dob', formatCalendarDate(claims.hd.dob)),
    field('nat', claims.hd.nat),
    field('pp', claims.hd.pp),
    field('wpNo', claims.wp.no),
    field('cat', t(`value.cat${claims.wp.cat}`)),
    field('from', formatCalendarDate(claims.wp.from)),
    field('to', formatCalendarDate(claims.wp.to)),
    field('emp', claims.wp.emp),
    field('uscc', claims.wp.uscc),
    field('job', claims.wp.job),
    field('wpArea', claims.wp.area),
    field('ssNo', claims.ss?.no),
    field('ssArea', claims.ss?.area),
  ];
}
