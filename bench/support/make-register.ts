// Writes a residents register of N rows as Excel would (shared strings), for the import benchmark.
// Runs in its own process so that the writer's memory does not count against the import's.
// Run: npx tsx bench/support/make-register.ts <file> <rows> <households>
import ExcelJS from 'exceljs';
import { checkDigitOf } from '@gridwork/contracts';
import { COLUMNS } from '../../apps/server/src/modules/residents/residents.excel';

const [file, rowsArg, householdsArg] = process.argv.slice(2);
if (!file || !rowsArg || !householdsArg) throw new Error('usage: make-register.ts <file> <rows> <households>');
const rows = Number(rowsArg);
const households = Number(householdsArg);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国志强文斌宇浩然欣怡子涵梓轩雨桐晨曦思远佳琪嘉怡俊杰';

const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
const sheet = writer.addWorksheet('居民');
sheet.addRow(COLUMNS.map((c) => c.header)).commit();
for (let i = 0; i < rows; i++) {
  const birth = new Date(Date.UTC(1940, 0, 1) + (i % 25_000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `340406${ymd}${String(Math.floor(i / 25_000) * 10 + (i % 10)).padStart(3, '0')}`;
  const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + (i % 3 === 0 ? GIVEN[(i * 13) % GIVEN.length]! : '');
  sheet
    .addRow([name, '居民身份证', first17 + checkDigitOf(first17), null, null, `BH${String((i % households) + 1).padStart(6, '0')}`, i % 3 === 0 ? '户主' : '子女', '常住', `138${String(i).padStart(8, '0')}`, '职员', '某某公司', null])
    .commit();
}
sheet.commit();
await writer.commit();
