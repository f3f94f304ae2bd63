// The function keys of the top bar, always active once logged in.
import type { Route } from '../kit/routes.js';

// `bar: false`: a key that works everywhere without a button of its own (the bar is full at 800 px);
// its screen is offered where it belongs (⇧F8 from the end of day).
export const NAV_KEYS: { key: string; route: Route | 'logout'; label: string; bar?: false }[] = [
  { key: 'F1', route: 'sale', label: 'nav.sale' },
  { key: 'F5', route: 'returns', label: 'nav.returns' },
  { key: 'F6', route: 'history', label: 'nav.history' },
  { key: 'F7', route: 'catalog', label: 'nav.catalog' },
  { key: 'Shift+F7', route: 'customers', label: 'nav.customers' },
  { key: 'F8', route: 'end-of-day', label: 'nav.endOfDay' },
  { key: 'Shift+F8', route: 'reconciliation', label: 'nav.reconciliation', bar: false },
  { key: 'F9', route: 'settings', label: 'nav.settings' },
  { key: 'F10', route: 'logout', label: 'nav.logout' },
];
