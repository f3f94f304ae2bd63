// The OS keyring as the data key sees it (macOS Keychain, Windows Credential Manager, the Secret
// Service on Linux): one text value per account. A port, so the data key's logic is tested with a
// keyring in memory; the real one is os-keyring.ts.

export interface KeyringPort {
  /** The value, or null when there is none, or when no keyring answers (Linux without a Secret Service). */
  read(account: string): string | null;
  /** Keeps the value; false when the keyring cannot (none on this machine, locked, refused). */
  write(account: string, value: string): boolean;
}
