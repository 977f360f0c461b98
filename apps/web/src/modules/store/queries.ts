export const STORE_KEY = ['store'] as const;
export const GOODS_KEY = ['store', 'goods'] as const;
export const DONATIONS_KEY = ['store', 'donations'] as const;
export const REDEMPTIONS_KEY = ['store', 'redemptions'] as const;
