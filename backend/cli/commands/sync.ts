// `bancone sync`: drain the fiscal queue once (JSON summary), or keep syncing, or look after failed
// documents. The same engine the app's background process runs.
import { join } from 'node:path';
import type { Command, CliContext } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { queueText } from './invoice.js';
import { BanconeError } from '../../../shared/errors.js';
import { formatEuro } from '../../../shared/money.js';
import { dataDirKeyProvider } from '../../secrets.js';
import { createSyncEngine, type DrainSummary, type SyncEngine } from '../../sync/engine.js';
import { missingConfig, resolveSyncConfig, tuningFromEnv } from '../../sync/config.js';
import { listFailed, retryDocument, syncStatusText } from '../../sync/status.js';
import { nextDueAt } from '../../sync/outbox.js';
import { cancelTransmission } from '../../sync/cancel.js';
import { classifyRefusal, explainRefusal } from '../../../shared/fiscal-errors.js';
import { processRandom } from '../../sync/process.js';
import { resolveDocumentId } from '../../ledger/index.js';
import type { SyncEvent } from '../../sync/steps.js';
import { msg } from '../../../shared/messages/index.js';
import { createInvoiceSender } from '../../invoicing/sender/engine.js';
import { recordedProviderConfig } from '../../invoicing/sender/recorded.js';
import { readInvoicingConfig } from '../../invoicing/config.js';
import { invoiceQueue } from '../../invoicing/queue.js';
import { invoiceTuningFromEnv } from '../../invoicing/sender/tuning-env.js';
import { createShopLinkLoop, type ShopLinkLoop } from '../../shop-link/loop.js';
import { readShopLinkConfig } from '../../shop-link/config.js';
import { shopLinkStatus, shopLinkStatusText } from '../../shop-link/status.js';

const USAGE = `bancone sync --once [--timeout SECONDI] [--json]    trasmette la coda e termina (riepilogo JSON con --json)
       bancone sync --watch [--verbose]                      resta in esecuzione e trasmette (Ctrl+C per uscire)
       bancone sync --failed [--json]                        documenti in errore con il messaggio dell'API
       bancone sync --retry DOCUMENTO [--json]               ritrasmette un documento in errore (responsabile)
       bancone sync --cancel DOCUMENTO --reason "MOTIVO"     non trasmettere un documento mai arrivato all'AdE
                                                             (in errore o non ancora inviato; con i suoi resi/annulli)
       bancone sync --pdf DOCUMENTO [--json]                 scarica il PDF AdE di un documento trasmesso

Uscita / exit: 0 coda trasmessa (anche con documenti in errore), 3 coda ferma (token, configurazione, altro processo).`;

function makeEngine(ctx: CliContext, log?: (e: SyncEvent) => void): SyncEngine {
  const db = ctx.db();
  const keys = dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env });
  const missing = missingConfig(db, ctx.env, keys);
  if (missing.length > 0)
    throw new BanconeError('SYNC_NOT_CONFIGURED', msg.cli.syncNotConfigured({ missing: missing.join(', ') }));
  return createSyncEngine({
    db,
    clock: ctx.clock,
    fetch: globalThis.fetch,
    random: processRandom,
    config: () => resolveSyncConfig(db, ctx.env, keys),
    tuning: { pdfDir: join(ctx.config.dataDir, 'receipts'), ...tuningFromEnv(ctx.env) },
    ...(log ? { log } : {}),
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drains until nothing more can happen before the deadline (wall-clock seconds). */
interface Totals { sent: number; adopted: number; resent: number; ready: number; failed: number; ambiguous: number }

async function once(ctx: CliContext, timeoutS: number): Promise<{ summary: DrainSummary; totals: Totals; drained: boolean }> {
  const engine = makeEngine(ctx);
  const totals: Totals = { sent: 0, adopted: 0, resent: 0, ready: 0, failed: 0, ambiguous: 0 };
  const wallDeadline = performance.now() + timeoutS * 1000;
  let s: DrainSummary;
  try {
    for (;;) {
      s = await engine.drainOnce();
      for (const k of Object.keys(totals) as (keyof Totals)[]) totals[k] += s[k];
      if (s.stopped) break;
      const busy = s.status.pending - s.status.waitingForParent + s.status.inFlight + s.status.unknown;
      const due = nextDueAt(ctx.db());
      const waitMs = Math.max(0, (due ? new Date(due).getTime() : Infinity) - ctx.clock.now().getTime());
      const pauseMs = s.status.pausedUntil ? new Date(s.status.pausedUntil).getTime() - ctx.clock.now().getTime() : 0;
      if (busy === 0 && s.status.waitingForParent === 0) break;
      if (s.steps === 0 && !Number.isFinite(waitMs) && pauseMs <= 0) break;
      const wait = Math.min(Math.max(waitMs, pauseMs, 20), 1_000);
      if (performance.now() + wait > wallDeadline) break;
      await sleep(wait);
    }
  } finally {
    engine.close();
  }
  const st = s!.status;
  return { summary: s!, totals, drained: st.pending + st.inFlight + st.unknown === 0 };
}

function describeEvent(e: SyncEvent): string {
  switch (e.type) {
    case 'failed': return `✗ ${e.documentId}: ${e.message}`;
    case 'stopped': return `■ fermo (${e.reason}): ${e.message}`;
    case 'paused': return `‖ pausa (${e.reason})`;
    case 'error': return `! ${e.documentId ?? ''} ${e.message}`;
    default: return `${e.type} ${e.documentId}${e.remoteId ? ` → ${e.remoteId}` : ''}${e.message ? ` (${e.message})` : ''}`;
  }
}

interface InvoiceTotals { sent: number; adopted: number; failed: number; stopped: string | null }

/** The invoice sender as the sync process builds it (the configuration read at each drain). */
function makeInvoiceSender(ctx: CliContext) {
  const db = ctx.db();
  const keys = dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env });
  return createInvoiceSender({
    db, clock: ctx.clock, fetch: globalThis.fetch, random: processRandom,
    config: () => readInvoicingConfig(db, ctx.env, keys),
    configFor: (name) => recordedProviderConfig(db, ctx.env, keys, name),
    tuning: invoiceTuningFromEnv(ctx.env),
  });
}

