/**
 * Dictionary of the study material, quiz and leaderboard pages (admin web and /h5), merged into `messages.ts`.
 */
export const learningZhCN = {
};

export type LearningMessageKey = keyof typeof learningZhCN;

export const learningEnUS: Record<LearningMessageKey, string> = {
};
