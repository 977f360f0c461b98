/**
 * State of a tree whose children load on demand (places, party organisations):
 * roots, the loaded children of each node, and which nodes are expanded.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { reportError } from './feedback';

export interface TreeItem {
  id: string;
  parentId: string | null;
  childCount: number;
}

export interface LazyTree<T extends TreeItem> {
  roots: T[] | null;
  rootsLoading: boolean;
  rootsError: unknown;
  /** Loaded children by parent id; a key present means "loaded". */
  childrenOf: Readonly<Record<string, readonly T[]>>;
  expandedKeys: string[];
  setExpandedKeys: (keys: string[]) => void;
  loadChildren: (id: string) => Promise<readonly T[]>;
  /** Reload the children of `parentId` (the roots when null) and fix the parent's count. */
  refreshChildren: (parentId: string | null) => Promise<void>;
  /** Throw away everything loaded and start again from the roots. */
  reset: () => Promise<void>;
  /** Load and expand a chain of ancestors (root first) so that a node becomes visible. */
  expandChain: (ids: readonly string[]) => Promise<void>;
  find: (id: string) => T | undefined;
  /** Replace one node in place (e.g. after an edit). */
  patch: (item: T) => void;
}

export function useLazyTree<T extends TreeItem>(
  fetchRoots: () => Promise<T[]>,
  fetchChildren: (id: string) => Promise<T[]>,
): LazyTree<T> {
  const [roots, setRoots] = useState<T[] | null>(null);
  const [rootsLoading, setRootsLoading] = useState(true);
  const [rootsError, setRootsError] = useState<unknown>(null);
  const [childrenOf, setChildrenOf] = useState<Record<string, readonly T[]>>({});
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  const rootsRef = useRef<T[] | null>(null);
  const childrenRef = useRef<Record<string, readonly T[]>>({});
  const fetchRootsRef = useRef(fetchRoots);
  const fetchChildrenRef = useRef(fetchChildren);
  fetchRootsRef.current = fetchRoots;
  fetchChildrenRef.current = fetchChildren;

  const commitRoots = useCallback((next: T[] | null) => {
    rootsRef.current = next;
    setRoots(next);
  }, []);
  const commitChildren = useCallback((next: Record<string, readonly T[]>) => {
    childrenRef.current = next;
    setChildrenOf(next);
  }, []);

  const find = useCallback((id: string): T | undefined => {
    const inRoots = rootsRef.current?.find((r) => r.id === id);
    if (inRoots) return inRoots;
    for (const list of Object.values(childrenRef.current)) {
      const hit = list.find((c) => c.id === id);
      if (hit) return hit;
    }
    return undefined;
  }, []);

  const patch = useCallback(
    (item: T) => {
      const swap = (list: readonly T[]) => list.map((x) => (x.id === item.id ? item : x));
      if (rootsRef.current?.some((r) => r.id === item.id)) commitRoots(swap(rootsRef.current));
      const next: Record<string, readonly T[]> = {};
      let changed = false;
      for (const [key, list] of Object.entries(childrenRef.current)) {
        if (list.some((x) => x.id === item.id)) {
          next[key] = swap(list);
          changed = true;
        } else next[key] = list;
      }
      if (changed) commitChildren(next);
    },
    [commitRoots, commitChildren],
  );

  const loadRoots = useCallback(async () => {
    setRootsLoading(true);
    setRootsError(null);
    try {
      commitRoots(await fetchRootsRef.current());
    } catch (error) {
      setRootsError(error);
      reportError(error);
    } finally {
      setRootsLoading(false);
    }
  }, [commitRoots]);

  useEffect(() => {
    void loadRoots();
  }, [loadRoots]);

  const loadChildren = useCallback(
    async (id: string) => {
      const items = await fetchChildrenRef.current(id);
      commitChildren({ ...childrenRef.current, [id]: items });
      return items;
    },
    [commitChildren],
  );

  const refreshChildren = useCallback(
    async (parentId: string | null) => {
      if (parentId === null) {
        await loadRoots();
        return;
      }
      const items = await loadChildren(parentId);
      const parent = find(parentId);
      if (parent && parent.childCount !== items.length) patch({ ...parent, childCount: items.length });
      if (items.length > 0) setExpandedKeys((keys) => (keys.includes(parentId) ? keys : [...keys, parentId]));
    },
    [loadRoots, loadChildren, find, patch],
  );

  const reset = useCallback(async () => {
    commitChildren({});
    setExpandedKeys([]);
    await loadRoots();
  }, [commitChildren, loadRoots]);

  const expandChain = useCallback(
    async (ids: readonly string[]) => {
      for (const id of ids) {
        if (!childrenRef.current[id]) await loadChildren(id);
      }
      setExpandedKeys((keys) => Array.from(new Set([...keys, ...ids])));
    },
    [loadChildren],
  );

  return {
    roots,
    rootsLoading,
    rootsError,
    childrenOf,
    expandedKeys,
    setExpandedKeys,
    loadChildren,
    refreshChildren,
    reset,
    expandChain,
    find,
    patch,
  };
}
