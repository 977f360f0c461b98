import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { requestCategoriesApi, requestsApi } from '../../api/requests-endpoints';
import type { RequestCategory, RequestTransition, ServiceRequest } from '../../api/requests-types';

export const REQUESTS_KEY = ['requests'] as const;
export const REQUEST_LISTS_KEY = ['requests', 'list'] as const;
export const CATEGORIES_KEY = ['request-categories'] as const;

export const requestDetailKey = (id: string) => ['requests', 'detail', id] as const;

/** The category tree (诉求类别); rarely changes, so cached for the session. */
export function useRequestCategories() {
  return useQuery({ queryKey: CATEGORIES_KEY, queryFn: requestCategoriesApi.list, staleTime: 5 * 60_000 });
}

/** antd tree data of the categories, valued by code (what filters and creations send). */
export function categoryTreeData(categories: readonly RequestCategory[], onlyActive: boolean) {
  const visible = categories.filter((c) => !onlyActive || c.active);
  const byParent = new Map<string | null, RequestCategory[]>();
  for (const c of visible) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const known = new Set(visible.map((c) => c.id));
  interface Node {
    value: string;
    title: string;
    children: Node[];
  }
  const build = (parentId: string | null): Node[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
      .map((c) => ({ value: c.code, title: c.name, children: build(c.id) }));
  // A child whose parent is inactive (hidden) is shown at the top rather than lost.
  const orphans = visible.filter((c) => c.parentId !== null && !known.has(c.parentId)).map((c) => ({ value: c.code, title: c.name, children: build(c.id) }));
  return [...build(null), ...orphans];
}

export function useRequest(id: string) {
  return useQuery({ queryKey: requestDetailKey(id), queryFn: () => requestsApi.get(id), enabled: Boolean(id), meta: { silent: true } });
}

/** One lifecycle step; the answer is the updated request, so the detail needs no refetch. */
export function useRequestTransition(id: string, onDone?: (request: ServiceRequest) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestTransition) => requestsApi.transition(id, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(requestDetailKey(id), updated);
      onDone?.(updated);
      await queryClient.invalidateQueries({ queryKey: REQUEST_LISTS_KEY });
      await queryClient.invalidateQueries({ queryKey: ['requests', 'stats'] });
    },
  });
}

/** A value that settles `delay` ms after its last change (for suggestions while typing). */
export function useDebounced<T>(value: T, delay = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** The server's 三事分流 suggestion for a category and a description. */
export function useTriageSuggestion(category: string | undefined, text: string) {
  const debounced = useDebounced(text.trim());
  return useQuery({
    queryKey: ['requests', 'triage-suggestion', category, debounced],
    queryFn: () => requestsApi.suggestTriage(category ?? '', debounced),
    enabled: Boolean(category),
    staleTime: 60_000,
    meta: { silent: true },
  });
}
