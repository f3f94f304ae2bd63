// Search as you type (accent-insensitive, 100k products) with the results under the box.
// Enter adds the exact barcode/sku or the highlighted result; arrows move through the results.
import { forwardRef, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSale } from './sale-store.js';
import { markPainted } from '../../kit/perf.js';
import { formatEuro } from '../../../../shared/money.js';

export const SearchBox = forwardRef<HTMLInputElement, { onPay: () => void }>(function SearchBox({ onPay }, ref) {
  const { t } = useTranslation();
  const query = useSale((s) => s.query);
  const results = useSale((s) => s.results);
  const resultIndex = useSale((s) => s.resultIndex);
  const resultSeq = useSale((s) => s.resultSeq);
  const { setQuery, moveResult, submitQuery, voidLine, moveSelection } = useSale.getState();

  useLayoutEffect(() => {
    if (resultSeq > 0) markPainted('search', resultSeq);
  }, [results, resultSeq]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const empty = query.trim() === '';
    if (e.key === 'Enter') {
      e.preventDefault();
      if (empty) onPay();
      else void submitQuery();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (results.length > 0) moveResult(e.key === 'ArrowDown' ? 1 : -1);
      else moveSelection(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Escape' && !empty) {
      e.preventDefault();
      e.stopPropagation();
      void setQuery('');
    } else if (e.key === 'Delete' && empty) {
      e.preventDefault();
      const key = useSale.getState().selectedKey;
      if (key) voidLine(key);
    } else if (e.key === '+' && empty) {
      e.preventDefault();
      onPay();
    }
  };

  return (
    <div className="search">
      <input
        ref={ref}
        className="search-input"
        type="search"
        value={query}
        placeholder={t('sale.searchPlaceholder')}
        aria-label={t('sale.search')}
        data-testid="search-input"
        autoComplete="off"
        onChange={(e) => void setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {query.trim() !== '' ? (
        <div className="search-results" role="listbox" data-testid="search-results">
          {results.length === 0 ? <div className="search-none">{t('sale.noResults')}</div> : null}
          {results.map((p, i) => (
            <div
              key={p.id}
              role="option"
              aria-selected={i === resultIndex}
              className={`search-result ${i === resultIndex ? 'active' : ''}`}
              onMouseDown={(e) => { e.preventDefault(); useSale.getState().addProduct(p); void setQuery(''); }}
              data-testid="search-result"
            >
              <span className="sr-desc">{p.description}</span>
              <span className="muted sr-code">{p.sku}</span>
              <span className="sr-price">{formatEuro(p.priceCents)}{p.soldByWeight ? '/kg' : ''}</span>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
});
