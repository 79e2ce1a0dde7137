// The 後日交付 slip data the document tests share: a parked issuance of 窓口花子.
import type { DeferralSlipData } from '../../../main/documents';

export const PARKED_SLIP: DeferralSlipData = {
  municipalityName: '窓口市',
  noticeNumber: 'MD-2026-0001',
  residentName: '窓口 花子',
  reasonCode: 'authority-unavailable',
  operatorName: '練習 一郎',
  at: '2026-11-25T06:40:00.000Z',
  practice: false,
  procedureId: '7d1f0a55-3b2c-4c6e-8f10-9a8b7c6d5e4f',
};
