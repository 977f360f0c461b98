import { useEffect, useRef } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Radio, Space, Spin, Typography } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { QUIZ_OPTIONS_MAX, QUIZ_OPTIONS_MIN, type Quiz, type QuizAttemptPolicy, type QuizQuestionKind } from '@gridwork/contracts';
import { isApiError } from '../../api/client';
import { learningApi } from '../../api/learning-endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { PartyOrgSelect } from './party-org-pickers';

export const QUIZ_KEY = ['quizzes'] as const;
const LETTERS = 'ABCDEFGH';

interface QuestionValues {
  stem: string;
  kind: QuizQuestionKind;
  options: { text: string; correct: boolean }[];
  points: number;
}

interface FormValues {
  title: string;
  description?: string;
  orgIds: string[];
  window: [Dayjs, Dayjs];
  minutes: number;
  attemptPolicy: QuizAttemptPolicy;
  passScore: number;
  studyPoints: number;
  questions: QuestionValues[];
}

/** Where a rule's sentence belongs in this form (the server names `questions.3`, `passScore`, `closesAt`). */
function fieldNameOf(path: string): NamePath<FormValues> {
  if (path === 'closesAt') return ['window'];
  const question = /^questions\.(\d+)$/.exec(path);
  return (question ? ['questions', Number(question[1]), 'stem'] : [path]) as NamePath<FormValues>;
}

const blankQuestion = (): QuestionValues => ({ stem: '', kind: 'single', points: 10, options: [0, 1, 2, 3].map(() => ({ text: '', correct: false })) });

/** The form as filled from a saved quiz (staff read it with its correct answers). */
function valuesOf(quiz: Quiz): FormValues {
  return {
    title: quiz.title,
    description: quiz.description ?? undefined,
    orgIds: quiz.orgs.map((o) => o.id),
    window: [dayjs(quiz.opensAt), dayjs(quiz.closesAt)],
    minutes: quiz.timeLimitSeconds / 60,
    attemptPolicy: quiz.attemptPolicy,
    passScore: quiz.passScore,
    studyPoints: quiz.studyPoints,
    questions: quiz.questions.map((q) => ({ stem: q.stem, kind: q.kind, points: q.points, options: q.options.map((text, i) => ({ text, correct: q.correct?.includes(i) ?? false })) })),
  };
}

/**
 * 出题: a quiz with its questions; options are ticked as correct in place. The server checks the rules and answers in words.
 * With `quizId` it edits that quiz; once members have answered, its questions and scoring are shown but cannot change.
 */
