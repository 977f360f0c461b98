import { useQuery } from '@tanstack/react-query';
import { careGroupsApi } from '../../api/endpoints';
import type { CareGroupType } from '../../api/types';
import { useI18n } from '../../i18n';

export const CARE_GROUPS_KEY = ['care-groups', 'types'] as const;

/** The configured care-group types (重点人群类别), cached for the session. */
export function useCareGroupTypes() {
  return useQuery({ queryKey: CARE_GROUPS_KEY, queryFn: careGroupsApi.list, staleTime: 5 * 60_000 });
}

/** Display name of a care group in the UI locale (the code when the type is unknown). */
export function useCareGroupName(types: readonly CareGroupType[] | undefined): (code: string) => string {
  const { locale } = useI18n();
  return (code) => {
    const type = types?.find((x) => x.code === code);
    if (!type) return code;
    return locale === 'zh-CN' ? type.name : type.nameEn || type.name;
  };
}
