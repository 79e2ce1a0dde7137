// The document data the tests share: 窓口花子's receipt and parked issuance, 見本太郎's reissue fee.
import type { DeferralSlipData, ReceiptData } from '../../../main/documents';
import type { FeeReceiptData } from '../../../main/documents/fee-receipt';
import { reissueFee } from '../../../preload/contract/rules/fees';

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

export const RECEIPT_HANAKO: ReceiptData = {
  municipalityName: '窓口市',
  municipalityCode: '999999',
  noticeNumber: 'MD-2026-0001',
  residentName: '窓口 花子',
  residentKana: 'マドグチ ハナコ',
  birthDate: '1992-07-08',
  cardSerial: '990000000000001',
  cardExpiry: '2036-07-08',
  certificates: {
    signing: { notAfter: '2031-07-08T14:59:59.000Z' },
    auth: { notAfter: '2031-07-08T14:59:59.000Z' },
  },
  collectedJukiCard: true,
  collectedNotificationCard: false,
  operatorName: '練習 一郎',
  issuedAt: '2026-11-25T12:05:00.000Z',
  practice: false,
  // A UUID whose last group is all digits: printed, it must not look like a 個人番号.
  procedureId: '0f6b1c2e-8d4a-4e1b-9c3f-123456789012',
};

export const FEE_TARO: FeeReceiptData = {
  municipalityName: '見本県窓口市',
  municipalityCode: '99999',
  noticeNumber: 'MD-2026-R0001',
  residentName: '見本 太郎',
  residentKana: 'ミホン タロウ',
  oldCardSerial: '990000000000002',
  reason: 'lost',
  express: false,
  fee: reissueFee({ reason: 'lost', express: false, withCertificates: true }),
  status: 'paid',
  waiverReason: null,
  operatorName: '練習 一郎',
  recordedAt: '2026-11-25T01:30:00.000Z',
  practice: false,
  procedureId: 'rei-abcdefghijklmnopqrstuvwx',
};
