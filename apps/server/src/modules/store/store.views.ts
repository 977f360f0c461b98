import type { StoreDonation, StoreGoods, StoreRedemption } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import type { PlacesService } from '../places/places.service';
import type { storeDonations, storeGoods, storeRedemptions } from './store.tables';

export type GoodsRow = typeof storeGoods.$inferSelect;
export type DonationRow = typeof storeDonations.$inferSelect;
export type RedemptionRow = typeof storeRedemptions.$inferSelect;

/** Money is kept in whole fen (no float drift in sums) and shown in yuan. */
export const toFen = (yuan: number) => Math.round(yuan * 100);
export const toYuan = (fen: number) => fen / 100;

export async function placeNames(places: PlacesService, tx: Db, ids: readonly string[]): Promise<Map<string, string>> {
  return await places.namesOf([...new Set(ids)], tx);
}

export function toGoods(row: GoodsRow, placeName: string): StoreGoods {
  return {
    id: row.id,
    placeId: row.placeId,
    placeName,
    name: row.name,
    category: row.category,
    pointsPrice: row.pointsPrice,
    stock: row.stock,
    unit: row.unit,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDonation(row: DonationRow, placeName: string, goodsName: string | null): StoreDonation {
  return {
    id: row.id,
    kind: row.kind,
    placeId: row.placeId,
    placeName,
    donorType: row.donorType,
    donorName: row.donorName,
    goodsId: row.goodsId,
    goodsName,
    quantity: row.quantity,
    value: toYuan(row.valueFen),
    purpose: row.purpose,
    note: row.note,
    recordedByName: row.recordedByName,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface RedemptionNames {
  readonly residentName: string;
  readonly goodsName: string;
  readonly unit: string;
  readonly placeName: string;
}

export function toRedemption(row: RedemptionRow, names: RedemptionNames): StoreRedemption {
  return {
    id: row.id,
    residentId: row.residentId,
    residentName: names.residentName,
    goodsId: row.goodsId,
    goodsName: names.goodsName,
    unit: names.unit,
    placeId: row.placeId,
    placeName: names.placeName,
    quantity: row.quantity,
    pointsPrice: row.pointsPrice,
    points: row.points,
    status: row.status,
    channel: row.channel,
    pointsEntryId: row.pointsEntryId,
    handledByName: row.handledByName,
    pickedUpAt: row.pickedUpAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    createdAt: row.createdAt.toISOString(),
  };
}
