// The backend's and the shared domain's words, in Italian: the source language. Grouped by area;
// each entry is fixed words or a function of typed parameters. English (en.ts) mirrors every key.
// Helpers that only shape words (plurals, lists) live beside the entries that use them.
import { formatAmount, formatQuantity, formatTenths } from '../money.js';
import type { Text } from './text.js';
import type { FiscalIdProblem } from '../fiscal-id.js';
import type { CustomerField } from '../customer.js';
import type { FiscalRegime, OpenapiEnvironment, SetupStep } from '../contract/setup.js';
import type { FiscalStep } from '../contract/training.js';
import type { DepartmentPresetCode } from '../contract/department-presets.js';

/** «1 documento», «2 documenti»: the noun agrees with its number. */
const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

/** «IVA 10%», «IVA 7,5%», «N2». */
const vat = (code: string) => (code.startsWith('N') ? code : `IVA ${code.replace('.', ',')}%`);

/** A fiscal document named in a sentence: «la vendita 2026-11-21/0042». */
export type DocKind = 'sale' | 'return' | 'void';
export interface DocWords { kind: DocKind; number: string }
const THE = { sale: 'la vendita', return: 'il reso', void: "l'annullo" } as const;
const the = (d: DocWords) => `${THE[d.kind]} ${d.number}`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** «questa vendita», «questo reso», «questo annullo». */
const thisDoc = (doc: DocKind) => (doc === 'sale' ? 'questa vendita' : doc === 'return' ? 'questo reso' : 'questo annullo');
const CANCEL = '«Non trasmettere» (con il motivo)';

export interface DepartmentWords { code: string; name: string; vatCode: string; sameAsName: boolean }

/** «Alimentari» (ALIM, IVA 10%). */
const department = (d: DepartmentWords) => `«${d.name}» (${d.sameAsName ? '' : `${d.code}, `}${vat(d.vatCode)})`;

/** The catalogue CSV's columns, as the person knows them (in this order: the «colonne riconosciute» list). */
export type ImportColumn = 'sku' | 'description' | 'price' | 'vat_code' | 'department' | 'department_vat' | 'barcode' | 'sold_by_weight';
const COLUMNS: Record<ImportColumn, string> = {
  sku: 'codice', description: 'descrizione', price: 'prezzo', vat_code: 'iva', department: 'reparto',
  department_vat: 'iva reparto', barcode: 'codice a barre', sold_by_weight: 'a peso',
};
const delimiter = (d: string) => (d === '\t' ? 'tabulazione' : d);
/** What the import did, for the summary sentence. */
export interface ImportOutcome { applied: boolean; errors: number; skipped: number; rows: number; imported: number; created: number; updated: number }

/** «€ 1.234,50». */
const eur = (cents: number) => `€ ${formatAmount(cents)}`;
/** «1,5» (thousandths of a unit). */
const qty = (milli: number) => formatQuantity(milli);
/** A percentage in tenths: 250 → «25», 125 → «12,5». */
const pct = (tenths: number) => formatTenths(tenths, ',');

/** The manager-only actions (methods, and handlers' named rules such as cash_out), as the manager reads them. */
const ACTIONS: Record<string, string> = {
  'documents.void': 'Annullo di una vendita',
  'documents.retry': "Nuovo invio di un documento all'Agenzia delle Entrate",
  'documents.cancelTransmission': "Rinuncia all'invio all'Agenzia delle Entrate",
  'settings.save': 'Modifica delle impostazioni',
  'settings.setSecret': 'Modifica delle credenziali (Openapi, Agenzia delle Entrate)',
  'settings.testPrint': 'Stampa di prova',
  'catalog.save': 'Modifica del catalogo',
  'catalog.import': 'Importazione del catalogo da file',
  'catalog.saveDepartment': 'Modifica dei reparti',
  'operators.list': 'Elenco degli operatori',
  'operators.save': 'Modifica degli operatori',
  'reports.period': 'Resoconto di un periodo',
  'reports.finalSync': "Invio finale della giornata all'Agenzia delle Entrate",
  'reports.closeDay': 'Chiusura della giornata (Z)',
  'setup.leaveTraining': 'Uscita dalla modalità prova: da ora le vendite sono fiscali',
  'customers.deactivate': 'Disattivazione di un cliente',
  'customers.delete': 'Eliminazione di un cliente',
  'customers.import': 'Importazione dei clienti da file',
  'customers.export': 'Esportazione dei clienti',
  cash_out: 'Prelievo di contanti dalla cassa',
  close_day: 'Chiusura della giornata (Z)',
};
const action = (method: string) => ACTIONS[method] ?? 'Operazione riservata al responsabile';

/** Which identifier a fiscal-id problem is about, as the field it was typed in. */
export type FiscalIdField = 'partitaIva' | 'codiceFiscale' | 'adeTaxCode';
const FISCAL_ID_NAME: Record<FiscalIdField, string> = {
  partitaIva: 'Partita IVA', codiceFiscale: 'Codice fiscale', adeTaxCode: 'Codice fiscale Fisconline/Entratel',
};

/** The customer book's fields (shared/customer.ts), as the form and the CSV name them. */
const CUSTOMER_FIELD: Record<CustomerField, string> = {
  kind: 'Tipo', denominazione: 'Ragione sociale', nome: 'Nome', cognome: 'Cognome', codice_fiscale: 'Codice fiscale',
  partita_iva: 'Partita IVA', paese_iva: 'Paese della Partita IVA', codice_destinatario: 'Codice destinatario', pec: 'PEC',
  indirizzo: 'Indirizzo', numero_civico: 'Numero civico', cap: 'CAP', comune: 'Comune', provincia: 'Provincia', nazione: 'Nazione', notes: 'Note',
};
/** What a customer import did, for the summary sentence. */
export interface CustomerImportOutcome { applied: boolean; errors: number; skipped: number; rows: number; imported: number; created: number; updated: number }

/** Openapi's wire fields, as the set-up's advice names them (backend/setup/errors.ts). */
export type SetupField = 'tax_code' | 'password' | 'pin' | 'vat_number' | 'email' | 'name';
const SETUP_FIELD: Record<SetupField, string> = {
  tax_code: 'codice fiscale Fisconline/Entratel', password: 'password Fisconline/Entratel', pin: 'PIN Fisconline/Entratel',
  vat_number: 'Partita IVA', email: 'e-mail', name: 'ragione sociale',
};
/** After a refused change (writing: the set-up was changing something on Openapi): said, so nobody wonders whether half of it went through. */
const unchanged = (writing: boolean) => (writing ? ' Su Openapi non è cambiato niente.' : '');

/** Regimi fiscali, for the set-up's list. */
const REGIMES: Record<FiscalRegime, string> = {
  RF01: 'Ordinario',
  RF02: 'Contribuenti minimi',
  RF04: 'Agricoltura e attività connesse e pesca',
  RF05: 'Vendita sali e tabacchi',
  RF06: 'Commercio dei fiammiferi',
  RF07: 'Editoria',
  RF08: 'Gestione di servizi di telefonia pubblica',
  RF09: 'Rivendita di documenti di trasporto pubblico e di sosta',
  RF10: 'Intrattenimenti, giochi e altre attività',
  RF11: 'Agenzie di viaggi e turismo',
  RF12: 'Agriturismo',
  RF13: 'Vendite a domicilio',
  RF14: "Rivendita di beni usati, oggetti d'arte, antiquariato",
  RF15: "Agenzie di vendite all'asta",
  RF16: 'IVA per cassa P.A.',
  RF17: 'IVA per cassa',
  RF18: 'Altro',
  RF19: 'Forfettario',
};

/** Where a secret goes instead of the command line (bancone onboard). */
export type CliSecret = 'token' | 'password' | 'pin';
const SECRET_WAYS: Record<CliSecret, string> = {
  token: '--token-file FILE, --token-stdin o BANCONE_OPENAPI_TOKEN',
  password: '--password-file FILE, --secrets-stdin o BANCONE_ADE_PASSWORD',
  pin: '--pin-file FILE, --secrets-stdin o BANCONE_ADE_PIN',
};

/** The set-up steps a till in training mode still lacks, as the refusal to leave it names them. */
const STEP_WORDS: Record<FiscalStep, string> = {
  shop: 'passo 1, i dati del negozio (ragione sociale, Partita IVA, indirizzo)',
  ade: "passo 2, il collegamento con l'Agenzia delle Entrate tramite Openapi",
};
/** The same steps in `bancone training status`. */
const STEP_SHORT: Record<FiscalStep, string> = { shop: 'passo 1 (negozio)', ade: 'passo 2 (AdE tramite Openapi)' };
/** The six steps of the guided set-up, as `bancone status` lists them. */
const WIZARD_STEP_SHORT: Record<SetupStep, string> = {
  ...STEP_SHORT, printer: 'passo 3 (stampante)', departments: 'passo 4 (reparti)', catalogue: 'passo 5 (catalogo)', people: 'passo 6 (persone)',
};
const stepList = (steps: readonly SetupStep[]) => steps.map((s) => WIZARD_STEP_SHORT[s]).join(', ');

/** Set-up step 4: the departments a shopkeeper recognises (shared/contract/catalog.ts DEPARTMENT_PRESETS). */
const PRESET_NAMES_IT: Record<DepartmentPresetCode, string> = {
  PANE: 'Pane e latte', ORTO: 'Frutta e verdura fresche', LIBRI: 'Libri', ERBE: 'Erbe aromatiche',
  ALIM: 'Alimentari', CARNE: 'Carne e pesce', BAR: 'Bar e ristorazione', FIORI: 'Fiori e piante',
  BEV: 'Bevande', VARIE: 'Articoli vari', CASA: 'Detersivi e casalinghi',
  GIORN: 'Giornali e riviste', RICAR: 'Ricariche telefoniche', USATO: 'Usato', ANTIC: 'Spese anticipate per il cliente',
};

/** The VAT codes a shop meets, with what they mean (the natures N1–N6 as the AdE's specifications name them). */
const VAT_MEANING_IT: Record<string, string> = {
  '4': 'aliquota minima 4 %: pane, latte fresco, frutta e verdura fresche, giornali e libri',
  '5': 'aliquota ridotta 5 %: erbe aromatiche (basilico, rosmarino, salvia), alcune prestazioni sociali',
  '10': 'aliquota ridotta 10 %: alimentari, carne e pesce, bar e ristorazione, fiori e piante',
  '22': 'aliquota ordinaria 22 %: bevande, abbigliamento, casalinghi e quasi tutto il resto',
  N1: "N1 escluse ex art. 15: somme anticipate in nome e per conto del cliente, interessi di mora, imballaggi da rendere",
  N2: "N2 non soggette: fuori campo IVA, es. giornali, riviste e ricariche telefoniche, la cui IVA l'ha già pagata l'editore o il gestore (art. 74)",
  N3: 'N3 non imponibili: esportazioni e cessioni verso l’estero (artt. 8, 8-bis, 9), es. vendite tax free a turisti extra UE',
  N4: 'N4 esenti (art. 10): es. prestazioni sanitarie, operazioni finanziarie e assicurative, giocate del lotto',
  N5: "N5 regime del margine: beni usati, oggetti d'arte, d'antiquariato e da collezione (IVA sul solo margine, non esposta)",
  N6: "N6 inversione contabile (reverse charge): l'IVA la versa chi compra, es. rottami e metalli",
};

/** zod's expected types in words (shared/validation.ts). */
const EXPECTED_IT: Record<string, string> = {
  number: 'un numero', string: 'un testo', boolean: 'true o false', object: 'un oggetto', array: 'un elenco', int: 'un numero intero', bigint: 'un numero intero', date: 'una data',
};

