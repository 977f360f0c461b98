import { and, asc, eq, like } from 'drizzle-orm';
import type { QuizQuestionInput } from '@gridwork/contracts';
import { demoPlaces } from '../accounts/accounts.seed';
import type { DemoSeedContext } from '../../platform/module';
import type { Db } from '../../db/client';
import { awardMemberScore } from './member-scores.award';
import { earnStudyPoints } from './learning.points';
import { studyMaterialOrgs, studyMaterials, studyRecords } from './learning.tables';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { isCorrect, totalPointsOf } from './quizzes.rules';
import { quizAttempts, quizOrgs, quizzes } from './quizzes.tables';

const MATERIALS = [
  {
    title: '党章学习：党员的八项义务',
    body: '《中国共产党章程》规定了党员必须履行的八项义务。本期学习请重点理解：认真学习、贯彻党的基本路线、自觉遵守党的纪律、维护党的团结统一、切实开展批评和自我批评、密切联系群众、发扬社会主义新风尚。\n\n学习建议：对照自身在社区中的日常表现，写下一条可以改进的地方，在下次支部主题党日上交流。',
    links: [{ title: '中国共产党章程（共产党员网）', url: 'https://www.12371.cn/special/zggcdzc/' }],
    studyPoints: 2,
  },
  {
    title: '二十大精神宣讲：以人民为中心的发展思想',
    body: '党的二十大报告强调，江山就是人民，人民就是江山。社区是服务群众的“最后一公里”，每一位党员都是联系群众的纽带。\n\n本期宣讲围绕三个问题展开：群众最急最忧最盼的是什么？我们在网格里能做什么？怎样把“接诉即办”落到实处？请结合本网格的微心愿、诉求办理情况进行讨论。',
    links: [],
    studyPoints: 3,
  },
  {
    title: '党史小故事：一盏马灯',
    body: '长征途中，一位老红军把唯一的一盏马灯让给了掉队的小战士，自己摸黑走完了最后一段山路。他说：“灯给走在后面的人，前面的人心里亮着。”\n\n这个小故事提醒我们：在社区服务中，多想想走在后面的人——独居老人、困难家庭、留守儿童。你所在的网格里，谁最需要一盏“灯”？',
    links: [],
    studyPoints: 2,
  },
] as const;

const q = (stem: string, options: string[], correct: number[], kind: 'single' | 'multiple' = 'single', points = 10): QuizQuestionInput => ({ stem, kind, options, correct, points });

/** 党史知识测试: original questions on well-known dates and facts. */
export const DEMO_QUIZ_QUESTIONS: readonly QuizQuestionInput[] = [
  q('中国共产党第一次全国代表大会于哪一年召开？', ['1919 年', '1921 年', '1927 年', '1935 年'], [1]),
  q('党的一大会议最后转移到哪里继续举行？', ['上海石库门', '嘉兴南湖红船', '井冈山', '延安'], [1]),
  q('“三会一课”中的“三会”指的是哪些会议？', ['支部党员大会', '支部委员会', '党小组会', '职工代表大会'], [0, 1, 2], 'multiple'),
  q('遵义会议召开于哪一年？', ['1931 年', '1935 年', '1937 年', '1945 年'], [1]),
  q('预备党员的预备期为多长时间？', ['半年', '一年', '两年', '三年'], [1]),
  q('以下哪些属于党员中心户可以开展的工作？', ['宣传政策', '收集邻里诉求', '代替居民签字', '帮扶困难群众'], [0, 1, 3], 'multiple'),
  q('党的根本宗旨是什么？', ['全心全意为人民服务', '实现共同富裕', '发展生产力', '建设现代化强国'], [0]),
  q('中华人民共和国成立于哪一年？', ['1945 年', '1949 年', '1950 年', '1956 年'], [1]),
  q('党员的“政治生日”一般指哪一天？', ['出生日期', '递交入党申请书之日', '入党宣誓（成为预备党员）之日', '转为正式党员之日'], [2]),
  q('“枫桥经验”的核心是？', ['矛盾不上交、就地化解', '一切交给上级处理', '只靠法院解决纠纷', '减少群众参与'], [0]),
];

async function publish(db: Db, orgIds: readonly string[], material: (typeof MATERIALS)[number], createdAt: Date) {
  const [row] = await db.insert(studyMaterials).values({ title: material.title, body: material.body, links: [...material.links], studyPoints: material.studyPoints, createdByName: '社区党委', createdAt, updatedAt: createdAt }).returning();
  await db.insert(studyMaterialOrgs).values(orgIds.map((orgId) => ({ materialId: row!.id, orgId })));
  return row!;
}

