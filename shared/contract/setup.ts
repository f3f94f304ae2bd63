// The guided set-up (issue #12), one wizard screen per step, each saved as done so a restart resumes
// at the same step. Steps of this contract: 1. the shop; 2. the Agenzia delle Entrate through Openapi
// (environment and token, then registering the company with the AdE credentials). `setup.state` tells
// the wizard which step to show and what each one holds (secrets only masked). Completion is kept in
// the settings `setup.shopDoneAt` and `setup.adeDoneAt` (ISO instant, '' while not done).
// The checks of what is typed (check digits, URL) are the backend's: errors name the input field.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { noInput } from './common.js';
import { msg, type Text } from '../messages/index.js';

/** Regimi fiscali (the FatturaPA codes; RF03 was abolished). */
export const FISCAL_REGIMES = [
  'RF01', 'RF02', 'RF04', 'RF05', 'RF06', 'RF07', 'RF08', 'RF09', 'RF10',
  'RF11', 'RF12', 'RF13', 'RF14', 'RF15', 'RF16', 'RF17', 'RF18', 'RF19',
] as const;
export type FiscalRegime = (typeof FISCAL_REGIMES)[number];

/** What each regime is called, for the wizard's list (the words are the catalogue's, area setup). */
export const FISCAL_REGIME_NAMES = Object.fromEntries(
  FISCAL_REGIMES.map((code) => [code, msg.setup.regime({ code })]),
) as Record<FiscalRegime, Text>;

export const SETUP_STEPS = ['shop', 'ade', 'printer', 'departments', 'catalogue', 'people'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];
/** Steps 3–6: not needed for fiscal sales (training mode ends after 1–2), each done or skipped explicitly. */
export const LATER_STEPS = ['printer', 'departments', 'catalogue', 'people'] as const;
export type LaterStep = (typeof LATER_STEPS)[number];

/** sandbox and production are Openapi's two services; custom is any other address (kept as typed). */
export const OPENAPI_ENVIRONMENT_NAMES = ['sandbox', 'production', 'custom'] as const;
export type OpenapiEnvironment = (typeof OPENAPI_ENVIRONMENT_NAMES)[number];

const MaskedSecretSchema = z.object({ set: z.boolean(), hint: z.string().nullable() });

const CredentialsSchema = z.object({
  updatedAt: z.string(),
  expiresAt: z.string(),
  daysLeft: z.number(),
  /** From day 80 of their 90-day life. */
  warning: z.boolean(),
  expired: z.boolean(),
});

/** Where a later step stands: done (its own rule met, e.g. a test page printed), or skipped by the manager. */
const laterStep = <D extends z.ZodType>(data: D) => z.object({ done: z.boolean(), doneAt: z.string().nullable(), skipped: z.boolean(), data });

/** Step 3: the printer as saved in Settings, and the last test page printed since it was last changed. */
export const PrinterStepDataSchema = z.object({
  url: z.string(),
  columns: z.number(),
  model: z.string(),
  /** When a test page printed on this printer (null: not since the address was last changed). */
  testPrintedAt: z.string().nullable(),
});
/** Step 4: the departments (their VAT) the shop sells under. */
export const DepartmentsStepDataSchema = z.object({ count: z.number() });
/** Step 5: the catalogue. */
export const CatalogueStepDataSchema = z.object({ products: z.number() });
/** Step 6: the people at the till. */
export const PeopleStepDataSchema = z.object({ managers: z.number(), cashiers: z.number() });

const NoticeSchema = z.object({ code: z.string(), message: z.string(), message_en: z.string(), field: z.string().optional() });

