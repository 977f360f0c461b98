/** Display names and colours of the points ledger's kinds and sources, in the UI locale. */
import type { PointsEntryKind } from '../../api/service-types';
import type { MessageKey } from '../../i18n';

export const KIND_KEYS: Record<PointsEntryKind, MessageKey> = {
  earn: 'pts.kind.earn',
  spend: 'pts.kind.spend',
  adjust: 'pts.kind.adjust',
  expire: 'pts.kind.expire',
  reverse: 'pts.kind.reverse',
};
export const KIND_COLORS: Record<PointsEntryKind, string> = { earn: 'green', spend: 'volcano', adjust: 'blue', expire: 'default', reverse: 'purple' };

const SOURCE_KEYS: Record<string, MessageKey> = {
  'event-attendance': 'pts.source.eventAttendance',
  redemption: 'pts.source.redemption',
  'redemption-cancel': 'pts.source.redemptionCancel',
  'staff-adjustment': 'pts.source.staffAdjustment',
  expiry: 'pts.source.expiry',
  reversal: 'pts.source.reversal',
};

/** The message key of a source type, or null for one this version does not know (shown as is). */
export function sourceKeyOf(sourceType: string): MessageKey | null {
  return SOURCE_KEYS[sourceType] ?? null;
}
