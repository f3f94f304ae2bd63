// Receipt layout (pure): documents, Z reports and test pages → lines for 32/42/48 columns, used for
// both the paper (printing/encode) and the on-screen preview. See shared/receipt/model.ts.
export * from './receipt/model.js';
export { toPrintable, isPrintable, CP858_HIGH } from './receipt/charset.js';
export { wrap, widthFor, textLines, pairLines, lineText, renderPlainLines, renderPlainText } from './receipt/text.js';
export { vatShort, MARK_TEXT } from './receipt/common.js';
export { layoutDocument, movesCash, paymentLabel, fiscalReference, PROVISIONAL_NOTICE } from './receipt/document.js';
export { layoutTrainingReceipt, TRAINING_MARK } from './receipt/training.js';
export { layoutFiscalNumberSlip, layoutZReport, layoutTestPage } from './receipt/slips.js';
