// Shop settings, secrets (shown masked, never sent back), printer test page.
// SettingsValuesSchema is THE schema of every setting: backend/settings.ts uses its shape;
// the defaults there must cover every key (test/unit/contract checks).
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { noInput } from './common.js';
import { LabelLayoutSchema } from '../barcode.js';
import { FISCAL_REGIMES } from './setup.js';
import { msg, zodMessage } from '../messages/index.js';

/** The e-invoicing services an invoice can be sent through (backend/invoicing/providers). */
export const INVOICE_PROVIDERS = ['openapi', 'fattura-elettronica-api', 'fattura24'] as const;
export type InvoiceProviderName = (typeof INVOICE_PROVIDERS)[number];
const INVOICE_PROVIDERS_OR_NONE = ['', ...INVOICE_PROVIDERS] as const;
/** The services' public addresses, used while `invoice.providerUrl` is empty (Openapi: the receipts' address). Settings shows them. */
export const INVOICE_PROVIDER_URLS: Record<Exclude<InvoiceProviderName, 'openapi'>, string> = {
  'fattura-elettronica-api': 'https://fattura-elettronica-api.it/ws2.0/prod',
  fattura24: 'https://www.app.fattura24.com/api/v0.3',
};

export const SettingsValuesSchema = z
  .object({
    'shop.name': z.string().max(200),
    'shop.address': z.string().max(400),
    'shop.vatNumber': z.string().max(20),
    /** Codice fiscale of the business (a company's 11 digits, or the owner's 16 characters). */
    'shop.taxCode': z.string().max(20),
    'shop.fiscalRegime': z.enum(FISCAL_REGIMES),
    'shop.footer': z.string().max(400),
    'sale.cashRounding': z.boolean(),
    'sale.offlinePolicy': z.enum(['queue', 'refuse']),
    'sale.managerReturnThresholdCents': z.number().int().min(0),
    /** The unit a bare number typed in the weight dialog is read in (a typed «g»/«kg» wins). */
    'sale.weightEntryUnit': z.enum(['kg', 'g']),
    /** Weights above this (thousandths of a kg) are confirmed before they are sold: 350 kg of bread is a typo. */
    'sale.plausibleWeightMaxMilli': z.number().int().min(1).max(1_000_000),
    /** Manager PIN policies (backend/policies.ts says why each one and its default). */
    'sale.managerComplimentary': z.boolean(),
    'sale.managerDiscountPercent': z.number().int().min(0).max(100),
    'sale.managerOpenPriceCents': z.number().int().min(0),
    'sale.managerCashRefundOfCard': z.boolean(),
    /** What the scale's in-store EAN-13 labels (prefix 2) carry: PLU digits, weight in grams or price in cents (shared/barcode.ts). */
    'scale.labelLayout': LabelLayoutSchema,
    'printer.url': z.string().max(300),
    'printer.columns': z.union([z.literal(32), z.literal(42), z.literal(48)]),
    'printer.model': z.string().max(100),
    'printer.mode': z.enum(['immediate', 'wait_fiscal']),
    'printer.waitSeconds': z.number().int().min(0).max(120),
    /** The slip with the AdE number of a receipt printed before the number arrived: printed by itself, on request, or never. */
    'printing.fiscalNumberSlip': z.enum(['auto', 'on_request', 'never']),
    /** Blind cash count: the end-of-day screen shows the expected cash and the variance only once the count is saved. */
    'eod.blindCount': z.boolean(),
    /** Put before the invoices' annual number («A-» → «A-2026/0001»): a shop with two series keeps them apart (backend/invoicing). */
    'invoice.prefix': z.string().max(8).refine((s) => /^[A-Za-z0-9/-]*$/.test(s), { message: zodMessage(msg.invoices.prefixInvalid) }),
    /** The e-invoicing service the shop already uses ('' = none chosen: invoices wait, nothing is sent). Openapi uses the receipts' account and token. */
    'invoice.provider': z.enum(INVOICE_PROVIDERS_OR_NONE),
    /** The service's address; '' = its public one (backend/invoicing/config.ts). Tests point it at an emulator. */
    'invoice.providerUrl': z.string().max(300),
    /** Fattura Elettronica API: the account's user name for Basic auth; '' = the credential is a Bearer token. */
    'invoice.providerUser': z.string().max(200),
    'openapi.url': z.string().max(300),
    'openapi.fiscalId': z.string().max(20),
    'ui.language': z.enum(['it', 'en']),
    // The shop server this till joined (`bancone till join`, issue #14): its address and this till's code there.
    'server.url': z.string().max(300),
    'server.tillCode': z.string().max(20),
    /** The shop's name as its server gave it when the till joined (Settings: «Cassa C2 del negozio «Forno Rossi»»). */
    'server.shopName': z.string().max(200),
    /** Set-up step 1 (the shop) done: a UTC ISO instant, '' until then. Training mode lasts at least until 1 and 2 are done. */
    'setup.shopDoneAt': z.string().max(40),
    /** Set-up step 2 (the AdE through Openapi) done: a UTC ISO instant, '' until then. */
    'setup.adeDoneAt': z.string().max(40),
    /** Set-up steps 3–6 (printer, departments, catalogue, people): done at (UTC ISO instant, '' until then)
     * and skipped explicitly by the manager (a skipped step can be done later from the wizard). */
    'setup.printerDoneAt': z.string().max(40),
    'setup.printerSkipped': z.boolean(),
    'setup.departmentsDoneAt': z.string().max(40),
    'setup.departmentsSkipped': z.boolean(),
    'setup.catalogueDoneAt': z.string().max(40),
    'setup.catalogueSkipped': z.boolean(),
    'setup.peopleDoneAt': z.string().max(40),
    'setup.peopleSkipped': z.boolean(),
  })
  .strict();
export type SettingsValues = z.output<typeof SettingsValuesSchema>;

/** The Openapi environments the settings screen offers (a custom URL is also accepted). */
export const OPENAPI_ENVIRONMENTS = {
  test: 'https://test.invoice.openapi.com',
  production: 'https://invoice.openapi.com',
} as const;

/** Secrets are write-only from the UI: it learns whether one is set and a masked hint. */
export const SECRET_NAMES = ['openapi.token', 'ade.taxCode', 'ade.password', 'ade.pin', 'invoice.credential'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
const SecretStatusSchema = z.object({ set: z.boolean(), hint: z.string().nullable() });

export const SettingsViewSchema = z.object({
  values: SettingsValuesSchema,
  secrets: z.object(Object.fromEntries(SECRET_NAMES.map((n) => [n, SecretStatusSchema])) as Record<SecretName, typeof SecretStatusSchema>),
  /** False when this backend has no secrets store wired (then secrets cannot be changed here). */
  secretsAvailable: z.boolean(),
});
export type SettingsView = z.output<typeof SettingsViewSchema>;

export const settingsContract = defineContract({
  'settings.get': query('operator', noInput, SettingsViewSchema),
  // The shop server's address, this till's code and the shop's name there come from joining only
  // (`bancone till join`, or server.join from Settings; issue #14): a save cannot change them.
  'settings.save': mutation('manager', z.object({ values: SettingsValuesSchema.omit({ 'server.url': true, 'server.tillCode': true, 'server.shopName': true }).partial() }).strict(), SettingsViewSchema),
  'settings.setSecret': mutation('manager', z.object({ name: z.enum(SECRET_NAMES), value: z.string().max(4000) }).strict(), SettingsViewSchema),
  'settings.testPrint': mutation('manager', noInput, z.object({ printJobId: z.string() })),
});
