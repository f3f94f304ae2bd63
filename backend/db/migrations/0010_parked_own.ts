// Counter's schema change (never edit once landed; add a new numbered file for changes).
// - parked_sales.auto: the cart a cashier had open when they handed the till over (F10). It is
//   theirs: it comes back by itself when they log in again, and never lands on the next cashier's
//   screen. 0 for carts parked by hand («Sospendi»), which anyone may resume.
export const sql = /* sql */ `
ALTER TABLE parked_sales ADD COLUMN auto INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1));
CREATE INDEX parked_sales_auto ON parked_sales(operator_id) WHERE auto = 1;
`;
