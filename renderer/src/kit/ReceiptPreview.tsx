// The receipt on screen, line for line from the same layout model the printer gets
// (shared/receipt.ts): what the cashier sees is what the customer is handed.
import { useTranslation } from 'react-i18next';
import type { ReceiptLayoutOut } from '../../../shared/contract/common.js';
import './receipt.css';

type Line = ReceiptLayoutOut['lines'][number];

/** marks: the words drawn where the paper has a QR code or the logo. */
function LineView({ line, columns, marks }: { line: Line; columns: number; marks: { qr: string; logo: string } }) {
  switch (line.kind) {
    case 'text':
      return <div className={`r-line r-${line.align} r-${line.size} ${line.bold ? 'r-bold' : ''}`}>{line.text || '\u00a0'}</div>;
    case 'pair':
      return (
        <div className={`r-line r-pair r-${line.size} ${line.bold ? 'r-bold' : ''}`}>
          <span>{line.left}</span>
          <span>{line.right}</span>
        </div>
      );
    case 'rule':
      return <div className="r-line">{line.char.repeat(columns)}</div>;
    case 'blank':
      return <div className="r-line">{'\u00a0'}</div>;
    case 'qr':
      return <div className="r-line r-center"><span className="r-qr" title={line.data}>{marks.qr}</span></div>;
    case 'barcode':
      return <div className="r-line r-center r-barcode">{line.data}</div>;
    case 'logo':
      return <div className="r-line r-center r-logo">{marks.logo}</div>;
    case 'cut':
      return <div className="r-cut" />;
  }
}

export function ReceiptPreview({ layout }: { layout: ReceiptLayoutOut | null }) {
  const { t } = useTranslation();
  if (!layout) return <div className="receipt-missing">{t('receipt.unavailable')}</div>;
  const marks = { qr: t('receipt.qr'), logo: t('receipt.logo') };
  return (
    <div className={`receipt receipt-${layout.columns}`} data-testid="receipt-preview" aria-label={t('receipt.preview')}>
      {layout.lines.map((l, i) => <LineView key={i} line={l} columns={layout.columns} marks={marks} />)}
    </div>
  );
}
