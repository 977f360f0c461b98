import { useCallback } from 'react';
import { MEMBER_POSITION_LABELS, MEMBER_STAGE_LABELS, MEMBER_STATUS_LABELS, MEMBER_TYPE_LABELS, type MemberPosition, type MemberStageKey, type MemberStatus, type MemberType } from '@gridwork/contracts';
import { useI18n } from '../../i18n';

/** Labels of member statuses, types, positions and stages in the UI language (the texts live in the contracts). */
export function useMemberLabels() {
  const { locale } = useI18n();
  return {
    statusLabel: useCallback((s: MemberStatus) => MEMBER_STATUS_LABELS[s][locale], [locale]),
    typeLabel: useCallback((s: MemberType) => MEMBER_TYPE_LABELS[s][locale], [locale]),
    positionLabel: useCallback((s: MemberPosition) => MEMBER_POSITION_LABELS[s][locale], [locale]),
    stageLabel: useCallback((s: MemberStageKey) => MEMBER_STAGE_LABELS[s][locale], [locale]),
  };
}

/** Members' queries share this prefix, so one invalidation refreshes the register, details and org counts. */
export const PARTY_MEMBERS_KEY = ['party-members'] as const;
