// Settings «Server del negozio» (issue #14). Not joined: the server's address and the one-time code
// `bancone server pair` shows there, and «Abbina» (server.join, a manager's: the same join as
// `bancone till join`). A refusal is shown on the field it names (address or code) and changes
// nothing. Joined: «Cassa C2 del negozio «Forno Rossi» · server http://…», and where the upload stands
// (status.get's `server`: the queue, the last upload, what is wrong), read again whenever the backend
// says the status changed. Joining again (a till the server no longer recognises) stays possible.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TillStatus } from '../../../../shared/contract/status.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { romeDateTimeLabel } from '../../../../shared/time.js';
import { FieldError } from '../../kit/ui.js';
import { getApi } from '../../api/client.js';
import { useSettings } from './store.js';

type ServerStatus = NonNullable<TillStatus['server']>;

/** The join form: address, code, «Abbina»; each refusal under the field it names. */
function JoinForm({ onJoined, initialUrl }: { onJoined: () => void; initialUrl: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(initialUrl);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await getApi().callWithApproval('server.join', { url, code });
    setBusy(false);
    if (!r.ok) { setError(r.error); return; }
    setError(null);
    setCode('');
    onJoined();
  };
  const on = (field: string) => (error && error.field === field ? error : null);
  const elsewhere = error && error.field !== 'url' && error.field !== 'code' ? error : null;
  return (
    <form className="server-join" onSubmit={(e) => void submit(e)} data-testid="server-join-form">
      <label className="field"><span>{t('shopServer.url')}</span>
        <input value={url} onChange={(e) => { setUrl(e.target.value); if (on('url')) setError(null); }} placeholder={t('shopServer.urlPlaceholder')}
          inputMode="url" autoComplete="off" spellCheck={false} aria-invalid={on('url') !== null} data-testid="server-url" />
        <FieldError error={on('url')} testId="server-url-error" />
      </label>
      <label className="field"><span>{t('shopServer.code')}</span>
        <input value={code} onChange={(e) => { setCode(e.target.value.toUpperCase()); if (on('code')) setError(null); }} placeholder={t('shopServer.codePlaceholder')}
          autoComplete="off" spellCheck={false} aria-invalid={on('code') !== null} data-testid="server-code" />
        <FieldError error={on('code')} testId="server-code-error" />
      </label>
      <FieldError error={elsewhere} testId="server-join-error" />
      <button type="submit" className="btn btn-primary" disabled={busy || url.trim() === '' || code.trim() === ''} data-testid="server-join">
        {busy ? t('shopServer.joining') : t('shopServer.join')}
      </button>
    </form>
  );
}

export function ServerSettings() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const view = useSettings((st) => st.view);
  const [server, setServer] = useState<ServerStatus | null>(null);
  const [rejoin, setRejoin] = useState(false);
  useEffect(() => {
    const read = async () => {
      const r = await getApi().call('status.get', {});
      if (r.ok) setServer(r.value.server);
    };
    void read();
    return getApi().onEvent((e) => {
      if ((e.type === 'connection' && e.up) || (e.type !== 'connection' && e.topics.includes('status'))) void read();
    });
  }, [view]);
  const tillCode = view?.values['server.tillCode'] ?? '';
  const joined = tillCode !== '';
  const afterJoin = () => { setRejoin(false); void useSettings.getState().load(); };
  return (
    <section className="settings-card" data-testid="settings-server">
      <h2>{t('shopServer.title')}</h2>
      {!joined ? (
        <>
          <p className="muted">{t('shopServer.intro')}</p>
          <JoinForm onJoined={afterJoin} initialUrl="" />
        </>
      ) : (
        <>
          <p className="server-joined" data-testid="server-joined">
            {t('shopServer.joined', { till: tillCode, shop: view?.values['server.shopName'] || '—', url: view?.values['server.url'] ?? '' })}
          </p>
          <p className="muted">{t('shopServer.numbers', { till: tillCode })}</p>
          {server ? (
            <ul className="server-facts" data-testid="server-facts">
              <li data-testid="server-state">{t(`shopServer.state.${server.state}`, { entry: server.chainBrokenAt ?? '?' })}</li>
              <li data-testid="server-pending">{server.pending > 0 ? t('shopServer.pending', { count: server.pending }) : t('shopServer.pendingNone')}</li>
              <li data-testid="server-last-upload">{server.lastUploadAt ? t('shopServer.lastUpload', { time: romeDateTimeLabel(server.lastUploadAt) }) : t('shopServer.neverUploaded')}</li>
              {server.problem ? <li className="field-error">{en ? server.problemEn ?? server.problem : server.problem}</li> : null}
            </ul>
          ) : null}
          {rejoin || server?.state === 'auth' ? (
            <JoinForm onJoined={afterJoin} initialUrl={view?.values['server.url'] ?? ''} />
          ) : (
            <button type="button" className="btn btn-plain btn-small server-rejoin" onClick={() => setRejoin(true)} data-testid="server-rejoin">{t('shopServer.rejoin')}</button>
          )}
        </>
      )}
    </section>
  );
}
