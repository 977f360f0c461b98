import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchBrowser, phoneSignIn, screenshot, signIn, startSite } from './support';

let base: string;
let browser: Browser;
beforeAll(async () => {
  base = await startSite();
  browser = await launchBrowser();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHINA_OFFSET = 8 * HOUR;
/** The organisers work in China time, so the pages run in it too (make-up dates are China dates). */
const TIMEZONE = 'Asia/Shanghai';
const beijingToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: TIMEZONE }).format(new Date());

interface MyScores {
  orgId: string | null;
  orgName: string | null;
  total: number;
}
interface SessionDetail {
  id: string;
  status: string;
  attendees: { memberId: string; name: string; status: string | null; makeUp: { studiedOn: string } | null }[];
}

const phoneContext = () => browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN', timezoneId: TIMEZONE, isMobile: true });
const deskPage = () => browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: TIMEZONE });

/** Waits for CSS animations and transitions (tab ink bars, drawers) to finish, so screenshots show the settled page (a string: no DOM types here). */
const settled = (page: Page) => page.waitForFunction("document.getAnimations().every((a) => a.playState !== 'running')");

/** The option of an attendance switch (出席 / 请假 / 缺席) that is chosen, or '' when none is. */
const chosen = async (row: Locator) => ((await row.locator('.ant-segmented-item-selected-text').count()) > 0 ? ((await row.locator('.ant-segmented-item-selected-text').textContent()) ?? '') : '');

