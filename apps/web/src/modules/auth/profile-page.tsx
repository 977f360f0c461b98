import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { PageHeader } from '../../admin/components/page-header';
import { ChangePasswordForm } from './change-password-form';
import { TotpEnrolPanel } from './totp-enrol-panel';

export function ProfilePage() {
  const { t, roleLabel, placeTypeLabel } = useI18n();
  const { message } = App.useApp();
  const { me, refresh } = useSession();
  const [enrolling, setEnrolling] = useState(false);
  if (!me) return null;

  return (
    <div data-testid="profile-page">
      <PageHeader title={t('nav.profile')} description={t('profile.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('profile.info')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: t('auth.username'), children: <Typography.Text copyable>{me.username}</Typography.Text> },
                { key: 'displayName', label: t('users.displayName'), children: me.displayName },
                {
                  key: 'roles',
                  label: t('users.roles'),
                  children:
                    me.roles.length === 0 ? (
                      <Typography.Text type="secondary">{t('header.noRole')}</Typography.Text>
                    ) : (
                      <Space orientation="vertical" size={4}>
                        {me.roles.map((r) => (
                          <span key={r.id}>
                            <Tag color="red">{roleLabel(r.role)}</Tag>
                            {r.placeName}
                            <Typography.Text type="secondary"> · {placeTypeLabel(r.placeType)}</Typography.Text>
                          </span>
                        ))}
                      </Space>
                    ),
                },
                {
                  key: 'totp',
                  label: t('profile.totp'),
                  children: me.totpEnabled ? <Tag color="success">{t('profile.totpOn')}</Tag> : <Tag>{t('profile.totpOff')}</Tag>,
                },
              ]}
            />
          </Card>
          <Card title={t('profile.totp')} style={{ marginTop: 16 }}>
            {me.totpEnabled ? (
              <Space>
                <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} />
                <Typography.Text>{t('profile.totpOnDetail')}</Typography.Text>
              </Space>
            ) : enrolling ? (
              <TotpEnrolPanel
                onDone={() => {
                  setEnrolling(false);
                  void message.success(t('totp.enabled'));
                  void refresh().catch(() => undefined);
                }}
              />
            ) : (
              <Empty
                image={<SafetyCertificateOutlined style={{ fontSize: 48, color: '#c8102e' }} />}
                description={t('profile.totpOffDetail')}
              >
                <Button type="primary" onClick={() => setEnrolling(true)} data-testid="totp-start">
                  {t('profile.enableTotp')}
                </Button>
              </Empty>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('profile.changePassword')}>
            <ChangePasswordForm onDone={() => void message.success(t('password.changed'))} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
