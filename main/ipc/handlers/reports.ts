// reports:* — the 日報 on screen, as PDF and as CSV.
import type { createDailyReports } from '../../reports/daily';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type ReportsChannel = 'reports:daily' | 'reports:daily-pdf' | 'reports:daily-csv';

export function reportsHandlers(deps: {
  readonly dailyReports: ReturnType<typeof createDailyReports>;
}): HandlerPart<ReportsChannel> {
  const { dailyReports } = deps;
  return {
    'reports:daily': ({ date }) => refusals(() => dailyReports.report(date)),
    'reports:daily-pdf': ({ date }) => refusals(() => dailyReports.writePdf(date), 'report-failed'),
    'reports:daily-csv': ({ date }) => refusals(() => dailyReports.writeCsv(date), 'report-failed'),
  };
}