/** Demo 学习教育: three materials, a 党史知识测试, and studies and attempts so 学习之星 is not empty. */
export async function seedDemoLearning({ db, services }: DemoSeedContext): Promise<void> {
  const { communityA, gridA } = await demoPlaces({ services });
  const [committee] = await db.select().from(partyOrgs).where(and(eq(partyOrgs.placeId, communityA.id), eq(partyOrgs.type, 'community_committee')));
  const [branch] = await db.select().from(partyOrgs).where(and(eq(partyOrgs.placeId, gridA.id), eq(partyOrgs.type, 'branch')));
  if (!committee || !branch) return;
  const day = 86_400_000;
  const now = Date.now();
  const [charter, congress, story] = [
    await publish(db, [committee.id], MATERIALS[0], new Date(now - 20 * day)),
    await publish(db, [committee.id], MATERIALS[1], new Date(now - 12 * day)),
    await publish(db, [branch.id], MATERIALS[2], new Date(now - 5 * day)),
  ];
  const questions = DEMO_QUIZ_QUESTIONS.map((x) => ({ ...x, options: [...x.options], correct: [...x.correct] }));
  const [quiz] = await db
    .insert(quizzes)
    .values({
      title: '党史知识测试',
      description: '10 道单选、多选题，限时 10 分钟，60 分及格，可多次作答取最高分。',
      opensAt: new Date(now - 15 * day),
      closesAt: new Date(now + 30 * day),
      timeLimitSeconds: 600,
      attemptPolicy: 'best',
      passScore: 60,
      totalPoints: totalPointsOf(questions),
      studyPoints: 5,
      questions,
      createdAt: new Date(now - 15 * day),
    })
    .returning();
  await db.insert(quizOrgs).values({ quizId: quiz!.id, orgId: committee.id });

  // Members of community A (张明 first), each with a different amount of study, so the board has an order.
  const members = await db.select({ id: partyMembers.id, userId: partyMembers.userId }).from(partyMembers).where(like(partyMembers.placePath, `${communityA.path}%`)).orderBy(asc(partyMembers.seq)).limit(6);
  const plans = [
    { materials: [charter, congress, story], correctAnswers: 9 },
    { materials: [charter, congress], correctAnswers: 7 },
    { materials: [charter], correctAnswers: 4 },
    { materials: [congress], correctAnswers: null },
  ];
  for (const [i, member] of members.entries()) {
    const plan = plans[i % plans.length]!;
    for (const [k, material] of plan.materials.entries()) {
      // Some hours after publication, later for each next member, never in the future.
      const studiedAt = new Date(Math.min(material.createdAt.getTime() + (6 + 10 * i + k) * 3_600_000, now - 3_600_000));
      await db.insert(studyRecords).values({ materialId: material.id, memberId: member.id, mode: 'self', recordedBy: member.userId ?? member.id, studiedAt });
      const reason = `学习《${material.title}》`;
      await earnStudyPoints(db, { memberId: member.id, sourceType: 'study-material', sourceId: material.id, points: material.studyPoints, reason, earnedAt: studiedAt });
      await awardMemberScore(db, { memberId: member.id, item: 'study', sourceType: 'study-material', sourceId: material.id, occurredAt: studiedAt, reason });
    }
    if (plan.correctAnswers === null) continue;
    // Right answers to the first n questions, the last option everywhere else.
    const answers = questions.map((question, n) => (n < plan.correctAnswers ? question.correct : [question.options.length - 1]));
    const score = questions.reduce((sum, question, n) => sum + (isCorrect(question, answers[n]!) ? question.points : 0), 0);
    const startedAt = new Date(now - (3 + i) * day);
    const submittedAt = new Date(startedAt.getTime() + 6 * 60_000);
    await db.insert(quizAttempts).values({ quizId: quiz!.id, memberId: member.id, attemptNo: 1, startedAt, deadline: new Date(startedAt.getTime() + 600_000), submittedAt, answers, score, passed: score >= quiz!.passScore });
    if (score >= quiz!.passScore) {
      const reason = `通过测试《${quiz!.title}》`;
      await earnStudyPoints(db, { memberId: member.id, sourceType: 'quiz', sourceId: quiz!.id, points: quiz!.studyPoints, reason, earnedAt: submittedAt });
      await awardMemberScore(db, { memberId: member.id, item: 'quiz-passed', sourceType: 'quiz-attempt', sourceId: quiz!.id, occurredAt: submittedAt, reason });
    }
  }
}
