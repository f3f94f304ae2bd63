// Small building blocks of the back office: money, errors, fields with their label and error.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../shared/errors.js';
import { formatEuro } from '../../shared/money.js';

export function Money({ cents }: { cents: number }) {
  return <span className="money">{formatEuro(cents)}</span>;
}

export function useErrorText(): (e: ErrorInfo) => string {
  const { i18n } = useTranslation();
  return (e) => (i18n.language === 'en' ? e.message_en : e.message);
}

export function ErrorBanner({ error, testId }: { error: ErrorInfo | null; testId?: string }) {
  const text = useErrorText();
  if (!error) return null;
  return <div className="error-banner" role="alert" data-testid={testId ?? 'error'} data-field={error.field ?? ''}>{text(error)}</div>;
}

/** A labelled field; its error (naming it) right under it, tied to it for screen readers. */
export function Field({ id, label, error, children }: { id: string; label: string; error?: ErrorInfo | null; children: ReactNode }) {
  const text = useErrorText();
  return (
    <div className={`field ${error ? 'field-bad' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? <div className="field-error" role="alert" id={`${id}-error`} data-testid={`${id}-error`}>{text(error)}</div> : null}
    </div>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return <section className="panel" data-testid={testId}><h2>{title}</h2>{children}</section>;
}
