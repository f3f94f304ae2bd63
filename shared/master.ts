// Master data from the shop server (issue #14, srv-master): what both ends agree on besides the wire.

/**
 * The shop settings a till takes from its server: who the shop is (name, address, P.IVA, codice
 * fiscale, fiscal regime: on every receipt and invoice) and the receipt's closing line. Each shop of
 * a server has its own. The rest of a till's settings (printer, its AdE account, language…) stay the till's.
 */
export const SERVER_SETTING_KEYS = ['shop.name', 'shop.address', 'shop.vatNumber', 'shop.taxCode', 'shop.fiscalRegime', 'shop.footer'] as const;
export type ServerSettingKey = (typeof SERVER_SETTING_KEYS)[number];
export const isServerSettingKey = (k: string): k is ServerSettingKey => (SERVER_SETTING_KEYS as readonly string[]).includes(k);
