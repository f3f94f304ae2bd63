// The emulator's in-memory ledger: configurations and receipts, the service's business rules, and
// the new → submitted → ready life cycle driven by the emulator's own clock.
//
// Error codes: 423/424/174/111/112/670 are the ones Openapi documents; the 6xx codes below are the
// emulator's own (the real service's codes for these cases are not published).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  ItConfigurationPatchSchema, ItConfigurationSchema, PostReceiptSchema, ReceiptReturnSchema,
  type ItConfiguration, type PostReceipt, type RemoteStatus, type RemoteType,
} from '../../shared/openapi/schemas.js';
import { isTransmissionBlackout, blackoutEnd } from '../../shared/time.js';
import { centsToNumber, lineGrossCents, proportionalRefund, round8, toUnits, vatRatePercent } from './numbers.js';

export const ERR = {
  MISSING_FISCAL_ID: 423,
  FISCAL_ID_NOT_REGISTERED: 424,
  RECEIPTS_NOT_ENABLED: 174,
  CONFIG_NOT_FOUND: 111,
  CONFIG_EXISTS: 112,
  FIELD_NOT_EDITABLE: 670,
  INVALID_FIELD: 600,
  INVALID_VALUE: 601,
  PAYMENTS_MISMATCH: 602,
  LOTTERY_RULES: 603,
  OVER_RETURN: 604,
  VOID_WINDOW: 605,
  ALREADY_VOIDED: 606,
  PARENT_NOT_READY: 607,
  HAS_RETURNS: 608,
  NOT_A_SALE: 609,
  /** The emulator's own: the Agenzia refused the Fisconline/Entratel credentials (Openapi publishes no code). */
  ADE_CREDENTIALS: 610,
  /** The emulator's own: the credentials' tax code is not enabled to transmit for this fiscal id. */
  ADE_TAX_CODE_NOT_ENABLED: 611,
  RECEIPT_NOT_FOUND: 404,
  UNAUTHORIZED: 401,
} as const;

export class ApiError extends Error {
  constructor(readonly httpStatus: number, readonly code: number, message: string) {
    super(message);
  }
}

export interface EmulatorClock { now(): Date }

export interface StoredItem {
  id: string;
  quantityH: number; // hundredths
  unitPrice8: number; // 1e-8 euro
  description: string;
  vat: string;
  discountCents: number;
  complimentary: boolean;
  sku: string | null;
  grossCents: number;
  netCents: number;
  returnedH: number;
}

export interface StoredReceipt {
  id: string;
  fiscalId: string;
  type: RemoteType;
  status: RemoteStatus;
  parentId: string | null;
  createdAt: number;
  updatedAt: number;
  readyAt: number;
  willFail: boolean;
  items: StoredItem[];
  /** Sale: charged total before the global discount. Return/void: amount refunded. */
  totalCents: number;
  discountCents: number;
  cashCents: number;
  electronicCents: number;
  ticketCents: number;
  ticketQty: number;
  goodsUncollectedCents: number;
  servicesUncollectedCents: number;
  invoiceIssuing: boolean;
  lotteryCode: string | null;
  linkedReceipt: string | null;
  tags: string[];
  documentNumber: string | null;
  documentDate: number | null;
  transactionId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface StoredConfiguration extends ItConfiguration {
  id: string;
  active: boolean;
  createdAt: number;
}

export interface LifecycleOptions {
  /** ms from creation to `ready` (emulator clock). */
  readyDelayMs: number;
  /** Share of receipts the "Agenzia" rejects (status failed). */
  adeFailureRate: number;
  /** Share of receipts that pass through `retry` before `ready`. */
  adeRetryRate: number;
  random: () => number;
  /** First AdE progressive number (the tail of DCW2026/0000-4706). */
  firstNumber: number;
}

const VOID_WINDOW_MS = 24 * 60 * 60 * 1000;

const newId = () => randomBytes(12).toString('hex');

function zodMessage(err: z.ZodError): { code: number; message: string } {
  const issue = err.issues[0]!;
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = [path, issue.keys[0]].filter(Boolean).join('.');
    return { code: ERR.INVALID_FIELD, message: `Invalid field: ${key}. This field is not allowed.` };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return { code: ERR.INVALID_FIELD, message: `Missing field: ${path}` };
  return { code: ERR.INVALID_VALUE, message: `Invalid value for ${path}: ${issue.message}` };
}

function parseOr422<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const { code, message } = zodMessage(r.error);
    throw new ApiError(422, code, message);
  }
  return r.data;
}

