// Printed documents of the counter: the handover receipt and the 後日交付 slip, as PDF files.
export { writeReceiptPdf, renderReceipt } from './receipt';
export type { ReceiptData, DocumentOptions } from './receipt';
export { writeDeferralSlipPdf, renderDeferralSlip, deferralReasonText } from './deferral-slip';
export type { DeferralSlipData } from './deferral-slip';
export { DocumentError, DocumentFontError } from './errors';
export type { DocumentErrorCode } from './errors';
export { resolveJapaneseFont, openJapaneseFont, fontCandidates } from './fonts';
export type { FontChoice, FontFile } from './fonts';
export { japaneseEraDate, japaneseEraDateTime } from './japanese-date';
