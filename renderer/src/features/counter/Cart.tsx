// The cart: one row per line with its details (quantity × price, discount, override, omaggio).
// Amounts come from the preview computed by shared/sale.ts, never from arithmetic here.
import { vatShort } from '../../../../shared/receipt.js';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount, formatQuantity } from '../../../../shared/money.js';
import { formatWeight } from '../../../../shared/weight.js';
import { formatDiscount, type CartPreview } from '../../../../shared/contract/cart.js';
import { useSale } from './sale-store.js';
import { markPainted } from '../../kit/perf.js';
import { Money } from '../../kit/ui.js';

export function Cart({ preview }: { preview: CartPreview | null }) {
  const { t } = useTranslation();
  const lines = useSale((s) => s.lines);
  const selectedKey = useSale((s) => s.selectedKey);
  const select = useSale((s) => s.select);
  const scanMark = useSale((s) => s.scanMark);
  const body = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (scanMark !== null) markPainted('scan', scanMark);
  }, [lines, scanMark]);
  useEffect(() => {
    body.current?.querySelector('.cart-row.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey, lines]);

  if (lines.length === 0) {
    return (
      <div className="cart cart-empty" data-testid="cart">
        <div className="cart-empty-icon">▦</div>
        <div>{t('sale.emptyCart')}</div>
        <div className="muted">{t('sale.emptyCartHint')}</div>
      </div>
    );
  }
  return (
    <div className="cart" data-testid="cart">
      <div className="cart-head">
        <span>{t('sale.col.description')}</span>
        <span className="num">{t('sale.col.quantity')}</span>
        <span className="num">{t('sale.col.price')}</span>
        <span className="num">{t('sale.col.amount')}</span>
      </div>
      <div className="cart-body" ref={body}>
        {lines.map((l, i) => {
          const c = preview?.totals.lines[i];
          return (
            <div key={l.key} className={`cart-row ${l.key === selectedKey ? 'selected' : ''}`} onClick={() => select(l.key)} data-testid="cart-line" aria-selected={l.key === selectedKey}>
              <div className="cart-desc">
                <div className="cart-title">{l.description}</div>
                <div className="cart-details">
                  {l.listPriceCents !== null ? <span className="tag tag-warn">{t('sale.override', { price: formatAmount(l.listPriceCents) })}</span> : null}
                  {l.discount ? <span className="tag">{t('sale.lineDiscount', { discount: formatDiscount(l.discount) })}</span> : null}
                  {l.complimentary ? <span className="tag tag-ok">{t('sale.complimentary')}</span> : null}
                  {l.department && !l.productId ? <span className="tag">{t('sale.department')}</span> : null}
                  <span className="muted">{t('sale.vat', { code: vatShort(l.vatCode) })}</span>
                </div>
              </div>
              <div className="num" data-testid="cart-qty">{l.soldByWeight ? formatWeight(l.quantityMilli) : formatQuantity(l.quantityMilli)}</div>
              <div className="num">{formatAmount(l.unitPriceCents)}{l.soldByWeight ? '/kg' : ''}</div>
              <div className="num cart-amount">{c ? <Money cents={c.amountCents} /> : null}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
