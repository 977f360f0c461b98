import { permissionsOf } from '@gridwork/contracts';
import type { Actor } from './access';

/** The platform itself (seeds, scheduled jobs): the whole tree, as a district admin. */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: '系统',
  grants: [{ assignmentId: '00000000-0000-0000-0000-000000000000', role: 'district_admin', placeId: '00000000-0000-0000-0000-000000000000', placeName: '', placeType: 'district', placePath: '/' }],
  permissions: permissionsOf(['district_admin']),
  restriction: null,
  totpEnabled: false,
  locale: 'zh-CN',
  ip: null,
  userAgent: null,
};