/** Fisconline/Entratel accounts the «Agenzia» knows, by tax code (see EmulatorStore.adeAccounts). */
export interface AdeAccount { password: string; pin: string; /** Fiscal ids it may transmit for; absent: any. */ fiscalIds?: string[] }

export class EmulatorStore {
  readonly configurations = new Map<string, StoredConfiguration>();
  /**
   * Fiscal ids registered by another Openapi account: invisible to this token (GET 404) and taken
   * (POST 422, error 112), as Openapi answers for a company someone else registered.
   */
  readonly registeredElsewhere = new Set<string>();
  /**
   * When set, receipts_authentication is checked against these accounts (the Agenzia's answer as
   * Openapi relays it); null: any credentials are taken, as the sandbox does.
   */
  adeAccounts: Map<string, AdeAccount> | null = null;
  readonly receipts: StoredReceipt[] = [];
  private readonly byId = new Map<string, StoredReceipt>();
  private readonly itemOwner = new Map<string, string>();
  /** Receipts not yet final, in creation order: the life cycle advances from the head. */
  private pending: StoredReceipt[] = [];
  private nextNumber: number;
  private nextItemId = 200_170;

  constructor(private readonly clock: EmulatorClock, private life: LifecycleOptions) {
    this.nextNumber = life.firstNumber;
  }

  setLifecycle(patch: Partial<Omit<LifecycleOptions, 'random' | 'firstNumber'>>): void {
    this.life = { ...this.life, ...patch };
  }

  // ---- configurations ----------------------------------------------------------------------

  createConfiguration(body: unknown): StoredConfiguration {
    if (body && typeof body === 'object' && !('fiscal_id' in body)) throw new ApiError(400, ERR.MISSING_FISCAL_ID, 'Missing fiscal_id');
    const cfg = parseOr422(ItConfigurationSchema, body);
    if (this.configurations.has(cfg.fiscal_id) || this.registeredElsewhere.has(cfg.fiscal_id)) throw new ApiError(422, ERR.CONFIG_EXISTS, `fiscal_id ${cfg.fiscal_id} already exists`);
    if (cfg.receipts_authentication) this.checkAdeCredentials(cfg.fiscal_id, cfg.receipts_authentication);
    const stored: StoredConfiguration = { ...cfg, receipts: cfg.receipts ?? false, id: newId(), active: true, createdAt: this.clock.now().getTime() };
    this.configurations.set(cfg.fiscal_id, stored);
    return stored;
  }

  getConfiguration(fiscalId: string): StoredConfiguration {
    const c = this.configurations.get(fiscalId);
    if (!c) throw new ApiError(404, ERR.CONFIG_NOT_FOUND, 'Fiscal ID not found or not registered');
    return c;
  }

  patchConfiguration(fiscalId: string, body: unknown): StoredConfiguration {
    const c = this.getConfiguration(fiscalId);
    if (body && typeof body === 'object') {
      const fixed = ['fiscal_id', 'name', 'email'].filter((k) => k in body);
      if (fixed.length > 0) throw new ApiError(400, ERR.FIELD_NOT_EDITABLE, `Invalid field: ${fixed[0]}. Fields fiscal_id, name, email are not editable.`);
    }
    const patch = parseOr422(ItConfigurationPatchSchema, body);
    if (patch.receipts_authentication) this.checkAdeCredentials(fiscalId, patch.receipts_authentication);
    if (patch.receipts !== undefined) c.receipts = patch.receipts;
    if (patch.customer_invoice !== undefined) c.customer_invoice = patch.customer_invoice;
    if (patch.receipts_authentication) c.receipts_authentication = patch.receipts_authentication;
    if (patch.api_configurations) {
      c.api_configurations = patch.api_configurations.filter((a) => a.callback !== null) as StoredConfiguration['api_configurations'];
    }
    return c;
  }

  private checkAdeCredentials(fiscalId: string, auth: { taxCode: string; password: string; pin: string }): void {
    if (!this.adeAccounts) return;
    const a = this.adeAccounts.get(auth.taxCode);
    if (!a || a.password !== auth.password || a.pin !== auth.pin)
      throw new ApiError(422, ERR.ADE_CREDENTIALS, 'Invalid receipts_authentication: the Agenzia delle Entrate refused the credentials (taxCode, password or pin)');
    if (a.fiscalIds && !a.fiscalIds.includes(fiscalId))
      throw new ApiError(422, ERR.ADE_TAX_CODE_NOT_ENABLED, `receipts_authentication.taxCode ${auth.taxCode} is not enabled to transmit receipts for fiscal_id ${fiscalId}`);
  }

