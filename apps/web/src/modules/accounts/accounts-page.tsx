import { useMemo, useState } from 'react';
import { App, Button, Card, Dropdown, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { DownOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES } from '@gridwork/contracts';
import { usersApi } from '../../api/endpoints';
import type { AssignRole, CreateUser, Role, RoleAssignmentView, UpdateUser, UserView } from '../../api/types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { OneTimeSecretModal } from '../../admin/components/one-time-secret-modal';
import { PageHeader } from '../../admin/components/page-header';
import { AddRoleModal } from './components/add-role-modal';
import { CreateUserModal } from './components/create-user-modal';
import { EditUserModal } from './components/edit-user-modal';
import { assignableRoles } from './roles';
import { RefreshButton } from '../../admin/components/refresh-button';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: UserView } | { kind: 'role'; user: UserView } | null;
interface Secret {
  title: string;
  subject: string;
  secret: string;
}

export function AccountsPage() {
  const { t, roleLabel, formatDateTime } = useI18n();
  const { can, me } = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const pager = useCursorPager(20);
  const { limit } = pager;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [secret, setSecret] = useState<Secret | null>(null);

  const canWrite = can('user.write');
  const canUnlock = can('user.unlock');
  const canAssign = can('role.assign');
  const roles = useMemo(() => assignableRoles(can('role.assign-separated')), [can]);

  const list = useQuery({
    queryKey: ['users', 'list', { q, role, limit, cursor: pager.cursor }],
    queryFn: () => usersApi.list({ q: q || undefined, role, limit, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const createUser = useMutation({
    mutationFn: (body: CreateUser) => usersApi.create(body),
    onSuccess: async (res) => {
      setDialog(null);
      setSecret({ title: t('users.created'), subject: `${res.user.displayName} (${res.user.username})`, secret: res.initialPassword });
      await refresh();
    },
  });
  const updateUser = useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUser }) => usersApi.update(id, body),
    onSuccess: async (_res, { body }) => {
      setDialog(null);
      void message.success(
        body.disabled === true ? t('users.disabledDone') : body.disabled === false ? t('users.enabledDone') : t('common.saved'),
      );
      await refresh();
    },
  });
  const resetPassword = useMutation({
    mutationFn: (user: UserView) => usersApi.resetPassword(user.id),
    onSuccess: (res, user) => {
      setSecret({ title: t('users.passwordReset'), subject: `${user.displayName} (${user.username})`, secret: res.temporaryPassword });
      void refresh();
    },
  });
  const unlock = useMutation({
    mutationFn: (user: UserView) => usersApi.unlock(user.id),
    onSuccess: async () => {
      void message.success(t('users.unlocked'));
      await refresh();
    },
  });
  const addRole = useMutation({
    mutationFn: ({ id, body }: { id: string; body: AssignRole }) => usersApi.addRole(id, body),
    onSuccess: async () => {
      setDialog(null);
      void message.success(t('users.roleAdded'));
      await refresh();
    },
  });
  const removeRole = useMutation({
    mutationFn: ({ user, assignment }: { user: UserView; assignment: RoleAssignmentView }) => usersApi.removeRole(user.id, assignment.id),
    onSuccess: async () => {
      void message.success(t('users.roleRemoved'));
      await refresh();
    },
  });

  const confirm = (title: string, content: string, onOk: () => Promise<unknown>, danger = true) =>
    modal.confirm({
      title,
      content,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger },
      onOk: () => onOk().catch(() => undefined),
    });

  const moreActions = (u: UserView): MenuProps['items'] => {
    const self = u.id === me?.id;
    const items: NonNullable<MenuProps['items']> = [];
    if (canWrite && !self) {
      items.push(
        u.disabled
          ? { key: 'enable', label: <span data-testid="user-enable">{t('users.enable')}</span> }
          : { key: 'disable', danger: true, label: <span data-testid="user-disable">{t('users.disable')}</span> },
        { key: 'reset', label: <span data-testid="user-reset-password">{t('users.resetPassword')}</span> },
      );
    }
    if (canUnlock && u.locked) items.push({ key: 'unlock', label: <span data-testid="user-unlock">{t('users.unlock')}</span> });
    return items;
  };

  const onMore = (u: UserView, key: string) => {
    if (key === 'enable') updateUser.mutate({ id: u.id, body: { disabled: false } });
    else if (key === 'disable')
      confirm(t('users.disableConfirm', { name: u.displayName }), t('users.disableDetail'), () =>
        updateUser.mutateAsync({ id: u.id, body: { disabled: true } }),
      );
    else if (key === 'reset')
      confirm(t('users.resetConfirm', { name: u.displayName }), t('users.resetDetail'), () => resetPassword.mutateAsync(u));
    else if (key === 'unlock') unlock.mutate(u);
  };

  const columns: TableColumnsType<UserView> = [
    {
      title: t('users.account'),
      key: 'account',
      width: 170,
      render: (_v, u) => (
        <div className="gw-account">
          <Space size={4}>
            <Typography.Text strong>{u.displayName}</Typography.Text>
            {u.id === me?.id ? <Tag>{t('users.you')}</Tag> : null}
          </Space>
          <Typography.Text type="secondary" className="gw-account-username" data-testid="user-username">
            {u.username}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('users.phone'), dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_v, u) =>
        u.roles.length === 0 ? (
          <Typography.Text type="secondary">{t('header.noRole')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {u.roles.map((r) => (
              <Tag
                key={r.id}
                closable={canAssign}
                data-testid="user-role-tag"
                onClose={(e) => {
                  e.preventDefault();
                  confirm(
                    t('users.removeRoleConfirm', { role: roleLabel(r.role), place: r.placeName, name: u.displayName }),
                    t('users.removeRoleDetail'),
                    () => removeRole.mutateAsync({ user: u, assignment: r }),
                  );
                }}
              >
                <span className="gw-role-name">{roleLabel(r.role)}</span> · {r.placeName}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 130,
      render: (_v, u) => (
        <Space size={[4, 4]} wrap>
          {u.disabled ? <Tag color="default">{t('users.statusDisabled')}</Tag> : <Tag color="success">{t('users.statusActive')}</Tag>}
          {u.locked ? (
            <Tag color="error" icon={<LockOutlined />}>
              {t('users.statusLocked')}
            </Tag>
          ) : null}
          {u.totpEnabled ? <Tag color="blue">{t('users.statusTotp')}</Tag> : null}
          {u.mustChangePassword ? <Tag color="warning">{t('users.statusMustChange')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 140, render: (v: string | null) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 190,
      render: (_v, u) => {
        const more = moreActions(u) ?? [];
        return (
          <Space size={0} className="gw-row-actions">
            {canWrite ? (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })} data-testid="user-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {canAssign ? (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'role', user: u })} data-testid="user-add-role">
                {t('users.addRole')}
              </Button>
            ) : null}
            {more.length > 0 ? (
              <Dropdown menu={{ items: more, onClick: ({ key }) => onMore(u, key) }} trigger={['click']}>
                <Button type="link" size="small" data-testid="user-more">
                  {t('common.more')} <DownOutlined />
                </Button>
              </Dropdown>
            ) : null}
          </Space>
        );
      },
    },
  ];

  const items = list.data?.items ?? [];
  const applySearch = (value: string) => {
    setQ(value.trim());
    pager.reset();
  };

  return (
    <div data-testid="accounts-page">
      <PageHeader
        title={t('nav.accounts')}
        description={t('users.description')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="user-create">
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <div className="gw-toolbar">
          <Input.Search
            allowClear
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) applySearch('');
            }}
            onSearch={applySearch}
            placeholder={t('users.searchPlaceholder')}
            style={{ width: 280, maxWidth: '100%' }}
            data-testid="user-search"
          />
          <Select<Role>
            allowClear
            value={role}
            onChange={(v) => {
              setRole(v);
              pager.reset();
            }}
            placeholder={t('users.filterRole')}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
            style={{ width: 200, maxWidth: '100%' }}
            data-testid="user-role-filter"
          />
          <RefreshButton onRefresh={() => void refresh()} />
        </div>
        <Table<UserView>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 960 }}
          size="middle"
          data-testid="user-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q || role ? t('users.noMatch') : t('users.empty')} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="user-pager" />
      </Card>
      {dialog?.kind === 'create' ? (
        <CreateUserModal
          open
          roles={roles}
          submitting={createUser.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={(body) => createUser.mutate(body)}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <EditUserModal
          user={dialog.user}
          submitting={updateUser.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={(body) => updateUser.mutate({ id: dialog.user.id, body })}
        />
      ) : null}
      {dialog?.kind === 'role' ? (
        <AddRoleModal
          user={dialog.user}
          roles={roles}
          submitting={addRole.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={(body) => addRole.mutate({ id: dialog.user.id, body })}
        />
      ) : null}
      <OneTimeSecretModal
        open={secret !== null}
        title={secret?.title ?? ''}
        subject={secret?.subject ?? ''}
        secret={secret?.secret ?? ''}
        onClose={() => setSecret(null)}
      />
    </div>
  );
}