/**
 * The invoice queue, drained too by `sync --once` (the same sender as the sync process), while it
 * makes progress and before the deadline. Null when the ledger has no invoice at all.
 */
async function drainInvoices(ctx: CliContext, timeoutS: number): Promise<InvoiceTotals | null> {
  if (ctx.db().prepare('SELECT 1 FROM invoice_outbox LIMIT 1').get() === undefined) return null;
  const sender = makeInvoiceSender(ctx);
  const totals: InvoiceTotals = { sent: 0, adopted: 0, failed: 0, stopped: null };
  const deadline = performance.now() + timeoutS * 1000;
  try {
    for (;;) {
      const s = await sender.drainOnce();
      totals.sent += s.sent; totals.adopted += s.adopted; totals.failed += s.failed;
      totals.stopped = s.stopped;
      if (s.stopped || s.steps === 0 || performance.now() > deadline) break;
    }
  } finally {
    sender.close();
  }
  return totals;
}

/** The journal's link to the shop server (issue #14), as the sync process runs it; null until the till joins one. */
function makeShopLink(ctx: CliContext): ShopLinkLoop | null {
  const db = ctx.db();
  const keys = dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env });
  if (!readShopLinkConfig(db, keys)) return null;
  return createShopLinkLoop({ db, clock: ctx.clock, fetch: globalThis.fetch, config: () => readShopLinkConfig(db, keys) });
}

