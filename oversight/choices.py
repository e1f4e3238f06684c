"""The oversight system's vocabularies, once: models, rules, forms and demo data import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SanctionKind(models.TextChoices):
    """Sanctions and organisational measures with an effect period (影响期)."""

    ADMONISHMENT = "admonishment", _("Admonishment")  # 诫勉
    PARTY_WARNING = "party_warning", _("Party warning")  # 党内警告
    PARTY_SERIOUS_WARNING = "party_serious_warning", _("Serious party warning")  # 党内严重警告
    PARTY_POST_REMOVAL = "party_post_removal", _("Removal from party posts")  # 撤销党内职务
    GOV_WARNING = "gov_warning", _("Administrative warning")  # 政务/事业单位 警告
    GOV_DEMERIT = "gov_demerit", _("Demerit")  # 记过
    GOV_MAJOR_DEMERIT = "gov_major_demerit", _("Major demerit")  # 记大过
    GOV_DEMOTION = "gov_demotion", _("Demotion in grade")  # 降级
    GOV_DISMISSAL = "gov_dismissal", _("Dismissal from post")  # 撤职
    POST_GRADE_LOWERING = "post_grade_lowering", _("Lowering of post grade")  # 降低岗位等级
    TRANSFER = "transfer", _("Transfer from post")  # 调离岗位
    ORDERED_RESIGNATION = "ordered_resignation", _("Ordered resignation")  # 责令辞职
    REMOVAL = "removal", _("Removal from post")  # 免职
    DEMOTION = "demotion", _("Demotion")  # 降职
    PARTY_PROBATION = "party_probation", _("Party probation")  # 留党察看
    PARTY_EXPULSION = "party_expulsion", _("Expulsion from the party")  # 开除党籍


# Default effect periods in months (national regulations): (no promotion, no higher post).
# The EffectPeriod table starts from these (migration 0002) and administrators edit it.
DEFAULT_EFFECT_MONTHS: dict[str, tuple[int, int | None]] = {
    SanctionKind.ADMONISHMENT: (6, None),
    SanctionKind.PARTY_WARNING: (12, None),
    SanctionKind.PARTY_SERIOUS_WARNING: (18, None),
    SanctionKind.PARTY_POST_REMOVAL: (24, None),
    SanctionKind.GOV_WARNING: (6, None),
    SanctionKind.GOV_DEMERIT: (12, None),
    SanctionKind.GOV_MAJOR_DEMERIT: (18, None),
    SanctionKind.GOV_DEMOTION: (24, None),
    SanctionKind.GOV_DISMISSAL: (24, None),
    SanctionKind.POST_GRADE_LOWERING: (24, None),
    SanctionKind.TRANSFER: (12, None),
    # 责令辞职/免职: no post for 12 months, no post higher than the former one for 24.
    SanctionKind.ORDERED_RESIGNATION: (12, 24),
    SanctionKind.REMOVAL: (12, 24),
    SanctionKind.DEMOTION: (24, None),
    # 留党察看: the probation (up to two years) and no higher party post after it; 开除党籍: five
    # years before readmission. Both editable like the rest.
    SanctionKind.PARTY_PROBATION: (24, None),
    SanctionKind.PARTY_EXPULSION: (60, None),
}


# What each of the four forms may impose (cadres' sanction kinds by severity).
MEASURE_KINDS = frozenset(
    {"admonishment", "transfer", "post_grade_lowering", "ordered_resignation", "removal", "demotion"}
)
KINDS_BY_FORM: dict[int, frozenset[str]] = {
    1: frozenset({"admonishment"}),
    2: frozenset(
        {
            "party_warning",
            "party_serious_warning",
            "gov_warning",
            "gov_demerit",
            "gov_major_demerit",
            "transfer",
        }
    ),
    3: frozenset(
        {
            "party_post_removal",
            "party_probation",
            "gov_demotion",
            "gov_dismissal",
            "post_grade_lowering",
            "ordered_resignation",
            "removal",
            "demotion",
        }
    ),
    4: frozenset({"party_expulsion", "party_probation", "gov_dismissal"}),
}


class ComplaintChannel(models.TextChoices):
    MAILBOX = "mailbox", _("Mailbox")  # 信箱
    PHONE = "phone", _("Phone")  # 电话
    LETTER = "letter", _("Letter")  # 来信
    VISIT = "visit", _("Visit")  # 来访
    ONLINE = "online", _("Online")  # 网络


class ComplaintCategory(models.TextChoices):
    WORK_STYLE = "work_style", _("Work style")  # 作风问题
    INTEGRITY = "integrity", _("Integrity")  # 廉洁问题
    DUTY = "duty", _("Performance of duty")  # 履职问题
    PERSONNEL = "personnel", _("Selection and appointment")  # 选人用人
    OTHER = "other", _("Other")


class ComplaintState(models.TextChoices):
    REGISTERED = "registered", _("Registered")  # 登记
    ACCEPTED = "accepted", _("Accepted")  # 受理
    REJECTED = "rejected", _("Not accepted")  # 不予受理
    DISPOSED = "disposed", _("Disposed")  # 已处置
    CONCLUDED = "concluded", _("Concluded")  # 办结


class DisposalWay(models.TextChoices):
    """The four ways of disposing of a clue (问题线索处置的四类方式)."""

    TALK_INQUIRY = "talk_inquiry", _("Talk or letter inquiry")  # 谈话函询
    PRELIMINARY_CHECK = "preliminary_check", _("Preliminary check")  # 初步核实
    HOLD = "hold", _("Held for later")  # 暂存待查
    CLOSE = "close", _("Closed")  # 予以了结


class ComplaintResult(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated")  # 属实
    PARTLY = "partly", _("Partly substantiated")  # 部分属实
    UNSUBSTANTIATED = "unsubstantiated", _("Not substantiated")  # 不属实
    CLEARED = "cleared", _("Not substantiated; name cleared")  # 澄清正名
    CLOSED = "closed", _("Closed without finding")  # 予以了结


class DayMode(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", _("Working days")


class CaseState(models.TextChoices):
    OPEN = "open", _("Open")  # 立案
    CONCLUDED = "concluded", _("Concluded")  # 结案


class CaseOutcome(models.TextChoices):
    SANCTION = "sanction", _("Sanction")  # 处分
    MEASURE = "measure", _("Organisational measure")  # 组织处理
    EXCUSED = "excused", _("Excused (three distinctions)")  # 三个区分开来 容错免责
    CLOSED = "closed", _("Closed")  # 了结


class FourForm(models.IntegerChoices):
    """The four forms of supervision (监督执纪四种形态) an outcome falls under."""

    FIRST = 1, _("Form 1: criticism, reminder talk, letter inquiry, admonishment")
    SECOND = 2, _("Form 2: light sanction or organisational adjustment")
    THIRD = 3, _("Form 3: heavy sanction or major adjustment")
    FOURTH = 4, _("Form 4: serious violation investigated to the end")


class OpinionState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ANSWERED = "answered", _("Answered")


class OpinionVerdict(models.TextChoices):
    NO_OBJECTION = "no_objection", _("No objection")  # 无意见
    OBJECTION = "objection", _("Objection")  # 有意见


# Complaint deadlines when the settings row has not been edited (calendar days).
DEFAULT_ACCEPT_DAYS = 15
DEFAULT_CONCLUDE_DAYS = 60
DEFAULT_EXTENSION_DAYS = 30


class InquiryState(models.TextChoices):
    SENT = "sent", _("Letter sent")  # 已发函
    REPLIED = "replied", _("Replied")  # 已回复
    CONCLUDED = "concluded", _("Concluded")  # 已了结


# The yearly conduct work (issue 16): responsibility letters, duty reports, the risk register,
# supervised meetings and supervised tasks.


class LetterTier(models.TextChoices):
    """Who signs with whom (党风廉政建设责任书, top-down)."""

    MEMBER = "member", _("Secretary with a committee member")  # 书记 → 班子成员
    UNIT = "unit", _("Committee member with an overseen unit")  # 班子成员 → 分管单位


class LetterState(models.TextChoices):
    PENDING = "pending", _("Not signed")
    SIGNED = "signed", _("Signed")


class LetterGap(models.TextChoices):
    NO_SECRETARY = "no_secretary", _("No party secretary post")
    VACANT_ISSUER = "vacant_issuer", _("Leadership post vacant")
    NO_OVERSEER = "no_overseer", _("Unit overseen by no committee member")
    NO_PRINCIPAL = "no_principal", _("Unit has no principal post")


class DutyReportState(models.TextChoices):
    DUE = "due", _("Due")  # 待提交
    SUBMITTED = "submitted", _("Submitted")  # 已提交
    REVIEWED = "reviewed", _("Reviewed")  # 已评定


class DutyReportGrade(models.TextChoices):
    GOOD = "good", _("Good")  # 好
    FAIRLY_GOOD = "fairly_good", _("Fairly good")  # 较好
    FAIR = "fair", _("Fair")  # 一般
    POOR = "poor", _("Poor")  # 差


class RiskLevel(models.TextChoices):
    HIGH = "high", _("High")  # 高
    MEDIUM = "medium", _("Medium")  # 中
    LOW = "low", _("Low")  # 低


class ReviewOutcome(models.TextChoices):
    """What the yearly review (廉政风险大排查) found at one post."""

    UNCHANGED = "unchanged", _("Unchanged")
    CHANGED = "changed", _("Risks changed")
    ADDED = "added", _("Risks added")
    NONE_FOUND = "none_found", _("No risk found")


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", _("Party committee meeting")  # 党委会
    PRESIDENT = "president", _("President's meeting")  # 校长办公会
    ENROLMENT_EXAM = "enrolment_exam", _("Enrolment examination")  # 招生考试
    RECRUITMENT = "recruitment", _("Recruitment")  # 招聘
    TITLE_EVALUATION = "title_evaluation", _("Title evaluation")  # 职称评审
    CONTRACT = "contract", _("Contract negotiation")  # 合同谈判
    ASSET_DISPOSAL = "asset_disposal", _("Asset disposal")  # 资产处置


class TaskState(models.TextChoices):
    OPEN = "open", _("In progress")  # 办理中
    REPORTED = "reported", _("Reported done")  # 已报办结
    DONE = "done", _("Done")  # 已办结


class ProgressKind(models.TextChoices):
    PROGRESS = "progress", _("Progress report")  # 进展
    DONE_CLAIM = "done_claim", _("Reported done")  # 报办结
    SENT_BACK = "sent_back", _("Sent back")  # 退回
    ACCEPTED = "accepted", _("Accepted as done")  # 确认办结


# Figures of the yearly work when the caller gives none.
DEFAULT_LETTER_SIGN_BY = (3, 31)  # month, day of the year the letters are for
LETTER_SCAN_MAX_BYTES = 10 * 2**20
LETTER_SCAN_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")
TASK_WARN_DAYS = 3  # how far ahead the job warns of a supervised task's deadline
DUTY_REPORT_WARN_DAYS = 7
REVIEW_WARN_DAYS = 7
# ---- 凡提四必 records: personnel-file review, personal-matters reports, private travel abroad ----


class FileItem(models.TextChoices):
    """三龄二历一身份: what a personnel-file review compares with the record."""

    BIRTH_DATE = "birth_date", _("Date of birth")  # 出生日期
    WORK_START_DATE = "work_start_date", _("Date of starting work")  # 参加工作时间
    PARTY_JOIN_DATE = "party_join_date", _("Date of joining the party")  # 入党时间
    EDUCATION = "education", _("Education")  # 学历学位
    WORK_HISTORY = "work_history", _("Work history")  # 工作经历
    CADRE_STATUS = "cadre_status", _("Cadre status")  # 干部身份


class FileFinding(models.TextChoices):
    CONSISTENT = "consistent", _("Consistent")  # 一致
    CORRECTED = "corrected", _("Corrected")  # 已更正
    DOUBT = "doubt", _("In doubt, to be checked")  # 存疑待查


class MattersItemKind(models.TextChoices):
    """The items of a 领导干部个人有关事项报告."""

    MARRIAGE = "marriage", _("Marriage")  # 婚姻情况
    FAMILY_ABROAD = "family_abroad", _("Family members settled abroad")  # 配偶子女移居国(境)外
    PASSPORTS_TRIPS = "passports_trips", _("Passports and trips abroad")  # 因私出国(境)证件及出行
    INCOME = "income", _("Income")  # 工资及各类奖金、津贴、补贴
    REAL_ESTATE = "real_estate", _("Real estate")  # 房产
    INVESTMENTS = "investments", _("Investments")  # 股票、基金、投资型保险
    FAMILY_BUSINESS = "family_business", _("Spouse's and children's employment and business")  # 经商办企业
    OTHER = "other", _("Other matters")


class MattersCheckKind(models.TextChoices):
    RANDOM = "random", _("Random check")  # 随机抽查
    TARGETED = "targeted", _("Targeted check")  # 重点抽查


class MattersTarget(models.TextChoices):
    """Why a targeted check (重点抽查) was made."""

    PROMOTION = "promotion", _("Proposed for promotion")  # 凡提必核
    RESERVE = "reserve", _("Proposed for the reserve pool")
    KEY_POST = "key_post", _("Moving into a key post")


class MattersResult(models.TextChoices):
    TRUTHFUL = "truthful", _("Truthfully reported")  # 如实报告
    OMITTED = "omitted", _("Omitted")  # 漏报
    CONCEALED = "concealed", _("Concealed")  # 瞒报


class MattersHandling(models.TextChoices):
    NONE = "none", _("No handling needed")
    CRITICISM = "criticism", _("Criticism and education")  # 批评教育
    CORRECTION = "correction", _("Ordered to correct")  # 责令作出检查
    ADMONISHMENT = "admonishment", _("Admonishment")  # 诫勉
    DISQUALIFIED = "disqualified", _("Disqualified from promotion")  # 取消提拔任用资格
    SANCTION = "sanction", _("Sanction or organisational measure")  # 组织处理 / 纪律处分


class FilingTier(models.TextChoices):
    """Who must file a personal-matters report: holders of posts at this tier and above."""

    COLLEGE = "college", _("College level and above")
    MIDDLE = "middle", _("Middle level and above")
    SECTION = "section", _("Section level and above")


class TravelDocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")  # 普通护照
    HK_MACAU = "hk_macau", _("Permit for Hong Kong and Macao")  # 往来港澳通行证
    TAIWAN = "taiwan", _("Permit for Taiwan")  # 往来台湾通行证


class TripState(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class TripStage(models.TextChoices):
    """The steps of a private trip's approval (因私出国(境)审批), in the order of the chain."""

    UNIT_HEAD = "unit_head", _("Head of own unit")  # 所在单位主要负责人
    LEADER = "leader", _("Leader in charge")  # 分管校领导
    ORG_FIRST = "org_first", _("Organisation department: first review")  # 组织部初审
    ORG_FINAL = "org_final", _("Organisation department: final review")  # 组织部终审


class ApprovalDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


# The figures of the four musts' records when the settings row has not been edited.
DEFAULT_FILE_REVIEW_MONTHS = 0  # 凡提必审: 0 = a review done for this selection only
DEFAULT_RANDOM_SHARE_PERCENT = 10  # 抽查 share of the filers
DEFAULT_PASSPORT_RETURN_DAYS = 7  # papers back into custody within 7 days of the trip's end
DEFAULT_HAND_IN_DAYS = 30  # a newly promoted cadre hands in papers within 30 days
DEFAULT_CONCEALMENT_BAR_MONTHS = 12  # 瞒报: no promotion or reserve pool for 12 months
DEFAULT_FILING_DUE = (1, 31)  # the yearly filing is due by 31 January
DEFAULT_TRIP_CHAIN = ["unit_head", "leader", "org_first", "org_final"]
EXPIRY_WINDOW_DAYS = 90  # documents expiring within 90 days are listed and reminded
