import type { Db } from './db/client';
import type { Config } from './platform/config';
import type { DataCipher } from './platform/crypto';
import { createIdentityService, type IdentityService } from './platform/identity/identity.service';
import { identityPlaceHooks } from './platform/identity/identity.hooks';
import { createAccountsService, type AccountsService } from './modules/accounts/accounts.service';
import { createPartyService, type PartyService } from './modules/party/party.service';
import { partyPlaceHooks } from './modules/party/party.hooks';
import { createPlacesService, type PlacesService } from './modules/places/places.service';
import { createCareGroupsService, type CareGroupsService } from './modules/residents/care-groups.service';
import { createHouseholdsService, type HouseholdsService } from './modules/residents/households.service';
import { residentsPlaceHooks } from './modules/residents/residents.hooks';
import { createResidentsService, type ResidentsService } from './modules/residents/residents.service';
import { createVisitsService, type VisitsService } from './modules/residents/visits.service';

export interface Services {
  readonly places: PlacesService;
  readonly identity: IdentityService;
  readonly accounts: AccountsService;
  readonly party: PartyService;
  readonly residents: ResidentsService;
  readonly households: HouseholdsService;
  readonly careGroups: CareGroupsService;
  readonly visits: VisitsService;
}

export interface ServiceDeps {
  readonly db: Db;
  readonly config: Config;
  readonly cipher: DataCipher;
}

/** The composition root of the domain: every service gets exactly the dependencies it names. */
export function createServices({ db, config, cipher }: ServiceDeps): Services {
  const places = createPlacesService({ db, hooks: () => [identityPlaceHooks, partyPlaceHooks, residentsPlaceHooks] });
  const identity = createIdentityService({ db, config, cipher, places });
  const accounts = createAccountsService({ db, identity, places });
  const party = createPartyService({ db, places });
  const residents = createResidentsService({ db, cipher, places });
  const households = createHouseholdsService({ db, places });
  const careGroups = createCareGroupsService({ db, places });
  const visits = createVisitsService({ db, places, residents });
  return { places, identity, accounts, party, residents, households, careGroups, visits };
}
