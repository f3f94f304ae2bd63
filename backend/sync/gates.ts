// Whether the queue may talk to the API right now, and why not: a 401 stops everything until a new
// token; an account problem stops everything until it is fixed; a 429 or an unreachable network
// pauses everything for a while; the 23:55–00:00 blackout holds new sends (polls may go on).
// State is kept in sync_state so the UI sees it and a restarted process honours it.
import { createHash } from 'node:crypto';
import type { WritableDb } from '../db/types.js';
import { isTransmissionBlackout, type Clock } from '../../shared/time.js';
import { clearState, readState, writeState, type AuthStop, type ConfigStop, type Pause, type PauseReason } from './sync-state.js';
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
  // The stop/pause facts, read once per drain and kept current by our own writes: they are checked
  // before every request. Another process's change (onboarding clears a stop) counts from the next drain.
  private auth: AuthStop | null;
  private config: ConfigStop | null;
  private paused: Pause | null;
  private blackoutSecond = -1;
  private blackout = false;

  constructor(
    private readonly db: WritableDb,
    private readonly clock: Clock,
    private readonly tuning: GateTuning,
    private readonly random: () => number,
    private readonly fingerprint: string,
    /** The address, fiscal id and token in use: an account stop recorded for others is not ours. */
    private readonly configFingerprint: string | null = null,
  ) {
    this.auth = readState(db, 'auth_required');
    this.config = readState(db, 'config_error');
    this.paused = readState(db, 'paused');
  }

  /**
   * Clears an auth stop recorded for another token (the shop entered a new one), and an account stop
   * recorded for another address, fiscal id or token (the shop corrected the settings).
   */
  refresh(): void {
    if (this.auth && this.auth.tokenFingerprint !== this.fingerprint) {
      clearState(this.db, 'auth_required');
      this.auth = null;
    }
    if (this.config?.configFingerprint && this.configFingerprint && this.config.configFingerprint !== this.configFingerprint) {
      clearState(this.db, 'config_error');
      this.config = null;
    }
  }

  stopReason(): 'auth' | 'config' | null {
    if (this.auth) return 'auth';
    if (this.config) return 'config';
    return null;
  }

  pausedUntil(now: Date): Date | null {
    return this.paused && new Date(this.paused.until).getTime() > now.getTime() ? new Date(this.paused.until) : null;
  }

  canTalk(now: Date): boolean {
    return this.stopReason() === null && this.pausedUntil(now) === null;
  }

  canSend(now: Date): boolean {
    return this.canTalk(now) && !this.inBlackout(now);
  }

  private inBlackout(now: Date): boolean {
    const second = Math.floor(now.getTime() / 1000);
    if (second !== this.blackoutSecond) {
      this.blackoutSecond = second;
      this.blackout = isTransmissionBlackout(now);
    }
    return this.blackout;
  }

  onSuccess(): void {
    const now = this.clock.now();
    if (this.consecutiveOffline > 0) {
      this.consecutiveOffline = 0;
      if (this.paused?.reason === 'offline' || this.paused?.reason === 'unverified') {
        clearState(this.db, 'paused');
        this.paused = null;
      }
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
    this.auth = { message, at: now.toISOString(), tokenFingerprint: this.fingerprint };
    writeState(this.db, 'auth_required', this.auth, now);
    // The first check whether it is fixed comes one probe interval later.
    writeState(this.db, 'last_auth_probe_at', now.toISOString(), now);
    this.onError('AUTH', message, null);
  }

  /** An account or address problem, confirmed by a configuration check: `message` says in Italian what to do. */
  onConfig(code: string, message: string, extra: { messageEn?: string; apiMessage?: string | null } = {}): void {
    const now = this.clock.now();
    this.config = { code, message, ...extra, at: now.toISOString(), ...(this.configFingerprint ? { configFingerprint: this.configFingerprint } : {}) };
    writeState(this.db, 'config_error', this.config, now);
    writeState(this.db, 'last_auth_probe_at', now.toISOString(), now);
    this.onError(code, message, null);
  }

  clearStops(): void {
    clearState(this.db, 'auth_required');
    clearState(this.db, 'config_error');
    this.auth = null;
    this.config = null;
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

  /**
   * A refusal could not be judged: the configuration check got no usable answer (5xx, timeout).
   * Pause like an outage (the refused document is back in the queue, nothing failed).
   */
  onUnverified(message: string): void {
    this.consecutiveOffline++;
    this.pause(backoffMs(this.consecutiveOffline, this.tuning.offlineBackoffBaseMs, this.tuning.offlineBackoffMaxMs, this.random), 'unverified');
    this.onError('CHECK_FAILED', message, null);
  }

  private pause(ms: number, reason: PauseReason): void {
    const now = this.clock.now();
    const until = new Date(now.getTime() + ms);
    const current = this.pausedUntil(now);
    if (current && current >= until) return;
    this.paused = { until: until.toISOString(), reason };
    writeState(this.db, 'paused', this.paused, now);
  }
}
