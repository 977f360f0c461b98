import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { eventsApi } from '../../api/service-endpoints';
import type { CheckInOut } from '../../api/service-types';

export const EVENTS_KEY = ['events'] as const;
export const EVENT_LISTS_KEY = ['events', 'list'] as const;
export const TOPICS_KEY = ['lecture-topics'] as const;

export const eventDetailKey = (id: string) => ['events', 'detail', id] as const;
export const attendanceKey = (id: string) => ['events', 'attendance', id] as const;

export function useEvent(id: string) {
  return useQuery({ queryKey: eventDetailKey(id), queryFn: () => eventsApi.get(id), enabled: Boolean(id), meta: { silent: true } });
}

export function useAttendanceSheet(id: string, enabled: boolean) {
  return useQuery({ queryKey: attendanceKey(id), queryFn: () => eventsApi.attendance(id), enabled: Boolean(id) && enabled });
}

/** After any change to sign-ups or attendance: the sheet, the event's counts, the lists. */
function useRefreshEvent(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: attendanceKey(id) });
    await queryClient.invalidateQueries({ queryKey: eventDetailKey(id) });
    await queryClient.invalidateQueries({ queryKey: EVENT_LISTS_KEY });
  };
}

export type AttendanceAction = 'check-in' | 'check-out' | 'confirm';

/** Manual check-in, check-out and confirmation on the sheet, one person at a time. */
export function useAttendanceAction(id: string) {
  const refresh = useRefreshEvent(id);
  return useMutation({
    mutationFn: (v: { action: AttendanceAction; residentId: string; attendanceId?: string; at?: string }) => {
      const body: CheckInOut = { residentId: v.residentId, ...(v.at ? { at: v.at } : {}) };
      if (v.action === 'check-in') return eventsApi.checkIn(id, body);
      if (v.action === 'check-out') return eventsApi.checkOut(id, body);
      return eventsApi.confirm(id, v.attendanceId ?? '');
    },
    onSuccess: refresh,
  });
}

export function useSignupActions(id: string) {
  const refresh = useRefreshEvent(id);
  const signup = useMutation({ mutationFn: (v: { residentId: string; key: string }) => eventsApi.signup(id, { residentId: v.residentId }, v.key), onSuccess: refresh });
  const cancel = useMutation({ mutationFn: (signupId: string) => eventsApi.cancelSignup(id, signupId), onSuccess: refresh });
  return { signup, cancel };
}
