/**
 * Dictionary of the in-service enrolment, service post and employer report pages (admin web and /h5 party pages), merged into `messages.ts`.
 */
export const enrolmentsZhCN = {
};

export type EnrolmentsMessageKey = keyof typeof enrolmentsZhCN;

export const enrolmentsEnUS: Record<EnrolmentsMessageKey, string> = {
};
