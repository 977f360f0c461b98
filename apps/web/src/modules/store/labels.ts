/** Display names of the charity store's enumerations, in the UI locale. */
import type { DonationKind, DonorType } from '../../api/service-types';
import type { MessageKey } from '../../i18n';

export const DONOR_TYPE_KEYS: Record<DonorType, MessageKey> = { resident: 'shop.donor.resident', partner_unit: 'shop.donor.partnerUnit', other: 'shop.donor.other' };
export const DONATION_KIND_KEYS: Record<DonationKind, MessageKey> = { goods: 'shop.kind.goods', cash: 'shop.kind.cash' };

/** Yuan with two decimals. */
export const yuan = (v: number) => `¥${v.toFixed(2)}`;
