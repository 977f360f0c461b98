import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { wishesApi } from '../../api/requests-endpoints';
import type { Wish } from '../../api/requests-types';
import { useI18n } from '../../i18n';

export const WISHES_KEY = ['wishes'] as const;

type WishStep = { kind: 'claim' | 'confirm' | 'cancel'; id: string } | { kind: 'fulfil'; id: string; note: string };

/** One step on a wish; the wall refreshes afterwards (the wish may leave the filtered list). */
export function useWishStep(onDone?: (wish: Wish) => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (step: WishStep) => {
      switch (step.kind) {
        case 'claim':
          return wishesApi.claim(step.id);
        case 'fulfil':
          return wishesApi.fulfil(step.id, step.note);
        case 'confirm':
          return wishesApi.confirm(step.id);
        case 'cancel':
          return wishesApi.cancel(step.id);
      }
    },
    onSuccess: async (wish, step) => {
      void message.success(t(`wish.done.${step.kind}`, { title: wish.title }));
      onDone?.(wish);
      await queryClient.invalidateQueries({ queryKey: WISHES_KEY });
    },
  });
}