export function QuizEditorDrawer({ open, onClose, quizId = null }: { open: boolean; onClose: () => void; quizId?: string | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const questions = Form.useWatch('questions', form) ?? [];
  const total = questions.reduce((sum, q) => sum + (Number(q?.points) || 0), 0);
  const editing = quizId !== null;
  const detail = useQuery({ queryKey: [...QUIZ_KEY, 'detail', quizId], queryFn: () => learningApi.quiz(quizId!), enabled: open && editing, refetchOnWindowFocus: false });
  const quiz = editing ? detail.data : undefined;
  const locked = quiz?.hasAttempts ?? false;

  // Fill the form once per opening: from the saved quiz when editing, from the defaults when creating.
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!open) {
      filledFor.current = null;
      return;
    }
    const target = quizId ?? 'new';
    if (filledFor.current === target) return;
    if (quizId === null) {
      form.resetFields();
      filledFor.current = target;
    } else if (quiz && quiz.id === quizId) {
      form.resetFields();
      form.setFieldsValue(valuesOf(quiz));
      filledFor.current = target;
    }
  }, [open, quizId, quiz, form]);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: FormValues) => {
      const common = {
        title: v.title,
        description: v.description?.trim() || null,
        orgIds: v.orgIds,
        opensAt: v.window[0].toISOString(),
        closesAt: v.window[1].toISOString(),
        studyPoints: v.studyPoints,
      };
      const scoring = {
        timeLimitSeconds: Math.round(v.minutes * 60),
        attemptPolicy: v.attemptPolicy,
        passScore: v.passScore,
        questions: v.questions.map((q) => ({
          stem: q.stem,
          kind: q.kind,
          points: q.points,
          options: q.options.map((o) => o.text),
          correct: q.options.flatMap((o, i) => (o.correct ? [i] : [])),
        })),
      };
      if (quizId === null) return learningApi.createQuiz({ ...common, ...scoring });
      // Once answered, the questions and scoring are not sent: the server would refuse any change to them.
      return learningApi.updateQuiz(quizId, locked ? common : { ...common, ...scoring });
    },
    onSuccess: () => {
      void message.success(t(editing ? 'quiz.updated' : 'quiz.created'));
      void queryClient.invalidateQueries({ queryKey: QUIZ_KEY });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      // The rules' sentences (单选题只能有一个正确答案 …) go next to the question they are about.
      if (isApiError(e) && e.fieldErrors.length > 0) {
        const byField = new Map<string, string[]>();
        for (const f of e.fieldErrors) byField.set(f.path, [...(byField.get(f.path) ?? []), f.message]);
        form.setFields([...byField].map(([path, errors]) => ({ name: fieldNameOf(path), errors })));
      }
      void message.error(errorText(e));
    },
  });

  const initial: Partial<FormValues> = { attemptPolicy: 'once', minutes: 10, passScore: 60, studyPoints: 5, window: [dayjs().startOf('hour'), dayjs().add(30, 'day').endOf('day')], questions: [blankQuestion()] };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={t(editing ? 'quiz.editTitle' : 'quiz.create')}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} disabled={editing && !quiz} onClick={() => form.submit()} data-testid="quiz-save">
          {t('common.ok')}
        </Button>
      }
    >
      <Spin spinning={editing && detail.isFetching && !quiz}>
        <Form<FormValues> form={form} layout="vertical" name="quiz-editor" initialValues={initial} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="title" label={t('quiz.title')} rules={[{ required: true, whitespace: true, message: t('quiz.titleRequired') }]}>
            <Input maxLength={100} data-testid="quiz-title" />
          </Form.Item>
          <Form.Item name="description" label={t('quiz.descriptionField')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item name="orgIds" label={t('quiz.orgs')} rules={[{ required: true, type: 'array', min: 1, message: t('quiz.orgsRequired') }]}>
            <PartyOrgSelect multiple placeholder={t('learning.orgsPlaceholder')} testId="quiz-orgs" />
          </Form.Item>
          <Form.Item name="window" label={t('quiz.window')} rules={[{ required: true, message: t('quiz.windowRequired') }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="minutes" label={t('quiz.timeLimit')}>
              <InputNumber min={1} max={240} precision={0} disabled={locked} />
            </Form.Item>
            <Form.Item name="passScore" label={t('quiz.passScore')} extra={t('quiz.editorTotal', { n: questions.length, total })}>
              <InputNumber min={0} precision={0} disabled={locked} />
            </Form.Item>
            <Form.Item name="studyPoints" label={t('quiz.studyPoints')}>
              <InputNumber min={0} max={100} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="attemptPolicy" label={t('quiz.policy')}>
            <Radio.Group
              disabled={locked}
              options={[
                { value: 'once', label: t('quiz.policyOnce') },
                { value: 'best', label: t('quiz.policyBest') },
              ]}
            />
          </Form.Item>
          <Typography.Title level={5}>{t('quiz.questions')}</Typography.Title>
          {locked ? <Alert type="info" showIcon title={t('quiz.lockedHint')} style={{ marginBottom: 12 }} data-testid="quiz-locked" /> : null}
          <Form.List name="questions">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={t('quiz.question', { n: index + 1 })}
                    extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('quiz.removeQuestion')} disabled={locked || fields.length === 1} />}
                    data-testid="quiz-question"
                  >
                    <Form.Item name={[field.name, 'stem']} label={t('quiz.stem')} rules={[{ required: true, whitespace: true, message: t('quiz.stemRequired') }]}>
                      <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} disabled={locked} />
                    </Form.Item>
                    <Space wrap>
                      <Form.Item name={[field.name, 'kind']} label={t('quiz.kind')}>
                        <Radio.Group
                          disabled={locked}
                          optionType="button"
                          options={[
                            { value: 'single', label: t('quiz.kindSingle') },
                            { value: 'multiple', label: t('quiz.kindMultiple') },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'points']} label={t('quiz.questionPoints')}>
                        <InputNumber min={1} max={100} precision={0} disabled={locked} />
                      </Form.Item>
                    </Space>
                    <Form.Item label={t('quiz.options')} required>
                      <Form.List name={[field.name, 'options']}>
                        {(optionFields, { add: addOption, remove: removeOption }) => (
                          <Space orientation="vertical" style={{ width: '100%' }}>
                            {optionFields.map((option, i) => (
                              <Space key={option.key} align="baseline">
                                <Form.Item name={[option.name, 'correct']} valuePropName="checked" noStyle>
                                  <Checkbox aria-label={LETTERS[i]} disabled={locked} />
                                </Form.Item>
                                <Form.Item name={[option.name, 'text']} rules={[{ required: true, whitespace: true, message: t('quiz.optionRequired') }]} noStyle>
                                  <Input prefix={`${LETTERS[i] ?? ''}.`} placeholder={t('quiz.option', { letter: LETTERS[i] ?? '' })} style={{ width: 420 }} maxLength={200} disabled={locked} />
                                </Form.Item>
                                {!locked && optionFields.length > QUIZ_OPTIONS_MIN ? <MinusCircleOutlined onClick={() => removeOption(option.name)} aria-label={t('common.delete')} /> : null}
                              </Space>
                            ))}
                            {!locked && optionFields.length < QUIZ_OPTIONS_MAX ? (
                              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => addOption({ text: '', correct: false })}>
                                {t('quiz.addOption')}
                              </Button>
                            ) : null}
                          </Space>
                        )}
                      </Form.List>
                    </Form.Item>
                  </Card>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(blankQuestion())} disabled={locked} data-testid="quiz-add-question">
                  {t('quiz.addQuestion')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form>
      </Spin>
    </Drawer>
  );
}
