// «Casse»: each till of the shop, red when something is wrong (not seen for long, chain broken,
// AdE queue stuck or refused documents), with what the till last said of itself.
import { useTranslation } from 'react-i18next';
import { romeDateTimeLabel } from '../../../shared/time.js';
import { useShop } from '../store.js';

export function TillsScreen() {
  const { t } = useTranslation();
  const shop = useShop();
  if (!shop) return null;
  return (
    <section className="panel" data-testid="tills">
      <h2>{t('tills.title')} — {shop.name}</h2>
      {shop.tills.length === 0 ? <p className="muted">{t('tills.none')}</p> : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('tills.till')}</th><th>{t('tills.lastSeen')}</th><th className="num">{t('tills.pending')}</th><th className="num">{t('tills.ack')}</th>
              <th>{t('tills.ade')}</th><th>{t('tills.printer')}</th><th>{t('tills.chain')}</th><th>{t('tills.master')}</th><th />
            </tr>
          </thead>
          <tbody>
            {shop.tills.map((till) => {
              const r = till.report;
              const bad = till.problems.length > 0;
              return (
                <tr key={till.tillCode} className={bad ? 'row-bad' : 'row-ok'} data-testid={`till-${till.tillCode}`} data-state={bad ? 'bad' : 'ok'}>
                  <th scope="row">{till.tillCode}</th>
                  <td>{till.lastSeenAt ? romeDateTimeLabel(till.lastSeenAt) : t('tills.never')}</td>
                  <td className="num">{r ? r.pendingUploads : '—'}</td>
                  <td className="num">{till.ackSeq}</td>
                  <td>{r ? t('tills.adeQueue', { queued: r.ade.queued, failed: r.ade.failed }) : '—'}</td>
                  <td>{r ? `${r.printer.state}${r.printer.message ? ` (${r.printer.message})` : ''}` : '—'}</td>
                  <td>{till.chain.brokenAt === null ? t('tills.chainOk') : t('tills.chainBroken', { seq: till.chain.brokenAt, problem: till.chain.problem ?? '' })}</td>
                  <td>{till.masterVersion === null ? t('tills.masterUnknown', { shop: shop.masterVersion }) : t('tills.masterOf', { till: till.masterVersion, shop: shop.masterVersion })}</td>
                  <td>{bad ? <ul className="problems">{till.problems.map((p) => <li key={p}>{t(`tills.problems.${p}`)}</li>)}</ul> : <span className="ok">{t('tills.ok')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
