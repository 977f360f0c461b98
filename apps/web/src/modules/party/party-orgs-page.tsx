import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { PARTY_ORG_CHILDREN } from '@gridwork/contracts';
import { partyApi } from '../../api/endpoints';
import type { CreatePartyOrg, PartyOrg, UpdatePartyOrg } from '../../api/types';
import { useI18n } from '../../i18n';
import { reportError } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { LazyTreeView } from '../../shared/lazy-tree-view';
import { useLazyTree } from '../../shared/use-lazy-tree';
import { PageHeader } from '../../admin/components/page-header';
import { PartyOrgFormModal, type PartyOrgFormMode, type PartyOrgFormValues } from './components/party-org-form-modal';
import { PartyMembersOrgList } from './party-members-org-list';
import { RefreshButton } from '../../admin/components/refresh-button';

const fetchRoots = () => partyApi.all(null);
const fetchChildren = (id: string) => partyApi.all(id);

export function PartyOrgsPage() {
  const { t, partyOrgTypeLabel, formatDateTime } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get('id');
  const tree = useLazyTree<PartyOrg>(fetchRoots, fetchChildren);
  const { roots, find, expandChain, refreshChildren, reset, patch } = tree;
  const [dialog, setDialog] = useState<PartyOrgFormMode | null>(null);
  const canWrite = can('party-org.write');

  const select = useCallback(
    (id: string | null) => setSearchParams(id ? { id } : {}, { replace: true }),
    [setSearchParams],
  );

  // First visit: select and open the first top organisation.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !roots) return;
    opened.current = true;
    const first = roots[0];
    if (!first) return;
    if (!selectedId) select(first.id);
    if (first.childCount > 0) void expandChain([first.id]).catch(reportError);
  }, [roots, selectedId, select, expandChain]);

  // Re-read the tree each render so that the detail follows edits.
  const org = selectedId ? find(selectedId) : undefined;

  const parentKeyOf = useCallback((o: PartyOrg): string | null => (roots?.some((r) => r.id === o.id) ? null : o.parentId), [roots]);
  const afterChange = useCallback(() => queryClient.invalidateQueries({ queryKey: ['party-orgs'] }), [queryClient]);

  const createOrg = useMutation({
    mutationFn: (body: CreatePartyOrg) => partyApi.create(body),
    onSuccess: async (created) => {
      void message.success(t('party.created', { name: created.name }));
      setDialog(null);
      const parentKey = created.parentId && find(created.parentId) ? created.parentId : null;
      await refreshChildren(parentKey);
      select(created.id);
      await afterChange();
    },
  });
  const updateOrg = useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePartyOrg }) => partyApi.update(id, body),
    onSuccess: async (updated) => {
      void message.success(t('party.updated', { name: updated.name }));
      setDialog(null);
      patch(updated);
      await afterChange();
    },
  });
  const deleteOrg = useMutation({
    mutationFn: (o: PartyOrg) => partyApi.remove(o.id),
    onSuccess: async (_d, o) => {
      void message.success(t('party.deleted', { name: o.name }));
      const parentKey = parentKeyOf(o);
      select(parentKey);
      await refreshChildren(parentKey);
      await afterChange();
    },
  });

  const onSubmit = (values: PartyOrgFormValues) => {
    if (!dialog) return;
    if (dialog.kind === 'create') {
      createOrg.mutate({
        parentId: dialog.parent?.id ?? null,
        type: values.type,
        name: values.name.trim(),
        placeId: values.placeId,
        ...(values.type === 'community_committee' ? { isJointCommittee: Boolean(values.isJointCommittee) } : {}),
        ...(values.type === 'branch' && values.branchKind ? { branchKind: values.branchKind } : {}),
      });
    } else {
      const o = dialog.org;
      updateOrg.mutate({
        id: o.id,
        body: {
          name: values.name.trim(),
          ...(o.type === 'community_committee' ? { isJointCommittee: Boolean(values.isJointCommittee) } : {}),
          ...(o.type === 'branch' ? { branchKind: values.branchKind ?? null } : {}),
        },
      });
    }
  };

  const confirmDelete = (o: PartyOrg) =>
    modal.confirm({
      title: t('party.deleteConfirmTitle', { name: o.name }),
      content: o.childCount > 0 ? t('party.deleteHasChildren', { count: o.childCount }) : t('common.irreversible'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () => deleteOrg.mutateAsync(o).catch(() => undefined),
    });

  const orgTitle = useCallback(
    (o: PartyOrg) => (
      <span className="gw-node" data-party-org-id={o.id}>
        <span className="gw-node-name">{o.name}</span>
        <span className="gw-node-type">{partyOrgTypeLabel(o.type)}</span>
        <Tag className="gw-node-count" bordered={false} data-testid="party-org-member-count">
          {t('pm.memberCountShort', { count: o.memberCount })}
        </Tag>
      </span>
    ),
    [partyOrgTypeLabel, t],
  );

  const childTypes = org ? PARTY_ORG_CHILDREN[org.type] : [];

  return (
    <div data-testid="party-page">
      <PageHeader
        title={t('nav.partyOrgs')}
        description={t('party.description')}
        extra={
          canWrite ? (
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: null })} data-testid="party-add-root">
              {t('party.addRoot')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card
            className="gw-tree-card"
            title={t('party.treeTitle')}
            extra={
              <RefreshButton onRefresh={() => void reset()} size="small" type="text" />
            }
          >
            <div className="gw-tree-scroll">
              <LazyTreeView tree={tree} testId="party-tree" selectedId={selectedId} onSelect={select} titleOf={orgTitle} emptyText={t('party.empty')} />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <Card
            data-testid="party-detail"
            title={
              org ? (
                <Space size={8}>
                  <Tag color="red">{partyOrgTypeLabel(org.type)}</Tag>
                  <span data-testid="party-detail-name">{org.name}</span>
                </Space>
              ) : (
                t('party.detailTitle')
              )
            }
          >
            {!org ? (
              <Empty description={t('party.selectHint')} />
            ) : (
              <>
                {canWrite ? (
                  <Space wrap size={8} style={{ marginBottom: 16 }}>
                    <Tooltip title={childTypes.length === 0 ? t('party.noChildTypes') : undefined}>
                      <Button
                        type="primary"
                        icon={<PlusOutlined />}
                        disabled={childTypes.length === 0}
                        onClick={() => setDialog({ kind: 'create', parent: org })}
                        data-testid="party-add-child"
                      >
                        {t('party.addChild')}
                      </Button>
                    </Tooltip>
                    <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', org })} data-testid="party-edit">
                      {t('common.edit')}
                    </Button>
                    <Button
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => confirmDelete(org)}
                      loading={deleteOrg.isPending}
                      data-testid="party-delete"
                    >
                      {t('common.delete')}
                    </Button>
                  </Space>
                ) : null}
                <Descriptions
                  bordered
                  size="small"
                  column={{ xs: 1, sm: 1, md: 2 }}
                  items={[
                    { key: 'type', label: t('party.type'), children: partyOrgTypeLabel(org.type) },
                    { key: 'name', label: t('party.name'), children: org.name },
                    { key: 'place', label: t('party.place'), children: org.placeName },
                    { key: 'childCount', label: t('party.childCount'), children: org.childCount },
                    { key: 'memberCount', label: t('pm.memberCount'), children: org.memberCount },
                    ...(org.type === 'community_committee'
                      ? [
                          {
                            key: 'joint',
                            label: t('party.isJointCommittee'),
                            children: org.isJointCommittee ? <Tag color="gold">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>,
                          },
                        ]
                      : []),
                    ...(org.type === 'branch'
                      ? [
                          {
                            key: 'branchKind',
                            label: t('party.branchKind'),
                            children:
                              org.branchKind === 'grid' ? (
                                t('party.branchKindGrid')
                              ) : org.branchKind === 'estate' ? (
                                t('party.branchKindEstate')
                              ) : (
                                <Typography.Text type="secondary">—</Typography.Text>
                              ),
                          },
                        ]
                      : []),
                    { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(org.createdAt) },
                  ]}
                />
                {can('party-member.read') ? <PartyMembersOrgList org={org} /> : null}
              </>
            )}
          </Card>
        </Col>
      </Row>
      {dialog ? (
        <PartyOrgFormModal
          mode={dialog}
          submitting={createOrg.isPending || updateOrg.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={onSubmit}
        />
      ) : null}
    </div>
  );
}
