// Whether the queue may talk to the API right now, and why not: a 401 stops everything until a new
// token; an account problem stops everything until it is fixed; a 429 or an unreachable network
// pauses everything for a while; the 23:55–00:00 blackout holds new sends (polls may go on).
// State is kept in sync_state so the UI sees it and a restarted process honours it.
import { createHash } from 'node:crypto';
import type { WritableDb } from '../db/types.js';
import { isTransmissionBlackout, type Clock } from '../../../shared/time.js';
import { clearState, readState, writeState } from './sync-state.js';
import { backoffMs } from './backoff.js';

export interface GateTuning {
  offlineBackoffBaseMs: number;
  offlineBackoffMaxMs: number;
}

export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

export class Gates {
  private consecutiveOffline = 0;
  private lastSuccessWrite = 0;

  constructor(
    private readonly db: WritableDb,
    private readonly clock: Clock,
    private readonly tuning: GateTuning,
    private readonly random: () => number,
    private readonly fingerprint: string,
  ) {}

  /** Clears an auth stop recorded for another token: the shop entered a new one. */
  refresh(): void {
    const auth = readState(this.db, 'auth_required');
    if (auth && auth.tokenFingerprint !== this.fingerprint) clearState(this.db, 'auth_required');
  }

  stopReason(): 'auth' | 'config' | null {
    if (readState(this.db, 'auth_required')) return 'auth';
    if (readState(this.db, 'config_error')) return 'config';
    return null;
  }

  pausedUntil(now: Date): Date | null {
    const p = readState(this.db, 'paused');
    return p && new Date(p.until).getTime() > now.getTime() ? new Date(p.until) : null;
  }

  canTalk(now: Date): boolean {
    return this.stopReason() === null && this.pausedUntil(now) === null;
  }

  canSend(now: Date): boolean {
    return this.canTalk(now) && !isTransmissionBlackout(now);
  }

  onSuccess(): void {
    const now = this.clock.now();
    if (this.consecutiveOffline > 0) {
      this.consecutiveOffline = 0;
      if (readState(this.db, 'paused')?.reason === 'offline') clearState(this.db, 'paused');
    }
    // One write a second is plenty for a "last success" shown to people.
    if (now.getTime() - this.lastSuccessWrite >= 1000) {
      this.lastSuccessWrite = now.getTime();
      writeState(this.db, 'last_success_at', now.toISOString(), now);
    }
  }

  onError(code: string, message: string, documentId: string | null): void {
    const now = this.clock.now();
    writeState(this.db, 'last_error', { code, message, at: now.toISOString(), documentId }, now);
  }

  onAuth(message: string): void {
    const now = this.clock.now();
    writeState(this.db, 'auth_required', { message, at: now.toISOString(), tokenFingerprint: this.fingerprint }, now);
    // The first check whether it is fixed comes one probe interval later.
    writeState(this.db, 'last_auth_probe_at', now.toISOString(), now);
    this.onError('AUTH', message, null);
  }

  onConfig(code: string, message: string): void {
    const now = this.clock.now();
    writeState(this.db, 'config_error', { code, message, at: now.toISOString() }, now);
    writeState(this.db, 'last_auth_probe_at', now.toISOString(), now);
    this.onError(code, message, null);
  }

  clearStops(): void {
    clearState(this.db, 'auth_required');
    clearState(this.db, 'config_error');
  }

  onRateLimit(ms: number): void {
    this.pause(ms, 'rate_limit');
  }

  /** Nothing reached the server: pause the whole queue with a growing backoff (one probe per pause). */
  onNotSent(message: string): void {
    this.consecutiveOffline++;
    this.pause(backoffMs(this.consecutiveOffline, this.tuning.offlineBackoffBaseMs, this.tuning.offlineBackoffMaxMs, this.random), 'offline');
    this.onError('OFFLINE', message, null);
  }

  private pause(ms: number, reason: 'rate_limit' | 'offline'): void {
    const now = this.clock.now();
    const until = new Date(now.getTime() + ms);
    const current = this.pausedUntil(now);
    if (current && current >= until) return;
    writeState(this.db, 'paused', { until: until.toISOString(), reason }, now);
  }
}
