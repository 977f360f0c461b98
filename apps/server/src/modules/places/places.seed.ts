import { sql } from 'drizzle-orm';
import type { GridBoundary } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { findDistrict, townsOf } from '../../platform/gbt2260';
import type { DemoSeedContext } from '../../platform/module';
import { boundingBox } from './places.geometry';
import * as repo from './places.repo';

export const DEMO_DISTRICT_CODE = '340406';
/** Community A and B of the demo accounts are the first two communities of the first subdistrict. */
export const demoCommunityCode = (communityIndex: number, townCode: string) => `${townCode}${String(communityIndex + 1).padStart(3, '0')}`;

const COMMUNITY_NAMES = ['朝阳', '和平', '幸福', '建设', '光明', '团结', '新华', '东风', '春华', '平安', '锦绣', '振兴', '安康', '祥和', '滨河', '文苑'];
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function rectangle(west: number, south: number, east: number, north: number): GridBoundary {
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return { type: 'Polygon', coordinates: [[[r(west), r(south)], [r(east), r(south)], [r(east), r(north)], [r(west), r(north)], [r(west), r(south)]]] };
}

interface Sizes {
  towns: number;
  communitiesPerTown: number;
  bigGrids: number;
  smallGrids: number;
  buildings: number;
  floors: number;
  householdsPerFloor: number;
}

const SIZES: Readonly<Record<'small' | 'full', Sizes>> = {
  small: { towns: 2, communitiesPerTown: 2, bigGrids: 2, smallGrids: 2, buildings: 2, floors: 2, householdsPerFloor: 2 },
  full: { towns: 99, communitiesPerTown: 3, bigGrids: 3, smallGrids: 2, buildings: 4, floors: 6, householdsPerFloor: 2 },
};

/** Builds one place row and remembers it for the batch insert. */
class TreeBuilder {
  readonly rows: repo.NewPlaceRow[] = [];
  constructor(private seq: number) {}
  add(parent: { path: string; depth: number; id: string } | null, row: Omit<repo.NewPlaceRow, 'id' | 'seq' | 'path' | 'depth' | 'parentId'>) {
    const seq = this.seq++;
    const id = crypto.randomUUID();
    const path = `${parent?.path ?? '/'}${seq}/`;
    const depth = parent ? parent.depth + 1 : 0;
    const bbox = row.boundary ? boundingBox(row.boundary) : {};
    this.rows.push({ ...row, ...bbox, id, seq, path, depth, parentId: parent?.id ?? null });
    return { id, path, depth };
  }
}

async function reserveSeqs(db: Db, count: number): Promise<number> {
  const first = await repo.nextSeq(db);
  // Advance the sequence past the block we are about to use.
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('places', 'seq'), ${first + count})`);
  return first;
}

/** The demo district 安徽省淮南市潘集区 with its real subdistricts (GB/T 2260) and generated communities below. */
export async function seedDemoPlaces({ db, size }: DemoSeedContext): Promise<void> {
  const district = findDistrict(DEMO_DISTRICT_CODE)!;
  const s = SIZES[size];
  const towns = townsOf(DEMO_DISTRICT_CODE).slice(0, s.towns);
  const estimate = 1 + towns.length * (1 + s.communitiesPerTown * (1 + s.bigGrids * (1 + s.smallGrids * (1 + s.buildings * (1 + s.floors * s.householdsPerFloor)))));
  const tree = new TreeBuilder(await reserveSeqs(db, estimate + 10));
  const root = tree.add(null, { type: 'district', name: district.name, code: district.code });
  let nameIndex = 0;
  towns.forEach((town, t) => {
    const townNode = tree.add(root, { type: 'subdistrict', name: town.name, code: town.code, sortOrder: t });
    for (let c = 0; c < s.communitiesPerTown; c++) {
      const communityCode = demoCommunityCode(c, town.code);
      const community = tree.add(townNode, { type: 'community', name: `${COMMUNITY_NAMES[nameIndex++ % COMMUNITY_NAMES.length]}社区`, code: communityCode, sortOrder: c });
      const west = 116.72 + t * 0.025;
      const south = 32.74 + c * 0.012;
      const width = 0.02;
      const height = 0.01;
      for (let g = 0; g < s.bigGrids; g++) {
        const gw = west + (width / s.bigGrids) * g;
        const ge = gw + width / s.bigGrids;
        const big = tree.add(community, {
          type: 'grid',
          name: `第${ORDINALS[g]}网格`,
          code: `${communityCode}-${String(g + 1).padStart(2, '0')}`,
          sortOrder: g,
          boundary: rectangle(gw, south, ge, south + height),
        });
        for (let k = 0; k < s.smallGrids; k++) {
          const ks = south + (height / s.smallGrids) * k;
          const small = tree.add(big, {
            type: 'grid',
            name: `第${ORDINALS[g]}网格${k + 1}号小网格`,
            code: `${communityCode}-${String(g + 1).padStart(2, '0')}-${String(k + 1).padStart(2, '0')}`,
            sortOrder: k,
            boundary: rectangle(gw, ks, ge, ks + height / s.smallGrids),
          });
          for (let b = 0; b < s.buildings; b++) {
            const number = g * 100 + k * 10 + b + 1;
            const building = tree.add(small, { type: 'building', name: `${number}栋`, code: `${communityCode}-B${number}`, sortOrder: b });
            for (let f = 1; f <= s.floors; f++)
              for (let h = 1; h <= s.householdsPerFloor; h++) {
                tree.add(building, { type: 'household', name: `${number}栋${f}0${h}室`, code: `${communityCode}-B${number}-${f}0${h}`, sortOrder: f * 100 + h });
              }
          }
        }
      }
    }
  });
  await repo.insertPlaces(db, tree.rows);
}
