export { percentileOfHistogram, statistics, type StatisticsDeps, type StatisticsScope } from './statistics';
export { neutraliseCell, statisticsCsv, type CsvDecimal, type CsvLang } from './csv';
