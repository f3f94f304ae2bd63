// «Listino»: the shop's master data (products, departments, operators, shop settings), edited
// through the server's admin master-data calls (shared/server-api.ts; srv-master serves them). A
// change gets the shop's next version and reaches every till at its next pull.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MasterItem } from '../../../shared/server-api.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { formatAmount, parseAmount } from '../../../shared/money.js';
import { ApiError, getJson, localError, qs, sendJson } from '../api.js';
import { useShop } from '../store.js';
import { ErrorBanner, Field, Money, Section } from '../ui.js';

type Kind = MasterItem['kind'];
const KINDS: Kind[] = ['product', 'department', 'operator', 'setting'];
type Form = Record<string, string | boolean>;

const VAT_RE = /^(22|10|5|4|N[1-6](\.\d)?)$/;

/** The form's fields per kind: where a refusal naming one of them is shown. */
const FORM_KEYS: Record<Kind, string[]> = {
  product: ['sku', 'description', 'price', 'vatCode', 'departmentId', 'barcodes'],
  department: ['code', 'name', 'vatCode'],
  operator: ['name', 'pin'],
  setting: ['key', 'value'],
};

/** The form field a refusal names (the page's own, or the server's: data.priceCents is «Prezzo», a setting's id its key); null: none. */
function formFieldOf(kind: Kind, field: string | undefined): string | null {
  const k = (field ?? '').replace(/^data\./, '');
  const f = k === 'priceCents' ? 'price' : k === 'id' && kind === 'setting' ? 'key' : k;
  return FORM_KEYS[kind].includes(f) ? f : null;
}

function toForm(kind: Kind, item: MasterItem | null): Form {
  const d = (item?.data ?? null) as Record<string, unknown> | null;
  switch (kind) {
    case 'product': return { sku: String(d?.sku ?? ''), description: String(d?.description ?? ''), price: d ? formatAmount(Number(d.priceCents)) : '',
      vatCode: String(d?.vatCode ?? '22'), departmentId: String(d?.departmentId ?? ''), barcodes: ((d?.barcodes as string[] | undefined) ?? []).join(', '),
      soldByWeight: Boolean(d?.soldByWeight), favourite: Boolean(d?.favourite), active: d ? Boolean(d.active) : true };
    case 'department': return { code: String(d?.code ?? ''), name: String(d?.name ?? ''), vatCode: String(d?.vatCode ?? '22') };
    case 'operator': return { name: String(d?.name ?? ''), role: String(d?.role ?? 'cashier'), pin: '', active: d ? Boolean(d.active) : true };
    case 'setting': return { key: item?.id ?? '', value: d ? (typeof d.value === 'string' ? d.value : JSON.stringify(d.value)) : '' };
  }
}

const bad = (field: string, key: string) => localError('REQUEST_INVALID', `catalog.errors.${key}`, {}, field);

/** The data the server expects for a kind, or the first field that is wrong. */
function toData(kind: Kind, f: Form): { id?: string; data: unknown } {
  const s = (k: string) => String(f[k] ?? '').trim();
  switch (kind) {
    case 'product': {
      if (!s('sku')) throw bad('sku', 'sku');
      if (!s('description')) throw bad('description', 'description');
      const price = parseAmount(s('price'));
      if (price === null || price < 0) throw bad('price', 'price');
      if (!VAT_RE.test(s('vatCode'))) throw bad('vatCode', 'vatCode');
      return { data: { sku: s('sku'), description: s('description'), priceCents: price, vatCode: s('vatCode'), departmentId: s('departmentId') || null,
        soldByWeight: !!f.soldByWeight, favourite: !!f.favourite, active: !!f.active, barcodes: s('barcodes').split(',').map((b) => b.trim()).filter(Boolean) } };
    }
    case 'department':
      if (!s('code')) throw bad('code', 'code');
      if (!s('name')) throw bad('name', 'name');
      if (!VAT_RE.test(s('vatCode'))) throw bad('vatCode', 'vatCode');
      return { data: { code: s('code'), name: s('name'), vatCode: s('vatCode') } };
    case 'operator':
      if (!s('name')) throw bad('name', 'name');
      if (s('pin') && !/^\d{4,8}$/.test(s('pin'))) throw bad('pin', 'pin');
      return { data: { name: s('name'), role: s('role') === 'manager' ? 'manager' : 'cashier', active: !!f.active, ...(s('pin') ? { pin: s('pin') } : {}) } };
    case 'setting':
      if (!/^[a-zA-Z][\w.]{0,80}$/.test(s('key'))) throw bad('key', 'key');
      return { id: s('key'), data: { value: String(f.value ?? '') } };
  }
}

