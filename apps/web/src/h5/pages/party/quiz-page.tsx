import '../events/service-h5.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, Dialog, ErrorBlock, List, NoticeBar, Radio, Result, Space, Tag, Toast } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { Quiz, QuizAttemptResult, StartedQuizAttempt } from '@gridwork/contracts';
import { isApiError } from '../../../api/client';
import { learningApi } from '../../../api/learning-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { useIdempotencyKey } from '../../components/use-idempotency-key';

const LETTERS = 'ABCDEFGH';
const letters = (indexes: readonly number[]) => indexes.map((i) => LETTERS[i] ?? '?').join('');

/** 知识测试 on the phone: the intro, answering against the server's deadline, then the result with the correct answers. */
export function QuizPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [attempt, setAttempt] = useState<StartedQuizAttempt | null>(null);
  const [result, setResult] = useState<QuizAttemptResult | null>(null);
  const detail = useQuery({ queryKey: ['quizzes', 'h5', id], queryFn: () => learningApi.quiz(id), enabled: Boolean(id), meta: { silent: true } });
  const notFound = isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 403);
  return (
    <SubPage title={detail.data?.title ?? t('h5q.title')} fallback="/party/learning" testId="h5-quiz-page">
      {detail.isPending ? (
        <Loading />
      ) : notFound ? (
        <ErrorBlock status="empty" title={t('h5q.notFound')} description="" />
      ) : detail.isError ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(detail.error)} />
      ) : result ? (
        <ResultView result={result} onBack={() => setResult(null)} />
      ) : attempt ? (
        <Answering
          attempt={attempt}
          onDone={(r) => {
            setAttempt(null);
            setResult(r);
            // The result starts with the score: show it from the top, not at the answers' scroll position.
            window.scrollTo(0, 0);
          }}
          onClosed={() => setAttempt(null)}
        />
      ) : (
        <Intro quiz={detail.data} onStarted={setAttempt} onShowResult={setResult} />
      )}
    </SubPage>
  );
}

