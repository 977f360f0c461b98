import { CreateRequest, MobileOrLandline } from '@gridwork/contracts';
import type { z } from 'zod';
import { badParameter } from './open311.http';

export type Fields = Readonly<Record<string, string>>;
type CreateInput = z.output<typeof CreateRequest>;

/** Where each Gridwork field came from, to name the client's own parameter in errors. */
const PARAMETER_OF: Readonly<Record<string, string>> = {
  category: 'service_code',
  description: 'description',
  urgency: 'attribute[urgency]',
  location: 'lat/long',
  address: 'address_string',
  placeId: 'address_id',
  contactName: 'first_name/last_name',
};

/** Form bodies as a flat map; a repeated parameter keeps its first value. */
export function parseForm(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) if (!(key in fields)) fields[key] = value;
  return fields;
}

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

function coordinate(fields: Fields, name: 'lat' | 'long'): number {
  const value = Number(fields[name]);
  if (!Number.isFinite(value)) throw badParameter(`${name} 不是有效的数字`, `${name} is not a valid number`);
  return value;
}

/** Chinese names are written family name first without a space; others "first last". */
function contactNameOf(first: string | undefined, last: string | undefined): string | null {
  const parts = [first?.trim() ?? '', last?.trim() ?? ''];
  if (!parts[0] && !parts[1]) return null;
  const cjk = /[\u3400-\u9fff]/;
  return cjk.test(parts.join('')) ? `${parts[1]}${parts[0]}` : parts.filter(Boolean).join(' ');
}

/**
 * Turns a GeoReport v2 POST into a Gridwork request. email, device_id, account_id and media_url are
 * accepted and ignored: the platform has no use for them and keeps no data it does not need.
 */
export function createInputOf(fields: Fields): CreateInput {
  const hasLat = present(fields.lat);
  const hasLong = present(fields.long);
  if (hasLat !== hasLong) throw badParameter('lat 与 long 须同时提供', 'lat and long must be given together');
  const location = hasLat && hasLong ? { lat: coordinate(fields, 'lat'), lng: coordinate(fields, 'long') } : null;
  const addressId = present(fields.address_id) ? fields.address_id.trim() : null;
  if (!location && !addressId) {
    if (present(fields.address_string)) {
      throw badParameter('仅凭 address_string 无法确定网格，请同时提供 lat/long 或 address_id', 'address_string alone cannot be placed in a grid; also give lat/long or address_id');
    }
    throw badParameter('缺少位置：请提供 lat/long、address_string 或 address_id', 'Missing location: give lat/long, address_string or address_id');
  }
  const phone = MobileOrLandline.safeParse(fields.phone ?? '');
  const parsed = CreateRequest.safeParse({
    category: fields.service_code ?? '',
    description: fields.description ?? '',
    ...(present(fields['attribute[urgency]']) ? { urgency: fields['attribute[urgency]'].trim() } : {}),
    location,
    address: present(fields.address_string) ? fields.address_string : null,
    placeId: addressId,
    contactName: contactNameOf(fields.first_name, fields.last_name),
    // An invalid phone is dropped rather than refused: the report matters more than the callback number.
    contactPhone: phone.success ? phone.data : null,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${PARAMETER_OF[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}`);
    throw badParameter(`参数无效（${problems.join('；')}）`, `Invalid parameters (${problems.join('; ')})`);
  }
  return parsed.data;
}
