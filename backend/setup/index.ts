// The guided set-up's services (issue #12): step 1 the shop (shop.ts), step 2 the Agenzia delle
// Entrate through Openapi (ade.ts), where the wizard stands (state.ts), Openapi's refusals in words
// (errors.ts). The contract's handlers (api/setup.ts) and `bancone onboard` are thin layers on these.
export { saveShop, checkShop, readShop, cleanText, type SavedShop, type ShopInput } from './shop.js';
export {
  saveOpenapi, registerCompany, sealLegacyTaxCode, renewCredentials, verifyCompany, environmentOf, effectiveUrl, checkCustomUrl,
  ADE_TAX_CODE_SECRET, type AdeDeps, type CompanyOutcome, type SavedOpenapi,
} from './ade.js';
export { enableInvoices, type InvoicesEnabled } from './invoices.js';
export { setupState } from './state.js';
export { setupApiError, type SetupOperation } from './errors.js';
export { finishStep, laterSteps } from './steps.js';
