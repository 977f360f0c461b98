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
import { createEchoWallService, type EchoWallService } from './modules/requests/echo-wall.service';
import { requestsPlaceHooks } from './modules/requests/requests.hooks';
import { createRequestsService, type RequestsService } from './modules/requests/requests.service';
import { createRequestStatsService, type RequestStatsService } from './modules/requests/requests.stats';
import { createWishesService, type WishesService } from './modules/wishes/wishes.service';
import { wishesPlaceHooks } from './modules/wishes/wishes.hooks';
import { createNotificationsService, type NotificationsService } from './platform/notifications.service';
import { createPointsService, type PointsService } from './modules/points/points.service';
import { createStoreService, type StoreService } from './modules/store/store.service';
import { storePlaceHooks } from './modules/store/store.hooks';
import type { LivePublisher } from './platform/live';
import { createVolunteersService, type VolunteersService } from './modules/volunteers/volunteers.service';
import { createTeamsService, type TeamsService } from './modules/volunteers/teams.service';
import { volunteersPlaceHooks } from './modules/volunteers/volunteers.hooks';
import { createEventsService, type EventsService } from './modules/events/events.service';
import { confirmedHalfHours, createAttendanceService, type AttendanceService } from './modules/events/attendance.service';
import { createLectureTopicsService, type LectureTopicsService } from './modules/events/lecture-topics.service';
import { createEventStatsService, type EventStatsService } from './modules/events/events.stats';
import { createEventCalendarService, type EventCalendarService } from './modules/events/events.calendar';
import { eventsPlaceHooks } from './modules/events/events.hooks';

export interface Services {
  readonly places: PlacesService;
  readonly identity: IdentityService;
  readonly accounts: AccountsService;
  readonly party: PartyService;
  readonly residents: ResidentsService;
  readonly households: HouseholdsService;
  readonly careGroups: CareGroupsService;
  readonly visits: VisitsService;
  readonly notifications: NotificationsService;
  readonly requests: RequestsService;
  readonly requestStats: RequestStatsService;
  readonly echoWall: EchoWallService;
  readonly wishes: WishesService;
  readonly points: PointsService;
  readonly volunteers: VolunteersService;
  readonly teams: TeamsService;
  readonly events: EventsService;
  readonly attendance: AttendanceService;
  readonly lectureTopics: LectureTopicsService;
  readonly eventStats: EventStatsService;
  readonly eventCalendar: EventCalendarService;
  readonly store: StoreService;
}

export interface ServiceDeps {
  readonly db: Db;
  readonly config: Config;
  readonly cipher: DataCipher;
  /** Live updates to open pages; absent in seeds and scripts. */
  readonly live?: LivePublisher;
}

/** The composition root of the domain: every service gets exactly the dependencies it names. */
export function createServices({ db, config, cipher, live }: ServiceDeps): Services {
  const places = createPlacesService({ db, hooks: () => [identityPlaceHooks, partyPlaceHooks, residentsPlaceHooks, requestsPlaceHooks, wishesPlaceHooks, storePlaceHooks, volunteersPlaceHooks, eventsPlaceHooks] });
  const identity = createIdentityService({ db, config, cipher, places });
  const accounts = createAccountsService({ db, identity, places });
  const party = createPartyService({ db, places });
  const residents = createResidentsService({ db, cipher, places });
  const households = createHouseholdsService({ db, places });
  const careGroups = createCareGroupsService({ db, places });
  const visits = createVisitsService({ db, places, residents });
  const notifications = createNotificationsService({ db });
  const requests = createRequestsService({ db, cipher, places, identity, residents, notifications, live });
  const requestStats = createRequestStatsService({ db, places });
  const echoWall = createEchoWallService({ db, places });
  const wishes = createWishesService({ db, places, residents, notifications });
  const points = createPointsService({ db, residents, expiryDays: config.pointsExpiryDays });
  const store = createStoreService({ db, places, residents, points });
  const volunteers = createVolunteersService({ db, places, residents, confirmedHalfHours });
  const teams = createTeamsService({ db, places, residents });
  const events = createEventsService({ db, places, residents, notifications });
  const attendance = createAttendanceService({ db, events, residents, points });
  const lectureTopics = createLectureTopicsService({ db, places });
  const eventStats = createEventStatsService({ db, places, volunteers, points });
  const eventCalendar = createEventCalendarService({ db, places });
  return { places, identity, accounts, party, residents, households, careGroups, visits, notifications, requests, requestStats, echoWall, wishes, points, store, volunteers, teams, events, attendance, lectureTopics, eventStats, eventCalendar };
}
