import type { StoreDeps } from './store.deps';
import { createDonationsService } from './store.donations';
import { createGoodsService } from './store.goods';
import { createRedemptionsService } from './store.redemptions';
import { createStoreReportService } from './store.report';

/** 爱心超市: catalogue, donations in, redemptions out, the monthly report. */
export function createStoreService(deps: StoreDeps) {
  const goods = createGoodsService(deps);
  return {
    goods,
    donations: createDonationsService(deps, goods),
    redemptions: createRedemptionsService(deps, goods),
    report: createStoreReportService(deps),
  };
}

export type StoreService = ReturnType<typeof createStoreService>;
