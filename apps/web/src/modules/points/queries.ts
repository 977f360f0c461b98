export const POINTS_KEY = ['points'] as const;
export const pointsAccountKey = (residentId: string) => ['points', 'account', residentId] as const;
