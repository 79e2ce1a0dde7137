// The records workflows of the card's later life (一時停止, 廃止, 再交付), built from one set of
// dependencies so that the core adds them to its lifeWorkflows in one line.
import type { LifeProcedureDto } from '../../../preload/contract/lifecycle';
import type { FeeReceiptData } from '../../documents/fee-receipt';
import { createReissueWorkflow } from '../reissue/workflow';
import { createRevocationWorkflow } from '../revocation/workflow';
import { createSuspensionWorkflow } from '../suspension/workflow';
import type { LifeRecordsDeps } from './life-steps';
import type { LifeWorkflow } from './registry';

export interface RecordsWorkflowDeps extends LifeRecordsDeps {
  emitUpdated(dto: LifeProcedureDto): void;
  receiptsDir: string;
  practice: boolean;
  municipality: { readonly name: string; readonly code: string };
  /** The fee receipt's writer; main/documents is loaded on first use. */
  writeFeeReceiptPdf?(path: string, data: FeeReceiptData): Promise<{ bytes: number }>;
}

export function createRecordsWorkflows(deps: RecordsWorkflowDeps): LifeWorkflow[] {
  const writeFeeReceiptPdf =
    deps.writeFeeReceiptPdf ??
    (async (path: string, data: FeeReceiptData) =>
      (await import('../../documents/fee-receipt')).writeFeeReceiptPdf(path, data));
  return [
    createSuspensionWorkflow(deps),
    createRevocationWorkflow(deps),
    createReissueWorkflow({ ...deps, writeFeeReceiptPdf }),
  ];
}
