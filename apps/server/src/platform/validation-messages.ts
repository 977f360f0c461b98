import { ERROR_MESSAGES, type ErrorCode, type Locale } from '@gridwork/contracts';

/** The parts of a zod issue that fastify-type-provider-zod hands to the error handler. */
export interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

const TYPE_NAMES: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  string: { 'zh-CN': '文本', 'en-US': 'text' },
  number: { 'zh-CN': '数字', 'en-US': 'a number' },
  boolean: { 'zh-CN': '布尔值', 'en-US': 'true or false' },
  object: { 'zh-CN': '对象', 'en-US': 'an object' },
  array: { 'zh-CN': '列表', 'en-US': 'a list' },
  int: { 'zh-CN': '整数', 'en-US': 'a whole number' },
};

function typeName(expected: unknown, locale: Locale): string {
  const key = String(expected);
  return TYPE_NAMES[key]?.[locale] ?? key;
}

function bound(issue: ValidationIssue, locale: Locale, big: boolean): string {
  const origin = String(issue.params.origin ?? '');
  const limit = String(big ? issue.params.maximum : issue.params.minimum);
  const zh = locale === 'zh-CN';
  if (origin === 'string') {
    if (!big && limit === '1') return zh ? '不能为空' : 'must not be empty';
    return zh ? `长度${big ? '不能超过' : '不能少于'} ${limit} 个字符` : `must have ${big ? 'at most' : 'at least'} ${limit} characters`;
  }
  if (origin === 'array' || origin === 'set') {
    return zh ? `${big ? '最多' : '至少'} ${limit} 项` : `must have ${big ? 'at most' : 'at least'} ${limit} items`;
  }
  return zh ? `${big ? '不能大于' : '不能小于'} ${limit}` : `must be ${big ? 'at most' : 'at least'} ${limit}`;
}

/** A short, localized sentence for one invalid field. */
export function describeIssue(issue: ValidationIssue, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (issue.keyword) {
    case 'invalid_type':
      return zh ? `应为${typeName(issue.params.expected, locale)}` : `must be ${typeName(issue.params.expected, locale)}`;
    case 'too_big':
      return bound(issue, locale, true);
    case 'too_small':
      return bound(issue, locale, false);
    case 'invalid_value': {
      const values = Array.isArray(issue.params.values) ? issue.params.values.map(String).join(' / ') : '';
      return zh ? `取值无效，可选：${values}` : `must be one of: ${values}`;
    }
    case 'invalid_format':
      return zh ? `格式不正确（${String(issue.params.format)}）` : `has the wrong format (${String(issue.params.format)})`;
    case 'unrecognized_keys': {
      const keys = Array.isArray(issue.params.keys) ? issue.params.keys.map(String).join(', ') : '';
      return zh ? `包含不允许的字段：${keys}` : `has unknown fields: ${keys}`;
    }
    case 'invalid_union':
      return zh ? '格式不正确' : 'has the wrong shape';
    case 'custom': {
      const code = issue.message ?? '';
      if (code in ERROR_MESSAGES) return ERROR_MESSAGES[code as ErrorCode][locale];
      return zh ? '取值无效' : 'is invalid';
    }
    default:
      return zh ? '取值无效' : 'is invalid';
  }
}

export function fieldPath(context: string | undefined, instancePath: string): string {
  const inner = instancePath.replace(/^\//, '').replace(/\//g, '.');
  return [context, inner].filter(Boolean).join('.') || '(root)';
}
