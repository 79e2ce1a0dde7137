// Printed documents of the counter: the handover receipt, the 後日交付 slip, the reissue's fee
// receipt and 代理人交付's 照会書兼回答書, as PDF files.
export { writeReceiptPdf, renderReceipt } from './receipt';
export type { ReceiptData, DocumentOptions } from './receipt';
export { writeDeferralSlipPdf, renderDeferralSlip, deferralReasonText } from './deferral-slip';
export type { DeferralSlipData } from './deferral-slip';
export { writeFeeReceiptPdf, renderFeeReceipt } from './fee-receipt';
export type { FeeReceiptData } from './fee-receipt';
export { writeInquiryPdf, renderInquiry } from './inquiry';
export type { InquiryData } from './inquiry';
export { writeCardNotePdf, renderCardNote } from './card-note';
export type { CardNoteData } from './card-note';
export { DocumentError, DocumentFontError } from './errors';
export type { DocumentErrorCode } from './errors';
export { resolveJapaneseFont, openJapaneseFont, fontCandidates } from './fonts';
export type { FontChoice, FontFile } from './fonts';
export { japaneseEraDate, japaneseEraDateTime } from './japanese-date';
