// Small building blocks shared by the screens: buttons that show their key, money, errors, dialogs.
import { forwardRef, useEffect, useImperativeHandle, useRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import { formatEuro } from '../../../shared/money.js';
import { useKeys } from './keys.js';

export function useErrorText(): (e: ErrorInfo) => string {
  const { i18n } = useTranslation();
  return (e) => (i18n.language === 'en' ? e.message_en : e.message);
}

export function Kbd({ k }: { k: string }) {
  return <kbd className="kbd">{k.replace('Shift+', '⇧')}</kbd>;
}

export function KeyButton(props: { k?: string; label: string; onClick: () => void; variant?: 'primary' | 'danger' | 'plain' | 'big'; disabled?: boolean; testId?: string; title?: string }) {
  return (
    <button
      type="button"
      className={`btn btn-${props.variant ?? 'plain'}`}
      onClick={props.onClick}
      disabled={props.disabled}
      data-testid={props.testId}
      title={props.title}
    >
      {props.k ? <Kbd k={props.k} /> : null}
      <span>{props.label}</span>
    </button>
  );
}

export function Money({ cents, className }: { cents: number; className?: string }) {
  return <span className={`money ${className ?? ''}`}>{formatEuro(cents)}</span>;
}

export function ErrorBanner({ error, onClose, testId }: { error: ErrorInfo | null; onClose?: () => void; testId?: string }) {
  const text = useErrorText();
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid={testId ?? 'error'} data-code={error.code} data-field={error.field ?? ''}>
      <span>{text(error)}</span>
      {onClose ? <button type="button" className="btn btn-plain btn-small" onClick={onClose}>{t('common.close')}</button> : null}
    </div>
  );
}

export function FieldError({ error, testId }: { error: ErrorInfo | null; testId?: string }) {
  const text = useErrorText();
  if (!error) return null;
  return <div className="field-error" role="alert" data-testid={testId} data-code={error.code}>{text(error)}</div>;
}

export function Dialog(props: { title: string; children: ReactNode; onClose: () => void; testId?: string; wide?: boolean }) {
  useKeys({ Escape: () => props.onClose() }, { modal: true });
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = box.current?.querySelector<HTMLElement>('input, select, textarea, button.btn-primary');
    first?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div className={`dialog ${props.wide ? 'dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-label={props.title} ref={box} data-testid={props.testId}>
        <h2 className="dialog-title">{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/**
 * A field that arrives with a value to confirm or replace (a quantity, a price, an amount): its whole
 * content is selected when it gets the focus, so what the cashier types replaces it — «1» then «4»
 * is 4, never 14.
 */
export const SelectAllInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function SelectAllInput(props, ref) {
  const inner = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => inner.current!, []);
  return (
    <input
      {...props}
      ref={inner}
      onFocus={(e) => { e.currentTarget.select(); props.onFocus?.(e); }}
    />
  );
});
