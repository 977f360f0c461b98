import type { Db } from '../../db/client';

/**
 * What the store needs of the points ledger (modules/points), named here so the store depends on
 * these two moves only. Both run inside the caller's transaction and are idempotent by `key`.
 */
export interface LedgerMove {
  readonly residentId: string;
  /** Positive: the ledger knows which way it goes from the call. */
  readonly amount: number;
  readonly sourceId: string;
  readonly reason: string;
  readonly actor: { readonly userId: string; readonly name: string } | null;
  readonly key: string;
}

export interface LedgerResult {
  readonly entryId: string;
  readonly balance: number;
  readonly replayed: boolean;
}

export interface StoreLedger {
  /** Throws AppError 409 'points_insufficient' when the balance is short. */
  spend(tx: Db, move: LedgerMove & { readonly sourceType: 'redemption' }): Promise<LedgerResult>;
  refund(tx: Db, move: LedgerMove & { readonly sourceType: 'redemption-cancel' }): Promise<LedgerResult>;
}