  deleteConfiguration(fiscalId: string): void {
    this.getConfiguration(fiscalId);
    if (this.receipts.some((r) => r.fiscalId === fiscalId))
      throw new ApiError(422, ERR.INVALID_VALUE, 'The configuration cannot be deleted: receipts have been sent');
    this.configurations.delete(fiscalId);
  }

  private requireReceiptsEnabled(fiscalId: string): void {
    const c = this.configurations.get(fiscalId);
    if (!c) throw new ApiError(404, ERR.FISCAL_ID_NOT_REGISTERED, 'Fiscal ID not found or not registered');
    if (!c.receipts) throw new ApiError(422, ERR.RECEIPTS_NOT_ENABLED, 'Receipts service not enabled for this fiscal_id');
  }

  // ---- receipts ----------------------------------------------------------------------------

  /** POST /IT-receipts: validates like the service and stores a `new` sale receipt. */
  createSale(body: unknown): StoredReceipt {
    if (body && typeof body === 'object' && !('fiscal_id' in body)) throw new ApiError(400, ERR.MISSING_FISCAL_ID, 'Missing fiscal_id');
    const req: PostReceipt = parseOr422(PostReceiptSchema, body);
    this.requireReceiptsEnabled(req.fiscal_id);
    const items: StoredItem[] = req.items.map((it, i) => {
      const quantityH = toUnits(it.quantity, 2)!;
      const unitPrice8 = toUnits(it.unit_price, 8)!;
      const discountCents = toUnits(it.discount ?? 0, 2)!;
      const complimentary = it.complimentary ?? false;
      if (complimentary && discountCents > 0)
        throw new ApiError(422, ERR.INVALID_VALUE, `items.${i}: discount cannot be used with complimentary`);
      const grossCents = lineGrossCents(quantityH, unitPrice8);
      if (discountCents > grossCents) throw new ApiError(422, ERR.INVALID_VALUE, `items.${i}: discount exceeds the item amount`);
      return {
        id: String(this.nextItemId++), quantityH, unitPrice8, description: it.description, vat: it.vat_rate_code, discountCents,
        complimentary, sku: it.sku ?? null, grossCents, netCents: complimentary ? 0 : grossCents - discountCents, returnedH: 0,
      };
    });
    const cents = (n: number | undefined) => toUnits(n ?? 0, 2)!;
    const totalCents = items.reduce((a, i) => a + i.netCents, 0);
    const discountCents = cents(req.discount);
    const cash = cents(req.cash_payment_amount);
    const electronic = cents(req.electronic_payment_amount);
    const ticket = cents(req.ticket_restaurant_payment_amount);
    const ticketQty = req.ticket_restaurant_quantity ?? 0;
    const goods = cents(req.goods_uncollected_amount);
    const services = cents(req.services_uncollected_amount);
    const invoiceIssuing = req.invoice_issuing ?? false;
    if (discountCents > totalCents) throw new ApiError(422, ERR.INVALID_VALUE, 'discount exceeds the receipt total');
    if (ticket > 0 && ticketQty < 1) throw new ApiError(422, ERR.INVALID_VALUE, 'ticket_restaurant_quantity is required with ticket_restaurant_payment_amount');
    if (ticket === 0 && ticketQty > 0) throw new ApiError(422, ERR.INVALID_VALUE, 'ticket_restaurant_quantity given without ticket_restaurant_payment_amount');
    if ((goods > 0 || services > 0) && !invoiceIssuing) throw new ApiError(422, ERR.INVALID_VALUE, 'uncollected amounts require invoice_issuing=true');
    if (invoiceIssuing && goods === 0 && services === 0) throw new ApiError(422, ERR.INVALID_VALUE, 'invoice_issuing requires goods_uncollected_amount or services_uncollected_amount');
    const due = totalCents - discountCents;
    const paid = cash + electronic + ticket + goods + services;
    if (paid !== due)
      throw new ApiError(422, ERR.PAYMENTS_MISMATCH, `The sum of payments (${centsToNumber(paid).toFixed(2)}) does not match the receipt total (${centsToNumber(due).toFixed(2)})`);
    if (req.lottery_code !== undefined) {
      if (due < 100) throw new ApiError(422, ERR.LOTTERY_RULES, 'lottery_code cannot be used if the total amount is lower than EUR 1.00');
      if (electronic !== due) throw new ApiError(422, ERR.LOTTERY_RULES, 'lottery_code cannot be used if the payment was not fully electronic');
    }
    const now = this.clock.now().getTime();
    return this.store({
      id: newId(), fiscalId: req.fiscal_id, type: 'sale', status: 'new', parentId: null, createdAt: now, updatedAt: now,
      readyAt: this.readyTime(now), willFail: this.life.random() < this.life.adeFailureRate, items, totalCents, discountCents,
      cashCents: cash, electronicCents: electronic, ticketCents: ticket, ticketQty, goodsUncollectedCents: goods,
      servicesUncollectedCents: services, invoiceIssuing, lotteryCode: req.lottery_code ?? null,
      linkedReceipt: req.linked_receipt ?? null, tags: req.tags ?? [], documentNumber: null, documentDate: null,
      transactionId: null, errorCode: null, errorMessage: null,
    });
  }

