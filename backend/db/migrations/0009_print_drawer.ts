// Printing: how each receipt's cash drawer was opened, so it is opened exactly once. A cash sale
// whose receipt cannot print (paper out, cover open) gets the drawer opened at once by a real-time
// pulse (DLE DC4); when the paper is back and the receipt prints, it must not open it again.
//   drawer_pulse      NULL: not opened yet; 'realtime': DLE DC4 while the receipt waited;
//                     'receipt': ESC p with the printed receipt
//   drawer_pulsed_at  when (UTC ISO)
// Never edit once landed; add a new numbered migration for changes.
export const sql = /* sql */ `
ALTER TABLE print_jobs ADD COLUMN drawer_pulse TEXT CHECK (drawer_pulse IS NULL OR drawer_pulse IN ('realtime', 'receipt'));
ALTER TABLE print_jobs ADD COLUMN drawer_pulsed_at TEXT;
`;
