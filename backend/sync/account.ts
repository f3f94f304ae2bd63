// Is the shop's Openapi account able to take receipts right now? Asked with
// GET /IT-configurations/{fiscal_id} before the sync blames a document for a refusal, before it stops
// the whole queue for an "account" error, and now and then while idle (so the status bar knows
// whether the API can be reached even when nothing is being sent).
//
// Why a check at all: a refusal's code and shape are not reliable enough to decide between "this
// document is wrong" (fail it alone, the queue goes on) and "the account is wrong" (stop everything).
// Openapi publishes no codes for content errors, other versions or proxies answer in other shapes,
// and getting it wrong either stops a whole day's transmission for one bad receipt or fails every
// receipt of the day one by one.
import type { ApiOutcome, OpenapiClient } from './openapi-client.js';
import { msg } from '../../shared/messages/index.js';

type Failure = Exclude<ApiOutcome<unknown>, { kind: 'ok' }>;

export type AccountVerdict =
  /** Registered, receipts enabled: a refusal is about the document. */
  | { kind: 'ok' }
  /** The token is refused. */
  | { kind: 'auth'; message: string }
  /** The account or the address is wrong; `message` says in Italian what to do. */
  | { kind: 'config'; code: string; message: string; messageEn: string; apiMessage: string | null }
  /** No answer that tells (network, 5xx, 429): nothing can be concluded yet. */
  | { kind: 'unverified'; outcome: Failure };

/** What is wrong with the account and what to do (shared/messages, area sync). */
export const ACCOUNT_PROBLEM = {
  notRegistered: (fiscalId: string) => msg.sync.accountNotRegistered({ fiscalId }),
  receiptsDisabled: (fiscalId: string) => msg.sync.accountReceiptsDisabled({ fiscalId }),
  inactive: (fiscalId: string) => msg.sync.accountInactive({ fiscalId }),
  wrongAddress: (detail: string) => msg.sync.accountWrongAddress({ detail }),
  checkRefused: (fiscalId: string) => msg.sync.accountCheckRefused({ fiscalId }),
};

/** One configuration check, read as a verdict. */
export async function checkAccount(client: OpenapiClient, fiscalId: string): Promise<AccountVerdict> {
  const r = await client.getConfiguration(fiscalId);
  const config = (code: string, m: { it: string; en: string }, apiMessage: string | null): AccountVerdict => ({ kind: 'config', code, message: m.it, messageEn: m.en, apiMessage });
  switch (r.kind) {
    case 'ok':
      if (r.data.receipts === false) return config('RECEIPTS_DISABLED', ACCOUNT_PROBLEM.receiptsDisabled(fiscalId), null);
      if (r.data.active === false) return config('ACCOUNT_INACTIVE', ACCOUNT_PROBLEM.inactive(fiscalId), null);
      return { kind: 'ok' };
    case 'auth':
      return { kind: 'auth', message: r.message };
    case 'config':
      if (!r.openapi) return config('WRONG_ADDRESS', ACCOUNT_PROBLEM.wrongAddress(r.message), null);
      if (r.code === '174') return config('RECEIPTS_DISABLED', ACCOUNT_PROBLEM.receiptsDisabled(fiscalId), r.message);
      return config('NOT_REGISTERED', ACCOUNT_PROBLEM.notRegistered(fiscalId), r.message);
    case 'rejected':
      // Openapi's own refusal of the check: a configuration that does not exist is a 404.
      if (r.httpStatus === 404) return config('NOT_REGISTERED', ACCOUNT_PROBLEM.notRegistered(fiscalId), r.message);
      return config('CHECK_REFUSED', ACCOUNT_PROBLEM.checkRefused(fiscalId), r.message);
    default:
      return { kind: 'unverified', outcome: r };
  }
}

/**
 * Configuration checks for one engine: concurrent requests for a check share it, and a recent "ok"
 * is reused for refusals that do not look like account problems (one check, not one per refused
 * document). A refusal that does look like one is always checked afresh.
 */
export class AccountVerifier {
  private okAt: number | null = null;
  private inflight: Promise<AccountVerdict> | null = null;

  constructor(
    private readonly client: () => OpenapiClient,
    private readonly fiscalId: string,
    private readonly now: () => Date,
    private readonly reuseOkMs: number,
  ) {}

  /** A configuration check answered ok just now (the idle probe, or a stop that cleared). */
  noteOk(): void {
    this.okAt = this.now().getTime();
  }

  async verify(fresh: boolean): Promise<AccountVerdict> {
    if (!fresh && this.okAt !== null && this.now().getTime() - this.okAt < this.reuseOkMs) return { kind: 'ok' };
    if (!this.inflight) {
      this.inflight = checkAccount(this.client(), this.fiscalId).then((v) => {
        if (v.kind === 'ok') this.noteOk();
        else this.okAt = null;
        return v;
      }).finally(() => { this.inflight = null; });
    }
    return this.inflight;
  }
}