export const SetupStateSchema = z.object({
  /** The step the wizard shows: the first one neither done nor skipped, or 'complete'. */
  current: z.enum([...SETUP_STEPS, 'complete']),
  steps: z.object({
    shop: z.object({
      done: z.boolean(),
      doneAt: z.string().nullable(),
      data: z.object({ name: z.string(), vatNumber: z.string(), taxCode: z.string(), address: z.string(), regime: z.enum(FISCAL_REGIMES) }),
    }),
    ade: z.object({
      done: z.boolean(),
      doneAt: z.string().nullable(),
      data: z.object({
        environment: z.enum(OPENAPI_ENVIRONMENT_NAMES),
        /** The address the sync talks to. */
        url: z.string(),
        /** True when BANCONE_OPENAPI_URL overrides what is saved here. */
        urlFromEnvironment: z.boolean(),
        token: MaskedSecretSchema,
        /** The company as last registered from this till; null before. */
        company: z.object({
          fiscalId: z.string(),
          email: z.string(),
          registeredAt: z.string(),
          taxCode: MaskedSecretSchema,
          password: MaskedSecretSchema,
          pin: MaskedSecretSchema,
          credentials: CredentialsSchema.nullable(),
        }).nullable(),
      }),
    }),
    printer: laterStep(PrinterStepDataSchema),
    departments: laterStep(DepartmentsStepDataSchema),
    catalogue: laterStep(CatalogueStepDataSchema),
    people: laterStep(PeopleStepDataSchema),
  }),
  /** What the shop should act on (e.g. the AdE credentials expiring), in Italian and English. */
  notices: z.array(NoticeSchema),
});
export type SetupState = z.output<typeof SetupStateSchema>;

const text = (max: number) => z.string().max(max);

export const SaveShopInputSchema = z.object({
  /** Ragione sociale: the receipt header's first line and the name registered on Openapi. */
  name: text(200),
  vat_number: text(20),
  tax_code: text(20),
  /** Address lines of the receipt header. */
  address: text(400),
  regime: z.enum(FISCAL_REGIMES),
}).strict();

export const SaveOpenapiInputSchema = z.object({
  environment: z.enum(OPENAPI_ENVIRONMENT_NAMES),
  /** Only with environment 'custom'. */
  url: text(300).optional(),
  /** Write-only; may be left out when one is stored already. */
  token: text(4000).optional(),
}).strict();

export const RegisterCompanyInputSchema = z.object({
  /** Openapi's notices go here; it cannot be changed once the company is registered. */
  email: text(200),
  /** Fisconline/Entratel credentials of whoever transmits for the shop. */
  tax_code: text(20),
  password: text(200),
  pin: text(50),
}).strict();

export const RenewCredentialsInputSchema = z.object({
  /** Left out: the one stored stays. */
  tax_code: text(20).optional(),
  password: text(200),
  pin: text(50),
}).strict();

/** The IT-configuration as Openapi holds it (verify), and the till's words about it. */
export const RemoteCompanySchema = z.object({
  fiscalId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  receipts: z.boolean(),
  active: z.boolean().nullable(),
  /** Masked: the credentials' tax code as Openapi holds it. */
  taxCodeHint: z.string().nullable(),
  callbacks: z.array(z.string()),
});

export const SetupResultSchema = z.object({
  state: SetupStateSchema,
  /** Openapi's answer in plain Italian / English. */
  message: z.string(),
  message_en: z.string(),
  company: RemoteCompanySchema.nullable(),
});
export type SetupResult = z.output<typeof SetupResultSchema>;

export const VerifyResultSchema = z.object({
  /** null when Openapi has no configuration for the shop's Partita IVA. */
  company: RemoteCompanySchema.nullable(),
  message: z.string(),
  message_en: z.string(),
  /** Problems seen (receipts disabled, no credentials, name different from the shop's). */
  notices: z.array(NoticeSchema),
});
export type VerifyResult = z.output<typeof VerifyResultSchema>;

export const FinishStepInputSchema = z.object({
  step: z.enum(LATER_STEPS),
  /** true: the manager skips the step explicitly; false: done, when the step's own rule is met. */
  skip: z.boolean(),
}).strict();

export const setupContract = defineContract({
  'setup.state': query('operator', noInput, SetupStateSchema),
  'setup.saveShop': mutation('manager', SaveShopInputSchema, SetupStateSchema),
  'setup.saveOpenapi': mutation('manager', SaveOpenapiInputSchema, SetupResultSchema),
  'setup.registerCompany': mutation('manager', RegisterCompanyInputSchema, SetupResultSchema),
  'setup.verify': query('operator', noInput, VerifyResultSchema),
  'setup.renewCredentials': mutation('manager', RenewCredentialsInputSchema, SetupResultSchema),
  /** Openapi's /IT-invoices needs customer_invoice on in the configuration: the set-up offers to enable it (issue #13). */
  'setup.enableInvoices': mutation('manager', noInput, SetupResultSchema),
  'setup.finishStep': mutation('manager', FinishStepInputSchema, SetupStateSchema),
});
