// The screens of the till. Features navigate to them through the app store (app-store.ts); which
// function key opens which screen is the shell's business (app/nav-keys.ts).
export type Route = 'sale' | 'payment' | 'returns' | 'history' | 'catalog' | 'customers' | 'end-of-day' | 'reconciliation' | 'settings' | 'setup';
