// A write-only secret (token, password, API key): the screen learns only whether it is set and a
// masked hint; a new value is sent once (settings.setSecret, a manager's) and never shown again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretName } from '../../../../shared/contract/settings.js';
import { useSettings } from './store.js';

export function Secret({ name, label }: { name: SecretName; label: string }) {
  const { t } = useTranslation();
  const status = useSettings((s) => s.view?.secrets[name]);
  const available = useSettings((s) => s.view?.secretsAvailable ?? false);
  const [value, setValue] = useState('');
  const [editing, setEditing] = useState(false);
  const save = async () => { if (await useSettings.getState().setSecret(name, value)) { setValue(''); setEditing(false); } };
  return (
    <div className="field secret">
      <span>{label}</span>
      {editing ? (
        <div className="secret-edit">
          <input type="password" autoComplete="new-password" value={value} onChange={(e) => setValue(e.target.value)} data-testid={`secret-${name}`} autoFocus
            aria-label={label} onKeyDown={(e) => { if (e.key === 'Enter' && value !== '') { e.preventDefault(); void save(); } }} />
          <button type="button" className="btn btn-primary btn-small" onClick={() => void save()} disabled={value === ''} data-testid={`secret-${name}-save`}>{t('common.save')}</button>
          <button type="button" className="btn btn-plain btn-small" onClick={() => { setEditing(false); setValue(''); }}>{t('common.cancel')}</button>
        </div>
      ) : (
        <div className="secret-view">
          <span className="mono" data-testid={`secret-${name}-hint`}>{status?.set ? status.hint ?? '••••••••' : t('settings.notSet')}</span>
          <button type="button" className="btn btn-plain btn-small" onClick={() => setEditing(true)} disabled={!available} data-testid={`secret-${name}-edit`}>{status?.set ? t('settings.change') : t('settings.set')}</button>
        </div>
      )}
    </div>
  );
}