  /** PATCH /IT-receipts/{id}: a return of some items of a ready sale, as a new linked receipt. */
  createReturn(parentId: string, body: unknown): StoredReceipt {
    const parent = this.saleForChild(parentId);
    const req = parseOr422(ReceiptReturnSchema, body);
    const seen = new Set<string>();
    const plan = req.items.map((r, i) => {
      const item = parent.items.find((it) => it.id === r.id);
      if (!item) throw new ApiError(422, ERR.INVALID_VALUE, `items.${i}.id: item ${r.id} not found in receipt ${parent.id}`);
      if (seen.has(r.id)) throw new ApiError(422, ERR.INVALID_VALUE, `items.${i}.id: item ${r.id} given twice`);
      seen.add(r.id);
      const qH = toUnits(r.quantity, 2)!;
      if (item.returnedH + qH > item.quantityH)
        throw new ApiError(422, ERR.OVER_RETURN, `items.${i}: the quantity to return (${r.quantity.toFixed(2)}) exceeds the quantity still returnable (${((item.quantityH - item.returnedH) / 100).toFixed(2)})`);
      return { item, qH };
    });
    const items: StoredItem[] = plan.map(({ item, qH }) => {
      const refund = proportionalRefund(item.netCents, item.quantityH, item.returnedH, qH);
      const gross = proportionalRefund(item.grossCents, item.quantityH, item.returnedH, qH);
      item.returnedH += qH;
      return { ...item, id: String(this.nextItemId++), quantityH: qH, grossCents: gross, netCents: refund, discountCents: gross - refund, returnedH: qH };
    });
    return this.storeChild(parent, 'return', items);
  }

  /** DELETE /IT-receipts/{id}: voids a ready sale within 24 h of its submission. */
  createVoid(parentId: string): StoredReceipt {
    const parent = this.saleForChild(parentId);
    const now = this.clock.now().getTime();
    if (now - parent.createdAt > VOID_WINDOW_MS)
      throw new ApiError(422, ERR.VOID_WINDOW, 'The receipt can only be voided within 24 hours from its submission');
    if (parent.items.some((i) => i.returnedH > 0)) throw new ApiError(422, ERR.HAS_RETURNS, 'The receipt has returned items and cannot be voided');
    const items = parent.items.map((i) => ({ ...i, id: String(this.nextItemId++), returnedH: i.quantityH }));
    const v = this.storeChild(parent, 'void', items);
    parent.status = 'voided';
    parent.updatedAt = now;
    return v;
  }

  private saleForChild(parentId: string): StoredReceipt {
    this.advance();
    const parent = this.byId.get(parentId);
    if (!parent) throw new ApiError(404, ERR.RECEIPT_NOT_FOUND, `Receipt ${parentId} not found`);
    if (parent.type !== 'sale') throw new ApiError(422, ERR.NOT_A_SALE, `Receipt ${parentId} is not a sale`);
    if (parent.status === 'voided') throw new ApiError(422, ERR.ALREADY_VOIDED, `Receipt ${parentId} has already been voided`);
    if (parent.status !== 'ready') throw new ApiError(422, ERR.PARENT_NOT_READY, `Receipt ${parentId} is not ready yet (status ${parent.status})`);
    return parent;
  }

