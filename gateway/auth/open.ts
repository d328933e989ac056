import { database } from '../../storage/mongo';
import type { KeyStoreSettings } from '../config';
import { ApiKeyManager } from './api-key-manager';
import { ApiKeyStore } from './api-key-store';
import { CatalogueAgencies } from './catalogue-agencies';

export interface ApiKeys {
  store: ApiKeyStore;
  agencies: CatalogueAgencies;
  manager: ApiKeyManager;
}

/**
 * The gateway's key store (its own database, indexes created) and a manager that checks agencies
 * with the catalogue subgraph at `catalogueUrl`: what the gateway and `npm run keys` both use.
 */
export async function openApiKeys(keyStore: KeyStoreSettings, catalogueUrl: string, timeoutMs: number): Promise<ApiKeys> {
  const store = new ApiKeyStore(await database(keyStore.mongodbUri, keyStore.database));
  await store.ensureIndexes();
  const agencies = new CatalogueAgencies(catalogueUrl, timeoutMs);
  return { store, agencies, manager: new ApiKeyManager(store, agencies) };
}
