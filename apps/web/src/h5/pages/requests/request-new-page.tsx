import './requests-h5.css';
import { useMemo, useRef, useState, type RefObject } from 'react';
import { Button, Cascader, Dialog, ErrorBlock, Form, Input, Selector, TextArea, Toast, type CascaderRef, type ImageUploadItem } from 'antd-mobile';
import { OPEN_REQUEST_STATUSES, URGENCIES } from '@gridwork/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { requestCategoriesApi, requestsApi } from '../../../api/requests-endpoints';
import type { CreateRequest } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { useIdempotencyKey } from '../../components/use-idempotency-key';
import { categoryOptions } from './category-options';
import { LocationField } from './location-field';
import { NearbyNotice } from './nearby-notice';
import { PhotoField } from './photo-field';
import { SwitchRow } from './switch-row';
import { showFieldErrors, toCreateBody, type RequestFormValues } from './request-form';
import { useRequestLabels } from './request-labels';
import { useGeolocation } from './use-geolocation';

/** Refusals about where the request is: shown under the location, where the user can act on them. */
const PLACE_PROBLEMS = new Set(['request_place_required', 'no_grid_at_point']);

/** 我要反映: what, where, photos; possible duplicates nearby; one request per submission. */
export function RequestNewPage() {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RequestFormValues>();
  const geo = useGeolocation();
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [placeProblem, setPlaceProblem] = useState<string | null>(null);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const idempotency = useIdempotencyKey();
  const inFlight = useRef(false);

  const categories = useQuery({ queryKey: ['request-categories'], queryFn: requestCategoriesApi.list, staleTime: 10 * 60_000 });
  const options = useMemo(() => categoryOptions(categories.data ?? []), [categories.data]);

  const categoryPath: string[] | undefined = Form.useWatch('category', form);
  const category = categoryPath?.[categoryPath.length - 1];
  const position = geo.state.phase === 'located' ? geo.state.position : null;
  const nearby = useQuery({
    // Rounded to ~10 m so that a re-locate on the same spot reuses the answer.
    queryKey: ['requests', 'nearby', category, position?.lng.toFixed(4), position?.lat.toFixed(4)],
    queryFn: () => requestsApi.nearby(category ?? '', position?.lng ?? 0, position?.lat ?? 0),
    enabled: Boolean(category && position),
    // A failed duplicate check must not stand in the way of a report.
    meta: { silent: true },
  });
  const duplicates = useMemo(() => (nearby.data ?? []).filter((r) => OPEN_REQUEST_STATUSES.includes(r.status)), [nearby.data]);
  const duplicatesKey = duplicates.map((d) => d.id).join(',');
  const showDuplicates = Boolean(category && position) && duplicates.length > 0;

  const create = useMutation({
    mutationFn: (body: CreateRequest) => requestsApi.create(body, idempotency.key),
    meta: { silent: true },
    onSuccess: async (created) => {
      Toast.show({ icon: 'success', content: t('h5r.submitted') });
      await queryClient.invalidateQueries({ queryKey: ['requests'] });
      navigate(`/requests/${created.id}`, { replace: true });
    },
    onError: (error) => {
      idempotency.afterError(error);
      if (isApiError(error) && PLACE_PROBLEMS.has(error.code)) setPlaceProblem(errorText(error));
      if (!showFieldErrors(form, error)) Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 });
    },
  });

  const submit = async (values: RequestFormValues) => {
    if (inFlight.current) return;
    if (uploading) {
      Toast.show({ content: t('h5r.photosUploading') });
      return;
    }
    if (showDuplicates && acknowledged !== duplicatesKey) {
      const anyway = await Dialog.confirm({ content: t('h5r.nearbyConfirm'), confirmText: t('h5r.nearbySubmitAnyway'), cancelText: t('common.cancel') });
      if (!anyway) return;
      setAcknowledged(duplicatesKey);
    }
    inFlight.current = true;
    setPlaceProblem(null);
    create.mutate(toCreateBody(values, position, photos), { onSettled: () => (inFlight.current = false) });
  };

  const locate = () => {
    setPlaceProblem(null);
    geo.locate();
  };

  if (categories.isPending) {
    return (
      <SubPage title={t('h5r.newTitle')} fallback="/" testId="h5-request-new">
        <Loading />
      </SubPage>
    );
  }
  if (categories.isError) {
    return (
      <SubPage title={t('h5r.newTitle')} fallback="/" testId="h5-request-new">
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(categories.error)} />
      </SubPage>
    );
  }

  return (
    <SubPage title={t('h5r.newTitle')} fallback="/" testId="h5-request-new">
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ urgency: ['normal'], anonymous: false, publicConsent: false }}
        onFinish={(v) => void submit(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={create.isPending} disabled={create.isPending} data-testid="h5-request-submit">
            {t('h5r.submit')}
          </Button>
        }
        data-testid="h5-request-form"
      >
        <Form.Item
          name="category"
          label={t('h5r.category')}
          trigger="onConfirm"
          rules={[{ required: true, type: 'array', min: 1, message: t('h5r.categoryRequired') }]}
          onClick={(_, ref: RefObject<CascaderRef>) => ref.current?.open()}
          arrow
          data-testid="h5-request-category"
        >
          <Cascader options={options} title={t('h5r.categoryPick')} confirmText={t('common.ok')} cancelText={t('common.cancel')} placeholder={t('h5r.categoryPick')}>
            {(items) => {
              const chosen = items.filter((i) => i !== null).map((i) => i.label);
              if (options.length === 0) return <span className="h5-muted">{t('h5r.categoriesEmpty')}</span>;
              return chosen.length > 0 ? chosen.join(' / ') : <span className="h5r-placeholder">{t('h5r.categoryPick')}</span>;
            }}
          </Cascader>
        </Form.Item>
        <Form.Item
          name="description"
          label={t('h5r.description')}
          validateFirst
          rules={[
            { required: true, whitespace: true, message: t('h5r.descriptionRequired') },
            {
              validator: async (_, value: string | undefined) => {
                const length = (value ?? '').trim().length;
                if (length < 5) throw new Error(t('h5r.descriptionTooShort'));
                if (length > 2000) throw new Error(t('h5r.descriptionTooLong'));
              },
            },
          ]}
        >
          <TextArea rows={5} maxLength={2000} showCount placeholder={t('h5r.descriptionPlaceholder')} data-testid="h5-request-description" />
        </Form.Item>
        <Form.Item name="urgency" label={t('h5r.urgency')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Selector columns={3} options={URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) }))} data-testid="h5-request-urgency" />
        </Form.Item>
        <Form.Header />
        <Form.Item label={t('h5r.photos')} description={t('h5r.photosHint')}>
          <PhotoField value={photos} onChange={setPhotos} onBusyChange={setUploading} />
        </Form.Item>
        <Form.Header />
        <Form.Item label={t('h5r.location')}>
          <LocationField state={geo.state} onLocate={locate} onClear={geo.clear} />
          {placeProblem ? (
            <div className="h5r-field-error" role="alert" data-testid="h5-request-place-error">
              {placeProblem}
            </div>
          ) : null}
        </Form.Item>
        {showDuplicates ? (
          <Form.Item>
            <NearbyNotice items={duplicates} acknowledged={acknowledged === duplicatesKey} onSubmitAnyway={() => setAcknowledged(duplicatesKey)} />
          </Form.Item>
        ) : null}
        <Form.Item name="address" label={t('h5r.address')} rules={[{ max: 200, message: t('h5r.addressTooLong') }]}>
          <Input placeholder={t('h5r.addressPlaceholder')} maxLength={200} clearable data-testid="h5-request-address" />
        </Form.Item>
        <Form.Header />
        <Form.Item>
          <SwitchRow name="anonymous" title={t('h5r.anonymous')} hint={t('h5r.anonymousHint')} testId="h5-request-anonymous" />
        </Form.Item>
        <Form.Item>
          <SwitchRow name="publicConsent" title={t('h5r.publicConsent')} hint={t('h5r.publicConsentHint')} testId="h5-request-public" />
        </Form.Item>
      </Form>
    </SubPage>
  );
}
