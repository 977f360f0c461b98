import type { CreateStoreDonation } from '@gridwork/contracts';
import type { z } from 'zod';
import type { DemoSeedContext } from '../../platform/module';
import { SYSTEM_ACTOR } from '../../platform/system-actor';
import * as identityRepo from '../../platform/identity/identity.repo';
import { demoPlaces } from '../accounts/accounts.seed';

/** Community A's 爱心超市: everyday goods priced in points, as the seeds' stores stock them. */
const CATALOGUE = [
  { name: '大米 5kg', category: '粮油', pointsPrice: 200, stock: 20, unit: '袋' },
  { name: '食用油 1.8L', category: '粮油', pointsPrice: 150, stock: 15, unit: '桶' },
  { name: '挂面 1kg', category: '粮油', pointsPrice: 40, stock: 30, unit: '包' },
  { name: '洗衣液 2kg', category: '日用品', pointsPrice: 80, stock: 25, unit: '瓶' },
  { name: '毛巾', category: '日用品', pointsPrice: 30, stock: 50, unit: '条' },
  { name: '牙膏', category: '日用品', pointsPrice: 20, stock: 60, unit: '支' },
  { name: '香皂', category: '日用品', pointsPrice: 15, stock: 40, unit: '块' },
  { name: '抽纸（6包装）', category: '日用品', pointsPrice: 35, stock: 30, unit: '提' },
  { name: '雨伞', category: '生活用品', pointsPrice: 60, stock: 12, unit: '把' },
  { name: '保温杯', category: '生活用品', pointsPrice: 90, stock: 8, unit: '个' },
  { name: '老花镜', category: '生活用品', pointsPrice: 50, stock: 10, unit: '副' },
  { name: '鸡蛋（30枚）', category: '副食', pointsPrice: 45, stock: 0, unit: '盒' },
  { name: '作业本（10本）', category: '文具', pointsPrice: 25, stock: 40, unit: '套' },
] as const;

export async function seedDemoStore({ db, services }: DemoSeedContext): Promise<void> {
  const { communityA } = await demoPlaces({ services });
  const goods = new Map<string, string>();
  for (const item of CATALOGUE) {
    const created = await services.store.goods.create(SYSTEM_ACTOR, { placeId: communityA.id, ...item, active: true });
    goods.set(item.name, created.id);
  }
  const donations: z.output<typeof CreateStoreDonation>[] = [
    { kind: 'goods', donorType: 'partner_unit', donorName: '区供电公司', goodsId: goods.get('大米 5kg')!, quantity: 10, estimatedValue: 350 },
    { kind: 'goods', donorType: 'partner_unit', donorName: '惠民超市', goodsId: goods.get('鸡蛋（30枚）')!, quantity: 20, estimatedValue: 500 },
    { kind: 'goods', donorType: 'resident', donorName: '王建华', goodsId: goods.get('雨伞')!, quantity: 5, estimatedValue: 150, note: '家里多余的新雨伞' },
    { kind: 'goods', donorType: 'partner_unit', donorName: '社区卫生服务中心', placeId: communityA.id, newGoods: { name: '口罩（50只）', category: '日用品', pointsPrice: 20, unit: '盒' }, quantity: 30, estimatedValue: 450 },
    { kind: 'cash', donorType: 'partner_unit', donorName: '城建集团第三党支部', placeId: communityA.id, amount: 2000, purpose: '补充爱心超市粮油' },
    { kind: 'cash', donorType: 'resident', donorName: '匿名居民', placeId: communityA.id, amount: 200, purpose: '困难家庭慰问' },
  ];
  for (const donation of donations) await services.store.donations.create(SYSTEM_ACTOR, donation);

  // The demo resident's redemption history, when the ledger seeded points for them first.
  const user = await identityRepo.findUserByUsername(db, 'resident');
  const residentId = user ? await services.residents.residentIdOf(user.id) : undefined;
  if (residentId && (await services.points.balanceOf(residentId)) >= 50) {
    await services.store.redemptions.redeem(SYSTEM_ACTOR, { residentId, goodsId: goods.get('毛巾')!, quantity: 1 }, undefined);
    await services.store.redemptions.redeem(SYSTEM_ACTOR, { residentId, goodsId: goods.get('牙膏')!, quantity: 1 }, undefined);
  }
}
