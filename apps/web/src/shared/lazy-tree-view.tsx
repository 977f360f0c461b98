import { useMemo, type ReactNode } from 'react';
import { Empty, Spin, Tree, type TreeDataNode } from 'antd';
import { reportError } from './feedback';
import type { LazyTree, TreeItem } from './use-lazy-tree';

interface LazyTreeViewProps<T extends TreeItem> {
  tree: LazyTree<T>;
  testId: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** A node's title; keep it stable (useCallback), the tree is rebuilt when it changes. */
  titleOf: (item: T) => ReactNode;
  emptyText: string;
}

/** A tree whose children load when a node is opened, with its loading and empty states. */
export function LazyTreeView<T extends TreeItem>({ tree, testId, selectedId, onSelect, titleOf, emptyText }: LazyTreeViewProps<T>) {
  const { roots, childrenOf, rootsLoading, expandedKeys, setExpandedKeys, loadChildren } = tree;
  const treeData = useMemo(() => {
    const build = (item: T): TreeDataNode => {
      const kids = childrenOf[item.id];
      return {
        key: item.id,
        title: titleOf(item),
        isLeaf: item.childCount === 0 && !(kids && kids.length > 0),
        children: kids ? kids.map(build) : undefined,
      };
    };
    return (roots ?? []).map(build);
  }, [roots, childrenOf, titleOf]);

  if (rootsLoading && !roots) return <Spin style={{ display: 'block', padding: 24 }} />;
  if (treeData.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return (
    <Tree
      data-testid={testId}
      blockNode
      showLine
      treeData={treeData}
      selectedKeys={selectedId ? [selectedId] : []}
      expandedKeys={expandedKeys}
      loadedKeys={Object.keys(childrenOf)}
      onExpand={(keys) => setExpandedKeys(keys.map(String))}
      onSelect={(keys) => {
        const key = keys[0];
        if (key !== undefined) onSelect(String(key));
      }}
      loadData={async (node) => {
        try {
          await loadChildren(String(node.key));
        } catch (error) {
          reportError(error);
        }
      }}
    />
  );
}
