// The backend's and the shared domain's words, in English. Typed against Italian (it.ts): the same
// areas, keys and parameters, or the build fails (see `satisfies` here and `Same` in index.ts).
import { formatAmount, formatQuantity, formatTenths } from '../money.js';
import type { LanguageOf } from './catalogue.js';
import type { CustomerField } from '../customer.js';
import type { CliSecret, CustomerImportOutcome, DepartmentWords, DocKind, FiscalIdField, ImportColumn, SetupField, it } from './it.js';
import type { FiscalRegime, SetupStep } from '../contract/setup.js';
import type { FiscalStep } from '../contract/training.js';
import type { DepartmentPresetCode } from '../contract/department-presets.js';

/** «1 document», «2 documents». */
const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

/** «VAT 10%», «VAT 7.5%», «N2». */
const vat = (code: string) => (code.startsWith('N') ? code : `VAT ${code}%`);

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const thisDoc = (doc: DocKind) => `this ${doc}`;
const CANCEL = '"Do not transmit" (with the reason)';
const EXPECTED_EN: Record<string, string> = {
  number: 'a number', string: 'a text', boolean: 'true or false', object: 'an object', array: 'a list', int: 'a whole number', bigint: 'a whole number', date: 'a date',
};

const department = (d: DepartmentWords) => `«${d.name}» (${d.sameAsName ? '' : `${d.code}, `}${vat(d.vatCode)})`;

const COLUMNS: Record<ImportColumn, string> = {
  sku: 'sku', description: 'description', price: 'price', vat_code: 'vat_code', department: 'department',
  department_vat: 'department_vat', barcode: 'barcode', sold_by_weight: 'sold_by_weight',
};
const delimiter = (d: string) => (d === '\t' ? 'tab' : d);

/** English figures: «€ 1,234.50». */
const eur = (cents: number) => `€ ${formatAmount(cents).replace(/[.,]/g, (m) => (m === '.' ? ',' : '.'))}`;
const qty = (milli: number) => formatQuantity(milli).replace(',', '.');
const pct = (tenths: number) => formatTenths(tenths, '.');

const CUSTOMER_FIELD: Record<CustomerField, string> = {
  kind: 'Kind', denominazione: 'Company name', nome: 'First name', cognome: 'Last name', codice_fiscale: 'Tax code',
  partita_iva: 'VAT number', paese_iva: 'VAT number country', codice_destinatario: 'Recipient code (SDI)', pec: 'PEC',
  indirizzo: 'Address', numero_civico: 'Street number', cap: 'Postcode', comune: 'Town', provincia: 'Province', nazione: 'Country', notes: 'Notes',
};

const ACTIONS: Record<string, string> = {
  'documents.void': 'Void of a sale',
  'documents.retry': 'Sending a document to the Agenzia delle Entrate again',
  'documents.cancelTransmission': 'Cancelling the sending to the Agenzia delle Entrate',
  'settings.save': 'Change of the settings',
  'settings.setSecret': 'Change of the credentials (Openapi, Agenzia delle Entrate)',
  'settings.testPrint': 'Test print',
  'catalog.save': 'Change of the catalogue',
  'catalog.import': 'Catalogue import from a file',
  'customers.deactivate': 'Deactivating a customer',
  'customers.delete': 'Deleting a customer',
  'customers.import': 'Customer import from a file',
  'customers.export': 'Customer export',
  'catalog.saveDepartment': 'Change of the departments',
  'operators.list': 'List of the operators',
  'operators.save': 'Change of the operators',
  'reports.period': 'Report for a period',
  'reports.finalSync': "The day's final sending to the Agenzia delle Entrate",
  'reports.closeDay': 'Closing the day (Z)',
  'setup.leaveTraining': 'Leaving training mode: from now on sales are fiscal',
  cash_out: 'Taking cash out of the drawer',
  close_day: 'Closing the day (Z)',
};
const action = (method: string) => ACTIONS[method] ?? 'Operation reserved to a manager';

/** «VAT number (Partita IVA)» where a field is named in full, «VAT number» before a detail. */
const FISCAL_ID_NAME: Record<FiscalIdField, { full: string; short: string }> = {
  partitaIva: { full: 'VAT number (Partita IVA)', short: 'VAT number' },
  codiceFiscale: { full: 'Tax code (codice fiscale)', short: 'Tax code' },
  adeTaxCode: { full: 'Fisconline/Entratel tax code (codice fiscale)', short: 'Fisconline/Entratel tax code' },
};

const SETUP_FIELD: Record<SetupField, string> = {
  tax_code: 'Fisconline/Entratel tax code', password: 'Fisconline/Entratel password', pin: 'Fisconline/Entratel PIN',
  vat_number: 'VAT number', email: 'e-mail', name: 'business name',
};
const unchanged = (writing: boolean) => (writing ? ' Nothing was changed on Openapi.' : '');

const REGIMES: Record<FiscalRegime, string> = {
  RF01: 'Ordinary',
  RF02: 'Minimum taxpayers',
  RF04: 'Agriculture and fishing',
  RF05: 'Salt and tobacco sales',
  RF06: 'Match trade',
  RF07: 'Publishing',
  RF08: 'Public telephone services',
  RF09: 'Public transport and parking tickets',
  RF10: 'Entertainment and games',
  RF11: 'Travel agencies',
  RF12: 'Farm holidays',
  RF13: 'Door-to-door sales',
  RF14: 'Second-hand goods, art, antiques',
  RF15: 'Auction agencies',
  RF16: 'Cash VAT (public administration)',
  RF17: 'Cash VAT',
  RF18: 'Other',
  RF19: 'Flat-rate',
};

const SECRET_WAYS: Record<CliSecret, string> = {
  token: '--token-file FILE, --token-stdin or BANCONE_OPENAPI_TOKEN',
  password: '--password-file FILE, --secrets-stdin or BANCONE_ADE_PASSWORD',
  pin: '--pin-file FILE, --secrets-stdin or BANCONE_ADE_PIN',
};

const STEP_WORDS: Record<FiscalStep, string> = {
  shop: 'step 1, the shop (name, VAT number, address)',
  ade: 'step 2, the link to the Agenzia delle Entrate through Openapi',
};
const STEP_SHORT: Record<FiscalStep, string> = { shop: 'step 1 (shop)', ade: 'step 2 (AdE through Openapi)' };
const WIZARD_STEP_SHORT: Record<SetupStep, string> = {
  ...STEP_SHORT, printer: 'step 3 (printer)', departments: 'step 4 (departments)', catalogue: 'step 5 (catalogue)', people: 'step 6 (people)',
};
const stepList = (steps: readonly SetupStep[]) => steps.map((s) => WIZARD_STEP_SHORT[s]).join(', ');

const PRESET_NAMES_EN: Record<DepartmentPresetCode, string> = {
  PANE: 'Bread and milk', ORTO: 'Fresh fruit and vegetables', LIBRI: 'Books', ERBE: 'Herbs',
  ALIM: 'Groceries', CARNE: 'Meat and fish', BAR: 'Bar and food service', FIORI: 'Flowers and plants',
  BEV: 'Drinks', VARIE: 'Sundries', CASA: 'Cleaning and household',
  GIORN: 'Newspapers and magazines', RICAR: 'Phone top-ups', USATO: 'Second-hand', ANTIC: 'Expenses paid for the customer',
};

const VAT_MEANING_EN: Record<string, string> = {
  '4': 'lowest rate 4 %: bread, fresh milk, fresh fruit and vegetables, newspapers and books',
  '5': 'reduced rate 5 %: herbs (basil, rosemary, sage), some social services',
  '10': 'reduced rate 10 %: groceries, meat and fish, bar and food service, flowers and plants',
  '22': 'standard rate 22 %: drinks, clothing, household goods and almost everything else',
  N1: 'N1 excluded under art. 15: sums advanced in the name and on behalf of the customer, late-payment interest, returnable packaging',
  N2: 'N2 outside the scope of VAT: e.g. newspapers, magazines and phone top-ups whose VAT the publisher or operator already paid (art. 74)',
  N3: 'N3 zero-rated: exports and supplies abroad (arts. 8, 8-bis, 9), e.g. tax-free sales to non-EU tourists',
  N4: 'N4 exempt (art. 10): e.g. health care, financial and insurance services, lottery tickets',
  N5: 'N5 margin scheme: second-hand goods, works of art, antiques and collectibles (VAT on the margin only, not shown)',
  N6: 'N6 reverse charge: the buyer pays the VAT, e.g. scrap and metals',
};

