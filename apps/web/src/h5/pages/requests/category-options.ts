import type { CascaderOption } from 'antd-mobile';
import type { RequestCategory } from '../../../api/requests-types';

/** Active categories as a tree for the cascader; an inactive parent hides its children too. */
export function categoryOptions(categories: readonly RequestCategory[]): CascaderOption[] {
  const active = categories.filter((c) => c.active).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
  const childrenOf = new Map<string | null, RequestCategory[]>();
  for (const c of active) {
    const siblings = childrenOf.get(c.parentId) ?? [];
    siblings.push(c);
    childrenOf.set(c.parentId, siblings);
  }
  const build = (parentId: string | null, depth: number): CascaderOption[] =>
    (childrenOf.get(parentId) ?? []).map((c) => {
      const children = depth < 4 ? build(c.id, depth + 1) : [];
      return children.length > 0 ? { label: c.name, value: c.code, children } : { label: c.name, value: c.code };
    });
  return build(null, 0);
}