function summary(item: MasterItem): string[] {
  const d = item.data as Record<string, unknown> | null;
  if (!d) return [item.id];
  switch (item.kind) {
    case 'product': return [String(d.sku), String(d.description), String(d.vatCode)];
    case 'department': return [String(d.code), String(d.name), String(d.vatCode)];
    case 'operator': return [String(d.name), String(d.role), d.active ? '✓' : '—'];
    case 'setting': return [item.id, typeof d.value === 'string' ? d.value : JSON.stringify(d.value)];
  }
}

export function CatalogScreen() {
  const { t } = useTranslation();
  const shop = useShop();
  const [kind, setKind] = useState<Kind>('product');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<MasterItem[] | null>(null);
  const [departments, setDepartments] = useState<MasterItem[]>([]);
  const [editing, setEditing] = useState<{ item: MasterItem | null; form: Form } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(false);
  const base = shop ? `/admin/api/shops/${shop.shopId}/master` : '';

  const load = async (k: Kind = kind, text: string = q) => {
    try {
      setError(null);
      setItems((await getJson<{ items: MasterItem[] }>(`${base}?${qs({ kind: k, q: text.trim() })}`)).items);
      if (k === 'product') setDepartments((await getJson<{ items: MasterItem[] }>(`${base}?kind=department`)).items);
    } catch (e) {
      setItems(null);
      setError(e instanceof ApiError ? e.info : (e as ErrorInfo));
    }
  };
  useEffect(() => { if (shop) void load(kind, ''); }, [shop?.shopId, kind]);
  if (!shop) return null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    try {
      setError(null);
      const { id, data } = toData(kind, editing.form);
      const itemId = editing.item?.id ?? id ?? crypto.randomUUID();
      await sendJson('PUT', `${base}/${kind}/${encodeURIComponent(itemId)}`, { data });
      setEditing(null);
      setSaved(true);
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.info : (err as ErrorInfo));
    }
  };
  const remove = async (item: MasterItem) => {
    try { await sendJson('DELETE', `${base}/${kind}/${encodeURIComponent(item.id)}`); setEditing(null); await load(); } catch (err) { setError(err instanceof ApiError ? err.info : (err as ErrorInfo)); }
  };
  const fieldError = (k: string) => (error && formFieldOf(kind, error.field) === k ? error : null);
  const text = (k: string, label: string, extra: { inputMode?: 'decimal' | 'numeric'; type?: string } = {}) => (
    <Field id={`m-${k}`} label={label} error={fieldError(k)} key={k}>
      <input id={`m-${k}`} value={String(editing!.form[k] ?? '')} aria-invalid={!!fieldError(k)} {...extra}
        onChange={(e) => setEditing({ ...editing!, form: { ...editing!.form, [k]: e.target.value } })} />
    </Field>
  );
  const check = (k: string, label: string) => (
    <label className="check" key={k}><input type="checkbox" checked={!!editing!.form[k]} onChange={(e) => setEditing({ ...editing!, form: { ...editing!.form, [k]: e.target.checked } })} /> {label}</label>
  );
  const fieldsOf = () => {
    switch (kind) {
      case 'product': return [text('sku', t('catalog.sku')), text('description', t('catalog.description')), text('price', t('catalog.price'), { inputMode: 'decimal' }),
        text('vatCode', t('catalog.vatCode')),
        <Field id="m-departmentId" label={t('catalog.department')} key="departmentId">
          <select id="m-departmentId" value={String(editing!.form.departmentId)} onChange={(e) => setEditing({ ...editing!, form: { ...editing!.form, departmentId: e.target.value } })}>
            <option value="">{t('catalog.noDepartment')}</option>
            {departments.map((d) => <option key={d.id} value={d.id}>{(d.data as { name: string } | null)?.name ?? d.id}</option>)}
          </select>
        </Field>,
        text('barcodes', t('catalog.barcodes')), check('soldByWeight', t('catalog.soldByWeight')), check('favourite', t('catalog.favourite')), check('active', t('catalog.active'))];
      case 'department': return [text('code', t('catalog.code')), text('name', t('catalog.name')), text('vatCode', t('catalog.vatCode'))];
      case 'operator': return [text('name', t('catalog.name')),
        <Field id="m-role" label={t('catalog.role')} key="role">
          <select id="m-role" value={String(editing!.form.role)} onChange={(e) => setEditing({ ...editing!, form: { ...editing!.form, role: e.target.value } })}>
            <option value="cashier">{t('catalog.roles.cashier')}</option><option value="manager">{t('catalog.roles.manager')}</option>
          </select>
        </Field>,
        text('pin', t('catalog.pin'), { inputMode: 'numeric', type: 'password' }), check('active', t('catalog.active'))];
      case 'setting': return [text('key', t('catalog.key')), text('value', t('catalog.value'))];
    }
  };

  return (
    <div className="screen-body" data-testid="catalog">
      <div className="panel toolbar" role="tablist">
        {KINDS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={k === kind} className={`btn ${k === kind ? 'btn-on' : ''}`}
            onClick={() => { setKind(k); setEditing(null); setSaved(false); setQ(''); }} data-testid={`catalog-kind-${k}`}>{t(`catalog.kinds.${k}`)}</button>
        ))}
      </div>
      {saved ? <div className="notice-ok" role="status" data-testid="catalog-saved">{t('catalog.saved')}</div> : null}
      {editing ? (
        <form className="panel form" onSubmit={(e) => void save(e)} data-testid="catalog-form">
          <h2>{editing.item ? t('catalog.edit') : t('catalog.add')} — {t(`catalog.kinds.${kind}`)}</h2>
          <div className="form-fields">{fieldsOf()}</div>
          {error && !formFieldOf(kind, error.field) ? <ErrorBanner error={error} /> : null}
          <div className="actions">
            <button type="submit" className="btn btn-primary" data-testid="catalog-save">{t('catalog.save')}</button>
            <button type="button" className="btn" onClick={() => { setEditing(null); setError(null); }}>{t('catalog.back')}</button>
            {editing.item ? <button type="button" className="btn btn-danger" onClick={() => void remove(editing.item!)}>{t('catalog.remove')}</button> : null}
          </div>
        </form>
      ) : (
        <Section title={t(`catalog.kinds.${kind}`)} testId="catalog-list">
          <form className="toolbar" onSubmit={(e) => { e.preventDefault(); void load(); }}>
            <input aria-label={t('catalog.search')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="catalog-q" />
            <button type="submit" className="btn">{t('catalog.search')}</button>
            <button type="button" className="btn btn-primary" onClick={() => { setSaved(false); setEditing({ item: null, form: toForm(kind, null) }); }} data-testid="catalog-add">{t('catalog.add')}</button>
          </form>
          {items === null ? (error ? <p className="error-banner" role="alert">{t('catalog.unavailable', { error: error.message })}</p> : null)
            : items.length === 0 ? <p className="muted">{t('catalog.none')}</p> : (
              <table className="grid">
                <tbody>
                  {items.map((item) => (
                    <tr key={item.id} data-testid={`master-${item.kind}-${item.id}`}>
                      {summary(item).map((c, i) => <td key={i}>{c}</td>)}
                      {item.kind === 'product' && item.data ? <td className="num"><Money cents={item.data.priceCents} /></td> : null}
                      <td><button type="button" className="btn btn-small" onClick={() => { setSaved(false); setEditing({ item, form: toForm(kind, item) }); }}
                        data-testid={`edit-${item.kind}-${item.kind === 'product' && item.data ? item.data.sku : item.id}`}>{t('catalog.edit')}</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
        </Section>
      )}
    </div>
  );
}
