import { and, asc, between, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { EmployerReport, EmployerReportQuery } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { auditContextOf, requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { unprocessable } from '../../platform/errors';
import type { PlacesService } from '../places/places.service';
import { loadExcel } from '../residents/residents.exceljs';
import { partyEnrolments } from './enrolments.tables';
import { placeFilterPath, under } from './service-posts.rules';
import { servicePostClaims, servicePostHours, servicePosts } from './service-posts.tables';
import { chinaDay } from '../../platform/china-time';

export interface EmployerReportDeps {
  readonly db: Db;
  readonly places: PlacesService;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** 在职党员报到情况 per employer unit: who enrolled (by the end of the period), hours confirmed in it, and on which posts. */
export function createEmployerReport({ db, places }: EmployerReportDeps) {
  async function report(actor: Actor, query: z.output<typeof EmployerReportQuery>): Promise<EmployerReport> {
    requirePermission(actor, 'enrolment.approve');
    const scope = scopeOf(actor, 'enrolment.approve');
    const today = chinaDay();
    const from = query.from ?? `${today.slice(0, 4)}-01-01`;
    const to = query.to ?? today;
    if (to < from) throw unprocessable('employer_report_period_invalid', { from, to });
    const c: SQL[] = [scopeCondition(scope, partyEnrolments.placePath), eq(partyEnrolments.state, 'approved'), isNotNull(partyEnrolments.memberId)];
    if (query.communityId) c.push(sql`${partyEnrolments.placePath} LIKE ${under(await placeFilterPath(places, db, query.communityId, scope.paths))}`);
    // Enrolled by the end of the period, in Beijing days.
    c.push(sql`(${partyEnrolments.decidedAt} AT TIME ZONE 'Asia/Shanghai')::date <= ${to}::date`);
    const enrolled = await db.select().from(partyEnrolments).where(and(...c)).orderBy(asc(partyEnrolments.employer), asc(partyEnrolments.seq));
    const memberIds = enrolled.map((e) => e.memberId!);
    const hours =
      memberIds.length === 0
        ? []
        : await db
            .select({ memberId: servicePostHours.memberId, postId: servicePosts.id, title: servicePosts.title, hours: servicePostHours.hours })
            .from(servicePostHours)
            .innerJoin(servicePostClaims, eq(servicePostClaims.id, servicePostHours.claimId))
            .innerJoin(servicePosts, eq(servicePosts.id, servicePostClaims.postId))
            .where(and(inArray(servicePostHours.memberId, memberIds), eq(servicePostHours.status, 'confirmed'), between(servicePostHours.servedOn, from, to)));
    const employers = [...new Set(enrolled.map((e) => e.employer))];
    const rows = employers.map((employer) => {
      const people = enrolled.filter((e) => e.employer === employer);
      const ids = new Set(people.map((p) => p.memberId!));
      const served = hours.filter((h) => ids.has(h.memberId));
      const posts = [...new Set(served.map((h) => h.postId))].map((postId) => {
        const on = served.filter((h) => h.postId === postId);
        return { postId, title: on[0]!.title, hours: round1(on.reduce((n, h) => n + h.hours, 0)) };
      });
      return {
        employer,
        members: people.map((p) => ({
          memberId: p.memberId!,
          name: p.name,
          homeOrgName: p.homeOrgName,
          enrolledOn: chinaDay(p.decidedAt ?? p.createdAt),
          hours: round1(served.filter((h) => h.memberId === p.memberId).reduce((n, h) => n + h.hours, 0)),
        })),
        memberCount: people.length,
        hoursConfirmed: round1(served.reduce((n, h) => n + h.hours, 0)),
        posts,
      };
    });
    return {
      communityId: query.communityId ?? null,
      from,
      to,
      rows,
      totals: { employers: rows.length, members: enrolled.length, hoursConfirmed: round1(rows.reduce((n, r) => n + r.hoursConfirmed, 0)) },
    };
  }

  return {
    report,

    /** The same report as an xlsx workbook: a summary per unit and a sheet of members; audited. */
    async exportXlsx(actor: Actor, query: z.output<typeof EmployerReportQuery>): Promise<{ buffer: Buffer; fileName: string }> {
      const data = await report(actor, query);
      const ExcelJS = await loadExcel();
      const book = new ExcelJS.Workbook();
      const summary = book.addWorksheet('按单位汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
      summary.columns = [
        { header: '工作单位', width: 30 },
        { header: '报到党员人数', width: 14 },
        { header: '报到党员', width: 40 },
        { header: '确认服务时长（小时）', width: 20 },
        { header: '服务岗位', width: 50 },
      ];
      for (const r of data.rows) summary.addRow([r.employer, r.memberCount, r.members.map((m) => m.name).join('、'), r.hoursConfirmed, r.posts.map((p) => `${p.title}（${p.hours} 小时）`).join('；')]);
      summary.addRow(['合计', data.totals.members, '', data.totals.hoursConfirmed, '']);
      const members = book.addWorksheet('报到党员明细', { views: [{ state: 'frozen', ySplit: 1 }] });
      members.columns = [
        { header: '工作单位', width: 30 },
        { header: '姓名', width: 12 },
        { header: '所在单位党组织', width: 30 },
        { header: '报到日期', width: 14 },
        { header: '确认服务时长（小时）', width: 20 },
      ];
      for (const r of data.rows) for (const m of r.members) members.addRow([r.employer, m.name, m.homeOrgName ?? '', m.enrolledOn, m.hours]);
      for (const sheet of [summary, members]) sheet.getRow(1).font = { bold: true };
      await writeAudit(db, auditContextOf(actor), { action: 'enrolment.employer-report.export', entityType: 'party_enrolment', after: { ...query, from: data.from, to: data.to, rows: data.rows.length } });
      const buffer = Buffer.from(await book.xlsx.writeBuffer());
      return { buffer, fileName: `在职党员报到情况（${data.from}至${data.to}）.xlsx` };
    },
  };
}

export type EmployerReportService = ReturnType<typeof createEmployerReport>;
