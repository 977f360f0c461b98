/** The raise-a-request form's values, and how they become the API body. */
import type { FormInstance } from 'antd-mobile/es/components/form';
import type { ImageUploadItem } from 'antd-mobile';
import { isApiError } from '../../../api/client';
import type { CreateRequest, Urgency } from '../../../api/requests-types';
import type { Position } from './use-geolocation';

export interface RequestFormValues {
  /** The cascader's path of category codes; the last one is the category. */
  category?: string[];
  description: string;
  urgency: Urgency[];
  address?: string;
  anonymous: boolean;
  publicConsent: boolean;
}

export const FIELDS = ['category', 'description', 'urgency', 'address', 'anonymous', 'publicConsent'] as const;

export function toCreateBody(v: RequestFormValues, position: Position | null, photos: readonly ImageUploadItem[]): CreateRequest {
  const address = v.address?.trim();
  return {
    channel: 'mobile',
    category: v.category?.[v.category.length - 1] ?? '',
    description: v.description.trim(),
    urgency: v.urgency[0] ?? 'normal',
    location: position ? { lng: position.lng, lat: position.lat } : null,
    address: address ? address : null,
    anonymous: v.anonymous,
    publicConsent: v.publicConsent,
    photoIds: photos.map((p) => String(p.key)),
  };
}

/** Put the server's per-field messages under the fields they concern; true if any matched. */
export function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error)) return false;
  const known = new Set<string>(FIELDS);
  const fields = error.fieldErrors
    .map((e) => ({ name: e.path.split('.').pop() ?? '', errors: [e.message] }))
    .filter((f) => known.has(f.name));
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}
