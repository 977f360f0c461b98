import type { Wish, WishStatus } from '../../api/requests-types';

export const WISH_STATUS_COLORS: Record<WishStatus, string> = {
  open: 'red',
  claimed: 'blue',
  fulfilled: 'gold',
  confirmed: 'success',
  cancelled: 'default',
};

/** A claim lapses after 14 days; warn in the last three. */
export const CLAIM_WARN_DAYS = 3;

export function daysLeft(iso: string, now = Date.now()): number {
  return Math.ceil((new Date(iso).getTime() - now) / 86_400_000);
}

export interface WishAbilities {
  claim: boolean;
  fulfil: boolean;
  confirm: boolean;
  cancel: boolean;
}

/**
 * What the viewer may do with a wish. The API answers wishes without their abilities, so
 * this mirrors the server's rules (poster ≠ claimant, only the claimant fulfils, the poster or
 * a manager confirms or withdraws); the server still decides.
 */
export function wishAbilities(w: Wish, can: (p: 'wish.claim' | 'wish.manage') => boolean): WishAbilities {
  const manages = can('wish.manage');
  return {
    claim: w.status === 'open' && !w.postedByMe && can('wish.claim'),
    fulfil: w.status === 'claimed' && w.claimedByMe,
    confirm: w.status === 'fulfilled' && (w.postedByMe || manages),
    cancel: (manages || w.postedByMe) && (w.status === 'open' || w.status === 'claimed' || w.status === 'fulfilled'),
  };
}
