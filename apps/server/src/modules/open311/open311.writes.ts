import type { Db } from '../../db/client';
import { AppError } from '../../platform/errors';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import type { Services } from '../../services';
import { referenceOf } from '../requests/requests.views';
import { badParameter, fromCode, Open311Error } from './open311.http';
import { createInputOf, type Fields } from './open311.intake';
import { findEnabledKey } from './open311.keys';
import type { Open311Service } from './open311.views';

const NOTICE = '已受理，将由所在网格按办理时限处理 / Received; the grid it falls in will handle it within the service deadline';

/** What the request service refuses, said the way an Open311 client can act on. */
function intakeError(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  switch (error.code) {
    case 'no_grid_at_point':
      return badParameter('该位置不在本平台任何网格内（或不在该 api_key 的受理范围内）', 'The location lies outside every grid of this platform (or outside the area of this api_key)');
    case 'not_found':
      return badParameter('address_id 不存在', 'Unknown address_id');
    default:
      return error.status < 500 ? fromCode(error.status === 403 ? 403 : 400, error.code, error.params) : error;
  }
}

export function createOpen311Writes({ places, requests }: Pick<Services, 'places' | 'requests'>, db: Db) {
  return {
    /** POST requests: key, service, then the request itself; nothing is written unless all hold. */
    async create(fields: Fields, token: string, idempotencyHeader: string | string[] | undefined, offered: readonly Open311Service[]) {
      if (!fields.api_key) throw new Open311Error(403, '缺少 api_key', 'api_key is required');
      const key = await findEnabledKey(db, fields.api_key);
      const area = key ? await places.findById(key.placeId) : undefined;
      if (!key || !area) throw new Open311Error(403, 'api_key 无效或已停用', 'api_key is unknown or disabled');
      if (!fields.service_code) throw badParameter('缺少 service_code', 'service_code is required');
      if (!offered.some((s) => s.service_code === fields.service_code)) throw badParameter('未知的 service_code', `Unknown service_code: ${fields.service_code}`);
      const input = createInputOf(fields);
      const reporter = { caller: `api:${key.id}`, name: `Open311:${key.name}`, placePath: area.path };
      try {
        const result = await requests.createExternal(reporter, input, token, idempotencyKeyFrom(idempotencyHeader));
        // A replay answers with the first call's stored row (its token, not this call's).
        const row = result.body;
        return { service_request_id: referenceOf(row.seq), token: row.open311Token ?? token, service_notice: NOTICE, account_id: null };
      } catch (error) {
        throw intakeError(error);
      }
    },
  };
}
