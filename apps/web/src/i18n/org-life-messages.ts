/**
 * Dictionary of the org-life session (三会一课 · 主题党日) pages, merged into `messages.ts`.
 */
export const orgLifeZhCN = {
};

export type OrgLifeMessageKey = keyof typeof orgLifeZhCN;

export const orgLifeEnUS: Record<OrgLifeMessageKey, string> = {
};
