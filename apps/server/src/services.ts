import type { Db } from './db/client';
import type { Config } from './platform/config';
import type { DataCipher } from './platform/crypto';
import { createIdentityService, type IdentityService } from './platform/identity/identity.service';
import { identityPlaceHooks } from './platform/identity/identity.hooks';
import { createAccountsService, type AccountsService } from './modules/accounts/accounts.service';
import { createPartyService, type PartyService } from './modules/party/party.service';
import { partyPlaceHooks } from './modules/party/party.hooks';
import { createPlacesService, type PlacesService } from './modules/places/places.service';

export interface Services {
  readonly places: PlacesService;
  readonly identity: IdentityService;
  readonly accounts: AccountsService;
  readonly party: PartyService;
}

export interface ServiceDeps {
  readonly db: Db;
  readonly config: Config;
  readonly cipher: DataCipher;
}

/** The composition root of the domain: every service gets exactly the dependencies it names. */
export function createServices({ db, config, cipher }: ServiceDeps): Services {
  const places = createPlacesService({ db, hooks: () => [identityPlaceHooks, partyPlaceHooks] });
  const identity = createIdentityService({ db, config, cipher, places });
  const accounts = createAccountsService({ db, identity, places });
  const party = createPartyService({ db, places });
  return { places, identity, accounts, party };
}