function Intro({ quiz: q, onStarted, onShowResult }: { quiz: Quiz; onStarted: (a: StartedQuizAttempt) => void; onShowResult: (r: QuizAttemptResult) => void }) {
  const { t, formatDateTime } = useI18n();
  const { key, afterError } = useIdempotencyKey();
  const start = useMutation({
    meta: { silent: true },
    mutationFn: () => learningApi.startAttempt(q.id, key),
    onSuccess: onStarted,
    onError: (e) => {
      afterError(e);
      Toast.show({ icon: 'fail', content: errorText(e) });
    },
  });
  const open = useMutation({ meta: { silent: true }, mutationFn: (attemptId: string) => learningApi.attempt(attemptId), onSuccess: onShowResult, onError: (e) => void Toast.show({ icon: 'fail', content: errorText(e) }) });
  const running = q.myAttempts.some((a) => a.submittedAt === null && Date.parse(a.deadline) > Date.now());
  const label = running ? t('h5q.resume') : q.myAttempts.length > 0 ? t('h5q.retake') : t('h5q.start');
  return (
    <div data-quiz-id={q.id}>
      <section className="h5s-head">
        <div className="h5s-head-title">{q.title}</div>
        {q.description ? <div className="h5s-prewrap">{q.description}</div> : null}
        <div className="h5s-meta-inline">{t('h5q.intro', { count: q.questionCount, total: q.totalPoints, pass: q.passScore, minutes: Math.round(q.timeLimitSeconds / 60) })}</div>
        <div className="h5s-meta-inline">{`${formatDateTime(q.opensAt)} – ${formatDateTime(q.closesAt)}`}</div>
      </section>
      <div style={{ padding: 12 }}>
        <Button block color="primary" disabled={!q.canAttempt} loading={start.isPending} onClick={() => start.mutate()} data-testid="h5-quiz-start">
          {q.canAttempt ? label : t('h5q.cannotStart')}
        </Button>
      </div>
      {q.myAttempts.length > 0 ? (
        <List mode="card" header={<span className="h5-section-title">{t('h5q.myAttempts')}</span>}>
          {q.myAttempts.map((a) => (
            <List.Item
              key={a.id}
              onClick={a.submittedAt ? () => open.mutate(a.id) : undefined}
              extra={a.passed === null ? null : a.passed ? <Tag color="success">{t('quiz.passed')}</Tag> : <Tag color="danger">{t('quiz.failed')}</Tag>}
            >
              {t('h5q.attemptLine', { when: formatDateTime(a.startedAt), score: a.score === null ? t('quiz.notSubmitted') : `${a.score}` })}
            </List.Item>
          ))}
        </List>
      ) : null}
    </div>
  );
}

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function Answering({ attempt, onDone, onClosed }: { attempt: StartedQuizAttempt; onDone: (r: QuizAttemptResult) => void; onClosed: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<number[][]>(() => attempt.questions.map(() => []));
  // The server's clock decides; this offset keeps the countdown honest on a phone whose clock is off.
  const skew = useMemo(() => Date.parse(attempt.serverNow) - Date.now(), [attempt.serverNow]);
  const deadline = Date.parse(attempt.deadline);
  const [now, setNow] = useState(() => Date.now() + skew);
  const submitted = useRef(false);
  const submit = useMutation({
    meta: { silent: true },
    mutationFn: () => learningApi.submitAnswers(attempt.id, { answers: answers.flatMap((selected, question) => (selected.length > 0 ? [{ question, selected }] : [])) }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['quizzes'] });
      void queryClient.invalidateQueries({ queryKey: ['learning'] });
      onDone(r);
    },
    onError: (e) => {
      submitted.current = false;
      Toast.show({ icon: 'fail', content: errorText(e), duration: 4000 });
      // Nothing more can be sent for this attempt: back to the intro, which shows what the server holds.
      if (isApiError(e) && (e.code === 'quiz_time_out' || e.code === 'quiz_already_submitted')) {
        void queryClient.invalidateQueries({ queryKey: ['quizzes'] });
        onClosed();
      }
    },
  });
  const send = () => {
    if (submitted.current) return;
    submitted.current = true;
    submit.mutate();
  };

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + skew), 500);
    return () => window.clearInterval(timer);
  }, [skew]);
  const left = deadline - now;
  useEffect(() => {
    if (left <= 0 && !submitted.current) {
      Toast.show({ content: t('h5q.timeUp') });
      send();
    }
  });

  const confirmSubmit = async () => {
    const unanswered = answers.filter((a) => a.length === 0).length;
    const ok = await Dialog.confirm({ content: unanswered > 0 ? t('h5q.submitConfirm', { n: unanswered }) : t('h5q.submitSure') });
    if (ok) send();
  };

  const set = (index: number, selected: number[]) => setAnswers((all) => all.map((a, i) => (i === index ? [...selected].sort((x, y) => x - y) : a)));
  return (
    <div data-attempt-id={attempt.id}>
      <NoticeBar color={left < 60_000 ? 'alert' : 'info'} content={t('h5q.timeLeft', { time: formatLeft(left) })} data-testid="h5-quiz-countdown" />
      {attempt.questions.map((q, index) => (
        <List mode="card" key={index} header={<span className="h5-section-title">{`${index + 1}. [${q.kind === 'single' ? t('h5q.single') : t('h5q.multiple')}] ${q.stem}`}</span>} data-testid="h5-quiz-question">
          <List.Item>
            {q.kind === 'single' ? (
              <Radio.Group value={answers[index]![0]} onChange={(v) => set(index, [Number(v)])}>
                <Space direction="vertical">
                  {q.options.map((o, i) => (
                    <Radio key={i} value={i}>{`${LETTERS[i]}. ${o}`}</Radio>
                  ))}
                </Space>
              </Radio.Group>
            ) : (
              <Checkbox.Group value={answers[index]} onChange={(v) => set(index, v.map(Number))}>
                <Space direction="vertical">
                  {q.options.map((o, i) => (
                    <Checkbox key={i} value={i}>{`${LETTERS[i]}. ${o}`}</Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            )}
          </List.Item>
        </List>
      ))}
      <div style={{ padding: 12 }}>
        <Button block color="primary" loading={submit.isPending} onClick={() => void confirmSubmit()} data-testid="h5-quiz-submit">
          {t('h5q.submit')}
        </Button>
      </div>
    </div>
  );
}

function ResultView({ result: r, onBack }: { result: QuizAttemptResult; onBack: () => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="h5-quiz-result" data-score={r.score ?? ''}>
      <Result
        status={r.passed ? 'success' : 'warning'}
        title={t('h5q.result', { score: r.score ?? 0, total: r.totalPoints })}
        description={[r.passed ? t('h5q.passed') : t('h5q.failed', { pass: r.passScore }), r.studyPointsEarned > 0 ? t('h5q.earned', { n: r.studyPointsEarned }) : ''].filter(Boolean).join(' · ')}
      />
      {r.questions.map((q, index) => (
        <List mode="card" key={index} header={<span className="h5-section-title">{`${index + 1}. ${q.stem}`}</span>}>
          {q.options.map((o, i) => (
            <List.Item key={i} extra={q.correct?.includes(i) ? <Tag color="success">✓</Tag> : q.selected.includes(i) ? <Tag color="danger">✗</Tag> : null}>{`${LETTERS[i]}. ${o}`}</List.Item>
          ))}
          <List.Item description={t('h5q.correctAnswer', { answer: letters(q.correct ?? []) })}>{t('h5q.yourAnswer', { answer: q.selected.length > 0 ? letters(q.selected) : t('h5q.noAnswer') })}</List.Item>
        </List>
      ))}
      <div style={{ padding: 12 }}>
        <Button block onClick={onBack}>
          {t('h5q.back')}
        </Button>
      </div>
    </div>
  );
}
