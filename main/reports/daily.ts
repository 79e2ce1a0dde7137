// 日報: counts per procedure and outcome, fees, stock reconciliation; PDF and CSV.
// TODO(issue 5, lifecycle-records helper): implement. Until then every call is refused.
import type { FileWrittenDto } from '../../preload/contract/dto';
import type { DailyReportDto } from '../../preload/contract/lifecycle';
import type { Db } from '../db/connection';
import { WorkflowRefusal } from '../workflows/refusal';

export interface DailyReportDeps {
  db(): Db;
  now(): Date;
  /** Where the PDF and CSV are written (the mode's receipts folder). */
  outDir: string;
  municipality: { readonly name: string; readonly code: string };
}

export function createDailyReports(_deps: DailyReportDeps) {
  return {
    async report(_date: string): Promise<DailyReportDto> {
      throw new WorkflowRefusal('step-not-allowed', 'daily-report');
    },
    async writePdf(_date: string): Promise<FileWrittenDto> {
      throw new WorkflowRefusal('step-not-allowed', 'daily-report');
    },
    async writeCsv(_date: string): Promise<FileWrittenDto> {
      throw new WorkflowRefusal('step-not-allowed', 'daily-report');
    },
  };
}
