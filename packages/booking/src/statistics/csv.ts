import { stringify } from 'csv-stringify/sync';
import type { StatisticsFigures, StatisticsResponse } from '@termin/contracts';

export type CsvLang = 'de' | 'en';
export type CsvDecimal = 'comma' | 'point';

const HEADERS: Record<CsvLang, string[]> = {
  de: [
    'Standort',
    'Dienstleistung',
    'Buchungen',
    'Stornos gesamt',
    'Stornos durch Bürger',
    'Stornos durch Amt',
    'Stornos ohne Angabe',
    'Wahrgenommen oder offen',
    'Eingecheckt',
    'Nicht erschienen',
    'Check-in-Quote (%)',
    'No-Show-Quote (%)',
    'Spontanbesuche',
    'Wartezeit Mittel (min)',
    'Wartezeit Median (min)',
    'Wartezeit 90. Perzentil (min)',
    'Bearbeitungszeit Mittel (min)',
    'Bearbeitungszeit Median (min)',
    'Bearbeitungszeit 90. Perzentil (min)',
  ],
  en: [
    'Location',
    'Service',
    'Bookings',
    'Cancellations total',
    'Cancelled by citizen',
    'Cancelled by office',
    'Cancellations not recorded',
    'Kept',
    'Checked in',
    'No-shows',
    'Check-in rate (%)',
    'No-show rate (%)',
    'Walk-ins',
    'Waiting mean (min)',
    'Waiting median (min)',
    'Waiting 90th percentile (min)',
    'Service time mean (min)',
    'Service time median (min)',
    'Service time 90th percentile (min)',
  ],
};

const TOTAL: Record<CsvLang, string> = { de: 'Gesamt', en: 'Total' };

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab or carriage return before one) as a
 * formula; location and service names come from admin input, so such a cell gets a leading
 * apostrophe and is shown as the text it is (OWASP "CSV injection").
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The statistics as CSV for spreadsheets: UTF-8 with a byte order mark (so Excel reads umlauts),
 * `;` between cells, CRLF between rows, cells with `;`, quotes or line breaks in double quotes.
 * One row per location and service, then the total. Decimals use a comma by default (German
 * spreadsheets), a point with `decimal: 'point'`; rates are percentages, durations minutes.
 */
export function statisticsCsv(stats: StatisticsResponse, lang: CsvLang, decimal: CsvDecimal = 'comma'): string {
  const number = (value: number | null, digits: number) => {
    if (value === null) return '';
    const text = value.toFixed(digits);
    return decimal === 'comma' ? text.replace('.', ',') : text;
  };
  const minutes = (seconds: number | null) => number(seconds === null ? null : seconds / 60, 1);
  const percent = (rate: number | null) => number(rate === null ? null : rate * 100, 1);
  const cells = (f: StatisticsFigures) => [
    String(f.bookings),
    String(f.cancellations.total),
    String(f.cancellations.byCitizen),
    String(f.cancellations.byOffice),
    String(f.cancellations.unrecorded),
    String(f.kept),
    String(f.checkedIn),
    String(f.noShows),
    percent(f.checkInRate),
    percent(f.noShowRate),
    String(f.walkIns),
    minutes(f.waiting.meanSeconds),
    minutes(f.waiting.p50Seconds),
    minutes(f.waiting.p90Seconds),
    minutes(f.service.meanSeconds),
    minutes(f.service.p50Seconds),
    minutes(f.service.p90Seconds),
  ];
  const records = [
    HEADERS[lang],
    ...stats.rows.map((r) => [r.locationName, lang === 'de' ? r.serviceNameDe : r.serviceNameEn, ...cells(r)]),
    [TOTAL[lang], '', ...cells(stats.totals)],
  ];
  return stringify(
    records.map((record) => record.map(neutraliseCell)),
    { bom: true, delimiter: ';', record_delimiter: 'windows' },
  );
}