  private storeChild(parent: StoredReceipt, type: 'return' | 'void', items: StoredItem[]): StoredReceipt {
    const now = this.clock.now().getTime();
    const total = items.reduce((a, i) => a + i.netCents, 0);
    return this.store({
      id: newId(), fiscalId: parent.fiscalId, type, status: 'new', parentId: parent.id, createdAt: now, updatedAt: now,
      readyAt: this.readyTime(now), willFail: false, items, totalCents: total, discountCents: 0,
      cashCents: 0, electronicCents: 0, ticketCents: 0, ticketQty: 0, goodsUncollectedCents: 0, servicesUncollectedCents: 0,
      invoiceIssuing: false, lotteryCode: null, linkedReceipt: parent.documentNumber, tags: [], documentNumber: null,
      documentDate: null, transactionId: null, errorCode: null, errorMessage: null,
    });
  }

  private readyTime(now: number): number {
    // Openapi defers transmissions made in the 23:55–00:00 blackout until after midnight.
    const start = isTransmissionBlackout(new Date(now)) ? blackoutEnd(new Date(now)).getTime() : now;
    return start + this.life.readyDelayMs;
  }

  private store(r: StoredReceipt): StoredReceipt {
    for (const it of r.items) this.itemOwner.set(it.id, r.id);
    this.receipts.push(r);
    this.byId.set(r.id, r);
    this.pending.push(r);
    return r;
  }

  /** Moves every receipt whose time has come along its life cycle. Called on every request. */
  advance(): void {
    const now = this.clock.now().getTime();
    const still: StoredReceipt[] = [];
    for (const r of this.pending) {
      if (r.status === 'voided') continue;
      if (now >= r.readyAt) {
        if (r.willFail) {
          r.status = 'failed';
          r.errorCode = '00099';
          r.errorMessage = 'Errore simulato dell\'Agenzia delle Entrate: documento scartato';
        } else {
          const n = this.nextNumber++;
          const year = new Date(r.readyAt).getUTCFullYear();
          r.status = 'ready';
          r.documentNumber = `DCW${year}/${String(Math.floor(n / 10_000)).padStart(4, '0')}-${String(n % 10_000).padStart(4, '0')}`;
          r.documentDate = now;
          r.transactionId = String(n);
        }
        r.updatedAt = now;
      } else {
        if (r.status === 'new' && now >= r.createdAt + (r.readyAt - r.createdAt) / 2) {
          r.status = this.life.random() < this.life.adeRetryRate ? 'retry' : 'submitted';
          r.updatedAt = now;
        }
        still.push(r);
      }
    }
    this.pending = still;
  }

  get(id: string): StoredReceipt {
    this.advance();
    const r = this.byId.get(id);
    if (!r) throw new ApiError(404, ERR.RECEIPT_NOT_FOUND, `Receipt ${id} not found`);
    return r;
  }

