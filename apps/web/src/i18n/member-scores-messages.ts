/**
 * Dictionary of the member score (党员积分) pages (admin web and /h5), merged into `messages.ts`.
 */
export const memberScoresZhCN = {
};

export type MemberScoresMessageKey = keyof typeof memberScoresZhCN;

export const memberScoresEnUS: Record<MemberScoresMessageKey, string> = {
};