export const en = {
  common: {
    internal: ({ detail }) => `Internal error: ${detail}`,
    internalIn: ({ method, detail }) => `Internal error (${method}): ${detail.en}`,
    backendInternal: ({ detail }) => `Internal till error (${detail}): try again; if it happens again, restart Bancone`,
    diskFull: ({ dir }) =>
      `Disk full: the operation was not recorded. Free space on the data disk${dir ? ` (${dir})` : ''} and try again; everything recorded before is safe`,
  },

  input: {
    field: ({ field, detail }) => `Field "${field}": ${detail.en}`,
    required: 'required field missing',
    wrongType: ({ expected, received }) =>
      `expected ${EXPECTED_EN[expected] ?? expected}${received === null ? ' (value not shown)' : `, received ${received}`}`,
    tooShort: ({ minimum }) => `too short (minimum ${minimum})`,
    tooSmall: ({ minimum, inclusive, received }) =>
      `must be ${inclusive ? 'at least' : 'greater than'} ${minimum}${received === null ? '' : ` (received ${received})`}`,
    tooLong: ({ maximum }) => `too long (maximum ${maximum})`,
    tooLarge: ({ maximum, inclusive, received }) =>
      `must be ${inclusive ? 'at most' : 'less than'} ${maximum}${received === null ? '' : ` (received ${received})`}`,
    notAllowed: ({ allowed, received }) => `value not allowed${received === null ? '' : ` ${received}`} (allowed: ${allowed})`,
    controlCharacters: 'contains control characters (invisible, often pasted from another program): type the text again',
    blank: 'empty: only spaces or invisible characters',
    malformedText: 'contains an invalid character (damaged encoding)',
    notForMethod: ({ method, only }) => `not allowed with method "${method}" (only with "${only}")`,
    lineAmountTooLarge: ({ line, max }) => `Line ${line}: quantity × price above the maximum of ${max} per line`,
    documentTooLarge: ({ max }) => `The total is above the maximum of ${max} per document`,
    countTooLarge: ({ max }) => `The count is above the maximum of ${max}`,
    unknownFields: ({ keys }) => `unknown fields: ${keys}`,
    badFormat: 'invalid format',
    isoDay: 'invalid date, use YYYY-MM-DD',
    atMost3Decimals: 'at most 3 decimals',
    amountPositive: 'amount must be greater than zero',
    rangeOrder: 'from must not be after to',
  },

  fiscalId: {
    problem: ({ what, problem }) => {
      const name = FISCAL_ID_NAME[what];
      switch (problem) {
        case 'empty': return `${name.full}: required`;
        case 'length':
        case 'characters':
          return what === 'partitaIva'
            ? `${name.short}: 11 digits expected (numbers only)`
            : `${name.short}: 16 characters expected (e.g. RSSMRA85T10A562S), or a company's 11 digits`;
        case 'zero': return `${name.full}: all zeros is not a valid number`;
        case 'date': return `${name.short}: the day of birth (characters 10–11) is not valid`;
        case 'check':
          return what === 'partitaIva'
            ? `${name.short}: the check digit (the last one) does not match, there is a typo`
            : `${name.short}: the check character (the last one) does not match, there is a typo`;
      }
    },
  },

  customers: {
    field: ({ field }) => CUSTOMER_FIELD[field],
    required: ({ field }) => `${CUSTOMER_FIELD[field]}: required`,
    tooLong: ({ field, max }) => `${CUSTOMER_FIELD[field]}: too long (at most ${plural(max, 'character', 'characters')})`,
    country: ({ field }) => `${CUSTOMER_FIELD[field]}: the country's 2-letter code (e.g. IT, DE, FR)`,
    foreignVat: ({ country }) => `VAT number: a foreign VAT number (${country}) is letters and digits only, 2 to 28 of them`,
    personCf: 'Tax code: a person has 16 characters (e.g. RSSMRA85T10A562S); 11 digits are a company\'s codice fiscale',
    companyNeedsVat: 'VAT number: required for an Italian company or firm',
    personNeedsCf: 'Tax code: required for an Italian private customer',
    abroadNeedsId: 'VAT number: for a customer abroad give their tax identifier (VAT number or equivalent) and the country',
    sdiCode: 'Recipient code (SDI): 7 letters or digits (the customer gives it); leave it empty if they receive by PEC or in their cassetto fiscale',
    sdiAbroad: 'Recipient code (SDI): for a customer abroad it is XXXXXXX (leave it empty)',
    sdiAbroadOnly: 'Recipient code (SDI): XXXXXXX is only for a customer abroad (check the country)',
    pec: 'PEC: not a valid address (e.g. name@pec.it)',
    codeAndPec: 'PEC: only given when the customer has no recipient code (the invoice goes to the code); remove the PEC or the code',
    cap: 'Postcode: 5 digits (e.g. 20121)',
    capAbroad: 'Postcode: the e-invoice only takes 5 digits; leave it empty for a foreign postcode that differs',
    provincia: 'Province: the 2-letter code (e.g. MI, RM)',
    provinciaAbroad: 'Province: only for addresses in Italy (leave it empty for a customer abroad)',
    notFound: ({ id }) => `Customer not found: ${id}`,
    inUse: ({ name, uses }) =>
      `The customer ${name} cannot be deleted: it appears in ${plural(uses, 'document', 'documents')}. Deactivate it instead: it stays on the documents but is no longer offered`,
    kindInvalid: ({ value }) => `Kind: ${value} is not a kind of customer (write person or company)`,
    rowProblem: ({ line, detail }) => `Row ${line}: ${detail.en}`,
    csvEmpty: 'The CSV file is empty',
    csvNoRows: 'The file only has the header: no customers to import',
    csvHeaderMissing: ({ missing }) =>
      `CSV header: missing ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((f) => `«${CUSTOMER_FIELD[f].toLowerCase()}»`).join(', ')} (known columns: ${Object.values(CUSTOMER_FIELD).map((c) => c.toLowerCase()).join(', ')}, id)`,
    csvIdUnknown: ({ id }) => `Id: no customer has the id ${id} (leave it empty for a new customer)`,
    csvRepeated: ({ line }) => `the same customer is already on row ${line}`,
    importFileMissing: 'give the file: csv or csv_base64',
    summary: ({ r }: { r: CustomerImportOutcome }) => {
      if (!r.applied)
        return r.errors > 0
          ? `No customers imported: ${plural(r.errors, 'error', 'errors')} to fix${r.skipped < r.rows ? ' (or import only the good rows)' : ''}.`
          : 'No customers imported.';
      return `Imported ${plural(r.imported, 'customer', 'customers')} (${r.created} new, ${r.updated} updated)${r.skipped ? `; ${plural(r.skipped, 'row', 'rows')} skipped` : ''}.`;
    },
    saved: ({ name, id, created }) => `${created ? 'Customer added' : 'Customer updated'}: ${name} (id ${id})`,
    deactivated: ({ name }) => `Customer deactivated: ${name}`,
    deleted: ({ name }) => `Customer deleted: ${name}`,
    inputMissing: ({ usage }) => `The customer (JSON) is missing. Usage: ${usage}`,
  },

  catalog: {
    barcodeCheckDigitScan: 'Invalid barcode (wrong check digit): scan it again',
    scaleLabelCheckDigit: 'Invalid scale label (wrong price or weight check digit): scan it again',
    pluNotFound: ({ plu }) => `Scale label: item PLU ${plu} is not in the catalogue (add ${plu} to the product's barcodes)`,
    labelNotByWeight: ({ description }) => `Weight label for «${description}», which is sold by the piece: check the product in the Catalogue`,
    labelZero: ({ kind }) => `Scale label with zero ${kind}: weigh the product again`,
    department: ({ d }) => department(d),
    vat: ({ code }) => vat(code),
    departmentChoices: ({ departments }) => departments.map(department).join(', ') || 'none',
    departmentAmbiguous: ({ name, choices }) => `Several departments are named «${name}»: choose by code (${choices.en})`,
    departmentNotFound: ({ name, choices }) =>
      `Department «${name}» does not exist: choose an existing one (${choices.en}) or create it in Settings › Departments`,
    departmentCode: 'Invalid department code (letters, digits, max 32)',
    departmentName: 'The department name is required (max 60 characters)',
    departmentDuplicate: ({ other, field }) => `Department ${other} already exists: use it or choose another ${field}`,
    productNotFound: ({ id }) => `Product not found: ${id}`,
    skuImmutable: 'The sku cannot change: create a new product',
    skuTaken: ({ sku }) => `A product with sku ${sku} already exists`,
    barcodeTaken: ({ barcode, owner }) => `Barcode ${barcode} already belongs to product ${owner}`,
    barcodeCheckDigit: ({ barcode }) => `Barcode ${barcode} is not valid: wrong check digit (copy it again from the package)`,
    barcodeInvalid: 'invalid barcode',
    labelPrefixFormat: 'the prefix starts with 2 and has 1 to 4 digits',
    labelValueDigits: ({ left }) => `${left} digits left for the value: 4 to 6 are needed (prefix + PLU + value = 12 digits)`,
    labelValueCheckDigit: 'the value check digit exists only for 4- or 5-digit values',
    labelPrefixRepeated: ({ prefix }) => `prefix ${prefix} repeated`,
    base64Invalid: 'invalid base64',
    importFileMissing: 'give the file: csv or csv_base64',
    csvUnclosedQuote: ({ line }) => `Line ${line}: a quote is opened and never closed`,
  },

  csv: {
    column: ({ field }) => (field === '*' ? 'row' : COLUMNS[field]),
    rowProblem: ({ line, field, detail }) =>
      (field === '*' ? `Line ${line}: ${detail.en}` : `Line ${line}, column «${COLUMNS[field]}»: ${detail.en}`),
    encoding: ({ line }) =>
      `The file contains unreadable characters («\uFFFD» on line ${line}): it was saved or read with the wrong encoding. Import the spreadsheet's original file`,
    empty: 'The CSV file is empty',
    headerDuplicate: ({ field, first, firstColumn, second, secondColumn }) =>
      `Header: column «${COLUMNS[field]}» appears twice («${first}» in column ${firstColumn} and «${second}» in column ${secondColumn}): keep only one`,
    headerMissing: ({ missing, delimiter: d }) =>
      `CSV header: missing ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((f) => `«${COLUMNS[f]}»`).join(', ')} (known columns: ${Object.values(COLUMNS).join(', ')}; delimiter read: ${delimiter(d)})`,
    noRows: 'The file has only the header: no products to import',
    fieldCount: ({ expected, found, delimiter: d }) =>
      `expected ${expected} fields, found ${found} (check the delimiter «${delimiter(d)}» and the quotes)`,
    skuRequired: 'required',
    skuTooLong: 'too long (max 64 characters)',
    skuRepeated: ({ sku, line }) => `sku ${sku} already used on line ${line}`,
    descriptionRequired: 'required',
    descriptionTooLong: 'too long (max 1000 characters)',
    priceRequired: 'required (e.g. 12.50)',
    priceInvalid: ({ value }) => `invalid price ${value} (e.g. 12.50)`,
    priceTooHigh: ({ value }) => `price too high ${value} (max 1,000,000.00)`,
    vatInvalid: ({ value }) => `invalid VAT code ${value} (e.g. 22, 10, 4 or N2)`,
    departmentAmbiguous: ({ name }) => `several departments are named ${name}: give the department's code`,
    departmentOtherVat: ({ d, vat: v }) =>
      `department ${department(d)} already exists with another VAT (here ${vat(v)}): change it in Settings › Departments, not from the file`,
    newDepartmentOtherVat: ({ name, vat: v, line, here }) => `the new department ${name} has ${vat(v)} on line ${line}, here ${vat(here)}`,
    departmentNameInvalid: ({ name }) => `invalid department name ${name} (letters and digits, max 32)`,
    departmentMissing: ({ name, existing }) =>
      `department ${name} does not exist: create it in Settings › Departments or give its VAT in a «department_vat» column (existing: ${existing.map(department).join(', ') || 'none'})`,
    vatDiffersFromDepartment: ({ vat: v, d }) => `${vat(v)} differs from department ${department(d)}: the product is sold at ${vat(v)}`,
    vatMissing: 'the VAT code is missing (e.g. 22, 10, 4 or N2), or a department to take it from',
    weightInvalid: ({ value }) => `invalid value ${value}: write yes or no`,
    barcodeInvalid: ({ value }) => `invalid barcode ${value} (digits and letters only)`,
    barcodeCheckDigit: ({ barcode }) => `barcode ${barcode} is not valid: wrong check digit (copy it again from the package)`,
    barcodeInFile: ({ barcode, sku, line }) => `barcode ${barcode} already given to sku ${sku} on line ${line}`,
    barcodeOwned: ({ barcode, sku, description }) =>
      `barcode ${barcode} already belongs to product ${sku} ${description}: remove it from that product first`,
    summary: ({ r }) => {
      if (!r.applied)
        return r.errors > 0
          ? `Nothing imported: ${plural(r.errors, 'error', 'errors')} in ${plural(r.skipped, 'row', 'rows')} to fix${r.skipped < r.rows ? ' (or use --skip-bad to import the good rows)' : ''}.`
          : 'Nothing imported.';
      return `Imported ${plural(r.imported, 'product', 'products')} (${r.created} new, ${r.updated} updated)${r.skipped ? `; ${plural(r.skipped, 'row', 'rows')} skipped` : ''}.`;
    },
  },

  settings: {
    secretKeyInvalid: ({ file }) => `Invalid secrets key (${file})`,
    secretKeyUnreadable: ({ detail }) => `Secrets key unreadable: ${detail}`,
    secretUnreadable: ({ name }) => `Cannot read secret "${name}": different key or tampered data`,
    secretsUnavailable: 'Secret store not available',
    secretKeyElsewhere: ({ name }) =>
      `Cannot read secret "${name}": it was saved with a key that is not on this computer for this user (a data folder copied or moved from another machine?). Enter it again with «bancone onboard» or in the guided set-up.`,
    keysDirInsideData: ({ keys, data }) =>
      `The keys folder (${keys}) is inside the data folder (${data}): a copy of the data would carry the keys. Choose another data folder (BANCONE_DATA_DIR).`,
    safeStorageBasicText:
      'No system keyring (Electron would use «basic_text», a fixed password that is the same on every computer): the secrets key stays in the operating system keyring if there is one, otherwise in a file only this user can read, outside the data folder.',
  },

  approval: {
    priceChanged: ({ description, from, to }) => `Price changed: ${description} ${eur(from)} → ${eur(to)}`,
    openPrice: ({ limit, description, amount }) => `Open price above ${eur(limit)}: ${description} ${eur(amount)}`,
    fractionalQuantity: ({ description, quantity }) => `Fraction of an item sold by the piece: ${description} × ${qty(quantity)}`,
    complimentary: ({ description, quantity, amount }) =>
      `Complimentary: ${description}${quantity === 1000 ? '' : ` × ${qty(quantity)}`} (${eur(amount)})`,
    lineDiscount: ({ tenths, description, limit }) => `${pct(tenths)} % discount on ${description} (above ${limit} %)`,
    saleDiscount: ({ tenths, limit }) => `${pct(tenths)} % discount on the total (above ${limit} %)`,
    uncollected: ({ amount }) => `Uncollected: ${eur(amount)} (the goods leave unpaid)`,
    returnOverThreshold: ({ total, threshold }) => `Return of ${eur(total)} on this sale (above the ${eur(threshold)} threshold)`,
    returnOverThresholdWithEarlier: ({ refund, total, threshold }) =>
      `Return of ${eur(refund)}: with the earlier returns ${eur(total)} on this sale (above the ${eur(threshold)} threshold)`,
    cashRefundOfCard: ({ refund }) => `Cash refund (${eur(refund)}) of a sale paid by card`,
    action: ({ method }) => ACTIONS[method] ?? `${action(method)} (${method})`,
    actionOn: ({ method, what }) => `${action(method)}: ${what}`,
    actionOnPriced: ({ method, what, amount }) => `${action(method)}: ${what} ${eur(amount)}`,
    actionAmount: ({ method, amount, reason }) => `${action(method)}: ${eur(amount)}${reason ? ` (${reason})` : ''}`,
    voidSale: ({ number, amount }) => `Void of sale ${number} (${eur(amount)})`,
  },

  session: {
    notLoggedIn: 'Log in with your PIN',
    managerRequired: 'A manager PIN is required for this operation',
    unknownMethod: ({ name }) => `Unknown method: ${name}`,
    pinLocked: ({ seconds }) => `Too many wrong PINs: try again in ${seconds <= 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}`,
    pinWrong: 'Wrong PIN',
    setupDone: 'Operators already exist: log in with your PIN',
    approvalRequestUnknown: 'Approval request expired or not found: repeat the operation',
    pinFormat: 'The PIN must have 4 to 8 digits',
    pinFormatField: 'the PIN must have 4 to 8 digits',
    operatorUnknownOrInactive: ({ id }) => `Unknown or inactive operator: ${id}`,
    operatorName: 'The name is required (max 60 characters)',
    operatorUnknown: ({ id }) => `Unknown operator: ${id}`,
    lastManager: 'At least one active manager must remain',
    pinRequired: 'Give the new operator a PIN',
  },

  sale: {
    operatorMismatch: 'The sale operator must be the logged-in one',
    offlineRefused: 'No connection: the current settings refuse sales while offline. Check the network and try again, or ask a manager to allow offline sales in Settings',
    productNotFound: ({ line, field, ref }) => `Line ${line}: product not found (${field} ${ref})`,
    productOrFreeLine: 'give a product (barcode, sku) or description, price and VAT code',
    parkedNotFound: 'Parked sale not found (already resumed?)',
    lineDescriptionRequired: ({ line }) => `Line ${line}: description is required`,
    lineDescriptionTooLong: ({ line, max }) => `Line ${line}: description too long (max ${max} characters)`,
    lineQuantityInvalid: ({ line }) => `Line ${line}: quantity must be greater than zero`,
    linePriceInvalid: ({ line }) => `Line ${line}: price cannot be negative`,
    linePriceZero: ({ line, description }) =>
      `Line ${line} (${description}): the price must be greater than zero. To give an item away, mark it «Omaggio» at its real price`,
    lineDiscountInvalid: ({ line }) => `Line ${line}: discount cannot be negative`,
    lineOmaggioWithDiscount: ({ line }) => `Line ${line}: a complimentary line cannot also have a discount`,
    saleEmpty: 'The sale has no lines',
    saleDiscountInvalid: 'The sale discount cannot be negative',
    lineDiscountTooLarge: ({ line }) => `Line ${line}: discount exceeds the line amount`,
    saleDiscountTooLarge: 'The sale discount exceeds the total',
    paymentAmountInvalid: ({ payment }) => `Payment ${payment}: amount must be greater than zero`,
    mealVoucherCountRequired: ({ payment }) => `Payment ${payment}: the number of meal vouchers is required`,
    uncollectedKindRequired: ({ payment }) => `Payment ${payment}: say whether the uncollected amount is for goods or services`,
    paymentExceedsTotal: 'Non-cash payments exceed the total: change is given on cash only',
    paymentInsufficient: ({ missing }) => `Payments do not cover the total: € ${missing} missing`,
    lotteryCodeFormat: 'Invalid lottery code: 8 letters or digits required',
    lotteryMinTotal: 'Lottery code: the total must be at least € 1.00',
    lotteryNotElectronic: 'Lottery code: only allowed with a fully electronic payment',
  },

  ledger: {
    documentNotFound: ({ ref }) => `Document not found: ${ref}`,
    fiscalNumberNone: ({ number }) => `${number} failed: the Agenzia delle Entrate gave it no number to print`,
    fiscalNumberNotReady: ({ number }) =>
      `The AdE number of ${number} has not arrived from the Agenzia delle Entrate yet: it can be printed once it does`,
    retryExcluded: ({ number }) => `${number} is excluded from transmission: it cannot be sent again`,
    retryNotFailed: ({ number }) => `Document ${number} has not failed: nothing to retry`,
    syncUnavailable: 'Transmission is not running in this session',
    notASale: ({ number }) => `Document ${number} is not a sale`,
    saleVoided: ({ number, voidNumber }) => `Sale ${number} was already voided (${voidNumber})`,
    returnLineNotFound: ({ number, line }) => `Sale ${number} has no line ${line}`,
    returnLineDuplicate: ({ line }) => `Line ${line} given twice`,
    returnExceedsSold: ({ line, description, left }) => `Line ${line} (${description}): at most ${left} can be returned`,
    saleHasReturns: ({ number }) => `Sale ${number} has returns: it cannot be voided, return the rest instead`,
    voidTooLate: ({ number }) => `More than 24 hours since ${number} was transmitted: it can no longer be voided, make a full return`,
  },

  training: {
    notFiscal: ({ number }) =>
      `${number} is a training slip (training mode): it is not a fiscal document and cannot be returned, voided or sent to the AdE`,
    alreadyLeft: ({ since }) => `The till has been fiscal since ${since}: training mode cannot be turned back on`,
    setupIncomplete: ({ missing }) => `Cannot leave training mode: the set-up still needs ${missing.map((s) => STEP_WORDS[s]).join(' and ')}`,
    noFiscalDocuments: 'Training mode: no fiscal document can be issued until the shop is set up and a manager leaves training mode',
  },

  sync: {
    accountNotRegistered: ({ fiscalId }) =>
      `VAT number ${fiscalId} is not registered on Openapi: complete the set-up in Settings → Revenue Agency (or with "bancone onboard"). Sales stay queued and will be sent by themselves.`,
    accountReceiptsDisabled: ({ fiscalId }) =>
      `The receipts service is not enabled on Openapi for VAT number ${fiscalId}: enable it in Settings → Revenue Agency (or with "bancone onboard"). Sales stay queued and will be sent by themselves.`,
    accountInactive: ({ fiscalId }) =>
      `The Openapi configuration of VAT number ${fiscalId} is inactive: have Openapi reactivate it, then check Settings. Sales stay queued.`,
    accountWrongAddress: ({ detail }) =>
      `The Openapi API address does not answer like Openapi (${detail}): check it in Settings → Revenue Agency. Sales stay queued.`,
    accountCheckRefused: ({ fiscalId }) =>
      `Openapi refuses to check the configuration of VAT number ${fiscalId}: check the set-up in Settings → Revenue Agency. Sales stay queued.`,
    configToFix: 'Openapi configuration to be fixed: check VAT number, address and receipts service in Settings → Revenue Agency. Sales stay queued.',
    tokenRefused: 'Openapi token invalid or expired: enter a new one in Settings. Sales stay queued.',
    credentialsExpired: 'AdE credentials expired: update them in Settings',
    notInQueue: 'Document not in the transmission queue',
    tuningNotJson: 'BANCONE_SYNC_TUNING is not valid JSON',
    tuningInvalid: ({ detail }) => `Invalid BANCONE_SYNC_TUNING: ${detail}`,
    retryCancelled: 'This document is excluded from transmission (sale voided at the till, or a manager\'s "Do not transmit"): it cannot be sent again',
    retryNotFailed: 'The document has not failed: nothing to send again',
    cancelAlreadyCancelled: (doc) => `The ${doc.kind} ${doc.number} is already excluded from transmission`,
    cancelSending: (doc) => `The ${doc.kind} ${doc.number} is being sent right now: wait for the outcome and try again`,
    cancelChecking: (doc) =>
      `The ${doc.kind} ${doc.number} may already have reached the Revenue Agency: it is being checked. Wait for the check (a few minutes) and try again`,
    cancelAtAde: (doc) =>
      `The ${doc.kind} ${doc.number} already reached the Revenue Agency: its transmission cannot be cancelled${doc.kind === 'sale' ? ' (to reverse it: void or return)' : ''}`,
    cancelChildAtAde: (doc) =>
      `A return or void of ${doc.kind} ${doc.number} is being sent or already reached the Agency: the sale's transmission cannot be cancelled`,
    cancelReasonRequired: 'Write why the document is not to be transmitted (at least 3 characters)',
  },

  refusal: {
    zeroPrice: ({ doc }) =>
      `A line is priced € 0.00: the Revenue Agency does not accept zero-priced lines (to give something away use "Omaggio"). ${cap(thisDoc(doc))} cannot be transmitted as it is: ${CANCEL} and ring it up again with the right price, or with the line as an omaggio.`,
    payments: ({ doc }) =>
      `The recorded payments do not add up to the receipt total: the Agency does not accept it. "Retry" will not fix it: report it to support; if ${thisDoc(doc)} is not to be transmitted, ${CANCEL}.`,
    discount: (_params) =>
      `A discount is larger than its line or the receipt: the Agency does not accept it. Report it to support, or ${CANCEL} and ring the sale up again with the right discount.`,
    lottery: (_params) =>
      `The lottery code is not accepted: it needs a fully electronic payment and a total of at least € 1.00. ${CANCEL} and ring the sale up again without the lottery code, or report it to support.`,
    overReturn: ({ doc }) =>
      `The return exceeds what the Agency still has as returnable (part may already have been returned with another document). Check this sale's returns; if ${thisDoc(doc)} is not to be transmitted, ${CANCEL}.`,
    voidWindow: ({ doc }) =>
      `More than 24 hours have passed since the sale was transmitted: the Agency no longer accepts a void. Make a full return of the sale and ${CANCEL} of ${thisDoc(doc)}.`,
    alreadyVoided: ({ doc }) =>
      `The sale is already voided at the Agency: ${thisDoc(doc)} is not needed. ${CANCEL}.`,
    hasReturns: ({ doc }) =>
      `The sale already has returns at the Agency and cannot be voided: return what is left and ${CANCEL} of ${thisDoc(doc)}.`,
    parentMissing: ({ doc }) =>
      `The original sale cannot be found on Openapi as the till knows it: report it to support; if ${thisDoc(doc)} is not to be transmitted, ${CANCEL}.`,
    invalidData: ({ doc }) =>
      `The document holds a value the Agency does not accept (see the message below). Report it to support; if ${thisDoc(doc)} is not to be transmitted, ${CANCEL}.`,
    adeRejected: (_params) =>
      `The Revenue Agency discarded the document (see the message below). It often depends on the AdE credentials: check them in Settings, then press "Retry".`,
    other: (_params) =>
      `Openapi refused the document without saying clearly why (see the message below). Press "Retry" once the problem is solved, or ${CANCEL} if the document is not to be transmitted.`,
  },

  syncReport: {
    counts: ({ pending, inFlight, unknown, ready, failed, cancelled }) =>
      `AdE transmission: ${pending} queued, ${inFlight} in flight, ${unknown} to verify, ${ready} transmitted, ${failed} failed${cancelled ? `, ${cancelled} not transmitted (cancelled)` : ''}`,
    waitingForParent: ({ n }) => `${n} returns/voids wait for their sale`,
    tokenStop: 'STOPPED: Openapi token invalid or expired: enter a new one (Settings, or bancone onboard --token-file FILE). Sales stay queued.',
    openapiSaid: ({ message }) => `Openapi's message: "${message}"`,
    configStop: ({ problem }) => `STOPPED: ${problem.en}`,
    blackout: '23:55–00:00 blackout: sending resumes at midnight',
    paused: ({ reason, until }) =>
      `Paused (${{ rate_limit: 'rate limited', offline: 'network unreachable', unverified: 'Openapi does not answer the configuration check' }[reason]}) until ${until}`,
    documentRefused: 'a document was refused (see below and bancone sync --failed)',
    unreachable: 'Openapi unreachable',
    checkFailed: 'Openapi configuration check failed',
    transmissionProblem: 'transmission problem',
    lastProblem: ({ at, what }) => `Last problem (${at}): ${what.en}`,
    technicalDetail: ({ message }) => `Technical detail: "${message}"`,
    lastSuccess: ({ at, next }) => `Last success: ${at}; next attempt: ${next}`,
    credentialsExpired: ({ at }) => `AdE credentials EXPIRED on ${at}: update them with bancone onboard`,
    credentialsExpiring: ({ days, at }) => `AdE credentials expire in ${days} days (${at})`,
    failedDocument: ({ number, kind, amount, explanation }) => `✗ ${number} (${kind}, ${amount}): ${explanation.en}`,
    refuserSaid: ({ source, message }) =>
      `${{ till: 'Till check', openapi: "Openapi's message", ade: "Revenue Agency's message" }[source]}: "${message}"`,
  },

  setup: {
    printerMissing: 'Printer: enter the printer’s address (e.g. tcp://192.168.1.50:9100) and save, or skip the step',
    printerUntested: 'Printer: print a test page and check that it comes out, or skip the step',
    noDepartments: 'Departments: create at least one department with its VAT rate, or skip the step',
    noProducts: 'Catalogue: import a CSV file or add an item, or skip the step (you can also sell by department)',
    noManager: 'People: at least one active manager is needed',
    nameRequired: "Business name: required (the shop's registered name)",
    addressRequired: 'Address: required (it is printed on the receipt: street, postcode and town)',
    settingsSetupKey: ({ key }) => `"${key}" is recorded by the guided set-up, it is not set by hand`,
    regime: ({ code }) => REGIMES[code],
    urlRequired: 'Openapi address: required for a custom environment (e.g. https://invoice.openapi.com)',
    urlNotFull: 'Openapi address: not a full web address (it must start with https://)',
    urlInsecure: 'Openapi address: it must start with https:// (the token travels with every request and must not go in clear)',
    urlExtras: 'Openapi address: only the service address, without user, parameters or #',
    urlNotCustom: 'Openapi address: only given with "Other address"',
    tokenRequired: "Openapi token: required (it is created in Openapi's console)",
    tokenEmpty: 'Openapi token: empty',
    tokenSpaces: 'Openapi token: it contains spaces, probably a bad copy (copy it again, whole)',
    tokenAccepted: ({ address, environment, companies }) =>
      `Openapi (${address ?? environment}) accepts the token: ${companies === 0 ? 'no company registered with this account yet' : companies === 1 ? '1 company registered with this account' : `${companies} companies registered with this account`}.`,
    shopFirst: "The shop's details first (step 1): the VAT number and business name to register on Openapi are needed",
    adePasswordRequired: 'Fisconline/Entratel password: required',
    adePinInvalid: "Fisconline/Entratel PIN: the digits of the Agency's full PIN are needed (usually 10: 4 from the letter and 6 from the site)",
    emailRequired: 'E-mail: required (Openapi sends its notices there and it cannot be changed later)',
    emailInvalid: ({ email }) => `E-mail: "${email}" is not a valid e-mail address`,
    emailKept: ({ email }) => `On Openapi the e-mail stays ${email}: it cannot be changed after registration.`,
    receiptsOff: ({ fiscalId }) =>
      `Openapi registered VAT number ${fiscalId} but the receipts service is off: enable it in Openapi's console (IT-receipts service), then press "Register" again.`,
    credentialsValidUntil: ({ day }) => ` AdE credentials valid until ${day}: the till warns 10 days before they are to be renewed.`,
    companyRegistered: ({ created, fiscalId, expiry, notes }) =>
      `${created ? 'Shop registered' : 'Registration updated'} on Openapi for VAT number ${fiscalId}: e-receipts enabled.${expiry?.en ?? ''}${notes.length ? ` ${notes.map((n) => n.en).join(' ')}` : ''}`,
    registerFirst: 'The shop is not registered on Openapi yet: complete the «Agenzia delle Entrate» step with "Register" first',
    credentialsRenewed: ({ expiry }) => `AdE credentials updated on Openapi.${expiry?.en ?? ''}`,
    unavailable: 'This till cannot talk to Openapi from here (secret store not wired)',
    credentialsExpired: 'The AdE (Fisconline/Entratel) credentials expired: receipts stay queued until they are renewed. Change the password on the Agency\'s site, then enter it here with "Renew".',
    credentialsExpiring: ({ days, day }) =>
      `The AdE (Fisconline/Entratel) credentials expire ${days === 1 ? 'tomorrow' : `in ${days} days`} (${day}): change the password on the Agency's site, then enter it here with "Renew".`,
    verifyReceiptsOff: 'On Openapi the receipts service is off: press "Register" to turn it on again.',
    verifyNoCredentials: 'Openapi has no AdE (Fisconline/Entratel) credentials: enter them and press "Register".',
    verifyInactive: "On Openapi the configuration is deactivated: contact Openapi's support.",
    verifyNameDiffers: ({ remote, local }) =>
      `On Openapi the registered name is "${remote}" (here "${local}"): receipts print the till's; it cannot be changed on Openapi.`,
    verifyAllGood: ({ fiscalId }) => `Openapi holds VAT number ${fiscalId} with receipts enabled and the AdE credentials: all in order.`,
    verifyToFix: ({ fiscalId }) => `Openapi holds VAT number ${fiscalId}, but something needs fixing (see below).`,
    tokenForbidden: ({ writing }) =>
      `The Openapi token is not allowed to do this: create one in Openapi's console with the invoice.openapi.com scopes for IT-configurations and IT-receipts (GET, POST, PATCH, DELETE), then enter it here.${unchanged(writing)}`,
    tokenRefused: ({ writing }) =>
      `Openapi does not accept the token: check it was copied whole and belongs to the chosen environment (a sandbox token is not valid in production, and vice versa); if it expired, create a new one in Openapi's console.${unchanged(writing)}`,
    rateLimited: ({ seconds, writing }) =>
      `Openapi asks to slow down: try again ${seconds !== null ? `in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}` : 'in a few minutes'}.${unchanged(writing)}`,
    unreachable: ({ network, writing }) =>
      network
        ? `Openapi cannot be reached: check the till's internet connection, then try again.${unchanged(writing)}`
        : `Nothing answers at Openapi's address: check the chosen address (environment) and the connection, then try again.${unchanged(writing)}`,
    uncertain: ({ writing }) =>
      writing
        ? 'Openapi gave no clear answer: the request may have arrived. Press "Verify" to see the configuration as Openapi holds it, then try again if needed (trying again creates no duplicate).'
        : 'Openapi gave no clear answer (service in trouble or answer cut): try again in a few minutes.',
    wrongAddress: ({ status, writing }) =>
      `Openapi does not answer at the chosen address (HTTP ${status}): check the environment or the custom address.${unchanged(writing)}`,
    accountPayment: ({ writing }) =>
      `The Openapi account of this token has no credit or no active receipts subscription: top it up or subscribe in Openapi's console, then try again.${unchanged(writing)}`,
    alreadyRegistered: ({ fiscalId, writing }) =>
      `VAT number ${fiscalId} is already registered on Openapi, but not with this token's account: enter the token of the account that registered it, or ask Openapi's support to move it to this account.${unchanged(writing)}`,
    adeTaxCodeNotEnabled: ({ writing }) =>
      `The Fisconline/Entratel tax code is not enabled to transmit receipts for this VAT number: enable it (or appoint it) in the Agenzia delle Entrate's «Fatture e Corrispettivi» portal, then try again.${unchanged(writing)}`,
    receiptsNotEnabled: ({ fiscalId, writing }) =>
      `The e-receipts service is not enabled on Openapi for VAT number ${fiscalId}: enable it in Openapi's console (IT-receipts service), then press "Register" again.${unchanged(writing)}`,
    adeCredentialsRefused: ({ writing }) =>
      `The Agenzia delle Entrate does not accept the Fisconline/Entratel credentials: check tax code, password and PIN (the Agency's password expires every 90 days: if it did, change it on the Agency's site and enter the new one).${unchanged(writing)}`,
    notEditable: ({ field, writing }) =>
      `On Openapi the ${SETUP_FIELD[field]} cannot be changed after registration: keep the registered one, or ask Openapi's support.${unchanged(writing)}`,
    notRegistered: ({ fiscalId, writing }) =>
      `Openapi has no configuration for VAT number ${fiscalId}: press "Register" to create it.${unchanged(writing)}`,
    fieldRefused: ({ field, writing }) => `Openapi does not accept the ${SETUP_FIELD[field]}: check it and try again.${unchanged(writing)}`,
    refused: ({ status, writing }) =>
      `Openapi refused the request (HTTP ${status}): check the data entered; if everything is right, show the message below to support.${unchanged(writing)}`,
    withDetail: ({ advice, theirs, message }) => `${advice.en}\n${theirs ? "Openapi's message" : 'Technical detail'}: "${message}"`,
  },

  printing: {
    zReportInvalid: ({ detail }) => `Report cannot be printed: ${detail}`,
    printJobNoDocument: 'Print job without a document',
    printJobBadPayload: 'Invalid report data',
    trainingJobBadPayload: 'Invalid training receipt data',
    printJobKindUnknown: ({ kind }) => `Unknown print job kind: ${kind}`,
    printerCodepage: ({ model }) => `Printer ${model} does not support code page 858 (€)`,
    printerModelUnknown: ({ model }) => `Unknown printer model: ${model}`,
    stateReady: 'Printer ready',
    stateReadyPaperNearEnd: 'Printer ready, paper near end',
    statePaperOut: 'Paper out: replace the roll',
    stateCoverOpen: 'Printer cover open',
    stateOffline: 'Printer offline',
    stateError: 'Printer error (cutter or head)',
    stateUnreachable: 'Printer unreachable',
    stateTimeout: 'The printer does not answer',
    stateNotConfigured: 'No printer configured',
    stateUnknown: 'Printer status not available',
    stateWithDetail: ({ state, detail }) => `${state.en}: ${detail.en}`,
    noAnswerFrom: ({ target, ms }) => `no answer from ${target} within ${ms} ms`,
    connectionRefused: ({ target }) => `connection refused by ${target}`,
    connectionFailed: ({ target, cause }) => `${target} (${cause})`,
    noStatusReply: ({ cause }) => cause,
    printingInterrupted: 'printing interrupted',
    printingNotConfirmed: 'printing not confirmed',
    connectionLost: 'Connection to the printer lost',
    connectionLostBecause: ({ cause }) => `Connection to the printer lost (${cause})`,
    ioError: ({ detail }) => `Printer I/O error: ${detail}`,
    stalled: 'The printer stopped accepting data',
    notConfigured: 'No printer configured: set it up in Settings',
    urlInvalid: ({ url, detail }) => `Invalid printer address "${url}": ${detail.en}`,
    urlExpectedTcp: 'expected tcp://host:port',
    urlStatusOnOff: 'status must be on or off',
    urlQueueInvalid: 'invalid queue name',
    queueMissing: ({ queue }) => `Print queue "${queue}" does not exist`,
    queuePaused: ({ queue }) => `Print queue "${queue}" is paused`,
    queueActive: 'Print queue active (paper status not available)',
    urlPrinterMissing: 'missing printer name',
    urlExpectedSerial: 'expected serial:///dev/ttyUSB0?baud=9600',
    urlBaudUnsupported: ({ baud }) => `unsupported baud rate ${baud}`,
    urlUsbUseQueue: 'for USB printers use the OS queue (lp://QUEUE on Linux/macOS, winspool://NAME on Windows)',
    urlScheme: 'use tcp://, lp://, winspool:// or serial://',
    spoolerMissing: ({ command }) => `Command "${command}" not found: install the print system (CUPS)`,
    spoolerError: ({ detail }) => `Print system error: ${detail}`,
    spoolerRefused: ({ why }) => `The print system refused the job: ${why}`,
    windowsPrinterError: ({ printer, code, detail }) => `Windows printer "${printer}": error ${code} ${detail}`.trim(),
    serialUnavailable: ({ device, cause }) => `Serial port ${device} not available (${cause})`,
    jobTimeout: ({ limit }) => `The printer did not finish the job within ${limit}`,
  },

  reports: {
    dayClosed: ({ day, zNumber }) => `Business day ${day} is closed (Z no. ${zNumber}): it cannot be changed`,
    floatAlreadySet: ({ day, amount }) =>
      `The opening float for ${day} is already recorded (${amount}): record a cash in or out to correct it`,
    cashOutExceedsDrawer: ({ amount, expected }) => `Cash out of ${amount} exceeds the cash expected in the drawer (${expected})`,
    movementReasonRequired: 'give the reason for the movement',
    denominationInvalid: ({ denominations }) => `invalid denomination: use the value in cents (${denominations})`,
    noClosedDay: 'No business day has been closed yet',
    dayNotClosed: ({ day }) => `Business day ${day} is not closed yet: use the X reading or close the day`,
    dayHasUnsentDocuments: ({ notReady, pending, failed }) =>
      `${plural(notReady, 'document', 'documents')} not yet accepted by the Agenzia delle Entrate (${pending} pending, ${failed} failed): closing anyway needs a note saying why`,
    finalSyncFailed: ({ error }) =>
      `Final transmission to the Agenzia delle Entrate failed (${error}): retry, or close anyway (--force) with a note`,
    dayAlreadyClosed: ({ day, zNumber, closedAt }) =>
      `Business day ${day} is already closed (Z no. ${zNumber} at ${closedAt}): its Z report can only be reprinted`,
    closableTodayAt: ({ hour }) => `from ${hour} today`,
    closableTomorrow: 'from tomorrow',
    closableFrom: ({ day }) => `from ${day}`,
    nextClosingAfter: ({ closedDay, zNumber, closedAt, day, when }) =>
      `Business day ${closedDay} already closed (Z no. ${zNumber} at ${closedAt}). The next closing, for business day ${day}, can be done ${when.en}.`,
    lastClosing: ({ zNumber, day }) => ` Last closing: Z no. ${zNumber}, business day ${day}.`,
    dayNotStarted: ({ day, when, last }) => `Business day ${day} has not begun yet: it can be closed ${when.en}.${last?.en ?? ''}`,
  },

  invoicingQueue: {
    no_provider: 'Invoices: no e-invoicing service chosen; invoices wait in the queue (Settings, E-invoicing)',
    no_credential: "Invoices: the e-invoicing service's key or password is missing; invoices wait in the queue (Settings, E-invoicing)",
    openapi_not_configured: 'Invoices: Openapi is not configured (token and VAT number); invoices wait in the queue (guided set-up, step 2)',
    notFailed: ({ number, state }) => `Invoice: ${number} is not refused (${state}); «Retry» is only for an invoice the service refused`,
  },
  invoiceSending: {
    pending: 'To be sent',
    sending: 'Sending',
    unknown: 'Checking: before sending it again the till asks whether the service already has it',
    queued: 'Received by the service, waiting to go to the SDI',
    sent: 'Sent to the SDI, waiting for the outcome',
    delivered: 'Delivered to the customer',
    not_delivered: "Not delivered: it is in the customer's cassetto fiscale; tell the customer and give them the courtesy copy",
    rejected: 'Rejected by the SDI: issue it again, corrected, within 5 days',
    failed: 'Refused by the service: correct it and try again',
  },
  invoiceSender: {
    accountStopped: ({ detail }) => `Invoices: queue stopped, the service refuses access (${detail}). Fix it in Settings, E-invoicing (or in the service's console); invoices wait in the queue, none is lost`,
    limited: ({ detail }) => `Invoices: waiting (${detail}); invoices wait in the queue and go by themselves`,
    providerGone: ({ provider, count }) =>
      `Invoices: ${count} ${count === 1 ? 'invoice' : 'invoices'} already sent to ${provider} ${count === 1 ? 'awaits its' : 'await their'} outcome, but ${provider} is no longer configured: choose it again in Settings to follow ${count === 1 ? 'it' : 'them'}`,
    held: ({ count }) => `${count} ${count === 1 ? 'invoice waits' : 'invoices wait'} for the linked invoice (a credit note goes after its invoice, a re-issue after the rejection)`,
    internalError: ({ detail }) => `Internal error while sending: ${detail}; trying again later`,
    queueLine: ({ counts }) => `Invoice queue: ${counts}`,
    queueRuns: 'The invoice queue is running',
    nextAttempt: ({ at }) => `Next attempt: ${at}`,
    service: ({ provider }) => `Service: ${provider}`,
    sdiId: ({ id }) => `SDI id: ${id}`,
    errorLine: ({ code, message }) => `SDI error ${code}: ${message}`,
    adviceLine: ({ advice }) => `  What to do: ${advice}`,
    todoReissue: ({ number }) => `What to do: fix and re-issue with «bancone invoice reissue ${number}» (within 5 days)`,
    todoRetry: ({ number }) => `What to do: fix the cause, then «bancone invoice retry ${number}»`,
    todoNotDelivered: 'What to do: tell the customer the invoice is in their cassetto fiscale and give them the courtesy copy',
    retried: ({ number }) => `Invoice ${number} back in the queue: it goes with the next round`,
    statusHead: ({ kind, number, date, customer, total }) =>
      `${kind === 'TD01' ? 'Invoice' : 'Credit note'} no. ${number} of ${date}, ${customer}, ${eur(total)}`,
    stateLine: ({ label }) => `State: ${label}`,
    reasonLine: ({ reason }) => `Reason: ${reason}`,
    countLine: ({ count, label }) => `  ${count} × ${label}`,
    docMissing: ({ usage }) => `Give the invoice (number, e.g. 2026/0001, or id). Usage: ${usage}`,
    reissued: ({ number, replaces }) => `Invoice no. ${number} issued to replace the rejected ${replaces}; waiting to be sent`,
  },
  invoiceReissue: {
    notRejected: ({ number, state }) => `Invoice: ${number} was not rejected by the SDI (${state}); only a rejected invoice is re-issued`,
    alreadyReissued: ({ number, reissue }) => `Invoice: ${number} was already re-issued as invoice ${reissue}`,
    causale: ({ number, date }) => `Re-issue of invoice no. ${number} of ${date} rejected by the SDI`,
  },
  sdiAdvice: {
    c00001: "Invalid file name: check the shop's VAT number and tax code in Settings, then re-issue",
    c00002: 'File name already used for another submission: re-issue the invoice (the re-issue has a new progressive)',
    c00200: 'File not conforming to the FatturaPA format: re-issue; if it happens again, send the file to support (bancone invoice xml)',
    c00305: "The customer's VAT number is not valid for the tax register: fix it in «Customers» and re-issue",
    c00306: "The customer's tax code is not valid: fix it in «Customers» and re-issue",
    c00311: "The customer's recipient code is not valid: ask the customer for the right code (7 characters) or their PEC, fix it in «Customers» and re-issue",
    c00312: 'Recipient code not active: ask the customer for the right code or their PEC, fix it in «Customers» and re-issue',
    c00400: "VAT nature missing on a line without VAT: fix the department's or product's VAT (nature N1–N7) and re-issue",
    c00401: "Invalid VAT rate, or a nature given with a rate: check the products' VAT and re-issue",
    c00403: "Invoice date in the future: check the computer's date and time, then re-issue",
    c00404: 'Invoice already received by the SDI (same number, date and customer): check whether it arrived; if not, re-issue it (it gets a new number)',
    c00417: "The customer's VAT number and tax code are both missing: complete them in «Customers» and re-issue",
    c00418: 'Date before the linked invoice: a credit note cannot precede the invoice it corrects; re-issue with the right date',
    c00421: 'VAT not consistent with taxable amount and rate: send the file to support (bancone invoice xml), then re-issue',
    c00422: 'Taxable amount not consistent with the sum of the lines: send the file to support (bancone invoice xml), then re-issue',
    c00423: "A line's total price differs from quantity times unit price: send the file to support (bancone invoice xml), then re-issue",
    c00425: 'Invoice number without digits: the number must contain at least one digit (check the prefix in Settings) and re-issue',
    c00426: "Customer's PEC given with a recipient code other than 0000000: with a PEC the code is 0000000; fix it in «Customers» and re-issue",
    c00427: 'Recipient code of the wrong length (7 characters for a business, 6 for the public administration): fix it in «Customers» and re-issue',
  },

  invoices: {
    saleNotASale: ({ number }) => `Sale: ${number} is a return or a void; an invoice is issued for the sale (a return of an invoiced sale gets a credit note)`,
    alreadyInvoiced: ({ sale, invoice }) => `Sale: sale ${sale} is already invoiced (invoice ${invoice}); it cannot be invoiced twice`,
    saleVoided: ({ sale, voidNumber }) => `Sale: sale ${sale} is voided (void ${voidNumber}); it cannot be invoiced`,
    saleReturned: ({ sale }) => `Sale: sale ${sale} was returned in full; nothing is left to invoice`,
    customerUnknown: ({ ref }) => `Customer: no customer has id, tax code or VAT number «${ref}» (add it first under «Customers»)`,
    customerAmbiguous: ({ ref, count }) => `Customer: ${plural(count, 'customer has', 'customers have')} «${ref}»; give the customer's id`,
    customerInactive: ({ name }) => `Customer: ${name} is deactivated; reactivate them under «Customers» to invoice them`,
    returnNotARefund: ({ number }) => `Return: ${number} is a sale; a credit note is issued for a return or a void`,
    returnSaleNotInvoiced: ({ refund, sale }) => `Return: sale ${sale} (of ${refund}) is not invoiced; a credit note only corrects an invoice`,
    creditNoteExists: ({ refund, invoice }) => `Return: ${refund} already has credit note ${invoice}`,
    notFound: ({ ref }) => `Invoice not found: ${ref}`,
    prefixInvalid: 'Invoice prefix: up to 8 letters, digits, «-» or «/» (e.g. «A-»), or empty',
    created: ({ kind, number, customer }) => `${kind === 'TD01' ? 'Invoice' : 'Credit note'} no. ${number} issued to ${customer}; waiting to be sent`,
    listLine: ({ number, date, kind, customer, total, state }) =>
      `${number}  ${date}  ${kind === 'TD01' ? 'invoice' : 'credit note'}  ${customer}  ${eur(total)}  ${state === 'pending' ? 'to send' : state}`,
    listEmpty: 'No invoices',
    createUsage: ({ usage }) => `Give the sale (--sale) and the customer (--customer), or the return (--return). Usage: ${usage}`,
    // `bancone invoice pdf` (the courtesy copy)
    pdfWritten: ({ number, path }) => `Courtesy copy of invoice ${number}: ${path}`,
    pdfUsage: ({ usage }) => `Give the invoice (number, e.g. 2026/0001, or id). Usage: ${usage}`,
  },

  fatturapa: {
    shopAddressUnreadable: 'Shop address: an invoice needs street, postcode (5 digits) and town, e.g. «Via Roma 1», new line, «10121 Torino (TO)» (Settings, shop)',
    shopVatNumberMissing: "Shop's VAT number: missing (guided set-up, step 1)",
    shopTaxCodeMissing: "Shop's tax code: missing (guided set-up, step 1)",
    shopNameMissing: "Shop's business name: missing (guided set-up, step 1)",
    numberInvalid: 'Invoice number: 1 to 20 characters without accents, with at least one digit (e.g. 2026/0001)',
    dateInvalid: 'Invoice date: use YYYY-MM-DD',
    transmissionIdInvalid: 'Transmission number: 1 to 10 letters or digits',
    customerNameRequired: 'Customer: give the business name (company) or first and last name (person)',
    customerNameBoth: 'Customer: either the business name (company) or first and last name (person), not both',
    customerIdRequired: 'Customer: a VAT number or a tax code is required',
    customerCountryInvalid: 'Country: two capital letters (e.g. IT, DE)',
    customerForeignVatInvalid: 'Foreign VAT number: 1 to 28 letters or digits',
    customerCapInvalid: 'Postcode: 5 digits',
    customerProvinceInvalid: 'Province: its two-letter code (e.g. TO)',
    customerRecipientCodeInvalid: 'SDI recipient code: 7 characters, capital letters or digits',
    customerPecInvalid: 'PEC: not a valid e-mail address',
    customerTextRequired: ({ field }) => `${field}: required`,
    creditNoteNeedsInvoice: 'Credit note: give the invoice it corrects (number and date)',
    creditNoteOnlyForReturns: 'Credit note: it is issued for a return or a void, not for a sale',
    invoiceNotForReturns: 'Invoice: it is issued for a sale; a return or void of an invoiced sale needs a credit note',
    receiptCited: ({ number, date, adeNumber }) =>
      `Invoice for the commercial document no. ${number} of ${date}${adeNumber ? ` (AdE no. ${adeNumber})` : ''}`,
  },

  reconciliation: {
    dateRequired: ({ usage }) => `The business day is missing: --date YYYY-MM-DD.\nUsage: ${usage}`,
    empty: ({ date }) => `No electronic payments on ${date}: the export is empty`,
  },

  invoicing: {
    openapiTokenRefused: 'Openapi does not accept the token (wrong or expired): enter a valid one in Settings, invoicing service. The invoices stay queued.',
    openapiForbidden: ({ apiMessage }) =>
      `The Openapi token may not send invoices (${apiMessage}): create one in the Openapi console with the scopes for IT-invoices (GET, POST), then enter it in Settings. The invoices stay queued.`,
    openapiInvoicesNotEnabled: ({ fiscalId }) =>
      `Electronic invoices (customer_invoice) are not enabled on Openapi for VAT number ${fiscalId}: enable them in the guided set-up, Openapi step («Enable invoices»), or in the Openapi console. The invoices stay queued.`,
    openapiNotRegistered: ({ fiscalId }) =>
      `VAT number ${fiscalId} is not registered on Openapi with this token: complete the guided set-up, Openapi step. The invoices stay queued.`,
    openapiWrongAddress: ({ status }) =>
      `The Openapi address answers HTTP ${status} without Openapi's words: check the address in Settings. The invoices stay queued.`,
    openapiXmlInvalid: ({ detail }) =>
      `Invoice refused by Openapi: the XML does not follow the FatturaPA schema (${detail}). Nothing went to the SDI: correct it and send it again.`,
    openapiRefused: ({ status, detail }) => `Invoice refused by Openapi (HTTP ${status}): ${detail}. Nothing went to the SDI.`,
    openapiInvoiceNotFound: ({ remoteId }) => `Openapi does not know invoice ${remoteId}.`,
    openapiRateLimited: ({ seconds }) => `Openapi asks to slow down (too many requests): next try in ${plural(seconds, 'second', 'seconds')}.`,
    openapiAmbiguous: ({ detail }) =>
      `Openapi gave no certain answer (${detail}): before sending again the till checks whether the invoice already arrived.`,
    openapiInvoicesEnabled: ({ fiscalId }) =>
      `Electronic invoices enabled on Openapi for VAT number ${fiscalId}: invoices leave the till with the same token as the receipts.`,
    openapiInvoicesStillOff: ({ fiscalId }) =>
      `Openapi received the request but electronic invoices (customer_invoice) stay off for VAT number ${fiscalId}: enable them in the Openapi console or ask Openapi's support.`,
  },

  invoicingProviders: {
    endpointNotFound: ({ service }) => `${service}: service address not found (404); check the address in Settings`,
    unreachable: ({ service }) => `${service}: no certain answer; before sending the invoice again the till checks whether the service already has it`,
    serverError: ({ service, status }) => `${service}: service error (HTTP ${status}); before sending again the till checks whether the invoice arrived`,
    unreadable: ({ service }) => `${service}: unreadable answer; before sending again the till checks whether the invoice arrived`,
    authRefused: ({ service }) => `${service}: credentials refused; check user, password or API key in Settings`,
    invoiceRefused: ({ service, detail }) => `${service} refused the invoice: ${detail}`,
    notFound: ({ service, id }) => `${service}: invoice ${id} is not held by the service`,
    rateLimited: ({ service, at }) => `${service}: too many requests; next attempt from ${at}`,
    hourQuotaUsed: ({ at }) => `Fattura24: the 200 calls of the last hour are used up; next attempt from ${at}`,
    dayQuotaUsed: ({ at }) => `Fattura24: the 500 daily calls are used up; the queue starts again on ${at}`,
  },

  cli: {
    errorLine: ({ code, words }) => `Error [${code}]: ${words.en}`,
    importNotice: ({ words }) => `Notice: ${words.en}`,
    importReadAs: ({ encoding, delimiter: d }) => `Read as ${encoding}, delimiter «${delimiter(d)}».`,
    importColumnsNotRead: ({ columns }) => `Columns not read: ${columns.map((c) => `«${c}»`).join(', ')}.`,
    importNewDepartment: ({ code, name, vatCode }) => `New department: ${code} «${name}» (VAT ${vatCode}).`,
    receiptNotPrintedAsked: 'Receipt not printed (--no-print)',
    receiptPrinted: ({ drawerOpened }) => `Receipt printed${drawerOpened ? ', drawer opened' : ''}`,
    receiptNotPrinted: ({ reason, drawerOpened, number }) =>
      `Receipt NOT printed: ${reason.en}.${drawerOpened ? ' The cash drawer was opened.' : ''} The sale is recorded and its receipt stays queued: it prints by itself while the till app is open, or now with «bancone print sale ${number}» (all waiting receipts: «bancone print queue --run»).`,
    invalidArguments: ({ detail }) => `Invalid arguments: ${detail}`,
    usage: ({ usage }) => `Usage: ${usage}`,
    fileNotReadable: ({ file }) => `Cannot read file: ${file}`,
    jsonInvalid: ({ source, detail }) => `Invalid JSON in ${source}: ${detail}`,
    saleInputMissing: ({ usage }) => `Missing sale input. Usage: ${usage}`,
    amountMissing: ({ usage }) => `Missing or invalid amount (--amount). Usage: ${usage}`,
    countedJsonMissing: ({ usage }) => `Missing --counted-json. Usage: ${usage}`,
    syncTimeoutInvalid: ({ value }) => `Invalid --sync-timeout: ${value}`,
    dateInvalid: ({ date }) => `Invalid date: ${date} (use YYYY-MM-DD)`,
    dateInvalidFor: ({ option, value }) => `Invalid date for --${option}: ${value} (use YYYY-MM-DD)`,
    countRequired: ({ usage }) => `The cash count is missing: --counted-json FILE. Usage: ${usage}`,
    portInvalid: ({ port }) => `Invalid port: ${port}`,
    syncNotConfigured: ({ missing }) => `Sync not configured: missing ${missing}`,
    syncOneAction: ({ usage }) => `Give exactly one action.\nUsage: ${usage}`,
    timeoutInvalid: '--timeout: a positive number of seconds',
    cancelReasonRequired: '--reason: write why the document is not to be transmitted (at least 3 characters)',
    pdfNotAvailable: 'PDF not available: the document is not transmitted yet or Openapi does not answer',
    reportTypeMissing: ({ usage }) => `Give x, z or period. Usage: ${usage}`,
    periodNeedsRange: 'The period summary needs --from and --to',
    saleMissing: ({ usage }) => `Give the sale. Usage: ${usage}`,
    secretOnArgv: ({ secret }) =>
      `--${secret} is no longer accepted: on the command line the secret is readable by every user of the machine. Use ${SECRET_WAYS[secret]}. Nothing was saved or sent.`,
    secretFileUnreadable: ({ field, path, cause }) => `Cannot read the ${field} file (${path}): ${cause}`,
    secretFileEmpty: ({ field, path }) => `Empty ${field} file (${path})`,
    stdinSecretsInvalid: 'Secrets on stdin: JSON {"token","password","pin"} expected (each optional)',
    stdinTokenEmpty: 'Token on stdin: nothing arrived',
    onboardShopMissing: ({ usage }) => `The shop is not set up yet: --fiscal-id and --name (and --address) are required.\nUsage: ${usage}`,
    onboardRegimeInvalid: ({ regime, allowed }) => `--regime: ${regime} is not a tax regime (allowed: ${allowed.join(', ')})`,
    onboardEmailRequired: ({ usage }) => `--email is required (Openapi sends its notices there; it cannot be changed later).\nUsage: ${usage}`,
    onboardTaxCodeRequired: ({ usage }) =>
      `--tax-code is required: the tax code of the Fisconline/Entratel user transmitting the receipts.\nUsage: ${usage}`,
    onboardAdeSecretsRequired: ({ usage }) =>
      `The Fisconline/Entratel password and PIN are required: --password-file and --pin-file, --secrets-stdin, or BANCONE_ADE_PASSWORD and BANCONE_ADE_PIN.\nUsage: ${usage}`,
    returnMissing: ({ usage }) => `Give the sale and at least one line. Usage: ${usage}`,
    lineFormat: ({ spec }) => `--line "${spec}": expected N:QTY (e.g. 2:1 or 3:0.5)`,
    optionUnknown: ({ option }) => `Unknown option «${option}»`,
    optionTakesNoValue: ({ name, value }) => `The option --${name} takes no value («${value}»)`,
    optionNeedsValue: ({ name }) => `The option --${name} needs a value (write a value starting with «--» as --${name}=--…)`,
    optionEmpty: ({ name }) => `The option --${name} cannot be empty`,
    optionRepeated: ({ name }) => `The option --${name} is given more than once`,
    argumentUnexpected: ({ argument }) => `Unexpected argument «${argument}»: the command does not take it`,
    idempotencyKeyFormat: '--idempotency-key: 1 to 128 characters among letters, digits and . _ : / -',
    idempotencyKeyReused: ({ key, kind, number }) =>
      `The key «${key}» was already used for another request (${kind} ${number}): use a new key for a new operation`,
    invoiceXmlMissing: ({ usage }) => `Give the sale, the customer file and the invoice number. Usage: ${usage}`,
    invoiceCreditNoteMissing: ({ usage }) => `A return or void needs --credit-note-of and --credit-note-date (the invoice it corrects). Usage: ${usage}`,
    trainingFiscalSince: ({ since }) => `Fiscal mode since ${since}.`,
    trainingHead: 'TRAINING MODE - NOT FISCAL: sales are not sent to the AdE and are not in the reports.',
    trainingSetupDone: 'Set-up done: `bancone training leave` makes the till fiscal.',
    trainingSetupMissing: ({ missing }) => `Set-up still missing: ${missing.map((m) => STEP_SHORT[m]).join(', ')}.`,
    setupProgress: ({ done, skipped, todo }) =>
      todo.length === 0 && skipped.length === 0
        ? 'Guided set-up: complete (6 steps of 6).'
        : `Guided set-up: ${done.length} ${done.length === 1 ? 'step' : 'steps'} of 6 done${skipped.length ? `; skipped: ${stepList(skipped)}` : ''}${todo.length ? `; to do: ${stepList(todo)}` : ''}.`,
    setupTraining: 'Training mode (not fiscal): sales are not sent to the AdE and are not in the reports.',
    setupFiscal: ({ since }) => `Fiscal till since ${since}.`,
  },

  wizardPrinter: {
    urlInvalid: ({ said }) =>
      `${said.en}. Write tcp://address:9100 (network printer), lp://queue-name (USB printer installed on the computer), serial:///dev/ttyUSB0?baud=19200 (serial port) or winspool://NAME (Windows)`,
    modelUnknown: ({ model }) => `Printer model: «${model}» is not one of the known models: choose it from the list`,
    notConfigured: 'Printer address: not set yet. Type it, press «Save», then try again',
    jobNotFound: ({ id }) => `Print job ${id}: does not exist`,
    noPrinting: 'Printing is not active in this program: use the till',
    drawerFailed: ({ detail }) =>
      `The drawer did not open: ${detail.en}. Check that the printer is on and connected and that the drawer cable is plugged into the printer, then try again`,
  },

  wizardDepartments: {
    notFound: ({ code }) => `Department ${code}: does not exist (perhaps already deleted)`,
    inUse: ({ name, code, products, lines }) =>
      `The department «${name}» (${code}) cannot be deleted: ${[
        products > 0 ? `${plural(products, 'catalogue item uses', 'catalogue items use')} it` : '',
        lines > 0 ? `it is on ${plural(lines, 'line', 'lines')} of receipts already issued` : '',
      ].filter(Boolean).join(' and ')}. Its name and VAT can be changed, or the items moved to another department`,
    presetUnknown: ({ code }) => `Suggested department ${code}: not among the suggestions`,
    presetsNone: 'Suggested departments: choose at least one',
    presetName: ({ code }) => PRESET_NAMES_EN[code],
    vatMeaning: ({ code }) => VAT_MEANING_EN[code] ?? (code.startsWith('N') ? code : `compensation percentage ${code} % (special scheme for farmers, art. 34)`),
  },
  atSaleInvoice: {
    training: 'Invoice: no invoices are issued in training mode (they would take a real number of the series and go to the SDI); remove the invoice or leave training',
  },
  server: {
    pairCodeUnknown: 'Pairing code: not valid (check it was copied in full)',
    pairCodeUsed: 'Pairing code: already used (it works once); ask the server for a new one with «bancone server pair»',
    pairCodeExpired: 'Pairing code: expired; ask the server for a new one with «bancone server pair»',
    requestInvalid: ({ field, detail }) => `Request to the server: the field «${field}» is not valid (${detail})`,
    notFound: ({ path }) => `Server: no service at ${path}`,
    listening: ({ url }) => `Bancone server listening on ${url}`,
    pairCode: ({ code, shop, minutes }) =>
      `Pairing code for the shop «${shop}»: ${code}\nIt works once, for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. On the till: bancone till join <server address> ${code}`,
    joined: ({ tillCode, shop, url }) => `Till paired with the shop «${shop}» as ${tillCode} (server ${url}). The access token is stored encrypted.`,
    unreachable: ({ url }) => `Server: not reachable at ${url} (check the address and that the server is on)`,
    urlInvalid: ({ url }) => `Server address: «${url}» is not a valid http(s) address`,
    answerInvalid: 'Server: answered in an unexpected way; nothing was saved',
    tokenInvalid: 'Server: this till is not recognised (token missing or revoked); pair it again with a new code',
    tillUnknown: ({ tillCode, shop }) => `Till: the shop «${shop}» has no till ${tillCode}`,
    tillRevoked: ({ tillCode, shop }) => `Till ${tillCode} of the shop «${shop}»: access revoked; what it already sent stays. To have it back, pair it again with a new code`,
    adminTokenInvalid: 'Back office: not authorised (open the address «bancone server» shows when it starts)',
  },
  // ─── srv-backoffice: the back office served by `bancone server` (issue #14) ───
  backoffice: {
    address: ({ url }) => `Back office: ${url}`,
    shopUnknown: ({ shopId }) => `Shop: no shop with id ${shopId}`,
    tillUnknown: ({ tillCode }) => `Till: no till ${tillCode} in this shop`,
    documentUnknown: ({ id }) => `Document: no document with id ${id} in this shop`,
    notBuilt: 'Back office not built: run «npm run build» and restart «bancone server»',
    dayInvalid: 'Date: write the business day as YYYY-MM-DD',
    rangeOrder: 'Period: the «to» date comes before the «from» date',
  },
  shopLink: {
    duplicateSeq: ({ field, seq }) => `Request to the server: the field «${field}» is not valid (entry no. ${seq} appears twice)`,
    bodyMissing: ({ field, action }) => `Request to the server: the field «${field}» is missing (the entry «${action}» comes without the data it records)`,
    bodyMismatch: ({ field, action }) => `Request to the server: the field «${field}» is not valid (it is not what the entry «${action}» records)`,
    documentDiffers: ({ number }) => `document ${number} does not match the digest recorded in the journal`,
    chainRewritten: ({ seq }) => `entry no. ${seq} arrived different from the one already kept`,
    chainUnlinked: ({ seq }) => `entry no. ${seq} does not link to the one before`,
    chainTampered: ({ seq }) => `entry no. ${seq} was altered (its digest does not match)`,
    unreachable: ({ url, pending }) =>
      `Shop server not reachable (${url}): the till sells anyway; ${pending} ${pending === 1 ? 'entry' : 'entries'} waiting to be sent`,
    auth: 'Shop server: this till is no longer recognised (token revoked); pair it again with a new code',
    refused: ({ message }) => `Shop server: the link stopped on an error (${message}); the till sells anyway and tries again by itself; if the error stays, call for support`,
    serverError: ({ message }) => `Shop server: server error (${message}); retried automatically`,
    chainBroken: ({ seq }) => `Shop server: this till's journal is broken at entry no. ${seq}; tell the manager`,
    notJoined: 'This till has not joined a shop server (bancone till join <address> <code>)',
    stateLabel: ({ state }) =>
      ({ ok: 'online', unreachable: 'not reachable', auth: 'access refused', refused: 'upload refused', chain_broken: 'journal broken', checking: 'checking' })[state],
    statusLines: ({ tillCode, url, state, pending, lastUploadAt, masterVersion }) =>
      `Till ${tillCode}, server ${url}: ${state}\nWaiting to be sent: ${pending} ${pending === 1 ? 'entry' : 'entries'}\nLast upload: ${lastUploadAt ?? 'never'}\nMaster data version: ${masterVersion}`,
    urlMissing: 'Server address: type it (e.g. http://192.168.1.10:8470)',
    codeMissing: 'Pairing code: type it («bancone server pair» shows it on the server)',
    joinUnavailable: 'Shop server: the till cannot be paired from this window (use «bancone till join»)',
    invoicePrefixTooLong: ({ number, max }) =>
      `Invoice prefix: with this till's code the number becomes «${number}», longer than the 20 characters the SDI allows; shorten it to at most ${max} ${max === 1 ? 'character' : 'characters'} (Settings, E-invoicing)`,
  },
  // ─── srv-master (issue #14): master data on the shop server and its till side ───
  master: {
    kindUnknown: ({ kind }) => `Shop data: «${kind}» is not a known kind (department, product, operator, setting)`,
    itemNotFound: ({ id }) => `Shop data: no item with id «${id}»`,
    shopNotFound: ({ shopId }) => `Shop «${shopId}»: does not exist on this server`,
    vatUnknown: ({ vatCode }) => `VAT rate: «${vatCode}» is not a code the till knows`,
    departmentMissing: ({ id }) => `Department: «${id}» does not exist in this shop`,
    departmentInUse: ({ code }) => `Department «${code}»: products use it; move them before deleting it`,
    skuTaken: ({ sku }) => `Item code: «${sku}» already belongs to another product of the shop`,
    codeTaken: ({ code }) => `Department code: «${code}» already belongs to another department of the shop`,
    barcodeTaken: ({ barcode }) => `Barcode: «${barcode}» already belongs to another product of the shop`,
    barcodeTwice: ({ barcode }) => `Barcode: «${barcode}» appears twice`,
    pinRequired: 'PIN: required for a new operator (4 to 8 digits)',
    settingUnknown: ({ key }) => `Setting «${key}»: not one the server sends to the tills`,
    settingInvalid: ({ key, detail }) => `Setting «${key}»: invalid value (${detail})`,
    fieldInvalid: ({ field, detail }) => `Shop data: the field «${field}» is not valid (${detail})`,
    serverOwned: ({ field }) => `The price list is managed by the shop server: change it from the back office (${field})`,
  },
} satisfies LanguageOf<typeof it>;