  /** GET /IT-receipts with the spec's filters; oldest first, so paging is stable while receipts arrive. */
  list(q: URLSearchParams): StoredReceipt[] {
    this.advance();
    const multi = (k: string) => (q.get(k) ? q.get(k)!.split(',').map((s) => s.trim()).filter(Boolean) : null);
    const fiscal = multi('fiscal_id');
    const status = multi('status');
    const type = multi('type');
    const day = (t: number | null) => (t === null ? null : new Date(t).toISOString().slice(0, 10));
    for (const k of ['created_at', 'created_at[before]', 'created_at[after]', 'document_date']) {
      const v = q.get(k);
      if (v !== null && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new ApiError(422, ERR.INVALID_VALUE, `${k} must follow the YYYY-MM-DD format`);
    }
    for (const s of status ?? []) if (!['new', 'retry', 'submitted', 'ready', 'failed', 'voided'].includes(s)) throw new ApiError(422, ERR.INVALID_VALUE, `Invalid status: ${s}`);
    for (const s of type ?? []) if (!['sale', 'return', 'void'].includes(s)) throw new ApiError(422, ERR.INVALID_VALUE, `Invalid type: ${s}`);
    const skip = q.get('skip') === null ? 0 : Number(q.get('skip'));
    const limitRaw = q.get('limit') === null ? 100 : Number(q.get('limit'));
    if (!Number.isInteger(skip) || skip < 0) throw new ApiError(422, ERR.INVALID_VALUE, 'skip must be an integer >= 0');
    if (!Number.isInteger(limitRaw) || limitRaw < 1) throw new ApiError(422, ERR.INVALID_VALUE, 'limit must be an integer >= 1');
    const limit = Math.min(limitRaw, 100);
    const matches = this.receipts.filter((r) =>
      (!fiscal || fiscal.includes(r.fiscalId)) &&
      (!status || status.includes(r.status)) &&
      (!type || type.includes(r.type)) &&
      (q.get('document_number') === null || r.documentNumber === q.get('document_number')) &&
      (q.get('parent_receipt_id') === null || r.parentId === q.get('parent_receipt_id')) &&
      (q.get('created_at') === null || day(r.createdAt) === q.get('created_at')) &&
      (q.get('created_at[before]') === null || day(r.createdAt)! < q.get('created_at[before]')!) &&
      (q.get('created_at[after]') === null || day(r.createdAt)! > q.get('created_at[after]')!) &&
      (q.get('document_date') === null || day(r.documentDate) === q.get('document_date')));
    return matches.slice(skip, skip + limit);
  }

  /** The receipt as the API shows it (ResponseReceipts). */
  toJson(r: StoredReceipt): Record<string, unknown> {
    const rate = (v: string) => vatRatePercent(v) / 100;
    const items = r.items.map((i) => {
      const total = centsToNumber(i.netCents);
      const taxable = round8(total / (1 + rate(i.vat)));
      return {
        id: i.id,
        quantity: i.quantityH / 100,
        description: i.description,
        gross_price: i.unitPrice8 / 1e8,
        vat_rate: i.vat,
        gross_discount: centsToNumber(i.discountCents),
        complimentary: i.complimentary,
        unit_price: round8(i.unitPrice8 / 1e8 / (1 + rate(i.vat))),
        return: i.returnedH / 100,
        taxable_amount: taxable,
        net_taxable_amount: taxable,
        vat_amount: round8(total - taxable),
        total_amount: total,
        unit_discount: round8(i.discountCents / 100 / (i.quantityH / 100)),
        ...(i.sku !== null ? { sku: i.sku } : {}),
      };
    });
    const totalTaxable = items.reduce((a, i) => a + i.taxable_amount, 0);
    return {
      fiscal_id: r.fiscalId,
      items,
      cash_payment_amount: centsToNumber(r.cashCents),
      invoice_issuing: r.invoiceIssuing,
      services_uncollected_amount: centsToNumber(r.servicesUncollectedCents),
      goods_uncollected_amount: centsToNumber(r.goodsUncollectedCents),
      electronic_payment_amount: centsToNumber(r.electronicCents),
      ticket_restaurant_payment_amount: centsToNumber(r.ticketCents),
      ticket_restaurant_quantity: r.ticketQty,
      discount: centsToNumber(r.discountCents),
      linked_receipt: r.linkedReceipt,
      lottery_code: r.lotteryCode,
      created_at: new Date(r.createdAt).toISOString(),
      error_message: r.errorMessage,
      error_code: r.errorCode,
      total_amount: centsToNumber(r.totalCents),
      document_number: r.documentNumber,
      document_date: r.documentDate === null ? null : new Date(r.documentDate).toISOString(),
      transaction_id: r.transactionId,
      create_timestamp: Math.floor(r.createdAt / 1000),
      ...(r.parentId ? { parent_receipt_id: r.parentId } : {}),
      status: r.status,
      type: r.type,
      deductible_amount: 0,
      total_discount: centsToNumber(r.discountCents),
      total_gross_discount: centsToNumber(r.items.reduce((a, i) => a + i.discountCents, 0)),
      total_taxable_amount: round8(totalTaxable),
      total_uncollected_amount: centsToNumber(r.goodsUncollectedCents + r.servicesUncollectedCents),
      total_vat_amount: round8(centsToNumber(r.totalCents) - totalTaxable),
      update_timestamp: Math.floor(r.updatedAt / 1000),
      id: r.id,
      tags: r.tags,
    };
  }

  configurationJson(c: StoredConfiguration): Record<string, unknown> {
    return {
      fiscal_id: c.fiscal_id,
      name: c.name,
      email: c.email,
      receipts_authentication: c.receipts_authentication ? { taxCode: c.receipts_authentication.taxCode } : null,
      api_configurations: (c.api_configurations ?? []).map((a) => ({
        event: a.event,
        callback: { method: a.callback.method ?? 'JSON', url: a.callback.url, user_id: '', username: '', field: a.callback.field ?? 'data', headers: a.callback.headers ?? {}, data: {}, retry: a.callback.retry ?? 0, scope: null, domain: null, custom: null },
      })),
      receipts: c.receipts ?? false,
      customer_invoice: c.customer_invoice ?? false,
      supplier_invoice: c.supplier_invoice ?? false,
      active: c.active,
      create_timestamp: Math.floor(c.createdAt / 1000),
      id: c.id,
    };
  }
}
