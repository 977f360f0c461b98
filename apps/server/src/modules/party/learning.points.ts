import type { StudyPointSource } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { studyPoints } from './learning.tables';

export interface StudyPointAward {
  readonly memberId: string;
  readonly sourceType: StudyPointSource;
  readonly sourceId: string;
  readonly points: number;
  readonly reason: string;
  readonly earnedAt: Date;
}

/** Credits study points once per member and source, in the caller's transaction; returns what was credited. */
export async function earnStudyPoints(tx: Db, award: StudyPointAward): Promise<number> {
  if (award.points <= 0) return 0;
  const rows = await tx.insert(studyPoints).values(award).onConflictDoNothing().returning({ id: studyPoints.id });
  return rows.length > 0 ? award.points : 0;
}