describe('organisational life of grid A\'s branch', () => {
  it('三会一课: staff record attendance and a make-up study; the member sees his attendance and the points', async () => {
    const staff = await apiSession(base, 'staff');
    const member = await apiSession(base, 'member');
    const before = await member.get<MyScores>('/api/v1/member-scores/me');
    expect(before.orgName).toContain('党支部');
    const branchId = before.orgId!;

    // A branch general meeting that started earlier today (China time), planned through the API: the sheet is the point.
    const now = Date.now();
    const chinaMidnight = Math.floor((now + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
    const startsAt = Math.max(chinaMidnight, now - HOUR);
    const title = `端到端支部党员大会 ${now % 100000}`;
    const created = await staff.post('/api/v1/org-life-sessions', {
      type: 'branch_general_meeting',
      orgId: branchId,
      title,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 2 * HOUR).toISOString(),
      location: '社区党群服务中心会议室',
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const session = (await created.json()) as SessionDetail;
    expect(session.status).toBe('planned');
    const attendees = session.attendees;
    expect(attendees.length).toBeGreaterThan(2);
    expect(attendees.some((a) => a.name === '张明')).toBe(true);
    // Two other members whose names are unique on the sheet (random demo names may repeat).
    const unique = attendees.filter((a) => a.name !== '张明' && attendees.filter((b) => b.name === a.name).length === 1);
    expect(unique.length).toBeGreaterThan(1);
    const [absentee, presentOther] = [unique[0]!, unique[1]!];

    // 1. Staff find it on the planner and open it.
    const desk = await deskPage();
    await signIn(desk, base, 'staff');
    await desk.goto(`${base}/party/sessions`);
    const listRow = desk.getByTestId('org-life-table').locator('tr', { hasText: title });
    await listRow.waitFor();
    expect(await listRow.textContent()).toContain('支部党员大会');
    expect(await listRow.textContent()).toContain('计划中');
    await listRow.getByTestId('org-life-link').click();
    await desk.getByTestId('org-life-detail-page').waitFor();

    // 2. The attendance sheet: 张明 and one more present, one member absent (with a note), the rest present.
    const sheet = desk.getByTestId('org-life-sheet');
    const rows = sheet.locator('tbody tr.ant-table-row');
    const rowOf = (name: string) => rows.filter({ has: desk.locator('td:first-child', { hasText: new RegExp(`^${name}$`) }) });
    await rowOf('张明').waitFor();
    expect(await rows.count()).toBe(attendees.length);
    await rowOf('张明').locator('.ant-segmented-item', { hasText: '出席' }).click();
    await rowOf(presentOther.name).locator('.ant-segmented-item', { hasText: '出席' }).click();
    await rowOf(absentee.name).locator('.ant-segmented-item', { hasText: '缺席' }).click();
    await rowOf(absentee.name).locator('input.ant-input').fill('外出未请假');
    await desk.getByTestId('org-life-all-present').click();
    expect(await chosen(rowOf(absentee.name))).toBe('缺席');
    await desk.getByTestId('org-life-save-sheet').click();
    await desk.getByText('出席登记已保存').waitFor();
    await expect.poll(async () => desk.getByTestId('org-life-save-sheet').isDisabled(), { timeout: 10_000 }).toBe(true);

    // 3. A make-up study for the absent member (the modal proposes today).
    const makeUp = rowOf(absentee.name).getByTestId('org-life-make-up');
    await expect.poll(async () => makeUp.isEnabled(), { timeout: 10_000 }).toBe(true);
    await makeUp.click();
    const modal = desk.getByRole('dialog').filter({ hasText: `登记补学 · ${absentee.name}` });
    await modal.waitFor();
    await modal.locator('textarea').fill('会后由支部书记单独传达会议精神');
    await modal.locator('.ant-modal-footer').getByRole('button').last().click();
    await desk.getByText('补学已登记').waitFor();
    const today = beijingToday();
    await expect.poll(async () => (await rowOf(absentee.name).textContent()) ?? '', { timeout: 10_000 }).toContain(`已补学 ${today}`);

    // 4. After a reload the sheet is as saved, the session is held and the summary counts it.
    await desk.reload();
    await rowOf('张明').waitFor();
    const detail = desk.getByTestId('org-life-detail-page');
    expect(await detail.textContent()).toContain('已召开');
    expect(await detail.textContent()).toContain(`应到 ${attendees.length} · 出席 ${attendees.length - 1} · 请假 0 · 缺席 1`);
    expect(await chosen(rowOf('张明'))).toBe('出席');
    expect(await chosen(rowOf(presentOther.name))).toBe('出席');
    expect(await chosen(rowOf(absentee.name))).toBe('缺席');
    expect(await rowOf(absentee.name).locator('input.ant-input').inputValue()).toBe('外出未请假');
    expect(await rowOf(absentee.name).textContent()).toContain(`已补学 ${today}`);
    const choices = await Promise.all((await rows.all()).map(chosen));
    expect(choices.filter((c) => c === '出席')).toHaveLength(attendees.length - 1);
    expect(choices.filter((c) => c === '缺席')).toHaveLength(1);
    await settled(desk);
    await screenshot(desk, 'org-life-attendance-sheet');
    const saved = await staff.get<SessionDetail>(`/api/v1/org-life-sessions/${session.id}`);
    expect(saved.attendees.find((a) => a.memberId === absentee.memberId)).toMatchObject({ status: 'absent', makeUp: { studiedOn: today } });

    // 5. 张明 sees the session with his attendance on the phone.
    const context = await phoneContext();
    const phone = await context.newPage();
    await phoneSignIn(phone, base, 'member');
    await phone.getByTestId('h5-home-party').waitFor();
    await phone.goto(`${base}/h5/party/sessions`);
    const item = phone.getByTestId('h5-sessions-past').getByTestId('h5-session').filter({ hasText: title });
    await item.waitFor();
    const itemText = (await item.textContent()) ?? '';
    expect(itemText).toContain('支部党员大会');
    expect(itemText).toContain('我的出席：出席');
    expect(itemText).toContain('社区党群服务中心会议室');
    await screenshot(phone, 'h5-org-life-sessions');

    // 6. And the 2 points of 参加三会一课、主题党日 on his member score.
    await phone.goto(`${base}/h5/party/scores`);
    await expect.poll(async () => Number(await phone.getByTestId('h5-scores-summary').getAttribute('data-total')), { timeout: 10_000 }).toBe(before.total + 2);
    const entry = phone.getByTestId('h5-scores-entry').filter({ hasText: `支部党员大会：${title}` });
    await entry.waitFor();
    expect(await entry.getAttribute('data-points')).toBe('2');
    expect(await entry.getAttribute('data-status')).toBe('approved');
    const entryText = (await entry.textContent()) ?? '';
    expect(entryText).toContain('参加三会一课、主题党日');
    expect(entryText).toContain('+2');
    await screenshot(phone, 'h5-org-life-scores');

    // 7. On the desk, the branch's register and its score ranking list him with those points.
    await desk.goto(`${base}/party/members?q=${encodeURIComponent('张明')}`);
    await desk.getByTestId('party-members-table').getByText('张明', { exact: true }).first().waitFor();
    await settled(desk);
    await screenshot(desk, 'party-members-register');
    await desk.goto(`${base}/party/scores`);
    await desk.getByTestId('member-scores-page').getByText('张明', { exact: true }).first().waitFor();
    await settled(desk);
    await screenshot(desk, 'party-member-scores-ranking');
    await Promise.all([context.close(), desk.close()]);
  });

  it('学习教育: the member studies a material and passes a quiz on the phone, and staff see him as studied', async () => {
    const staff = await apiSession(base, 'staff');
    const member = await apiSession(base, 'member');
    const branchId = (await member.get<MyScores>('/api/v1/member-scores/me')).orgId!;
    const stamp = Date.now() % 100000;

    // Staff publish a material and a quiz to grid A's branch.
    const materialTitle = `端到端学习资料 ${stamp}`;
    const materialBody = '“三会一课”是党的组织生活的基本制度。本期请重点学习支部党员大会、支部委员会、党小组会和党课的要求，并结合网格工作谈一点体会。';
    const material = await staff.post('/api/v1/study-materials', { title: materialTitle, body: materialBody, orgIds: [branchId], studyPoints: 3 });
    expect(material.status, await material.clone().text()).toBe(201);
    const materialId = ((await material.json()) as { id: string }).id;

    const quizTitle = `端到端组织生活测试 ${stamp}`;
    const questions = [
      { stem: '“三会一课”中的“一课”指的是？', kind: 'single', options: ['党课', '团课', '业务培训课', '公开课'], correct: [0], points: 30 },
      { stem: '以下哪些属于“三会一课”中的“三会”？', kind: 'multiple', options: ['支部党员大会', '支部委员会', '党小组会', '业主大会'], correct: [0, 1, 2], points: 40 },
      { stem: '党员应当按月交纳的是？', kind: 'single', options: ['物业费', '党费', '会员费'], correct: [1], points: 30 },
    ] as const;
    const quiz = await staff.post('/api/v1/quizzes', {
      title: quizTitle,
      description: '3 道题，限时 10 分钟，60 分及格，只能作答一次。',
      orgIds: [branchId],
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 7 * DAY).toISOString(),
      timeLimitSeconds: 600,
      attemptPolicy: 'once',
      passScore: 60,
      studyPoints: 5,
      questions,
    });
    expect(quiz.status, await quiz.clone().text()).toBe(201);

    // 1. 张明 reads the material on the phone and marks it studied.
    const context = await phoneContext();
    const phone = await context.newPage();
    await phoneSignIn(phone, base, 'member');
    await phone.getByTestId('h5-home-party').waitFor();
    await phone.goto(`${base}/h5/party/learning`);
    const card = phone.getByTestId('h5-learning-material').filter({ hasText: materialTitle });
    await card.waitFor();
    expect(await card.textContent()).toContain('待学习');
    await card.click();
    await phone.getByTestId('h5-learning-material-title').waitFor();
    expect(await phone.getByTestId('h5-learning-material-title').textContent()).toBe(materialTitle);
    expect(await phone.getByTestId('h5-learning-material-body').textContent()).toBe(materialBody);
    await phone.getByTestId('h5-learning-mark').click();
    await phone.getByTestId('h5-learning-studied').waitFor({ timeout: 10_000 });
    expect(await phone.getByTestId('h5-learning-studied').textContent()).toContain('已于');
    await screenshot(phone, 'h5-learning-material-studied');

    // 2. He opens the quiz, starts it, answers every question right and hands it in.
    await phone.goto(`${base}/h5/party/learning`);
    await phone.getByTestId('h5-learning-material').filter({ hasText: materialTitle }).waitFor();
    expect(await phone.getByTestId('h5-learning-material').filter({ hasText: materialTitle }).textContent()).toContain('已学习');
    await phone.locator('.adm-tabs-tab', { hasText: '知识测试' }).click();
    const quizCard = phone.getByTestId('h5-learning-quiz').filter({ hasText: quizTitle });
    await quizCard.waitFor();
    expect(await quizCard.textContent()).toContain('3 题 · 限时 10 分钟');
    await quizCard.click();
    await phone.getByTestId('h5-quiz-start').click();
    await phone.getByTestId('h5-quiz-countdown').waitFor();
    const asked = phone.getByTestId('h5-quiz-question');
    await expect.poll(async () => asked.count(), { timeout: 10_000 }).toBe(questions.length);
    for (const [index, question] of questions.entries()) {
      const block = asked.nth(index);
      expect(await block.textContent()).toContain(question.stem);
      for (const option of question.correct) await block.getByText(`${'ABCDEFGH'[option]}. ${question.options[option]}`, { exact: true }).click();
    }
    await phone.getByTestId('h5-quiz-submit').click();
    const confirm = phone.locator('.adm-dialog');
    await confirm.getByText('确定交卷吗？交卷后不能修改。').waitFor();
    await confirm.getByText('确定', { exact: true }).click();

    // 3. His score, passed, and the study points it earned.
    const result = phone.getByTestId('h5-quiz-result');
    await result.waitFor({ timeout: 10_000 });
    expect(await result.getAttribute('data-score')).toBe('100');
    const resultText = (await result.textContent()) ?? '';
    expect(resultText).toContain('成绩：100 / 100 分');
    expect(resultText).toContain('恭喜，测试合格');
    expect(resultText).toContain('获得 5 学习积分');
    await confirm.waitFor({ state: 'hidden' });
    await screenshot(phone, 'h5-quiz-result');
    // Back on the quiz's page the attempt is marked passed (合格) and no retake is offered.
    await result.getByText('返回测试', { exact: true }).click();
    await expect.poll(async () => (await phone.getByTestId('h5-quiz-page').textContent()) ?? '', { timeout: 10_000 }).toContain('合格');
    expect(await phone.getByTestId('h5-quiz-start').isDisabled()).toBe(true);

    // 4. 学习之星 of his branch lists him.
    await phone.goto(`${base}/h5/party/learning`);
    await phone.locator('.adm-tabs-tab', { hasText: '学习之星' }).click();
    const stars = phone.getByTestId('h5-learning-stars');
    await stars.waitFor();
    await expect.poll(async () => (await stars.textContent()) ?? '', { timeout: 10_000 }).toContain('我的名次：第');
    expect(await stars.locator('strong', { hasText: '张明' }).count()).toBe(1);
    const board = await member.get<{ me: { rank: number; points: number } | null; entries: { name: string; isMe: boolean }[] }>('/api/v1/learning/leaderboard');
    expect(board.entries.some((e) => e.isMe && e.name === '张明')).toBe(true);
    expect(await stars.textContent()).toContain(`我的名次：第 ${board.me!.rank} 名，${board.me!.points} 分`);
    await screenshot(phone, 'h5-learning-leaderboard');

    // 5. Staff see him as having studied the material.
    const desk = await deskPage();
    await signIn(desk, base, 'staff');
    await desk.goto(`${base}/party/learning`);
    const row = desk.getByTestId('learning-table').locator('tr', { hasText: materialTitle });
    await row.waitFor();
    await row.getByTestId('learning-roster-open').click();
    const roster = desk.getByRole('dialog').filter({ hasText: `学习情况：${materialTitle}` });
    await roster.waitFor();
    await roster.getByRole('tab', { name: '已学习（1）' }).click();
    const studied = roster.getByRole('tabpanel').locator('tr', { hasText: '张明' });
    await studied.waitFor();
    expect(await studied.textContent()).toContain('自学');
    expect(await roster.getByRole('tab', { name: /未学习/ }).textContent()).not.toContain('（0）');
    await settled(desk);
    await screenshot(desk, 'learning-roster-studied');
    const rosterApi = await staff.get<{ studied: { memberName: string; mode: string }[] }>(`/api/v1/study-materials/${materialId}/studies`);
    expect(rosterApi.studied).toEqual([expect.objectContaining({ memberName: '张明', mode: 'self' })]);
    await Promise.all([context.close(), desk.close()]);
  });
});