export const it = {
  common: {
    internal: ({ detail }: { detail: string }) => `Errore interno: ${detail}`,
    internalIn: ({ method, detail }: { method: string; detail: Text }) => `Errore interno (${method}): ${detail.it}`,
    backendInternal: ({ detail }: { detail: string }) => `Errore interno della cassa (${detail}): riprovare; se si ripete, riavviare Bancone`,
    /** The transaction that did not fit was rolled back whole (backend/db/disk-full.ts); dir: the data folder, when known. */
    diskFull: ({ dir }: { dir: string | null }) =>
      `Disco pieno: l'operazione non è stata registrata. Liberare spazio sul disco dei dati${dir ? ` (${dir})` : ''} e riprovare; quanto già registrato è al sicuro`,
  },

  /** zod's findings at a boundary, named by field (shared/validation.ts). */
  input: {
    field: ({ field, detail }: { field: string; detail: Text }) => `Campo "${field}": ${detail.it}`,
    required: 'campo obbligatorio mancante',
    /** A field present with the wrong type; received: the value as JSON, truncated, or null when it is a secret's. */
    wrongType: ({ expected, received }: { expected: string; received: string | null }) =>
      `atteso ${EXPECTED_IT[expected] ?? expected}${received === null ? ' (valore non mostrato)' : `, ricevuto ${received}`}`,
    tooShort: ({ minimum }: { minimum: string }) => `troppo corto (minimo ${minimum})`,
    /** A number under its bound: inclusive «almeno», exclusive «maggiore di» (positive() is > 0, never «minimo 0»). */
    tooSmall: ({ minimum, inclusive, received }: { minimum: string; inclusive: boolean; received: string | null }) =>
      `deve essere ${inclusive ? 'almeno' : 'maggiore di'} ${minimum}${received === null ? '' : ` (ricevuto ${received})`}`,
    tooLong: ({ maximum }: { maximum: string }) => `troppo lungo (massimo ${maximum})`,
    tooLarge: ({ maximum, inclusive, received }: { maximum: string; inclusive: boolean; received: string | null }) =>
      `deve essere ${inclusive ? 'al massimo' : 'minore di'} ${maximum}${received === null ? '' : ` (ricevuto ${received})`}`,
    notAllowed: ({ allowed, received }: { allowed: string; received: string | null }) =>
      `valore non ammesso${received === null ? '' : ` ${received}`} (ammessi: ${allowed})`,
    /** Text with a control character (NUL, ESC… often pasted from another program): never sent on to the AdE. */
    controlCharacters: 'contiene caratteri di controllo (invisibili, spesso da copia e incolla): riscrivere il testo',
    /** Text that is empty once spaces and invisible characters (zero-width, BOM) are set aside. */
    blank: 'vuoto: contiene solo spazi o caratteri invisibili',
    /** Text with half of a character (a lone UTF-16 surrogate). */
    malformedText: 'contiene un carattere non valido (codifica danneggiata)',
    /** count on cash, kind on card…: a payment field that belongs to another method. */
    notForMethod: ({ method, only }: { method: string; only: string }) => `non ammesso con il metodo "${method}" (solo con "${only}")`,
    /** The line's quantity × price beyond what a till can mean (MAX_AMOUNT_CENTS). */
    lineAmountTooLarge: ({ line, max }: { line: number; max: string }) => `Riga ${line}: quantità × prezzo oltre il massimo di ${max} per riga`,
    documentTooLarge: ({ max }: { max: string }) => `Il totale supera il massimo di ${max} per documento`,
    countTooLarge: ({ max }: { max: string }) => `Il conteggio supera il massimo di ${max}`,
    unknownFields: ({ keys }: { keys: string }) => `campi sconosciuti: ${keys}`,
    badFormat: 'formato non valido',
    isoDay: 'data non valida, usare AAAA-MM-GG',
    atMost3Decimals: 'al massimo 3 decimali',
    amountPositive: "l'importo deve essere maggiore di zero",
    rangeOrder: "l'inizio deve precedere la fine",
  },

  /** A Partita IVA or codice fiscale that is not one (shared/fiscal-id.ts), naming the field it was typed in. */
  fiscalId: {
    problem: ({ what, problem }: { what: FiscalIdField; problem: FiscalIdProblem }) => {
      const name = FISCAL_ID_NAME[what];
      switch (problem) {
        case 'empty': return `${name}: campo obbligatorio`;
        case 'length':
        case 'characters':
          return what === 'partitaIva'
            ? `${name}: servono 11 cifre (solo numeri)`
            : `${name}: servono 16 caratteri (es. RSSMRA85T10A562S), o le 11 cifre di una società`;
        case 'zero': return `${name}: un numero di soli zeri non è valido`;
        case 'date': return `${name}: il giorno di nascita (caratteri 10–11) non è valido`;
        case 'check':
          return what === 'partitaIva'
            ? `${name}: la cifra di controllo (l'ultima) non torna, c'è un errore di battitura`
            : `${name}: il carattere di controllo (l'ultimo) non torna, c'è un errore di battitura`;
      }
    },
  },

  /** The customer book (shared/customer.ts checks, backend/customers): each message names its field. */
  customers: {
    field: ({ field }: { field: CustomerField }) => CUSTOMER_FIELD[field],
    required: ({ field }: { field: CustomerField }) => `${CUSTOMER_FIELD[field]}: campo obbligatorio`,
    tooLong: ({ field, max }: { field: CustomerField; max: number }) => `${CUSTOMER_FIELD[field]}: troppo lungo (massimo ${plural(max, 'carattere', 'caratteri')})`,
    country: ({ field }: { field: CustomerField }) => `${CUSTOMER_FIELD[field]}: la sigla del paese, 2 lettere (es. IT, DE, FR)`,
    foreignVat: ({ country }: { country: string }) => `Partita IVA: il numero di partita IVA estera (${country}) va scritto con sole lettere e cifre, da 2 a 28`,
    personCf: 'Codice fiscale: per una persona servono 16 caratteri (es. RSSMRA85T10A562S); le 11 cifre sono il codice fiscale di una società',
    companyNeedsVat: 'Partita IVA: obbligatoria per una società o ditta italiana',
    personNeedsCf: 'Codice fiscale: obbligatorio per un privato italiano',
    abroadNeedsId: "Partita IVA: per un cliente estero indicare il suo identificativo fiscale (partita IVA o equivalente) e il paese",
    sdiCode: 'Codice destinatario: servono 7 lettere o cifre (lo comunica il cliente); lasciarlo vuoto se riceve via PEC o nel cassetto fiscale',
    sdiAbroad: 'Codice destinatario: per un cliente estero è XXXXXXX (lasciarlo vuoto)',
    sdiAbroadOnly: 'Codice destinatario: XXXXXXX vale solo per un cliente estero (controllare la nazione)',
    pec: 'PEC: indirizzo non valido (es. nome@pec.it)',
    codeAndPec: 'PEC: si indica solo se il cliente non ha un codice destinatario (la fattura arriva al codice); togliere la PEC o il codice',
    cap: 'CAP: servono 5 cifre (es. 20121)',
    capAbroad: 'CAP: la fattura elettronica accetta solo 5 cifre; per un codice postale estero diverso lasciarlo vuoto',
    provincia: 'Provincia: la sigla di 2 lettere (es. MI, RM)',
    provinciaAbroad: 'Provincia: solo per indirizzi in Italia (lasciarla vuota per un cliente estero)',
    notFound: ({ id }: { id: string }) => `Cliente non trovato: ${id}`,
    inUse: ({ name, uses }: { name: string; uses: number }) =>
      `Il cliente ${name} non si può eliminare: compare in ${plural(uses, 'documento', 'documenti')}. Disattivarlo invece: resta nei documenti ma non si propone più`,
    kindInvalid: ({ value }: { value: string }) => `Tipo: ${value} non è un tipo di cliente (scrivere persona o azienda)`,
    rowProblem: ({ line, detail }: { line: number; detail: Text }) => `Riga ${line}: ${detail.it}`,
    csvEmpty: 'Il file CSV è vuoto',
    csvNoRows: "Il file contiene solo l'intestazione: nessun cliente da importare",
    csvHeaderMissing: ({ missing }: { missing: CustomerField[] }) =>
      `Intestazione CSV: ${missing.length === 1 ? 'manca la colonna' : 'mancano le colonne'} ${missing.map((f) => `«${CUSTOMER_FIELD[f].toLowerCase()}»`).join(', ')} (colonne riconosciute: ${Object.values(CUSTOMER_FIELD).map((c) => c.toLowerCase()).join(', ')}, id)`,
    csvIdUnknown: ({ id }: { id: string }) => `Id: nessun cliente ha l'id ${id} (lasciarlo vuoto per un cliente nuovo)`,
    csvRepeated: ({ line }: { line: number }) => `lo stesso cliente è già alla riga ${line}`,
    importFileMissing: 'indicare il file: csv oppure csv_base64',
    summary: ({ r }: { r: CustomerImportOutcome }) => {
      if (!r.applied)
        return r.errors > 0
          ? `Nessun cliente importato: ${plural(r.errors, 'errore', 'errori')} da correggere${r.skipped < r.rows ? ' (oppure importare solo le righe giuste)' : ''}.`
          : 'Nessun cliente importato.';
      return `${r.imported === 1 ? 'Importato 1 cliente' : `Importati ${r.imported} clienti`} (${r.created === 1 ? '1 nuovo' : `${r.created} nuovi`}, ${r.updated === 1 ? '1 aggiornato' : `${r.updated} aggiornati`})${r.skipped ? `; ${r.skipped === 1 ? '1 riga saltata' : `${r.skipped} righe saltate`}` : ''}.`;
    },
    saved: ({ name, id, created }: { name: string; id: string; created: boolean }) => `${created ? 'Cliente aggiunto' : 'Cliente aggiornato'}: ${name} (id ${id})`,
    deactivated: ({ name }: { name: string }) => `Cliente disattivato: ${name}`,
    deleted: ({ name }: { name: string }) => `Cliente eliminato: ${name}`,
    inputMissing: ({ usage }: { usage: string }) => `Manca il cliente (JSON). Uso: ${usage}`,
  },

  catalog: {
    barcodeCheckDigitScan: 'Codice a barre non valido (cifra di controllo errata): ripetere la lettura',
    scaleLabelCheckDigit: 'Etichetta della bilancia non valida (cifra di controllo del prezzo o del peso errata): ripetere la lettura',
    pluNotFound: ({ plu }: { plu: string }) =>
      `Etichetta della bilancia: l'articolo PLU ${plu} non è in catalogo (aggiungere ${plu} ai codici a barre del prodotto)`,
    labelNotByWeight: ({ description }: { description: string }) =>
      `Etichetta a peso per «${description}», che si vende a pezzo: controllare il prodotto in Catalogo`,
    labelZero: ({ kind }: { kind: 'weight' | 'price' }) =>
      `Etichetta della bilancia con ${kind === 'weight' ? 'peso' : 'prezzo'} zero: ripesare il prodotto`,
    /** «Alimentari» (ALIM, IVA 10%): a department named in a message or listed to choose from. */
    department: ({ d }: { d: DepartmentWords }) => department(d),
    vat: ({ code }: { code: string }) => vat(code),
    departmentChoices: ({ departments }: { departments: DepartmentWords[] }) =>
      departments.map(department).join(', ') || 'nessuno',
    departmentAmbiguous: ({ name, choices }: { name: string; choices: Text }) =>
      `Più reparti si chiamano «${name}»: scegliere per codice (${choices.it})`,
    departmentNotFound: ({ name, choices }: { name: string; choices: Text }) =>
      `Il reparto «${name}» non esiste: sceglierne uno esistente (${choices.it}) o crearlo in Impostazioni › Reparti`,
    departmentCode: 'Codice reparto non valido (lettere, cifre, massimo 32)',
    departmentName: 'Il nome del reparto è obbligatorio (massimo 60 caratteri)',
    departmentDuplicate: ({ other, field }: { other: string; field: 'code' | 'name' }) =>
      `Esiste già il reparto ${other}: usare quello o scegliere un altro ${field === 'code' ? 'codice' : 'nome'}`,
    productNotFound: ({ id }: { id: string }) => `Prodotto non trovato: ${id}`,
    skuImmutable: 'Il codice articolo non si può cambiare: creare un nuovo prodotto',
    skuTaken: ({ sku }: { sku: string }) => `Esiste già un prodotto con codice ${sku}`,
    barcodeTaken: ({ barcode, owner }: { barcode: string; owner: string }) =>
      `Il codice a barre ${barcode} è già del prodotto ${owner}`,
    barcodeCheckDigit: ({ barcode }: { barcode: string }) =>
      `Il codice a barre ${barcode} non è valido: cifra di controllo errata (ricopiarlo dalla confezione)`,
    barcodeInvalid: 'codice a barre non valido',
    /** The scale labels' layout (Impostazioni › Etichette bilancia). */
    labelPrefixFormat: 'il prefisso inizia con 2 e ha da 1 a 4 cifre',
    labelValueDigits: ({ left }: { left: number }) =>
      `restano ${left} cifre per il valore: servono da 4 a 6 (prefisso + PLU + valore = 12 cifre)`,
    labelValueCheckDigit: 'la cifra di controllo del valore esiste solo per valori di 4 o 5 cifre',
    labelPrefixRepeated: ({ prefix }: { prefix: string }) => `prefisso ${prefix} ripetuto`,
    base64Invalid: 'base64 non valido',
    importFileMissing: 'indicare il file: csv oppure csv_base64',
    csvUnclosedQuote: ({ line }: { line: number }) => `Riga ${line}: virgolette aperte e mai chiuse`,
  },

  /** The catalogue CSV import (backend/catalog/csv-import.ts): the file, its rows, the summary. */
  csv: {
    column: ({ field }: { field: ImportColumn | '*' }) => (field === '*' ? 'riga' : COLUMNS[field]),
    rowProblem: ({ line, field, detail }: { line: number; field: ImportColumn | '*'; detail: Text }) =>
      (field === '*' ? `Riga ${line}: ${detail.it}` : `Riga ${line}, colonna «${COLUMNS[field]}»: ${detail.it}`),
    encoding: ({ line }: { line: number }) =>
      `Il file contiene caratteri illeggibili («\uFFFD» alla riga ${line}): è stato salvato o letto con la codifica sbagliata. Importare il file originale del foglio di calcolo`,
    empty: 'Il file CSV è vuoto',
    headerDuplicate: ({ field, first, firstColumn, second, secondColumn }: { field: ImportColumn; first: string; firstColumn: number; second: string; secondColumn: number }) =>
      `Intestazione: la colonna «${COLUMNS[field]}» compare due volte («${first}» nella colonna ${firstColumn} e «${second}» nella colonna ${secondColumn}): lasciarne una sola`,
    headerMissing: ({ missing, delimiter: d }: { missing: ImportColumn[]; delimiter: string }) =>
      `Intestazione CSV: ${missing.length === 1 ? 'manca la colonna' : 'mancano le colonne'} ${missing.map((f) => `«${COLUMNS[f]}»`).join(', ')} (colonne riconosciute: ${Object.values(COLUMNS).join(', ')}; separatore letto: ${delimiter(d)})`,
    noRows: "Il file contiene solo l'intestazione: nessun prodotto da importare",
    fieldCount: ({ expected, found, delimiter: d }: { expected: number; found: number; delimiter: string }) =>
      `attesi ${plural(expected, 'campo', 'campi')}, trovati ${found} (controllare separatore «${delimiter(d)}» e virgolette)`,
    skuRequired: 'obbligatorio',
    skuTooLong: 'troppo lungo (massimo 64 caratteri)',
    skuRepeated: ({ sku, line }: { sku: string; line: number | undefined }) => `codice ${sku} già usato alla riga ${line}`,
    descriptionRequired: 'obbligatoria',
    descriptionTooLong: 'troppo lunga (massimo 1000 caratteri)',
    priceRequired: 'obbligatorio (es. 12,50)',
    priceInvalid: ({ value }: { value: string }) => `prezzo non valido ${value} (es. 12,50)`,
    priceTooHigh: ({ value }: { value: string }) => `prezzo troppo alto ${value} (massimo 1.000.000,00)`,
    vatInvalid: ({ value }: { value: string }) => `aliquota IVA non valida ${value} (es. 22, 10, 4 o N2)`,
    departmentAmbiguous: ({ name }: { name: string }) => `più reparti si chiamano ${name}: indicare il codice del reparto`,
    departmentOtherVat: ({ d, vat: v }: { d: DepartmentWords; vat: string }) =>
      `il reparto ${department(d)} esiste già con un'altra IVA (qui ${vat(v)}): cambiarla in Impostazioni › Reparti, non dal file`,
    newDepartmentOtherVat: ({ name, vat: v, line, here }: { name: string; vat: string; line: number; here: string }) =>
      `il reparto nuovo ${name} ha ${vat(v)} alla riga ${line}, qui ${vat(here)}`,
    departmentNameInvalid: ({ name }: { name: string }) => `nome di reparto non valido ${name} (lettere e cifre, massimo 32)`,
    departmentMissing: ({ name, existing }: { name: string; existing: DepartmentWords[] }) =>
      `il reparto ${name} non esiste: crearlo in Impostazioni › Reparti o indicarne l'IVA nella colonna «iva reparto» (reparti esistenti: ${existing.map(department).join(', ') || 'nessuno'})`,
    vatDiffersFromDepartment: ({ vat: v, d }: { vat: string; d: DepartmentWords }) =>
      `${vat(v)} diversa da quella del reparto ${department(d)}: il prodotto si vende con ${vat(v)}`,
    vatMissing: "manca l'aliquota IVA (es. 22, 10, 4 o N2), o un reparto da cui prenderla",
    weightInvalid: ({ value }: { value: string }) => `valore non valido ${value}: scrivere sì o no`,
    barcodeInvalid: ({ value }: { value: string }) => `codice a barre non valido ${value} (solo cifre e lettere)`,
    barcodeCheckDigit: ({ barcode }: { barcode: string }) => `codice a barre ${barcode} non valido: cifra di controllo errata (ricopiarlo dalla confezione)`,
    barcodeInFile: ({ barcode, sku, line }: { barcode: string; sku: string; line: number }) => `codice a barre ${barcode} già dato al codice ${sku} alla riga ${line}`,
    barcodeOwned: ({ barcode, sku, description }: { barcode: string; sku: string; description: string }) =>
      `il codice a barre ${barcode} è già del prodotto ${sku} ${description}: toglierlo prima da quel prodotto`,
    /** «Importati 3 prodotti (2 nuovi, 1 aggiornato); 1 riga saltata». */
    summary: ({ r }: { r: ImportOutcome }) => {
      if (!r.applied)
        return r.errors > 0
          ? `Nessun prodotto importato: ${plural(r.errors, 'errore', 'errori')} in ${plural(r.skipped, 'riga', 'righe')} da correggere${r.skipped < r.rows ? ' (oppure --skip-bad per importare le righe giuste)' : ''}.`
          : 'Nessun prodotto importato.';
      return `${r.imported === 1 ? 'Importato 1 prodotto' : `Importati ${r.imported} prodotti`} (${r.created === 1 ? '1 nuovo' : `${r.created} nuovi`}, ${r.updated === 1 ? '1 aggiornato' : `${r.updated} aggiornati`})${r.skipped ? `; ${r.skipped === 1 ? '1 riga saltata' : `${r.skipped} righe saltate`}` : ''}.`;
    },
  },

  settings: {
    secretKeyInvalid: ({ file }: { file: string }) => `Chiave dei segreti non valida (${file})`,
    secretKeyUnreadable: ({ detail }: { detail: string }) => `Chiave dei segreti illeggibile: ${detail}`,
    secretUnreadable: ({ name }: { name: string }) => `Impossibile leggere il segreto "${name}": chiave diversa o dato alterato`,
    secretsUnavailable: 'Archivio delle credenziali non disponibile',
    secretKeyElsewhere: ({ name }: { name: string }) =>
      `Impossibile leggere il segreto "${name}": fu salvato con una chiave che non è su questo computer per questo utente (cartella dei dati copiata o spostata da un'altra macchina?). Ridarlo con «bancone onboard» o dalla configurazione guidata.`,
    keysDirInsideData: ({ keys, data }: { keys: string; data: string }) =>
      `La cartella delle chiavi (${keys}) è dentro la cartella dei dati (${data}): una copia dei dati porterebbe con sé le chiavi. Scegliere un'altra cartella dei dati (BANCONE_DATA_DIR).`,
    safeStorageBasicText:
      'Il portachiavi di sistema non è disponibile (Electron userebbe «basic_text», una password fissa uguale su ogni computer): la chiave dei segreti resta nel portachiavi del sistema operativo se c\'è, altrimenti in un file leggibile solo da questo utente, fuori dalla cartella dei dati.',
  },

  /** What a manager is asked to approve (shared/policies.ts, backend/policies.ts). */
  approval: {
    priceChanged: ({ description, from, to }: { description: string; from: number; to: number }) =>
      `Prezzo modificato: ${description} ${eur(from)} → ${eur(to)}`,
    openPrice: ({ limit, description, amount }: { limit: number; description: string; amount: number }) =>
      `Prezzo libero oltre ${eur(limit)}: ${description} ${eur(amount)}`,
    fractionalQuantity: ({ description, quantity }: { description: string; quantity: number }) =>
      `Quantità non intera di un articolo venduto a pezzi: ${description} × ${qty(quantity)}`,
    complimentary: ({ description, quantity, amount }: { description: string; quantity: number; amount: number }) =>
      `Omaggio: ${description}${quantity === 1000 ? '' : ` × ${qty(quantity)}`} (${eur(amount)})`,
    lineDiscount: ({ tenths, description, limit }: { tenths: number; description: string; limit: number }) =>
      `Sconto del ${pct(tenths)} % su ${description} (oltre il ${limit} %)`,
    saleDiscount: ({ tenths, limit }: { tenths: number; limit: number }) => `Sconto del ${pct(tenths)} % sul totale (oltre il ${limit} %)`,
    uncollected: ({ amount }: { amount: number }) => `Non riscosso: ${eur(amount)} (la merce esce senza pagamento)`,
    returnOverThreshold: ({ total, threshold }: { total: number; threshold: number }) =>
      `Reso di ${eur(total)} su questa vendita (oltre la soglia di ${eur(threshold)})`,
    returnOverThresholdWithEarlier: ({ refund, total, threshold }: { refund: number; total: number; threshold: number }) =>
      `Reso di ${eur(refund)}: con i resi precedenti fanno ${eur(total)} su questa vendita (oltre la soglia di ${eur(threshold)})`,
    cashRefundOfCard: ({ refund }: { refund: number }) => `Rimborso in contanti (${eur(refund)}) di una vendita pagata con carta`,
    /** A manager-only method: «Modifica delle impostazioni», or the generic words with the method's name. */
    action: ({ method }: { method: string }) => ACTIONS[method] ?? `${action(method)} (${method})`,
    actionOn: ({ method, what }: { method: string; what: string }) => `${action(method)}: ${what}`,
    actionOnPriced: ({ method, what, amount }: { method: string; what: string; amount: number }) => `${action(method)}: ${what} ${eur(amount)}`,
    actionAmount: ({ method, amount, reason }: { method: string; amount: number; reason: string | null }) =>
      `${action(method)}: ${eur(amount)}${reason ? ` (${reason})` : ''}`,
    voidSale: ({ number, amount }: { number: string; amount: number }) => `Annullo della vendita ${number} (${eur(amount)})`,
  },

  session: {
    notLoggedIn: 'Accedere con il proprio PIN',
    managerRequired: 'Serve il PIN di un responsabile per questa operazione',
    unknownMethod: ({ name }: { name: string }) => `Metodo sconosciuto: ${name}`,
    /** Seconds up to 90, then minutes (the lock doubles up to an hour). */
    pinLocked: ({ seconds }: { seconds: number }) =>
      `Troppi PIN errati: riprovare tra ${seconds <= 90 ? `${seconds} secondi` : `${Math.ceil(seconds / 60)} minuti`}`,
    pinWrong: 'PIN errato',
    setupDone: 'Gli operatori sono già configurati: accedere con il proprio PIN',
    approvalRequestUnknown: "Richiesta di autorizzazione scaduta o non trovata: ripetere l'operazione",
    pinFormat: 'Il PIN deve avere da 4 a 8 cifre',
    pinFormatField: 'il PIN deve avere da 4 a 8 cifre',
    operatorUnknownOrInactive: ({ id }: { id: string }) => `Operatore sconosciuto o disattivato: ${id}`,
    operatorName: 'Il nome è obbligatorio (massimo 60 caratteri)',
    operatorUnknown: ({ id }: { id: string }) => `Operatore sconosciuto: ${id}`,
    lastManager: 'Deve restare almeno un responsabile attivo',
    pinRequired: "Indicare il PIN del nuovo operatore",
  },

  sale: {
    operatorMismatch: "L'operatore della vendita deve essere quello collegato",
    offlineRefused: 'Nessuna connessione: con le impostazioni attuali la vendita non è consentita offline. Controllare la rete e riprovare, o chiedere al responsabile di permettere le vendite offline in Impostazioni',
    productNotFound: ({ line, field, ref }: { line: number; field: string; ref: string }) =>
      `Riga ${line}: prodotto non trovato (${field} ${ref})`,
    productOrFreeLine: 'indicare un prodotto (barcode, sku) oppure descrizione, prezzo e aliquota IVA',
    parkedNotFound: 'Vendita sospesa non trovata (già ripresa?)',
    lineDescriptionRequired: ({ line }: { line: number }) => `Riga ${line}: la descrizione è obbligatoria`,
    lineDescriptionTooLong: ({ line, max }: { line: number; max: number }) =>
      `Riga ${line}: descrizione troppo lunga (massimo ${max} caratteri)`,
    lineQuantityInvalid: ({ line }: { line: number }) => `Riga ${line}: la quantità deve essere maggiore di zero`,
    linePriceInvalid: ({ line }: { line: number }) => `Riga ${line}: il prezzo non può essere negativo`,
    linePriceZero: ({ line, description }: { line: number; description: string }) =>
      `Riga ${line} (${description}): il prezzo deve essere maggiore di zero. Per regalare un articolo usare «Omaggio» con il suo prezzo`,
    lineDiscountInvalid: ({ line }: { line: number }) => `Riga ${line}: lo sconto non può essere negativo`,
    lineOmaggioWithDiscount: ({ line }: { line: number }) => `Riga ${line}: un omaggio non può avere anche uno sconto`,
    saleEmpty: 'Lo scontrino non ha righe',
    saleDiscountInvalid: 'Lo sconto sul totale non può essere negativo',
    lineDiscountTooLarge: ({ line }: { line: number }) => `Riga ${line}: lo sconto supera l'importo della riga`,
    saleDiscountTooLarge: 'Lo sconto sul totale supera il totale',
    paymentAmountInvalid: ({ payment }: { payment: number }) => `Pagamento ${payment}: l'importo deve essere maggiore di zero`,
    mealVoucherCountRequired: ({ payment }: { payment: number }) => `Pagamento ${payment}: indicare il numero di buoni pasto`,
    uncollectedKindRequired: ({ payment }: { payment: number }) =>
      `Pagamento ${payment}: indicare se il non riscosso è per beni o servizi`,
    paymentExceedsTotal: 'I pagamenti non in contanti superano il totale: il resto si dà solo sui contanti',
    paymentInsufficient: ({ missing }: { missing: string }) => `Pagamenti insufficienti: mancano € ${missing}`,
    lotteryCodeFormat: 'Codice lotteria non valido: servono 8 caratteri tra lettere e cifre',
    lotteryMinTotal: 'Codice lotteria: il totale deve essere almeno € 1,00',
    lotteryNotElectronic: 'Codice lotteria: ammesso solo con pagamento interamente elettronico',
  },

  ledger: {
    documentNotFound: ({ ref }: { ref: string }) => `Documento non trovato: ${ref}`,
    fiscalNumberNone: ({ number }: { number: string }) =>
      `${number} è in errore: l'Agenzia delle Entrate non gli ha dato un numero da stampare`,
    fiscalNumberNotReady: ({ number }: { number: string }) =>
      `Il numero AdE di ${number} non è ancora arrivato dall'Agenzia delle Entrate: si potrà stampare appena arriva`,
    retryExcluded: ({ number }: { number: string }) => `${number} è escluso dall'invio (non trasmesso): non si può ritrasmettere`,
    retryNotFailed: ({ number }: { number: string }) => `Il documento ${number} non è in errore: non c'è nulla da riprovare`,
    syncUnavailable: 'La trasmissione non è attiva in questa sessione',
    notASale: ({ number }: { number: string }) => `Il documento ${number} non è una vendita`,
    saleVoided: ({ number, voidNumber }: { number: string; voidNumber: string }) =>
      `La vendita ${number} è già stata annullata (${voidNumber})`,
    returnLineNotFound: ({ number, line }: { number: string; line: number }) => `La vendita ${number} non ha la riga ${line}`,
    returnLineDuplicate: ({ line }: { line: number }) => `Riga ${line} indicata due volte`,
    returnExceedsSold: ({ line, description, left }: { line: number; description: string; left: string }) =>
      `Riga ${line} (${description}): si possono rendere al massimo ${left}`,
    saleHasReturns: ({ number }: { number: string }) =>
      `La vendita ${number} ha già dei resi: non si può annullare, fare un reso del resto`,
    voidTooLate: ({ number }: { number: string }) =>
      `Sono passate più di 24 ore dalla trasmissione di ${number}: l'annullo non è più possibile, fare un reso totale`,
  },

  /** Training mode (backend/training/): nothing fiscal before the shop is set up and a manager leaves it. */
  training: {
    notFiscal: ({ number }: { number: string }) =>
      `${number} è uno scontrino di prova (modalità prova): non è un documento fiscale e non si può rendere, annullare né inviare all'AdE`,
    alreadyLeft: ({ since }: { since: string }) => `La cassa è già in modalità fiscale dal ${since}: la modalità prova non si può riattivare`,
    setupIncomplete: ({ missing }: { missing: FiscalStep[] }) =>
      `Impossibile uscire dalla modalità prova: manca ${missing.map((s) => STEP_WORDS[s]).join(' e ')} della configurazione iniziale`,
    noFiscalDocuments: 'Modalità prova: nessun documento fiscale può essere emesso finché il negozio non è configurato e un responsabile non esce dalla modalità prova',
  },

  sync: {
    accountNotRegistered: ({ fiscalId }: { fiscalId: string }) =>
      `La partita IVA ${fiscalId} non è registrata su Openapi: completare la configurazione in Impostazioni → Agenzia delle Entrate (o con «bancone onboard»). Le vendite restano in coda e partiranno da sole.`,
    accountReceiptsDisabled: ({ fiscalId }: { fiscalId: string }) =>
      `Il servizio scontrini non è attivo su Openapi per la partita IVA ${fiscalId}: attivarlo in Impostazioni → Agenzia delle Entrate (o con «bancone onboard»). Le vendite restano in coda e partiranno da sole.`,
    accountInactive: ({ fiscalId }: { fiscalId: string }) =>
      `La configurazione Openapi della partita IVA ${fiscalId} è disattivata: riattivarla con Openapi, poi controllare Impostazioni. Le vendite restano in coda.`,
    accountWrongAddress: ({ detail }: { detail: string }) =>
      `L'indirizzo dell'API Openapi non risponde come Openapi (${detail}): controllarlo in Impostazioni → Agenzia delle Entrate. Le vendite restano in coda.`,
    accountCheckRefused: ({ fiscalId }: { fiscalId: string }) =>
      `Openapi rifiuta la verifica della configurazione della partita IVA ${fiscalId}: controllare la configurazione in Impostazioni → Agenzia delle Entrate. Le vendite restano in coda.`,
    /** An account stop stored before its explanation was kept: only the API's words, shown apart. */
    configToFix: 'Configurazione Openapi da sistemare: controllare partita IVA, indirizzo e servizio scontrini in Impostazioni → Agenzia delle Entrate. Le vendite restano in coda.',
    tokenRefused: 'Token Openapi non valido o scaduto: inserirne uno nuovo in Impostazioni. Le vendite restano in coda.',
    credentialsExpired: 'Credenziali AdE scadute: aggiornarle in Impostazioni',
    notInQueue: 'Documento non in coda di trasmissione',
    tuningNotJson: 'BANCONE_SYNC_TUNING non è JSON valido',
    tuningInvalid: ({ detail }: { detail: string | undefined }) => `BANCONE_SYNC_TUNING non valido: ${detail}`,
    retryCancelled: "Questo documento è escluso dall'invio (vendita annullata in cassa, o «Non trasmettere» di un responsabile): non si può ritrasmettere",
    retryNotFailed: "Il documento non è in errore: non c'è niente da ritrasmettere",
    cancelAlreadyCancelled: (doc: DocWords) => `${cap(the(doc))} è già escluso dall'invio: non sarà trasmesso`,
    cancelSending: (doc: DocWords) => `${cap(the(doc))} è in invio proprio ora: attendere l'esito e riprovare`,
    cancelChecking: (doc: DocWords) =>
      `${cap(the(doc))} potrebbe essere già arrivato all'Agenzia delle Entrate: è in verifica. Attendere l'esito della verifica (pochi minuti) e riprovare`,
    cancelAtAde: (doc: DocWords) =>
      `${cap(the(doc))} è già arrivato all'Agenzia delle Entrate: il suo invio non si può annullare${doc.kind === 'sale' ? ' (per stornarla: «Annulla scontrino» o un reso)' : ''}`,
    cancelChildAtAde: (doc: DocWords) =>
      `Un reso o annullo di ${the(doc)} è già in invio o arrivato all'Agenzia: l'invio della vendita non si può annullare`,
    cancelReasonRequired: 'Scrivere il motivo per cui il documento non va trasmesso (almeno 3 caratteri)',
  },

  /** Why a fiscal document was refused and what to do (shared/fiscal-errors.ts), by kind of refusal. */
  refusal: {
    zeroPrice: ({ doc }: { doc: DocKind }) =>
      `Una riga ha prezzo € 0,00: l'Agenzia delle Entrate non accetta righe a prezzo zero (per regalare un articolo si usa «Omaggio»). ${cap(thisDoc(doc))} non può essere trasmessa così: ${CANCEL} e registrarla di nuovo con il prezzo giusto, o con la riga come omaggio.`,
    payments: ({ doc }: { doc: DocKind }) =>
      `I pagamenti registrati non corrispondono al totale dello scontrino: l'Agenzia non lo accetta. «Riprova» non basta: segnalarlo all'assistenza; se ${thisDoc(doc)} non va trasmessa, ${CANCEL}.`,
    discount: (_params: { doc: DocKind }) =>
      `Uno sconto supera l'importo della sua riga o dello scontrino: l'Agenzia non lo accetta. Segnalarlo all'assistenza, oppure ${CANCEL} e registrare di nuovo la vendita con lo sconto giusto.`,
    lottery: (_params: { doc: DocKind }) =>
      `Il codice lotteria non è accettato: serve un pagamento tutto elettronico e un totale di almeno € 1,00. ${CANCEL} e registrare di nuovo la vendita senza codice lotteria, oppure segnalarlo all'assistenza.`,
    overReturn: ({ doc }: { doc: DocKind }) =>
      `Il reso supera la quantità ancora rendibile presso l'Agenzia (forse una parte è già stata resa con un altro documento). Controllare i resi di questa vendita; se ${thisDoc(doc)} non va trasmesso, ${CANCEL}.`,
    voidWindow: ({ doc }: { doc: DocKind }) =>
      `Sono passate più di 24 ore dalla trasmissione della vendita: presso l'Agenzia non si può più annullare. Fare un reso totale della vendita e ${CANCEL} di ${thisDoc(doc)}.`,
    alreadyVoided: ({ doc }: { doc: DocKind }) =>
      `La vendita risulta già annullata presso l'Agenzia: ${thisDoc(doc)} non serve. ${CANCEL}.`,
    hasReturns: ({ doc }: { doc: DocKind }) =>
      `La vendita ha già dei resi presso l'Agenzia e non si può annullare: fare un reso di ciò che resta e ${CANCEL} di ${thisDoc(doc)}.`,
    parentMissing: ({ doc }: { doc: DocKind }) =>
      `La vendita originale non si trova presso Openapi come la conosce la cassa: segnalarlo all'assistenza; se ${thisDoc(doc)} non va trasmesso, ${CANCEL}.`,
    invalidData: ({ doc }: { doc: DocKind }) =>
      `Il documento contiene un dato che l'Agenzia non accetta (vedere il messaggio qui sotto). Segnalarlo all'assistenza; se ${thisDoc(doc)} non va trasmess${doc === 'sale' ? 'a' : 'o'}, ${CANCEL}.`,
    adeRejected: (_params: { doc: DocKind }) =>
      `L'Agenzia delle Entrate ha scartato il documento (vedere il messaggio qui sotto). Spesso dipende dalle credenziali AdE: controllarle in Impostazioni, poi premere «Riprova».`,
    other: (_params: { doc: DocKind }) =>
      `Openapi ha rifiutato il documento senza spiegare chiaramente perché (vedere il messaggio qui sotto). Premere «Riprova» quando il problema è risolto, oppure ${CANCEL} se il documento non va trasmesso.`,
  },

  /** The sync section of `bancone status` and `bancone sync` (backend/sync/status.ts syncStatusText), one entry a line. */
  syncReport: {
    counts: ({ pending, inFlight, unknown, ready, failed, cancelled }: { pending: number; inFlight: number; unknown: number; ready: number; failed: number; cancelled: number }) =>
      `Trasmissione AdE: ${pending} in coda, ${inFlight} in corso, ${unknown} da verificare, ${ready} trasmessi, ${failed} in errore${cancelled ? `, ${cancelled} non trasmessi (annullati)` : ''}`,
    waitingForParent: ({ n }: { n: number }) => `${n} resi/annulli attendono la trasmissione della vendita`,
    tokenStop: 'FERMO: token Openapi non valido o scaduto: inserirne uno nuovo (Impostazioni, o bancone onboard --token-file FILE). Le vendite restano in coda.',
    openapiSaid: ({ message }: { message: string }) => `Messaggio di Openapi: «${message}»`,
    configStop: ({ problem }: { problem: Text }) => `FERMO: ${problem.it}`,
    blackout: "Pausa 23:55–00:00: l'invio riprende a mezzanotte",
    paused: ({ reason, until }: { reason: 'rate_limit' | 'offline' | 'unverified'; until: string }) =>
      `In pausa (${{ rate_limit: 'troppe richieste', offline: 'rete non raggiungibile', unverified: 'Openapi non risponde alla verifica della configurazione' }[reason]}) fino alle ${until}`,
    documentRefused: 'un documento è stato rifiutato (vedere sotto e bancone sync --failed)',
    unreachable: 'Openapi non raggiungibile',
    checkFailed: 'verifica della configurazione Openapi non riuscita',
    transmissionProblem: 'problema di trasmissione',
    lastProblem: ({ at, what }: { at: string; what: Text }) => `Ultimo problema (${at}): ${what.it}`,
    technicalDetail: ({ message }: { message: string }) => `Dettaglio tecnico: «${message}»`,
    lastSuccess: ({ at, next }: { at: string; next: string }) => `Ultimo invio riuscito: ${at}; prossimo tentativo: ${next}`,
    credentialsExpired: ({ at }: { at: string }) => `Credenziali AdE SCADUTE il ${at}: aggiornarle con bancone onboard`,
    credentialsExpiring: ({ days, at }: { days: number; at: string }) => `Le credenziali AdE scadono tra ${days} giorni (${at})`,
    failedDocument: ({ number, kind, amount, explanation }: { number: string; kind: DocKind; amount: string; explanation: Text }) =>
      `✗ ${number} (${{ sale: 'vendita', return: 'reso', void: 'annullo' }[kind]}, ${amount}): ${explanation.it}`,
    refuserSaid: ({ source, message }: { source: 'till' | 'openapi' | 'ade'; message: string }) =>
      `${{ till: 'Controllo della cassa', openapi: 'Messaggio di Openapi', ade: "Messaggio dell'Agenzia delle Entrate" }[source]}: «${message}»`,
  },

  /** The guided set-up (backend/setup/, api/setup.ts): step 1 the shop, step 2 the AdE through Openapi. */
  setup: {
    /** Steps 3–6: what is missing before a step can be marked done (else the manager skips it). */
    printerMissing: 'Stampante: indica l’indirizzo della stampante (es. tcp://192.168.1.50:9100) e salva, oppure salta il passo',
    printerUntested: 'Stampante: stampa una pagina di prova e controlla che esca, oppure salta il passo',
    noDepartments: 'Reparti: crea almeno un reparto con la sua aliquota IVA, oppure salta il passo',
    noProducts: 'Catalogo: importa un file CSV o aggiungi un articolo, oppure salta il passo (si può vendere anche per reparto)',
    noManager: 'Persone: serve almeno un responsabile attivo',
    nameRequired: 'Ragione sociale: campo obbligatorio (il nome del negozio come nel registro delle imprese)',
    addressRequired: 'Indirizzo: campo obbligatorio (va stampato sullo scontrino: via, CAP e comune)',
    settingsSetupKey: ({ key }: { key: string }) => `«${key}» lo registra il percorso di configurazione, non si imposta a mano`,
    regime: ({ code }: { code: FiscalRegime }) => REGIMES[code],
    /** Step 2a: environment and token. */
    urlRequired: 'Indirizzo di Openapi: campo obbligatorio per un ambiente personalizzato (es. https://invoice.openapi.com)',
    urlNotFull: 'Indirizzo di Openapi: non è un indirizzo web completo (deve iniziare con https://)',
    urlInsecure: 'Indirizzo di Openapi: deve iniziare con https:// (il token viaggia con ogni richiesta e non va mandato in chiaro)',
    urlExtras: "Indirizzo di Openapi: solo l'indirizzo del servizio, senza utente, parametri o #",
    urlNotCustom: 'Indirizzo di Openapi: si scrive solo scegliendo «Altro indirizzo»',
    tokenRequired: 'Token Openapi: campo obbligatorio (si crea nella console di Openapi)',
    tokenEmpty: 'Token Openapi: campo vuoto',
    tokenSpaces: 'Token Openapi: contiene spazi, probabilmente è stato copiato male (copiarlo di nuovo per intero)',
    /** address: shown when it is not one of Openapi's two services (or the environment variable overrides it). */
    tokenAccepted: ({ address, environment, companies }: { address: string | null; environment: OpenapiEnvironment; companies: number }) =>
      `Openapi (${address ?? (environment === 'sandbox' ? 'sandbox, per le prove' : 'produzione')}) accetta il token: ${companies === 0 ? 'nessuna azienda registrata finora con questo account' : companies === 1 ? '1 azienda registrata con questo account' : `${companies} aziende registrate con questo account`}.`,
    /** Step 2b: the company and the AdE credentials. */
    shopFirst: 'Prima i dati del negozio (passo 1): servono la Partita IVA e la ragione sociale da registrare su Openapi',
    adePasswordRequired: 'Password Fisconline/Entratel: campo obbligatorio',
    adePinInvalid: "PIN Fisconline/Entratel: servono le cifre del PIN completo dell'Agenzia (di solito 10: le 4 della lettera e le 6 del sito)",
    emailRequired: 'E-mail: campo obbligatorio (Openapi vi manda gli avvisi e non si può cambiare dopo)',
    emailInvalid: ({ email }: { email: string }) => `E-mail: «${email}» non è un indirizzo e-mail valido`,
    emailKept: ({ email }: { email: string }) => `Su Openapi l'e-mail resta ${email}: non si può cambiare dopo la registrazione.`,
    receiptsOff: ({ fiscalId }: { fiscalId: string }) =>
      `Openapi ha registrato la Partita IVA ${fiscalId} ma il servizio scontrini risulta spento: abilitarlo nella console di Openapi (servizio IT-receipts), poi premere di nuovo «Registra».`,
    credentialsValidUntil: ({ day }: { day: string }) => ` Credenziali AdE valide fino al ${day}: la cassa avvisa 10 giorni prima di rinnovarle.`,
    companyRegistered: ({ created, fiscalId, expiry, notes }: { created: boolean; fiscalId: string; expiry: Text | null; notes: Text[] }) =>
      `${created ? 'Negozio registrato' : 'Registrazione aggiornata'} su Openapi per la Partita IVA ${fiscalId}: scontrini elettronici attivi.${expiry?.it ?? ''}${notes.length ? ` ${notes.map((n) => n.it).join(' ')}` : ''}`,
    registerFirst: 'Il negozio non è ancora registrato su Openapi: completare prima il passo «Agenzia delle Entrate» con «Registra»',
    credentialsRenewed: ({ expiry }: { expiry: Text | null }) => `Credenziali AdE aggiornate su Openapi.${expiry?.it ?? ''}`,
    unavailable: 'Questa cassa non può parlare con Openapi da qui (archivio delle credenziali non collegato)',
    /** What needs acting on (setup.state's notices). */
    credentialsExpired: "Le credenziali AdE (Fisconline/Entratel) sono scadute: gli scontrini restano in coda finché non si rinnovano. Cambiare la password sul sito dell'Agenzia, poi inserirla qui con «Rinnova».",
    credentialsExpiring: ({ days, day }: { days: number; day: string }) =>
      `Le credenziali AdE (Fisconline/Entratel) scadono ${days === 1 ? 'domani' : `tra ${days} giorni`} (${day}): cambiare la password sul sito dell'Agenzia, poi inserirla qui con «Rinnova».`,
    /** «Verifica»: the configuration as Openapi holds it. */
    verifyReceiptsOff: 'Su Openapi il servizio scontrini è spento: premere «Registra» per riattivarlo.',
    verifyNoCredentials: 'Openapi non ha le credenziali AdE (Fisconline/Entratel): inserirle e premere «Registra».',
    verifyInactive: "Su Openapi la configurazione risulta disattivata: contattare l'assistenza di Openapi.",
    verifyNameDiffers: ({ remote, local }: { remote: string; local: string }) =>
      `Su Openapi il nome registrato è «${remote}» (qui «${local}»): sugli scontrini vale quello della cassa; su Openapi non si può cambiare.`,
    verifyAllGood: ({ fiscalId }: { fiscalId: string }) => `Openapi ha la Partita IVA ${fiscalId} con gli scontrini attivi e le credenziali AdE: tutto in ordine.`,
    verifyToFix: ({ fiscalId }: { fiscalId: string }) => `Openapi ha la Partita IVA ${fiscalId}, ma c'è da sistemare qualcosa (vedi sotto).`,
    /** Openapi's refusals as advice (backend/setup/errors.ts); writing: the refused request would have changed something. */
    tokenForbidden: ({ writing }: { writing: boolean }) =>
      `Il token Openapi non ha il permesso per questa operazione: crearne uno nella console di Openapi con gli ambiti di invoice.openapi.com per IT-configurations e IT-receipts (GET, POST, PATCH, DELETE), poi inserirlo qui.${unchanged(writing)}`,
    tokenRefused: ({ writing }: { writing: boolean }) =>
      `Openapi non accetta il token: controllare di averlo copiato per intero e che sia dell'ambiente scelto (un token della sandbox non vale in produzione, e viceversa); se è scaduto, generarne uno nuovo nella console di Openapi.${unchanged(writing)}`,
    rateLimited: ({ seconds, writing }: { seconds: number | null; writing: boolean }) =>
      `Openapi chiede di rallentare: riprovare ${seconds !== null ? `tra ${seconds} ${seconds === 1 ? 'secondo' : 'secondi'}` : 'tra qualche minuto'}.${unchanged(writing)}`,
    unreachable: ({ network, writing }: { network: boolean; writing: boolean }) =>
      network
        ? `Openapi non è raggiungibile: controllare la connessione a internet della cassa, poi riprovare.${unchanged(writing)}`
        : `All'indirizzo di Openapi non risponde nessuno: controllare l'indirizzo scelto (ambiente) e la connessione, poi riprovare.${unchanged(writing)}`,
    uncertain: ({ writing }: { writing: boolean }) =>
      writing
        ? 'Openapi non ha risposto in modo chiaro: la richiesta potrebbe essere arrivata. Premere «Verifica» per vedere la configurazione come la tiene Openapi, poi riprovare se serve (riprovare non crea doppioni).'
        : 'Openapi non ha risposto in modo chiaro (servizio in difficoltà o risposta interrotta): riprovare tra qualche minuto.',
    wrongAddress: ({ status, writing }: { status: number; writing: boolean }) =>
      `All'indirizzo scelto non risponde Openapi (HTTP ${status}): controllare l'ambiente o l'indirizzo personalizzato.${unchanged(writing)}`,
    accountPayment: ({ writing }: { writing: boolean }) =>
      `Il conto Openapi legato a questo token non ha credito o l'abbonamento al servizio scontrini non è attivo: ricaricarlo o attivarlo nella console di Openapi, poi riprovare.${unchanged(writing)}`,
    alreadyRegistered: ({ fiscalId, writing }: { fiscalId: string; writing: boolean }) =>
      `La Partita IVA ${fiscalId} è già registrata su Openapi, ma non con l'account di questo token: inserire il token dell'account che l'ha registrata, o chiedere all'assistenza di Openapi di spostarla su questo account.${unchanged(writing)}`,
    adeTaxCodeNotEnabled: ({ writing }: { writing: boolean }) =>
      `Il codice fiscale Fisconline/Entratel non è abilitato a trasmettere i corrispettivi per questa Partita IVA: abilitarlo (o nominarlo incaricato) nel portale «Fatture e Corrispettivi» dell'Agenzia delle Entrate, poi riprovare.${unchanged(writing)}`,
    receiptsNotEnabled: ({ fiscalId, writing }: { fiscalId: string; writing: boolean }) =>
      `Il servizio scontrini elettronici non è abilitato su Openapi per la Partita IVA ${fiscalId}: abilitarlo nella console di Openapi (servizio IT-receipts), poi premere di nuovo «Registra».${unchanged(writing)}`,
    adeCredentialsRefused: ({ writing }: { writing: boolean }) =>
      `L'Agenzia delle Entrate non accetta le credenziali Fisconline/Entratel: controllare codice fiscale, password e PIN (la password dell'Agenzia scade ogni 90 giorni: se è scaduta, cambiarla sul sito dell'Agenzia e inserire quella nuova).${unchanged(writing)}`,
    notEditable: ({ field, writing }: { field: SetupField; writing: boolean }) =>
      `Su Openapi ${SETUP_FIELD[field]} non si può più cambiare dopo la registrazione: lasciare quello registrato, o chiedere all'assistenza di Openapi.${unchanged(writing)}`,
    notRegistered: ({ fiscalId, writing }: { fiscalId: string; writing: boolean }) =>
      `Openapi non ha una configurazione per la Partita IVA ${fiscalId}: premere «Registra» per crearla.${unchanged(writing)}`,
    fieldRefused: ({ field, writing }: { field: SetupField; writing: boolean }) =>
      `Openapi non accetta il campo «${SETUP_FIELD[field]}»: controllarlo e riprovare.${unchanged(writing)}`,
    refused: ({ status, writing }: { status: number; writing: boolean }) =>
      `Openapi ha rifiutato la richiesta (HTTP ${status}): controllare i dati inseriti; se tutto è giusto, mostrare il messaggio qui sotto all'assistenza.${unchanged(writing)}`,
    /** The advice, then what was said: Openapi's words, or the network's or the till's (theirs: false). */
    withDetail: ({ advice, theirs, message }: { advice: Text; theirs: boolean; message: string }) =>
      `${advice.it}\n${theirs ? 'Messaggio di Openapi' : 'Dettaglio tecnico'}: «${message}»`,
  },

  printing: {
    zReportInvalid: ({ detail }: { detail: string }) => `Report non stampabile: ${detail}`,
    printJobNoDocument: 'Lavoro di stampa senza documento',
    printJobBadPayload: 'Dati del report non validi',
    trainingJobBadPayload: 'Dati dello scontrino di prova non validi',
    printJobKindUnknown: ({ kind }: { kind: string }) => `Tipo di stampa sconosciuto: ${kind}`,
    printerCodepage: ({ model }: { model: string | undefined }) => `La stampante ${model} non supporta la code page 858 (€)`,
    printerModelUnknown: ({ model }: { model: string }) => `Modello di stampante sconosciuto: ${model}`,
    /** The printer's states (status bar, print queue). */
    stateReady: 'Stampante pronta',
    stateReadyPaperNearEnd: 'Stampante pronta, carta in esaurimento',
    statePaperOut: 'Carta esaurita: sostituire il rotolo',
    stateCoverOpen: 'Coperchio della stampante aperto',
    stateOffline: 'Stampante non in linea',
    stateError: 'Errore della stampante (taglierina o testina)',
    stateUnreachable: 'Stampante non raggiungibile',
    stateTimeout: 'La stampante non risponde',
    stateNotConfigured: 'Stampante non configurata',
    stateUnknown: 'Stato della stampante non disponibile',
    /** A state and what was seen: «Stampante non raggiungibile: connessione rifiutata da …». */
    stateWithDetail: ({ state, detail }: { state: Text; detail: Text }) => `${state.it}: ${detail.it}`,
    noAnswerFrom: ({ target, ms }: { target: string; ms: number }) => `nessuna risposta da ${target} entro ${ms / 1000} s`,
    connectionRefused: ({ target }: { target: string }) => `connessione rifiutata da ${target}`,
    connectionFailed: ({ target, cause }: { target: string; cause: string }) => `${target} (${cause})`,
    noStatusReply: ({ ms }: { ms: number; cause: string }) => `nessuna risposta di stato entro ${ms / 1000} s`,
    printingInterrupted: 'stampa interrotta',
    printingNotConfirmed: 'stampa non confermata',
    connectionLost: 'Connessione con la stampante interrotta',
    connectionLostBecause: ({ cause }: { cause: string }) => `Connessione con la stampante interrotta (${cause})`,
    ioError: ({ detail }: { detail: string }) => `Errore di comunicazione con la stampante: ${detail}`,
    stalled: 'La stampante ha smesso di ricevere dati',
    notConfigured: 'Stampante non configurata: impostarla in Impostazioni',
    urlInvalid: ({ url, detail }: { url: string; detail: Text }) => `Indirizzo stampante non valido "${url}": ${detail.it}`,
    urlExpectedTcp: 'atteso tcp://host:porta',
    urlStatusOnOff: 'status deve essere on oppure off',
    urlQueueInvalid: 'nome della coda non valido',
    queueMissing: ({ queue }: { queue: string }) => `Coda di stampa "${queue}" inesistente`,
    queuePaused: ({ queue }: { queue: string }) => `Coda di stampa "${queue}" sospesa`,
    queueActive: 'Coda di stampa attiva (stato della carta non disponibile)',
    urlPrinterMissing: 'nome della stampante mancante',
    urlExpectedSerial: 'atteso serial:///dev/ttyUSB0?baud=9600',
    urlBaudUnsupported: ({ baud }: { baud: string }) => `velocità ${baud} non supportata`,
    urlUsbUseQueue: 'per le stampanti USB usare la coda del sistema operativo (lp://CODA su Linux/macOS, winspool://NOME su Windows)',
    urlScheme: 'usare tcp://, lp://, winspool:// o serial://',
    spoolerMissing: ({ command }: { command: string }) => `Comando "${command}" non trovato: installare il sistema di stampa (CUPS)`,
    spoolerError: ({ detail }: { detail: string }) => `Errore del sistema di stampa: ${detail}`,
    spoolerRefused: ({ why }: { why: string }) => `Il sistema di stampa ha rifiutato il lavoro: ${why}`,
    windowsPrinterError: ({ printer, code, detail }: { printer: string; code: number | null; detail: string }) =>
      `Stampante Windows "${printer}": errore ${code} ${detail}`.trim(),
    serialUnavailable: ({ device, cause }: { device: string; cause: string }) => `Porta seriale ${device} non disponibile (${cause})`,
    jobTimeout: ({ limit }: { limit: string }) => `La stampante non ha completato il lavoro entro ${limit}`,
  },

  reports: {
    dayClosed: ({ day, zNumber }: { day: string; zNumber: number }) =>
      `La giornata ${day} è chiusa (Z N. ${zNumber}): non si può modificare`,
    floatAlreadySet: ({ day, amount }: { day: string; amount: string }) =>
      `Il fondo cassa del ${day} è già registrato (${amount}): per correggerlo registrare un'entrata o un'uscita`,
    cashOutExceedsDrawer: ({ amount, expected }: { amount: string; expected: string }) =>
      `Uscita di ${amount} superiore ai contanti attesi in cassa (${expected})`,
    movementReasonRequired: 'indicare il motivo del movimento',
    denominationInvalid: ({ denominations }: { denominations: string }) =>
      `taglio non valido: usare il valore in centesimi (${denominations})`,
    noClosedDay: 'Nessuna giornata è ancora stata chiusa',
    dayNotClosed: ({ day }: { day: string }) => `La giornata ${day} non è ancora chiusa: usare la lettura X o chiudere la giornata`,
    dayHasUnsentDocuments: ({ notReady, pending, failed }: { notReady: number; pending: number; failed: number }) =>
      `${plural(notReady, 'documento non ancora accettato', 'documenti non ancora accettati')} dall'Agenzia delle Entrate (${pending} in attesa, ${plural(failed, 'rifiutato/fallito', 'rifiutati/falliti')}): per chiudere comunque serve una nota che lo motivi`,
    finalSyncFailed: ({ error }: { error: string | null }) =>
      `Invio finale all'Agenzia delle Entrate non riuscito (${error}): riprovare, oppure chiudere comunque (--force) con una nota`,
    dayAlreadyClosed: ({ day, zNumber, closedAt }: { day: string; zNumber: number; closedAt: string }) =>
      `La giornata ${day} è già chiusa (Z N. ${zNumber} del ${closedAt}): si può solo ristampare il report Z`,
    /** When a day can be closed: «da oggi alle 06:00», «da domani», «dal 24/11/2026». */
    closableTodayAt: ({ hour }: { hour: string }) => `da oggi alle ${hour}`,
    closableTomorrow: 'da domani',
    closableFrom: ({ day }: { day: string }) => `dal ${day}`,
    nextClosingAfter: ({ closedDay, zNumber, closedAt, day, when }: { closedDay: string; zNumber: number; closedAt: string; day: string; when: Text }) =>
      `Giornata del ${closedDay} già chiusa (Z N. ${zNumber} del ${closedAt}). La prossima chiusura, della giornata del ${day}, si potrà fare ${when.it}.`,
    lastClosing: ({ zNumber, day }: { zNumber: number; day: string }) => ` Ultima chiusura: Z N. ${zNumber}, giornata del ${day}.`,
    dayNotStarted: ({ day, when, last }: { day: string; when: Text; last: Text | null }) =>
      `La giornata del ${day} non è ancora iniziata: si potrà chiudere ${when.it}.${last?.it ?? ''}`,
  },

  /** The invoice queue as a whole (backend/invoicing/queue.ts): what stops it, in words. */
  invoicingQueue: {
    no_provider: 'Fatture: nessun servizio di fatturazione scelto; le fatture restano in coda (Impostazioni, Fatturazione elettronica)',
    no_credential: 'Fatture: manca la chiave o la password del servizio di fatturazione; le fatture restano in coda (Impostazioni, Fatturazione elettronica)',
    openapi_not_configured: "Fatture: Openapi non è configurato (token e partita IVA); le fatture restano in coda (configurazione guidata, passo 2)",
    notFailed: ({ number, state }: { number: string; state: string }) => `Fattura: ${number} non è rifiutata (${state}); «Riprova» serve solo per una fattura rifiutata dal servizio`,
  },
  /** Where an invoice's sending stands, in the shop's words (backend/invoicing/store.ts, history, `bancone invoice status`). */
  invoiceSending: {
    pending: 'Da inviare',
    sending: 'In invio',
    unknown: 'Verifica in corso: prima di reinviarla si controlla se il servizio l\'ha già ricevuta',
    queued: 'Ricevuta dal servizio, in attesa di invio allo SDI',
    sent: 'Inviata allo SDI, in attesa di esito',
    delivered: 'Consegnata al cliente',
    not_delivered: 'Non consegnata: è nel cassetto fiscale del cliente; avvisare il cliente e dargli la copia di cortesia',
    rejected: 'Scartata dallo SDI: va emessa di nuovo, corretta, entro 5 giorni',
    failed: 'Rifiutata dal servizio: correggere e riprovare',
  },
  /** The invoice sender (backend/invoicing/sender): what stops or holds the queue, `bancone invoice status`. */
  invoiceSender: {
    accountStopped: ({ detail }: { detail: string }) => `Fatture: coda ferma, il servizio non accetta l'accesso (${detail}). Correggere in Impostazioni, Fatturazione elettronica (o nel pannello del servizio); le fatture restano in coda, nessuna è persa`,
    limited: ({ detail }: { detail: string }) => `Fatture: in attesa (${detail}); le fatture restano in coda e partono da sole`,
    providerGone: ({ provider, count }: { provider: string; count: number }) =>
      `Fatture: ${plural(count, 'fattura già inviata', 'fatture già inviate')} a ${provider} ${count === 1 ? 'attende' : 'attendono'} l'esito, ma ${provider} non è più configurato: sceglierlo di nuovo in Impostazioni per seguirne l'esito`,
    held: ({ count }: { count: number }) => `${plural(count, 'fattura attende', 'fatture attendono')} la fattura collegata (una nota di credito parte dopo la sua fattura, una riemissione dopo lo scarto)`,
    internalError: ({ detail }: { detail: string }) => `Errore interno durante l'invio: ${detail}; nuovo tentativo più tardi`,
    queueLine: ({ counts }: { counts: string }) => `Coda fatture: ${counts}`,
    queueRuns: 'La coda delle fatture è in funzione',
    nextAttempt: ({ at }: { at: string }) => `Prossimo tentativo: ${at}`,
    service: ({ provider }: { provider: string }) => `Servizio: ${provider}`,
    sdiId: ({ id }: { id: string }) => `Identificativo SDI: ${id}`,
    errorLine: ({ code, message }: { code: string; message: string }) => `Errore SDI ${code}: ${message}`,
    adviceLine: ({ advice }: { advice: string }) => `  Cosa fare: ${advice}`,
    todoReissue: ({ number }: { number: string }) => `Cosa fare: correggere e riemettere con «bancone invoice reissue ${number}» (entro 5 giorni)`,
    todoRetry: ({ number }: { number: string }) => `Cosa fare: correggere la causa, poi «bancone invoice retry ${number}»`,
    todoNotDelivered: 'Cosa fare: avvisare il cliente che la fattura è nel suo cassetto fiscale e dargli la copia di cortesia',
    retried: ({ number }: { number: string }) => `Fattura ${number} rimessa in coda: sarà inviata al prossimo giro`,
    statusHead: ({ kind, number, date, customer, total }: { kind: 'TD01' | 'TD04'; number: string; date: string; customer: string; total: number }) =>
      `${kind === 'TD01' ? 'Fattura' : 'Nota di credito'} n. ${number} del ${date}, ${customer}, ${eur(total)}`,
    stateLine: ({ label }: { label: string }) => `Stato: ${label}`,
    reasonLine: ({ reason }: { reason: string }) => `Motivo: ${reason}`,
    countLine: ({ count, label }: { count: number; label: string }) => `  ${count} × ${label}`,
    docMissing: ({ usage }: { usage: string }) => `Indicare la fattura (numero, es. 2026/0001, o id). Uso: ${usage}`,
    reissued: ({ number, replaces }: { number: string; replaces: string }) => `Fattura n. ${number} emessa in sostituzione della ${replaces} scartata; in attesa di invio`,
  },
  /** Re-issuing an invoice the SDI rejected (backend/invoicing/reissue.ts), and its Causale in the XML. */
  invoiceReissue: {
    notRejected: ({ number, state }: { number: string; state: string }) => `Fattura: ${number} non è scartata dallo SDI (${state}); si riemette solo una fattura scartata`,
    alreadyReissued: ({ number, reissue }: { number: string; reissue: string }) => `Fattura: ${number} è già stata riemessa con la fattura ${reissue}`,
    causale: ({ number, date }: { number: string; date: string }) => `Riemissione della fattura n. ${number} del ${date} scartata dallo SDI`,
  },
  /** What to fix for the SDI's common rejection codes (shared/invoicing/sdi-errors.ts). */
  sdiAdvice: {
    c00001: "Nome del file non valido: controllare la partita IVA e il codice fiscale del negozio in Impostazioni, poi riemettere",
    c00002: 'Nome del file già usato per un altro invio: riemettere la fattura (la riemissione ha un nuovo progressivo)',
    c00200: "File non conforme al formato FatturaPA: riemettere; se si ripete, inviare all'assistenza il file (bancone invoice xml)",
    c00305: 'Partita IVA del cliente non valida per l\'Anagrafe tributaria: correggerla in «Clienti» e riemettere',
    c00306: 'Codice fiscale del cliente non valido: correggerlo in «Clienti» e riemettere',
    c00311: 'Codice destinatario del cliente non valido: chiedere al cliente il codice giusto (7 caratteri) o la PEC, correggere in «Clienti» e riemettere',
    c00312: 'Codice destinatario non attivo: chiedere al cliente il codice giusto o la PEC, correggere in «Clienti» e riemettere',
    c00400: 'Natura IVA mancante su una riga senza IVA: correggere l\'IVA del reparto o del prodotto (natura N1–N7) e riemettere',
    c00401: "Aliquota IVA non valida, o natura indicata insieme a un'aliquota: controllare l'IVA dei prodotti e riemettere",
    c00403: "Data della fattura nel futuro: controllare la data e l'ora del computer, poi riemettere",
    c00404: "Fattura già ricevuta dallo SDI (stesso numero, data e cliente): verificare se è arrivata; se no, riemetterla (avrà un nuovo numero)",
    c00417: 'Mancano la partita IVA e il codice fiscale del cliente: completarli in «Clienti» e riemettere',
    c00418: 'Data anteriore a quella della fattura collegata: una nota di credito non può precedere la fattura che corregge; riemettere con la data giusta',
    c00421: "Imposta non coerente con imponibile e aliquota: inviare all'assistenza il file (bancone invoice xml), poi riemettere",
    c00422: "Imponibile non coerente con la somma delle righe: inviare all'assistenza il file (bancone invoice xml), poi riemettere",
    c00423: "Prezzo totale di una riga diverso da quantità per prezzo unitario: inviare all'assistenza il file (bancone invoice xml), poi riemettere",
    c00425: 'Numero della fattura senza cifre: il numero deve contenere almeno una cifra (controllare il prefisso in Impostazioni) e riemettere',
    c00426: 'PEC del cliente indicata con un codice destinatario diverso da 0000000: con la PEC il codice è 0000000; correggere in «Clienti» e riemettere',
    c00427: 'Codice destinatario della lunghezza sbagliata (7 caratteri per un privato, 6 per la Pubblica Amministrazione): correggere in «Clienti» e riemettere',
  },
  /** Invoices in the ledger (backend/invoicing): the series, creating one from a sale, credit notes. */
  invoices: {
    saleNotASale: ({ number }: { number: string }) =>
      `Vendita: ${number} è un reso o un annullo; la fattura si emette per la vendita (per il reso di una vendita fatturata si emette la nota di credito)`,
    alreadyInvoiced: ({ sale, invoice }: { sale: string; invoice: string }) => `Vendita: la vendita ${sale} è già fatturata (fattura ${invoice}); non si può fatturare due volte`,
    saleVoided: ({ sale, voidNumber }: { sale: string; voidNumber: string }) => `Vendita: la vendita ${sale} è annullata (annullo ${voidNumber}); non si può fatturare`,
    saleReturned: ({ sale }: { sale: string }) => `Vendita: la vendita ${sale} è stata resa per intero; non c'è più nulla da fatturare`,
    customerUnknown: ({ ref }: { ref: string }) => `Cliente: nessun cliente con id, codice fiscale o partita IVA «${ref}» (aggiungerlo prima con «Clienti»)`,
    customerAmbiguous: ({ ref, count }: { ref: string; count: number }) => `Cliente: ${plural(count, 'cliente ha', 'clienti hanno')} «${ref}»; indicare l'id del cliente`,
    customerInactive: ({ name }: { name: string }) => `Cliente: ${name} è disattivato; riattivarlo in «Clienti» per fatturargli`,
    returnNotARefund: ({ number }: { number: string }) => `Reso: ${number} è una vendita; la nota di credito si emette per un reso o un annullo`,
    returnSaleNotInvoiced: ({ refund, sale }: { refund: string; sale: string }) =>
      `Reso: la vendita ${sale} (di ${refund}) non è fatturata; la nota di credito serve solo per correggere una fattura`,
    creditNoteExists: ({ refund, invoice }: { refund: string; invoice: string }) => `Reso: per ${refund} c'è già la nota di credito ${invoice}`,
    notFound: ({ ref }: { ref: string }) => `Fattura non trovata: ${ref}`,
    prefixInvalid: 'Prefisso delle fatture: fino a 8 lettere, cifre, «-» o «/» (es. «A-»), oppure vuoto',
    created: ({ kind, number, customer }: { kind: 'TD01' | 'TD04'; number: string; customer: string }) =>
      `${kind === 'TD01' ? 'Fattura' : 'Nota di credito'} n. ${number} emessa a ${customer}; in attesa di invio`,
    listLine: ({ number, date, kind, customer, total, state }: { number: string; date: string; kind: 'TD01' | 'TD04'; customer: string; total: number; state: string }) =>
      `${number}  ${date}  ${kind === 'TD01' ? 'fattura' : 'nota di credito'}  ${customer}  ${eur(total)}  ${state === 'pending' ? 'da inviare' : state}`,
    listEmpty: 'Nessuna fattura',
    createUsage: ({ usage }: { usage: string }) => `Indicare la vendita (--sale) e il cliente (--customer), oppure il reso (--return). Uso: ${usage}`,
    // `bancone invoice pdf` (the courtesy copy)
    pdfWritten: ({ number, path }: { number: string; path: string }) => `Copia di cortesia della fattura ${number}: ${path}`,
    pdfUsage: ({ usage }: { usage: string }) => `Indicare la fattura (numero, es. 2026/0001, o id). Uso: ${usage}`,
  },

  /** The FatturaPA 1.2.2 invoice XML (shared/fatturapa/): what is missing or wrong to build it, and its fixed words. */
  fatturapa: {
    shopAddressUnreadable: "Indirizzo del negozio: per la fattura servono via, CAP (5 cifre) e comune, es. «Via Roma 1» a capo «10121 Torino (TO)» (Impostazioni, negozio)",
    shopVatNumberMissing: 'Partita IVA del negozio: manca (configurazione guidata, passo 1)',
    shopTaxCodeMissing: 'Codice fiscale del negozio: manca (configurazione guidata, passo 1)',
    shopNameMissing: 'Ragione sociale del negozio: manca (configurazione guidata, passo 1)',
    numberInvalid: 'Numero della fattura: da 1 a 20 caratteri senza accenti, con almeno una cifra (es. 2026/0001)',
    dateInvalid: 'Data della fattura: usare AAAA-MM-GG',
    transmissionIdInvalid: 'Progressivo di invio: da 1 a 10 lettere o cifre',
    customerNameRequired: 'Cliente: indicare la denominazione (azienda) oppure nome e cognome (persona)',
    customerNameBoth: 'Cliente: o la denominazione (azienda) o nome e cognome (persona), non entrambi',
    customerIdRequired: 'Cliente: serve la partita IVA o il codice fiscale',
    customerCountryInvalid: 'Paese: due lettere maiuscole (es. IT, DE)',
    customerForeignVatInvalid: 'Partita IVA estera: da 1 a 28 lettere o cifre',
    customerCapInvalid: 'CAP: 5 cifre',
    customerProvinceInvalid: 'Provincia: la sigla di due lettere (es. TO)',
    customerRecipientCodeInvalid: 'Codice destinatario SDI: 7 caratteri, lettere maiuscole o cifre',
    customerPecInvalid: 'PEC: non è un indirizzo email valido',
    customerTextRequired: ({ field }: { field: string }) => `${field}: campo obbligatorio`,
    creditNoteNeedsInvoice: "Nota di credito: indicare la fattura che corregge (numero e data)",
    creditNoteOnlyForReturns: 'Nota di credito: si emette per un reso o un annullo, non per una vendita',
    invoiceNotForReturns: "Fattura: si emette per una vendita; per un reso o un annullo di una vendita fatturata serve la nota di credito",
    /** Causale of a TD01 for a sale already documented by a receipt (documento commerciale). */
    receiptCited: ({ number, date, adeNumber }: { number: string; date: string; adeNumber: string | null }) =>
      `Fattura relativa al documento commerciale n. ${number} del ${date}${adeNumber ? ` (n. AdE ${adeNumber})` : ''}`,
  },

  /** E-invoicing providers (backend/invoicing/providers/): refusals and failures, in the shop's words. Openapi's /IT-invoices. */
  reconciliation: {
    /** bancone reconciliation export (issue #13): the day's electronic payments per document. */
    dateRequired: ({ usage }: { usage: string }) => `Manca la giornata: --date AAAA-MM-GG.\nUso: ${usage}`,
    empty: ({ date }: { date: string }) => `Nessun pagamento elettronico nella giornata ${date}: l'export è vuoto`,
  },

  invoicing: {
    openapiTokenRefused: 'Openapi non accetta il token (errato o scaduto): inserirne uno valido in Impostazioni, servizio di fatturazione. Le fatture restano in coda.',
    openapiForbidden: ({ apiMessage }: { apiMessage: string }) =>
      `Il token Openapi non ha il permesso di inviare fatture (${apiMessage}): crearne uno nella console di Openapi con gli ambiti per IT-invoices (GET, POST), poi inserirlo in Impostazioni. Le fatture restano in coda.`,
    openapiInvoicesNotEnabled: ({ fiscalId }: { fiscalId: string }) =>
      `Su Openapi le fatture elettroniche (customer_invoice) non sono attive per la partita IVA ${fiscalId}: attivarle dalla configurazione guidata, passo Openapi («Attiva le fatture»), o nella console di Openapi. Le fatture restano in coda.`,
    openapiNotRegistered: ({ fiscalId }: { fiscalId: string }) =>
      `La partita IVA ${fiscalId} non è registrata su Openapi con questo token: completare la configurazione guidata, passo Openapi. Le fatture restano in coda.`,
    openapiWrongAddress: ({ status }: { status: number }) =>
      `L'indirizzo di Openapi risponde HTTP ${status} senza le parole di Openapi: controllare l'indirizzo in Impostazioni. Le fatture restano in coda.`,
    openapiXmlInvalid: ({ detail }: { detail: string }) =>
      `Fattura rifiutata da Openapi: l'XML non rispetta lo schema FatturaPA (${detail}). Nulla è stato inviato allo SDI: correggere e inviare di nuovo.`,
    openapiRefused: ({ status, detail }: { status: number; detail: string }) =>
      `Fattura rifiutata da Openapi (HTTP ${status}): ${detail}. Nulla è stato inviato allo SDI.`,
    openapiInvoiceNotFound: ({ remoteId }: { remoteId: string }) => `Openapi non conosce la fattura ${remoteId}.`,
    openapiRateLimited: ({ seconds }: { seconds: number }) =>
      `Openapi chiede di rallentare (troppe richieste): nuovo tentativo tra ${plural(seconds, 'secondo', 'secondi')}.`,
    openapiAmbiguous: ({ detail }: { detail: string }) =>
      `Openapi non ha dato una risposta certa (${detail}): prima di inviare di nuovo si controlla se la fattura è già arrivata.`,
    /** The set-up's «Attiva le fatture» (setup.enableInvoices). */
    openapiInvoicesEnabled: ({ fiscalId }: { fiscalId: string }) =>
      `Fatture elettroniche attive su Openapi per la partita IVA ${fiscalId}: le fatture partono dalla cassa con lo stesso token degli scontrini.`,
    openapiInvoicesStillOff: ({ fiscalId }: { fiscalId: string }) =>
      `Openapi ha ricevuto la richiesta ma le fatture elettroniche (customer_invoice) restano spente per la partita IVA ${fiscalId}: attivarle nella console di Openapi o chiedere all'assistenza di Openapi.`,
  },

  invoicingProviders: {
    endpointNotFound: ({ service }: { service: string }) => `${service}: indirizzo del servizio non trovato (404); controllare l'indirizzo in Impostazioni`,
    unreachable: ({ service }: { service: string }) => `${service}: nessuna risposta certa; prima di reinviare la fattura si verifica se il servizio l'ha già ricevuta`,
    serverError: ({ service, status }: { service: string; status: number }) => `${service}: errore del servizio (HTTP ${status}); prima di reinviare si verifica se la fattura è già arrivata`,
    unreadable: ({ service }: { service: string }) => `${service}: risposta illeggibile; prima di reinviare si verifica se la fattura è già arrivata`,
    authRefused: ({ service }: { service: string }) => `${service}: credenziali rifiutate; controllare utente, password o chiave API in Impostazioni`,
    invoiceRefused: ({ service, detail }: { service: string; detail: string }) => `${service} ha rifiutato la fattura: ${detail}`,
    notFound: ({ service, id }: { service: string; id: string }) => `${service}: la fattura ${id} non risulta presso il servizio`,
    rateLimited: ({ service, at }: { service: string; at: string }) => `${service}: troppe richieste; nuovo tentativo dalle ${at}`,
    hourQuotaUsed: ({ at }: { at: string }) => `Fattura24: esaurite le 200 chiamate dell'ultima ora; nuovo tentativo dalle ${at}`,
    dayQuotaUsed: ({ at }: { at: string }) => `Fattura24: esaurite le 500 chiamate giornaliere; la coda riparte il ${at}`,
  },

  cli: {
    /** What the commands print (stdout, stderr), where it exists in both languages. */
    errorLine: ({ code, words }: { code: string; words: Text }) => `Errore [${code}]: ${words.it}`,
    importNotice: ({ words }: { words: Text }) => `Avviso: ${words.it}`,
    importReadAs: ({ encoding, delimiter: d }: { encoding: string; delimiter: string }) => `Letto come ${encoding}, separatore «${delimiter(d)}».`,
    importColumnsNotRead: ({ columns }: { columns: string[] }) => `Colonne non lette: ${columns.map((c) => `«${c}»`).join(', ')}.`,
    importNewDepartment: ({ code, name, vatCode }: { code: string; name: string; vatCode: string }) => `Nuovo reparto: ${code} «${name}» (IVA ${vatCode}).`,
    receiptNotPrintedAsked: 'Scontrino non stampato (--no-print)',
    receiptPrinted: ({ drawerOpened }: { drawerOpened: boolean }) => `Scontrino stampato${drawerOpened ? ', cassetto aperto' : ''}`,
    receiptNotPrinted: ({ reason, drawerOpened, number }: { reason: Text; drawerOpened: boolean; number: string }) =>
      `Scontrino NON stampato: ${reason.it}.${drawerOpened ? ' Il cassetto è stato aperto.' : ''} Il documento è registrato e lo scontrino resta in coda: si stampa da solo con l'app della cassa aperta, oppure ora con «bancone print sale ${number}» (tutti quelli in attesa: «bancone print queue --run»).`,
    invalidArguments: ({ detail }: { detail: string }) => `Argomenti non validi: ${detail}`,
    usage: ({ usage }: { usage: string }) => `Uso: ${usage}`,
    fileNotReadable: ({ file }: { file: string }) => `File non leggibile: ${file}`,
    jsonInvalid: ({ source, detail }: { source: string; detail: string }) => `JSON non valido in ${source}: ${detail}`,
    saleInputMissing: ({ usage }: { usage: string }) => `Manca l'input della vendita. Uso: ${usage}`,
    amountMissing: ({ usage }: { usage: string }) => `Importo mancante o non valido (--amount). Uso: ${usage}`,
    countedJsonMissing: ({ usage }: { usage: string }) => `Manca --counted-json. Uso: ${usage}`,
    syncTimeoutInvalid: ({ value }: { value: string | undefined }) => `--sync-timeout non valido: ${value}`,
    dateInvalid: ({ date }: { date: string }) => `Data non valida: ${date} (usare AAAA-MM-GG)`,
    dateInvalidFor: ({ option, value }: { option: string; value: string }) => `Data non valida per --${option}: ${value} (usare AAAA-MM-GG)`,
    countRequired: ({ usage }: { usage: string }) => `Manca il conteggio dei contanti: --counted-json FILE. Uso: ${usage}`,
    portInvalid: ({ port }: { port: string | undefined }) => `Porta non valida: ${port}`,
    syncNotConfigured: ({ missing }: { missing: string }) => `Trasmissione non configurata: manca ${missing}`,
    syncOneAction: ({ usage }: { usage: string }) => `Indicare una sola azione.\nUso: ${usage}`,
    timeoutInvalid: '--timeout: numero di secondi positivo',
    cancelReasonRequired: '--reason: scrivere il motivo per cui il documento non va trasmesso (almeno 3 caratteri)',
    pdfNotAvailable: 'PDF non disponibile: il documento non è ancora stato trasmesso o Openapi non risponde',
    reportTypeMissing: ({ usage }: { usage: string }) => `Indicare x, z o period. Uso: ${usage}`,
    periodNeedsRange: 'Il riepilogo di periodo richiede --from e --to',
    saleMissing: ({ usage }: { usage: string }) => `Indicare la vendita. Uso: ${usage}`,
    /** bancone onboard: secrets never on the command line, and what the set-up needs. */
    secretOnArgv: ({ secret }: { secret: CliSecret }) =>
      `--${secret} non si accetta più: sulla riga di comando il segreto è leggibile da ogni utente della macchina. Usare ${SECRET_WAYS[secret]}. Niente è stato salvato né inviato.`,
    secretFileUnreadable: ({ field, path, cause }: { field: string; path: string; cause: string }) => `File di ${field} illeggibile (${path}): ${cause}`,
    secretFileEmpty: ({ field, path }: { field: string; path: string }) => `File di ${field} vuoto (${path})`,
    stdinSecretsInvalid: 'Segreti su stdin: serve JSON {"token","password","pin"} (ognuno facoltativo)',
    stdinTokenEmpty: 'Token su stdin: non è arrivato niente',
    onboardShopMissing: ({ usage }: { usage: string }) => `Il negozio non è ancora configurato: servono --fiscal-id e --name (e --address).\nUso: ${usage}`,
    onboardRegimeInvalid: ({ regime, allowed }: { regime: string; allowed: readonly string[] }) =>
      `--regime: ${regime} non è un regime fiscale (ammessi: ${allowed.join(', ')})`,
    onboardEmailRequired: ({ usage }: { usage: string }) => `Serve --email (Openapi vi manda gli avvisi; non si cambia dopo).\nUso: ${usage}`,
    onboardTaxCodeRequired: ({ usage }: { usage: string }) =>
      `Serve --tax-code: il codice fiscale dell'utenza Fisconline/Entratel che trasmette i corrispettivi.\nUso: ${usage}`,
    onboardAdeSecretsRequired: ({ usage }: { usage: string }) =>
      `Servono password e PIN Fisconline/Entratel: --password-file e --pin-file, --secrets-stdin, o BANCONE_ADE_PASSWORD e BANCONE_ADE_PIN.\nUso: ${usage}`,
    returnMissing: ({ usage }: { usage: string }) => `Indicare la vendita e almeno una riga. Uso: ${usage}`,
    lineFormat: ({ spec }: { spec: string }) => `--line "${spec}": formato atteso N:QTY (es. 2:1 o 3:0,5)`,
    /** Arguments refused before the command touches the ledger (backend/cli/args.ts). */
    optionUnknown: ({ option }: { option: string }) => `Opzione sconosciuta «${option}»`,
    optionTakesNoValue: ({ name, value }: { name: string; value: string }) => `L'opzione --${name} non prende un valore («${value}»)`,
    optionNeedsValue: ({ name }: { name: string }) =>
      `L'opzione --${name} richiede un valore (un valore che inizia con «--» si scrive --${name}=--…)`,
    optionEmpty: ({ name }: { name: string }) => `L'opzione --${name} non può essere vuota`,
    optionRepeated: ({ name }: { name: string }) => `L'opzione --${name} è data più volte`,
    argumentUnexpected: ({ argument }: { argument: string }) => `Argomento inatteso «${argument}»: il comando non lo prevede`,
    /** --idempotency-key (backend/cli/idempotency.ts). */
    idempotencyKeyFormat: '--idempotency-key: da 1 a 128 caratteri tra lettere, cifre e . _ : / -',
    idempotencyKeyReused: ({ key, kind, number }: { key: string; kind: DocKind; number: string }) =>
      `La chiave «${key}» è già stata usata per un'altra richiesta (${{ sale: 'vendita', return: 'reso', void: 'annullo' }[kind]} ${number}): per una nuova operazione usare una chiave nuova`,
    /** bancone invoice xml. */
    invoiceXmlMissing: ({ usage }: { usage: string }) => `Indicare la vendita, il file del cliente e il numero della fattura. Uso: ${usage}`,
    invoiceCreditNoteMissing: ({ usage }: { usage: string }) => `Per un reso o un annullo servono --credit-note-of e --credit-note-date (la fattura che si corregge). Uso: ${usage}`,
    /** bancone training status. */
    trainingFiscalSince: ({ since }: { since: string }) => `Modalità fiscale dal ${since}.`,
    trainingHead: "MODALITÀ PROVA - NON FISCALE: le vendite non vanno all'AdE e non entrano nei report.",
    trainingSetupDone: 'Configurazione completata: `bancone training leave` rende fiscale la cassa.',
    trainingSetupMissing: ({ missing }: { missing: FiscalStep[] }) => `Configurazione ancora da fare: ${missing.map((m) => STEP_SHORT[m]).join(', ')}.`,
    /** bancone status: where the guided set-up stands (steps 1–6) and whether the till is fiscal. */
    setupProgress: ({ done, skipped, todo }: { done: readonly SetupStep[]; skipped: readonly SetupStep[]; todo: readonly SetupStep[] }) =>
      todo.length === 0 && skipped.length === 0
        ? 'Configurazione guidata: completa (6 passi su 6).'
        : `Configurazione guidata: ${done.length} ${done.length === 1 ? 'passo fatto' : 'passi fatti'} su 6${skipped.length ? `; ${skipped.length === 1 ? 'saltato' : 'saltati'}: ${stepList(skipped)}` : ''}${todo.length ? `; da fare: ${stepList(todo)}` : ''}.`,
    setupTraining: 'Modalità prova (non fiscale): le vendite non vanno all\'AdE e non entrano nei report.',
    setupFiscal: ({ since }: { since: string }) => `Cassa fiscale dal ${since}.`,
  },

  /** Set-up step 3, the printer (wizard screen «La stampante»). */
  wizardPrinter: {
    urlInvalid: ({ said }: { said: Text }) =>
      `${said.it}. Si scrive tcp://indirizzo:9100 (stampante di rete), lp://nome-della-coda (stampante USB installata nel computer), serial:///dev/ttyUSB0?baud=19200 (porta seriale) o winspool://NOME (Windows)`,
    modelUnknown: ({ model }: { model: string }) => `Modello della stampante: «${model}» non è tra i modelli conosciuti: sceglierlo dall'elenco`,
    notConfigured: "Indirizzo della stampante: non c'è ancora. Scriverlo, premere «Salva», poi riprovare",
    jobNotFound: ({ id }: { id: string }) => `Lavoro di stampa ${id}: non esiste`,
    noPrinting: 'La stampa non è attiva in questo programma: usare la cassa',
    drawerFailed: ({ detail }: { detail: Text }) =>
      `Il cassetto non si è aperto: ${detail.it}. Controllare che la stampante sia accesa e collegata e che il cavo del cassetto sia inserito nella stampante, poi riprovare`,
  },

  /** Set-up step 4, the departments and their VAT (wizard screen «I reparti e l'IVA»). */
  wizardDepartments: {
    notFound: ({ code }: { code: string }) => `Reparto ${code}: non esiste (forse è già stato eliminato)`,
    inUse: ({ name, code, products, lines }: { name: string; code: string; products: number; lines: number }) =>
      `Il reparto «${name}» (${code}) non si può eliminare: ${[
        products > 0 ? `lo ${products === 1 ? 'usa' : 'usano'} ${plural(products, 'articolo', 'articoli')} del catalogo` : '',
        lines > 0 ? `compare in ${plural(lines, 'riga', 'righe')} di scontrini già emessi` : '',
      ].filter(Boolean).join(' e ')}. Si possono cambiare il nome e l'IVA, o spostare gli articoli su un altro reparto`,
    presetUnknown: ({ code }: { code: string }) => `Reparto proposto ${code}: non è tra le proposte`,
    presetsNone: 'Reparti proposti: sceglierne almeno uno',
    presetName: ({ code }: { code: DepartmentPresetCode }) => PRESET_NAMES_IT[code],
    /** What a VAT code means, in a shopkeeper's words (N1–N6: the AdE's natures). */
    vatMeaning: ({ code }: { code: string }) => VAT_MEANING_IT[code] ?? (code.startsWith('N') ? code : `percentuale di compensazione ${code.replace('.', ',')} % (regime speciale dei produttori agricoli, art. 34)`),
  },
  /** «Fattura invece dello scontrino» at the counter (issue #13, inv-counter). */
  atSaleInvoice: {
    training: 'Fattura: in modalità formazione non si emettono fatture (prenderebbero un numero vero della serie e andrebbero allo SDI); togliere la fattura o uscire dalla formazione',
  },
  /** The shop server (server/, issue #14) and a till joining it (`bancone till join`). */
  server: {
    pairCodeUnknown: 'Codice di abbinamento: non è valido (controllare di averlo copiato per intero)',
    pairCodeUsed: 'Codice di abbinamento: è già stato usato (vale una volta sola); chiederne uno nuovo sul server con «bancone server pair»',
    pairCodeExpired: 'Codice di abbinamento: è scaduto; chiederne uno nuovo sul server con «bancone server pair»',
    requestInvalid: ({ field, detail }: { field: string; detail: string }) => `Richiesta al server: il campo «${field}» non va bene (${detail})`,
    notFound: ({ path }: { path: string }) => `Server: nessun servizio a ${path}`,
    listening: ({ url }: { url: string }) => `Server Bancone in ascolto su ${url}`,
    pairCode: ({ code, shop, minutes }: { code: string; shop: string; minutes: number }) =>
      `Codice di abbinamento per il negozio «${shop}»: ${code}\nVale una volta sola, per ${plural(minutes, 'minuto', 'minuti')}. Sulla cassa: bancone till join <indirizzo del server> ${code}`,
    joined: ({ tillCode, shop, url }: { tillCode: string; shop: string; url: string }) =>
      `Cassa abbinata al negozio «${shop}» come ${tillCode} (server ${url}). Il token di accesso è conservato cifrato.`,
    unreachable: ({ url }: { url: string }) => `Server: non raggiungibile all'indirizzo ${url} (controllare l'indirizzo e che il server sia acceso)`,
    urlInvalid: ({ url }: { url: string }) => `Indirizzo del server: «${url}» non è un indirizzo http(s) valido`,
    answerInvalid: 'Server: ha risposto in un modo inatteso; nulla è stato salvato',
    tokenInvalid: 'Server: la cassa non è riconosciuta (token mancante o revocato); abbinarla di nuovo con un codice nuovo',
    tillUnknown: ({ tillCode, shop }: { tillCode: string; shop: string }) => `Cassa: il negozio «${shop}» non ha una cassa ${tillCode}`,
    tillRevoked: ({ tillCode, shop }: { tillCode: string; shop: string }) => `Cassa ${tillCode} del negozio «${shop}»: accesso revocato; ciò che ha già inviato resta. Per riaverla, abbinarla di nuovo con un codice nuovo`,
    adminTokenInvalid: 'Back office: accesso non autorizzato (aprire l\'indirizzo che «bancone server» mostra all\'avvio)',
  },
  // ─── srv-backoffice: the back office served by `bancone server` (issue #14) ───
  backoffice: {
    address: ({ url }: { url: string }) => `Back office: ${url}`,
    shopUnknown: ({ shopId }: { shopId: string }) => `Negozio: nessun negozio con identificativo ${shopId}`,
    tillUnknown: ({ tillCode }: { tillCode: string }) => `Cassa: nessuna cassa ${tillCode} in questo negozio`,
    documentUnknown: ({ id }: { id: string }) => `Documento: nessun documento con identificativo ${id} in questo negozio`,
    notBuilt: 'Back office non compilato: eseguire «npm run build» e riavviare «bancone server»',
    dayInvalid: 'Data: scrivere la giornata come AAAA-MM-GG',
    rangeOrder: 'Periodo: la data «al» viene prima della data «dal»',
  },
  shopLink: {
    // srv-upload (issue #14): the till's journal up to the shop server.
    duplicateSeq: ({ field, seq }: { field: string; seq: number }) => `Richiesta al server: il campo «${field}» non va bene (la registrazione n. ${seq} compare due volte)`,
    bodyMissing: ({ field, action }: { field: string; action: string }) => `Richiesta al server: manca il campo «${field}» (la registrazione «${action}» arriva senza i dati che registra)`,
    bodyMismatch: ({ field, action }: { field: string; action: string }) => `Richiesta al server: il campo «${field}» non va bene (non è ciò che la registrazione «${action}» registra)`,
    documentDiffers: ({ number }: { number: string }) => `il documento ${number} non corrisponde all'impronta registrata nel giornale`,
    chainRewritten: ({ seq }: { seq: number }) => `la registrazione n. ${seq} è arrivata diversa da quella già conservata`,
    chainUnlinked: ({ seq }: { seq: number }) => `la registrazione n. ${seq} non si collega alla precedente`,
    chainTampered: ({ seq }: { seq: number }) => `la registrazione n. ${seq} è stata alterata (l'impronta non corrisponde)`,
    unreachable: ({ url, pending }: { url: string; pending: number }) =>
      `Server del negozio non raggiungibile (${url}): la cassa vende lo stesso; ${plural(pending, 'registrazione', 'registrazioni')} in attesa di invio`,
    auth: 'Server del negozio: la cassa non è più riconosciuta (token revocato); abbinarla di nuovo con un codice nuovo',
    refused: ({ message }: { message: string }) => `Server del negozio: il collegamento si è fermato su un errore (${message}); la cassa vende lo stesso e riprova da sola; se l'errore resta, chiamare l'assistenza`,
    serverError: ({ message }: { message: string }) => `Server del negozio: errore del server (${message}); si riprova da solo`,
    chainBroken: ({ seq }: { seq: number }) =>
      `Server del negozio: il giornale di questa cassa risulta interrotto alla registrazione n. ${seq}; avvisare il responsabile`,
    notJoined: 'Questa cassa non è abbinata a un server del negozio (bancone till join <indirizzo> <codice>)',
    stateLabel: ({ state }: { state: 'ok' | 'unreachable' | 'auth' | 'refused' | 'chain_broken' | 'checking' }) =>
      ({ ok: 'in linea', unreachable: 'non raggiungibile', auth: 'accesso rifiutato', refused: 'invio rifiutato', chain_broken: 'giornale interrotto', checking: 'verifica in corso' })[state],
    statusLines: ({ tillCode, url, state, pending, lastUploadAt, masterVersion }: { tillCode: string; url: string; state: string; pending: number; lastUploadAt: string | null; masterVersion: number }) =>
      `Cassa ${tillCode}, server ${url}: ${state}\nIn attesa di invio: ${plural(pending, 'registrazione', 'registrazioni')}\nUltimo invio: ${lastUploadAt ?? 'mai'}\nVersione anagrafiche: ${masterVersion}`,
    // srv-till (issue #14): joining from Settings (backend/shop-link/join.ts, contract server.join).
    urlMissing: 'Indirizzo del server: scriverlo (es. http://192.168.1.10:8470)',
    codeMissing: 'Codice di abbinamento: scriverlo (lo mostra «bancone server pair» sul server)',
    joinUnavailable: 'Server del negozio: da questa finestra non si può abbinare la cassa (usare «bancone till join»)',
    invoicePrefixTooLong: ({ number, max }: { number: string; max: number }) =>
      `Prefisso delle fatture: con il codice di questa cassa il numero diventa «${number}», più lungo dei 20 caratteri ammessi dallo SDI; accorciarlo a ${plural(max, 'carattere', 'caratteri')} al massimo (Impostazioni, Fatturazione elettronica)`,
  },
  // ─── srv-master (issue #14): master data on the shop server and its till side ───
  master: {
    kindUnknown: ({ kind }: { kind: string }) => `Dati del negozio: «${kind}» non è un tipo conosciuto (reparto, prodotto, operatore, impostazione)`,
    itemNotFound: ({ id }: { id: string }) => `Dati del negozio: nessun elemento con id «${id}»`,
    shopNotFound: ({ shopId }: { shopId: string }) => `Negozio «${shopId}»: non esiste su questo server`,
    vatUnknown: ({ vatCode }: { vatCode: string }) => `Aliquota IVA: «${vatCode}» non è un codice che la cassa conosce`,
    departmentMissing: ({ id }: { id: string }) => `Reparto: «${id}» non esiste in questo negozio`,
    departmentInUse: ({ code }: { code: string }) => `Reparto «${code}»: ci sono prodotti che lo usano; spostarli prima di eliminarlo`,
    skuTaken: ({ sku }: { sku: string }) => `Codice articolo: «${sku}» è già di un altro prodotto del negozio`,
    codeTaken: ({ code }: { code: string }) => `Codice del reparto: «${code}» è già di un altro reparto del negozio`,
    barcodeTaken: ({ barcode }: { barcode: string }) => `Codice a barre: «${barcode}» è già di un altro prodotto del negozio`,
    barcodeTwice: ({ barcode }: { barcode: string }) => `Codice a barre: «${barcode}» compare due volte`,
    pinRequired: 'PIN: obbligatorio per un operatore nuovo (da 4 a 8 cifre)',
    settingUnknown: ({ key }: { key: string }) => `Impostazione «${key}»: non è tra quelle che il server manda alle casse`,
    settingInvalid: ({ key, detail }: { key: string; detail: string }) => `Impostazione «${key}»: valore non valido (${detail})`,
    fieldInvalid: ({ field, detail }: { field: string; detail: string }) => `Dati del negozio: il campo «${field}» non va bene (${detail})`,
    serverOwned: ({ field }: { field: string }) => `Il listino è gestito dal server del negozio: modificarlo dal back office (${field})`,
  },
};
