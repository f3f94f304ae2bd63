// The till's shop-server identity (issue #14) is set by `bancone till join` only: the settings
// screen's save refuses the till code and the server's address (and changes nothing).
import { describe, expect, it } from 'vitest';
import { settingsContract } from '../../../shared/contract/settings.js';

describe('settings.save and the shop server', () => {
  const save = settingsContract['settings.save'].input;
  it('refuses server.url and server.tillCode; other settings pass', () => {
    expect(save.safeParse({ values: { 'server.tillCode': 'C9' } }).success).toBe(false);
    expect(save.safeParse({ values: { 'server.url': 'http://127.0.0.1:1' } }).success).toBe(false);
    expect(save.parse({ values: { 'shop.footer': 'Grazie!' } })).toEqual({ values: { 'shop.footer': 'Grazie!' } });
  });
});