export const syncCommand: Command = {
  name: 'sync',
  summary: "Trasmissione all'Agenzia delle Entrate via Openapi / send the fiscal queue",
  usage: USAGE,
  async run(argv, ctx) {
    const { values } = parse(argv, {
      once: { type: 'boolean' }, watch: { type: 'boolean' }, failed: { type: 'boolean' }, verbose: { type: 'boolean' },
      retry: { type: 'string' }, pdf: { type: 'string' }, timeout: { type: 'string' }, cancel: { type: 'string' }, reason: { type: 'string' },
    });
    const json = values.json === true;
    const modes = [values.once, values.watch, values.failed, values.retry !== undefined, values.pdf !== undefined, values.cancel !== undefined].filter(Boolean).length;
    if (modes !== 1) throw new BanconeError('CLI_USAGE', msg.cli.syncOneAction({ usage: USAGE }));

    if (values.once) {
      const timeoutS = values.timeout === undefined ? 60 : Number(values.timeout);
      if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new BanconeError('CLI_USAGE', msg.cli.timeoutInvalid, 'timeout');
      // The journal up to the shop server goes even when the receipts cannot (a till in training, or
      // without its Openapi token yet, still has sales, Z and its journal for the back office): one
      // round uploads until nothing is left (or the server does not answer). The refusal comes after.
      const link = makeShopLink(ctx);
      let fiscal: Awaited<ReturnType<typeof once>>;
      try {
        fiscal = await once(ctx, timeoutS);
      } catch (e) {
        if (!(link && e instanceof BanconeError && e.code === 'SYNC_NOT_CONFIGURED')) throw e;
        await link.round();
        ctx.stderr(`${shopLinkStatusText(shopLinkStatus(ctx.db())!, ctx.lang)}\n`);
        throw e;
      }
      const { summary, totals, drained } = fiscal;
      const invoices = await drainInvoices(ctx, timeoutS);
      if (link) await link.round();
      const server = link ? shopLinkStatus(ctx.db()) : null;
      const st = summary.status;
      if (json) {
        printJson(ctx, {
          drained, stopped: summary.stopped, ...totals,
          counts: { pending: st.pending, in_flight: st.inFlight, unknown: st.unknown, ready: st.ready, failed: st.failed, waiting_for_parent: st.waitingForParent },
          blackout: st.blackout, auth_required: st.authRequired, config_error: st.configError?.message ?? null,
          last_error: st.lastError?.message ?? null, next_attempt_at: st.nextAttemptAt,
          ...(invoices ? { invoices } : {}),
          ...(server ? { server } : {}),
        });
      } else {
        ctx.stdout(`Inviati ${totals.sent + totals.adopted} (ritrovati dopo errori ${totals.adopted}), pronti ${totals.ready}, in errore ${totals.failed}\n`);
        ctx.stdout(syncStatusText(st, ctx.lang, listFailed(ctx.db())) + '\n');
        if (summary.stopped === 'locked') ctx.stderr('Un altro processo sta già trasmettendo la coda.\n');
        if (invoices) {
          const q = invoiceQueue(ctx.db(), ctx.env, dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env }), ctx.clock.now());
          ctx.stdout(`${queueText(q, ctx.lang)}\n`);
        }
        if (server) ctx.stdout(`${shopLinkStatusText(server, ctx.lang)}\n`);
      }
      return summary.stopped ? 3 : 0;
    }

    if (values.watch) {
      const shopLinkLoop = () => createShopLinkLoop({ db: ctx.db(), clock: ctx.clock, fetch: globalThis.fetch,
        config: () => readShopLinkConfig(ctx.db(), dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env })) });
      let engine: SyncEngine;
      try {
        engine = makeEngine(ctx, values.verbose ? (e) => ctx.stdout(`${describeEvent(e)}\n`) : undefined);
      } catch (e) {
        // Not configured for Openapi, but joined to a shop server: the journal still goes up.
        if (!(e instanceof BanconeError && e.code === 'SYNC_NOT_CONFIGURED' && makeShopLink(ctx))) throw e;
        ctx.stderr(`${(e as BanconeError).words[ctx.lang]}\n`);
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try { await shopLinkLoop().run(controller.signal); } finally { process.off('SIGINT', stop); process.off('SIGTERM', stop); }
        return 0;
      }
      // Invoices go too, as in the sync process: the same sender, beside the receipts' engine.
      const invoices = makeInvoiceSender(ctx);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      ctx.stderr('Trasmissione in corso (Ctrl+C per uscire)…\n');
      let lastLine = '';
      try {
        await Promise.all([
          engine.watch({
            signal: controller.signal,
            onDrain: (s) => {
              const line = syncStatusText(s.status, ctx.lang).split('\n')[0]!;
              if (line !== lastLine) { ctx.stdout(`${line}\n`); lastLine = line; }
            },
          }),
          invoices.watch({ signal: controller.signal }),
          // The journal up to the shop server, as in the sync process (idle until the till joins one).
          shopLinkLoop().run(controller.signal),
        ]);
      } finally {
        engine.close();
        invoices.close();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      return 0;
    }

    if (values.failed) {
      const failed = listFailed(ctx.db());
      if (json) { printJson(ctx, failed); return 0; }
      if (failed.length === 0) ctx.stdout('Nessun documento in errore.\n');
      for (const f of failed) {
        const e = explainRefusal(classifyRefusal(f.code, f.message), f.kind);
        ctx.stdout(`${f.number}  ${f.kind}  ${formatEuro(f.totalCents)}\n  ${ctx.lang === 'en' ? e.en : e.it}\n  [${f.code ?? ''}] ${f.message ?? ''}\n`);
      }
      return 0;
    }

    if (values.retry !== undefined) {
      const r = retryDocument(ctx.db(), values.retry, { clock: ctx.clock });
      if (json) printJson(ctx, r);
      else ctx.stdout(`Documento ${values.retry} rimesso in coda: sarà ritrasmesso al prossimo invio.\n`);
      return 0;
    }

    if (values.cancel !== undefined) {
      if (values.reason === undefined || values.reason.trim().length < 3)
        throw new BanconeError('CANCEL_REASON_REQUIRED', msg.cli.cancelReasonRequired, 'reason');
      const r = cancelTransmission(ctx.db(), values.cancel, { clock: ctx.clock, operatorId: null, reason: values.reason });
      if (json) printJson(ctx, { document_id: r.documentId, state: r.state, cancelled: r.cancelled });
      else ctx.stdout(`Escluso dall'invio: ${values.cancel} non sarà trasmesso all'Agenzia delle Entrate${r.cancelled.length > 1 ? ` (con ${r.cancelled.length - 1} ${r.cancelled.length === 2 ? 'reso/annullo collegato' : 'resi/annulli collegati'})` : ''}.\n`);
      return 0;
    }

    const ref = values.pdf!;
    const id = resolveDocumentId(ctx.db(), ref);
    if (!id) throw new BanconeError('DOCUMENT_NOT_FOUND', msg.ledger.documentNotFound({ ref }), 'pdf');
    const engine = makeEngine(ctx);
    let file: string | null;
    try { file = await engine.fetchPdf(id); } finally { engine.close(); }
    if (!file) throw new BanconeError('PDF_NOT_AVAILABLE', msg.cli.pdfNotAvailable, 'pdf');
    if (json) printJson(ctx, { document_id: id, pdf: file });
    else ctx.stdout(`${file}\n`);
    return 0;
  },
};
