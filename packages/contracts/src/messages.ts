import type { Locale } from './common';
import type { Role } from './roles';
import type { PlaceType } from './places';
import type { PartyOrgType } from './party';
import type { RequestAction, RequestChannel, RequestStatus, Triage, Urgency } from './requests';
import type { WishStatus } from './wishes';

type Text = Readonly<Record<Locale, string>>;

/** Stable error codes and their messages; `{name}` placeholders are filled from params. */
export const ERROR_MESSAGES = {
  validation_failed: { 'zh-CN': '提交的数据不符合要求', 'en-US': 'The submitted data is invalid' },
  malformed_json: { 'zh-CN': '请求体不是有效的 JSON', 'en-US': 'The request body is not valid JSON' },
  unsupported_media_type: { 'zh-CN': '不支持的请求内容类型', 'en-US': 'Unsupported content type' },
  payload_too_large: { 'zh-CN': '请求内容过大', 'en-US': 'The request is too large' },
  not_found: { 'zh-CN': '记录不存在或无权访问', 'en-US': 'Not found' },
  route_not_found: { 'zh-CN': '接口不存在', 'en-US': 'No such endpoint' },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  forbidden: { 'zh-CN': '没有执行此操作的权限', 'en-US': 'You are not allowed to do this' },
  csrf_invalid: { 'zh-CN': '页面已过期，请刷新后重试（CSRF 校验失败）', 'en-US': 'The page has expired; reload and try again (CSRF check failed)' },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  account_locked: { 'zh-CN': '登录失败次数过多，账号已锁定 {minutes} 分钟', 'en-US': 'Too many failed sign-ins; locked for {minutes} minutes' },
  totp_required: { 'zh-CN': '请输入动态验证码', 'en-US': 'Enter your one-time code' },
  totp_invalid: { 'zh-CN': '动态验证码错误', 'en-US': 'Wrong one-time code' },
  password_change_required: { 'zh-CN': '首次登录请先修改密码', 'en-US': 'Change your password before continuing' },
  totp_enrolment_required: { 'zh-CN': '请先绑定动态验证码（双因素认证）', 'en-US': 'Set up two-factor authentication first' },
  password_too_weak: { 'zh-CN': '新密码至少 10 位，且须同时包含字母和数字', 'en-US': 'The new password needs 10+ characters with letters and digits' },
  password_reused: { 'zh-CN': '新密码不能与当前密码相同', 'en-US': 'The new password must differ from the current one' },
  wrong_current_password: { 'zh-CN': '当前密码错误', 'en-US': 'The current password is wrong' },
  place_type_not_allowed: { 'zh-CN': '“{parentType}”下不能建立“{childType}”', 'en-US': 'A {childType} cannot be placed under a {parentType}' },
  place_has_children: { 'zh-CN': '该地点下还有 {count} 个下级，不能删除', 'en-US': 'This place still has {count} children and cannot be deleted' },
  place_has_dependents: { 'zh-CN': '该地点仍有关联数据（{what}），不能删除', 'en-US': 'This place still has linked data ({what}) and cannot be deleted' },
  place_move_into_descendant: { 'zh-CN': '不能把地点移动到它自己或它的下级之下', 'en-US': 'A place cannot be moved under itself or its descendants' },
  place_code_taken: { 'zh-CN': '编码“{code}”已被使用', 'en-US': 'The code "{code}" is already in use' },
  place_move_breaks_links: { 'zh-CN': '不能移动：{what}', 'en-US': 'Cannot move: {what}' },
  place_root_immutable: { 'zh-CN': '区县根节点不能移动或删除', 'en-US': 'The district root cannot be moved or deleted' },
  boundary_only_for_grids: { 'zh-CN': '只有网格可以设置边界', 'en-US': 'Only grids have boundaries' },
  boundary_invalid: { 'zh-CN': '网格边界无效：{reason}', 'en-US': 'Invalid grid boundary: {reason}' },
  no_grid_at_point: { 'zh-CN': '该位置不在任何网格内', 'en-US': 'No grid contains this point' },
  username_taken: { 'zh-CN': '用户名“{username}”已存在', 'en-US': 'The username "{username}" is taken' },
  separated_duties: { 'zh-CN': '系统管理员、安全管理员、审计员三员分立，同一账号不能兼任，也不能兼有其他角色', 'en-US': 'System admin, security admin and auditor are separated duties: such an account holds that one role only' },
  role_outside_scope: { 'zh-CN': '只能在自己管辖范围内分配角色', 'en-US': 'Roles can only be assigned within your own scope' },
  role_already_assigned: { 'zh-CN': '该账号在此地点已有此角色', 'en-US': 'This account already has this role at this place' },
  role_place_mismatch: { 'zh-CN': '角色“{role}”不能分配在“{placeType}”层级', 'en-US': 'The role {role} cannot be assigned at a {placeType}' },
  last_role: { 'zh-CN': '这是该账号唯一的角色，不能移除；如需停用请禁用账号', 'en-US': 'This is the account’s only role; disable the account instead' },
  cannot_change_self: { 'zh-CN': '不能对自己的账号执行此操作', 'en-US': 'You cannot do this to your own account' },
  party_org_type_not_allowed: { 'zh-CN': '“{parentType}”下不能建立“{childType}”', 'en-US': 'A {childType} cannot be placed under a {parentType}' },
  party_org_has_children: { 'zh-CN': '该党组织下还有 {count} 个下级组织，不能删除', 'en-US': 'This organisation still has {count} sub-organisations' },
  party_org_place_mismatch: { 'zh-CN': '党组织所服务的地点必须在上级组织的地点范围内', 'en-US': 'The place served must lie within the parent organisation’s place' },
  id_number_invalid: { 'zh-CN': '身份证号码无效：{reason}', 'en-US': 'Invalid ID number: {reason}' },
  id_number_mismatch: { 'zh-CN': '{field}与身份证号码不一致', 'en-US': 'The {field} does not match the ID number' },
  birth_date_required: { 'zh-CN': '非居民身份证须填写出生日期和性别', 'en-US': 'Birth date and gender are required for this document type' },
  birth_date_invalid: { 'zh-CN': '出生日期不合理（不能晚于今天或早于 1890 年）', 'en-US': 'Implausible birth date' },
  resident_duplicate: { 'zh-CN': '证件号码已登记（{name}）', 'en-US': 'This document number is already registered ({name})' },
  resident_minor_forbidden: { 'zh-CN': '查看未满 14 周岁儿童的档案需要专门权限', 'en-US': 'Opening the record of a child under 14 needs its own permission' },
  household_not_empty: { 'zh-CN': '该户还有 {count} 名居民，不能删除', 'en-US': 'This household still has {count} residents' },
  household_head_not_member: { 'zh-CN': '户主必须是本户成员', 'en-US': 'The head must be a member of the household' },
  care_group_unknown: { 'zh-CN': '未知的重点人群类别：{code}', 'en-US': 'Unknown care group: {code}' },
  care_group_grade_not_allowed: { 'zh-CN': '“{name}”不分等级', 'en-US': '{name} has no grades' },
  date_range_invalid: { 'zh-CN': '结束日期不能早于开始日期', 'en-US': 'The end date is before the start date' },
  resident_anonymised: { 'zh-CN': '该居民档案已匿名化，不能修改', 'en-US': 'This record has been anonymised' },
  import_not_xlsx: { 'zh-CN': '请上传 .xlsx 格式的 Excel 文件', 'en-US': 'Upload an .xlsx Excel file' },
  import_too_large: { 'zh-CN': '文件过大：最多 {max}，请拆分后再导入', 'en-US': 'The file is too large (at most {max}); split it' },
  import_too_many_rows: { 'zh-CN': '行数过多：最多 {max} 行，请拆分后再导入', 'en-US': 'Too many rows (at most {max}); split the file' },
  import_bad_layout: { 'zh-CN': '表格格式不符：{reason}。请下载模板后按模板填写', 'en-US': 'Wrong sheet layout: {reason}. Use the template' },
  import_no_file: { 'zh-CN': '请选择要导入的文件', 'en-US': 'Choose a file to import' },
  import_empty: { 'zh-CN': '文件是空的，请选择填写好的 Excel 文件', 'en-US': 'The file is empty' },
  import_no_rows: { 'zh-CN': '表格中没有可导入的数据行（第 1 行为列名，从第 2 行起每行一名居民）', 'en-US': 'The sheet has no data rows' },
  import_bad_mode: { 'zh-CN': '导入方式应为 all-or-nothing（全部成功才导入）或 skip-invalid（跳过错误行）', 'en-US': 'The mode must be all-or-nothing or skip-invalid' },
  import_interrupted: { 'zh-CN': '服务重启导致导入中断，请重新导入（重复导入的居民会被更新，不会重复新增）', 'en-US': 'The import was interrupted by a restart; import the file again (duplicates are updated, not doubled)' },
  import_rows_failed: { 'zh-CN': '有 {count} 行存在错误，按“全部成功才导入”方式未写入任何数据，请下载错误报告修改后重新导入', 'en-US': '{count} rows have errors; nothing was written (all-or-nothing). Download the error report' },
  import_failed: { 'zh-CN': '导入失败：{reason}。已写入的行可重复导入，不会重复新增', 'en-US': 'The import failed: {reason}. Rows already written update on re-import' },
  export_too_many_rows: { 'zh-CN': '导出行数过多（{count} 行，最多 {max} 行），请增加筛选条件', 'en-US': 'Too many rows to export ({count}, at most {max}); narrow the filters' },
  responsible_user_unknown: { 'zh-CN': '走访责任人不存在', 'en-US': 'The person responsible for visits does not exist' },
  visit_in_future: { 'zh-CN': '走访时间不能晚于当前时间', 'en-US': 'The visit cannot be in the future' },
  household_not_a_building: { 'zh-CN': '户只能建在楼栋下', 'en-US': 'A household belongs under a building' },
  category_unknown: { 'zh-CN': '未知或已停用的诉求类别：{code}', 'en-US': 'Unknown or inactive request category: {code}' },
  category_parent_unknown: { 'zh-CN': '上级类别“{code}”不存在', 'en-US': 'The parent category {code} does not exist' },
  request_place_required: { 'zh-CN': '请提供定位、楼栋或住户，以便分派到所在网格', 'en-US': 'Give a location, a building or a household so the request can reach its grid' },
  request_place_invalid: { 'zh-CN': '诉求只能落在网格、楼栋或户上', 'en-US': 'A request belongs to a grid, a building or a household' },
  transition_not_allowed: { 'zh-CN': '当前状态为“{status}”，不能执行“{action}”', 'en-US': 'Cannot {action} a request that is {status}' },
  owner_required: { 'zh-CN': '派单须指定责任人或责任单位', 'en-US': 'Name an owner or an owning unit' },
  owner_outside_scope: { 'zh-CN': '责任人不在该诉求所属辖区内', 'en-US': 'The owner does not work where this request belongs' },
  not_request_owner: { 'zh-CN': '只有责任人或其上级可以办理此诉求', 'en-US': 'Only the owner or their supervisors may handle this request' },
  follow_up_by_reporter_only: { 'zh-CN': '只能评价自己提交的诉求', 'en-US': 'You can only rate your own requests' },
  escalate_at_top: { 'zh-CN': '已上报至最高层级，不能再上报', 'en-US': 'The request is already at the top level' },
  deadline_in_past: { 'zh-CN': '办结时限不能早于当前时间', 'en-US': 'The deadline cannot be in the past' },
  photo_not_image: { 'zh-CN': '只能上传 JPEG、PNG 或 WebP 格式的图片（按文件内容识别）', 'en-US': 'Only JPEG, PNG or WebP images are accepted (checked by content)' },
  photo_too_large: { 'zh-CN': '图片过大：每张最多 {max}', 'en-US': 'The image is too large (at most {max})' },
  photo_too_many_pixels: { 'zh-CN': '图片尺寸过大：最多 {max} 万像素', 'en-US': 'The image has too many pixels (at most {max} megapixels)' },
  photo_unknown: { 'zh-CN': '照片不存在、已被使用或不是您上传的，请重新上传', 'en-US': 'The photo does not exist, is already used or is not yours; upload it again' },
  idempotency_key_reused: { 'zh-CN': '该 Idempotency-Key 已用于内容不同的提交', 'en-US': 'This Idempotency-Key was used for a different submission' },
  idempotency_key_invalid: { 'zh-CN': 'Idempotency-Key 须为 8–100 个可见字符', 'en-US': 'An Idempotency-Key is 8–100 visible characters' },
  request_not_followable: { 'zh-CN': '只能关注同意公开、尚未办结的诉求', 'en-US': 'Only public requests that are still open can be followed' },
  wish_place_required: { 'zh-CN': '请选择心愿所在的网格、楼栋或住户', 'en-US': 'Choose the grid, building or household of the wish' },
  wish_not_claimable: { 'zh-CN': '该心愿当前不能认领（已被认领、已完成或已撤销）', 'en-US': 'This wish cannot be claimed now' },
  wish_own_claim: { 'zh-CN': '不能认领自己发布的心愿', 'en-US': 'You cannot claim a wish you posted' },
  wish_not_claimant: { 'zh-CN': '只有认领人可以标记心愿已完成', 'en-US': 'Only the claimant can mark the wish fulfilled' },
  wish_not_fulfilled: { 'zh-CN': '心愿尚未标记完成，不能确认', 'en-US': 'The wish has not been fulfilled yet' },
  wish_not_poster: { 'zh-CN': '只有发布人或社区工作人员可以确认心愿已实现', 'en-US': 'Only the poster or staff may confirm' },
  api_key_invalid: { 'zh-CN': 'api_key 缺失或无效', 'en-US': 'Missing or invalid api_key' },
  points_insufficient: { 'zh-CN': '积分不足：当前余额 {balance} 分，需要 {needed} 分', 'en-US': 'Not enough points: balance {balance}, needed {needed}' },
  points_already_reversed: { 'zh-CN': '该笔积分已冲正过，不能重复冲正', 'en-US': 'This entry has already been reversed' },
  points_not_reversible: { 'zh-CN': '冲正、过期记录不能再冲正', 'en-US': 'Reversals and expiries cannot be reversed' },
  resident_no_account: { 'zh-CN': '您的账号尚未关联居民档案，请到社区登记', 'en-US': 'Your account is not linked to a resident record; ask your community' },
  store_out_of_stock: { 'zh-CN': '库存不足：{name} 仅剩 {stock}{unit}', 'en-US': 'Out of stock: {stock} {unit} of {name} left' },
  store_goods_inactive: { 'zh-CN': '该物品已下架，不能兑换', 'en-US': 'These goods are no longer offered' },
  store_place_not_community: { 'zh-CN': '爱心超市按社区设立，请选择一个社区', 'en-US': 'A charity store belongs to a community; choose a community' },
  store_resident_elsewhere: { 'zh-CN': '该居民不在此爱心超市所在社区，不能在此兑换', 'en-US': 'The resident does not live in this store\'s community' },
  store_resident_inactive: { 'zh-CN': '该居民档案已迁出或注销，不能兑换', 'en-US': 'The resident has moved out or is no longer registered' },
  store_reserve_own_only: { 'zh-CN': '只能为本人预约兑换', 'en-US': 'You may only reserve for yourself' },
  store_redemption_not_reserved: { 'zh-CN': '该兑换不是待领取状态', 'en-US': 'This redemption is not awaiting pick-up' },
  store_redemption_not_cancellable: { 'zh-CN': '该兑换已取消或已领取，不能取消', 'en-US': 'This redemption is already cancelled or picked up' },
  volunteer_already_registered: { 'zh-CN': '该居民已登记为志愿者', 'en-US': 'This resident is already a volunteer' },
  team_place_invalid: { 'zh-CN': '服务队须属于社区或网格', 'en-US': 'A team belongs to a community or a grid' },
  event_place_invalid: { 'zh-CN': '活动地点须为社区或网格', 'en-US': 'An event belongs to a community or a grid' },
  event_not_open: { 'zh-CN': '活动尚未发布或已取消', 'en-US': 'The event is not published or was cancelled' },
  event_signup_closed: { 'zh-CN': '不在报名时间内（{opens} 至 {closes}），不能报名', 'en-US': 'Sign-up is open only from {opens} to {closes}' },
  event_already_signed_up: { 'zh-CN': '已经报名过该活动，不能重复报名', 'en-US': 'Already signed up for this event' },
  event_signup_not_active: { 'zh-CN': '该报名已取消', 'en-US': 'This sign-up was cancelled' },
  event_not_signed_up: { 'zh-CN': '没有该活动的有效报名（候补中的不能签到）', 'en-US': 'No confirmed sign-up for this event (waitlisted people cannot check in)' },
  event_check_in_code_required: { 'zh-CN': '请扫描组织者出示的签到码', 'en-US': 'Scan the code the organiser shows' },
  event_check_in_code_invalid: { 'zh-CN': '签到码错误或已过期，请重新扫码', 'en-US': 'Wrong or expired check-in code; scan again' },
  event_already_checked_in: { 'zh-CN': '已经签到过，不能重复签到', 'en-US': 'Already checked in' },
  event_not_checked_in: { 'zh-CN': '尚未签到，不能签退', 'en-US': 'Check in before checking out' },
  event_already_checked_out: { 'zh-CN': '已经签退过', 'en-US': 'Already checked out' },
  event_check_out_before_check_in: { 'zh-CN': '签退时间（{out}）不能早于签到时间（{in}）', 'en-US': 'Check-out ({out}) cannot be before check-in ({in})' },
  event_hours_overlap: { 'zh-CN': '服务时段与「{title}」的服务时段重叠，同一时间不能重复计算时长', 'en-US': 'These hours overlap hours already counted at “{title}”' },
  event_attendance_not_checked_out: { 'zh-CN': '尚未签退，不能确认服务时长', 'en-US': 'Not checked out yet; hours cannot be confirmed' },
  event_capacity_below_signups: { 'zh-CN': '名额不能少于已确认报名的人数（{n} 人）；如需减少名额，请先取消部分报名', 'en-US': 'Capacity cannot be below the {n} confirmed sign-ups; cancel some sign-ups first' },
  event_status_transition: { 'zh-CN': '活动状态不能从「{from}」改为「{to}」', 'en-US': 'An event cannot go from “{from}” to “{to}”' },
  event_cancelled_readonly: { 'zh-CN': '活动已取消，不能再修改', 'en-US': 'The event was cancelled and can no longer be edited' },
  event_attendance_confirmed: { 'zh-CN': '服务时长已确认，积分已发放，不能重复确认', 'en-US': 'Already confirmed; points were awarded' },
  lecture_topic_already_voted: { 'zh-CN': '您已为该讲题投过票', 'en-US': 'You already voted for this topic' },
  conflict: { 'zh-CN': '数据冲突，请刷新后重试', 'en-US': 'Conflict; reload and try again' },
  internal_error: { 'zh-CN': '服务器内部错误，请稍后再试', 'en-US': 'Internal server error; try again later' },
  service_unavailable: { 'zh-CN': '服务暂不可用', 'en-US': 'Service unavailable' },
} as const satisfies Record<string, Text>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function formatMessage(code: ErrorCode, locale: Locale, params: Readonly<Record<string, string | number>> = {}): string {
  const template: string = ERROR_MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

export const ROLE_LABELS: Readonly<Record<Role, Text>> = {
  district_admin: { 'zh-CN': '区级管理员', 'en-US': 'District admin' },
  subdistrict_staff: { 'zh-CN': '街道工作人员', 'en-US': 'Subdistrict staff' },
  community_staff: { 'zh-CN': '社区工作人员', 'en-US': 'Community staff' },
  grid_leader: { 'zh-CN': '网格长', 'en-US': 'Grid leader' },
  grid_worker: { 'zh-CN': '网格员', 'en-US': 'Grid worker' },
  grid_informant: { 'zh-CN': '网格信息员', 'en-US': 'Grid informant' },
  building_captain: { 'zh-CN': '楼栋长', 'en-US': 'Building captain' },
  party_member: { 'zh-CN': '党员', 'en-US': 'Party member' },
  resident: { 'zh-CN': '居民', 'en-US': 'Resident' },
  partner_contact: { 'zh-CN': '共驻共建单位联系人', 'en-US': 'Partner contact' },
  system_admin: { 'zh-CN': '系统管理员', 'en-US': 'System admin' },
  security_admin: { 'zh-CN': '安全管理员', 'en-US': 'Security admin' },
  auditor: { 'zh-CN': '审计员', 'en-US': 'Auditor' },
};

export const PLACE_TYPE_LABELS: Readonly<Record<PlaceType, Text>> = {
  district: { 'zh-CN': '区/县', 'en-US': 'District' },
  subdistrict: { 'zh-CN': '街道/乡镇', 'en-US': 'Subdistrict' },
  community: { 'zh-CN': '社区', 'en-US': 'Community' },
  grid: { 'zh-CN': '网格', 'en-US': 'Grid' },
  building: { 'zh-CN': '楼栋', 'en-US': 'Building' },
  household: { 'zh-CN': '户', 'en-US': 'Household' },
};

export const PARTY_ORG_TYPE_LABELS: Readonly<Record<PartyOrgType, Text>> = {
  working_committee: { 'zh-CN': '街道党工委', 'en-US': 'Subdistrict working committee' },
  community_committee: { 'zh-CN': '社区党委', 'en-US': 'Community committee' },
  branch: { 'zh-CN': '党支部', 'en-US': 'Branch' },
  group: { 'zh-CN': '党小组', 'en-US': 'Group' },
};

export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, Text>> = {
  submitted: { 'zh-CN': '待受理', 'en-US': 'Submitted' },
  accepted: { 'zh-CN': '已受理', 'en-US': 'Accepted' },
  assigned: { 'zh-CN': '已派单', 'en-US': 'Assigned' },
  in_progress: { 'zh-CN': '办理中', 'en-US': 'In progress' },
  resolved: { 'zh-CN': '已办结', 'en-US': 'Resolved' },
  followed_up: { 'zh-CN': '已回访', 'en-US': 'Followed up' },
  closed: { 'zh-CN': '已关闭', 'en-US': 'Closed' },
  rejected: { 'zh-CN': '已退回', 'en-US': 'Rejected' },
};

export const REQUEST_ACTION_LABELS: Readonly<Record<RequestAction, Text>> = {
  accept: { 'zh-CN': '受理', 'en-US': 'Accept' },
  assign: { 'zh-CN': '派单', 'en-US': 'Assign' },
  start: { 'zh-CN': '开始办理', 'en-US': 'Start' },
  resolve: { 'zh-CN': '办结', 'en-US': 'Resolve' },
  'follow-up': { 'zh-CN': '回访', 'en-US': 'Follow up' },
  close: { 'zh-CN': '关闭', 'en-US': 'Close' },
  reject: { 'zh-CN': '退回', 'en-US': 'Reject' },
  reopen: { 'zh-CN': '重新办理', 'en-US': 'Reopen' },
  transfer: { 'zh-CN': '转派', 'en-US': 'Transfer' },
  escalate: { 'zh-CN': '上报', 'en-US': 'Escalate' },
};

export const TRIAGE_LABELS: Readonly<Record<Triage, Text>> = {
  major: { 'zh-CN': '大事', 'en-US': 'Major' },
  minor: { 'zh-CN': '小事', 'en-US': 'Minor' },
  private: { 'zh-CN': '私事', 'en-US': 'Private' },
};

export const URGENCY_LABELS: Readonly<Record<Urgency, Text>> = {
  normal: { 'zh-CN': '一般', 'en-US': 'Normal' },
  urgent: { 'zh-CN': '紧急', 'en-US': 'Urgent' },
  critical: { 'zh-CN': '特急', 'en-US': 'Critical' },
};

export const CHANNEL_LABELS: Readonly<Record<RequestChannel, Text>> = {
  mobile: { 'zh-CN': '居民手机端', 'en-US': 'Resident mobile' },
  patrol: { 'zh-CN': '网格巡查', 'en-US': 'Grid patrol' },
  counter: { 'zh-CN': '爱心快递服务站', 'en-US': 'Service counter' },
  phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
  council: { 'zh-CN': '红色议事会', 'en-US': 'Council meeting' },
  proactive: { 'zh-CN': '主动接单', 'en-US': 'Proactive discovery' },
  open311: { 'zh-CN': 'Open311 接口', 'en-US': 'Open311 API' },
};

export const WISH_STATUS_LABELS: Readonly<Record<WishStatus, Text>> = {
  open: { 'zh-CN': '待认领', 'en-US': 'Open' },
  claimed: { 'zh-CN': '已认领', 'en-US': 'Claimed' },
  fulfilled: { 'zh-CN': '待确认', 'en-US': 'Fulfilled' },
  confirmed: { 'zh-CN': '已实现', 'en-US': 'Confirmed' },
  cancelled: { 'zh-CN': '已撤销', 'en-US': 'Cancelled' },
};
