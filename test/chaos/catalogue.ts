// The shop's catalogue in the chaos test, edited on the server as the back office does (the admin
// master-data calls of shared/server-api.ts). (Placeholder until master data lands on main: no
// catalogue, the tills sell free lines and stay at version 0.)
import type pg from 'pg';

export interface CatalogueAdmin { serverUrl: string; serverDir: string; pool: () => pg.Pool }

export async function seedCatalogue(admin: CatalogueAdmin, shopId: string): Promise<void> {
  void admin; void shopId;
}

export async function catalogueChange(admin: CatalogueAdmin, shopId: string): Promise<void> {
  void admin; void shopId;
}
