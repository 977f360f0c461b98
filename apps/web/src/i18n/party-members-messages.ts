/**
 * Dictionary of the party member register, anniversaries and member detail pages (admin web), merged into `messages.ts`.
 */
export const partyMembersZhCN = {
  // menu (the whole 党建工作 group)
  'nav.party': '党建工作',
  'nav.partyMembers': '党员名册',
  'nav.partyAnniversaries': '政治生日',
  'nav.enrolments': '报到审核',
  'nav.servicePosts': '服务岗位',
  'nav.employerReport': '单位报到统计',
  'nav.orgLifeSessions': '三会一课',
  'nav.orgLifeCompleteness': '组织生活完成情况',
  'nav.learning': '学习教育',
  'nav.quizzes': '知识测试',
  'nav.memberScores': '党员积分',
  'nav.scoreEntries': '积分录入与审核',
  'nav.scoreItems': '积分细则',
};

export type PartyMembersMessageKey = keyof typeof partyMembersZhCN;

export const partyMembersEnUS: Record<PartyMembersMessageKey, string> = {
  'nav.party': 'Party work',
  'nav.partyMembers': 'Member register',
  'nav.partyAnniversaries': 'Party anniversaries',
  'nav.enrolments': 'Enrolment approvals',
  'nav.servicePosts': 'Service posts',
  'nav.employerReport': 'Employer report',
  'nav.orgLifeSessions': 'Org-life sessions',
  'nav.orgLifeCompleteness': 'Org-life completeness',
  'nav.learning': 'Learning',
  'nav.quizzes': 'Quizzes',
  'nav.memberScores': 'Member scores',
  'nav.scoreEntries': 'Score entries',
  'nav.scoreItems': 'Scoresheet',
};
