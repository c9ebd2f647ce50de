"""Texts of the demo catalog: the two demo 民政局s, news titles by catalog category, recipients' names, and the
bodies of lists, statistics and budgets. Pure data and string building; gongkai.disclosure.demo publishes them."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from gongkai.law.identifiers import make_resident_id


@dataclass(frozen=True)
class Profile:
    """What differs between the city's and the county's 民政局 in the demo."""

    place: str  # 江源市
    org: str  # 市民政局
    unit: str  # 市 (全市 …)
    doc_prefix: str  # 江民规
    towns: tuple[str, ...]
    # GB/T 2260 style division codes of the demo jurisdiction; 99 is no real province (see agencies.demo).
    divisions: tuple[str, ...]
    news_per_month: tuple[int, int]  # a random count in this range each month
    list_size: int  # recipients on a monthly 低保 list


PROFILES = {
    "civil": Profile(
        place="江源市",
        org="市民政局",
        unit="市",
        doc_prefix="江民规",
        towns=("城东街道", "城西街道", "河滨街道", "新华街道", "龙潭镇", "石门镇", "清水镇"),
        divisions=("990102", "990103", "990104", "990105"),
        news_per_month=(3, 4),
        list_size=14,
    ),
    "county_civil": Profile(
        place="青山县",
        org="县民政局",
        unit="县",
        doc_prefix="青民规",
        towns=("城关镇", "青石镇", "白沙镇", "柳溪乡", "桃园乡", "高坪乡"),
        divisions=("990121",),
        news_per_month=(2, 3),
        list_size=10,
    ),
}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
GIVEN = "秀英桂兰淑珍玉梅建国志强德才明华春兰凤英永福国庆海燕红霞金花文军丽娟长林秋菊玉珍宝山桂芳新民"


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) if rng.random() < 0.25 else rng.choice(GIVEN) + rng.choice(GIVEN)
    return rng.choice(SURNAMES) + given


def resident_id(rng: random.Random, division: str, born_from: int, born_to: int) -> str:
    """A well-formed 18-digit 公民身份号码 (valid date and check digit) in the demo's fictitious division."""
    born = dt.date(born_from, 1, 1) + dt.timedelta(days=rng.randrange((born_to - born_from) * 365))
    return make_resident_id(f"{division}{born:%Y%m%d}{rng.randrange(1000):03d}")


# --- news (工作动态) ---------------------------------------------------------------------------------------------
# (category code, months it belongs to or () for any month, title, what happened). Placeholders: {org} 市民政局,
# {place} 江源市, {unit} 市, {town}, {year}, {n}.

SEASONAL_NEWS: tuple[tuple[str, tuple[int, ...], str, str], ...] = (
    ("M01", (1,), "{org}开展{year}年元旦春节困难群众走访慰问活动", "走访慰问低保对象、特困人员和困境儿童家庭{n}户"),
    (
        "A11",
        (2,),
        "{org}召开{year}年全{unit}民政工作会议",
        "总结上一年度民政工作，部署本年度社会救助、养老服务等重点任务",
    ),
    ("M08", (3,), "{org}组织开展“学雷锋”志愿服务月活动", "组织志愿者走进{town}开展助老、助残服务{n}场次"),
    ("M07", (3,), "{org}部署{year}年清明节祭扫服务保障工作", "要求各殡葬服务机构做好祭扫高峰期间的安全和服务保障"),
    ("M04", (3, 4), "{place}{prev}年度社会组织年度报告工作启动", "全{unit}登记的社会组织应于5月31日前报送年度工作报告"),
    (
        "M07",
        (4,),
        "清明节期间全{unit}殡葬服务机构接待群众祭扫{n}万人次",
        "各殡葬服务机构安全平稳有序，推广网络祭扫和鲜花祭扫",
    ),
    ("M06", (5,), "{org}做好“520”婚姻登记服务保障工作", "婚姻登记处延长服务时间、开通预约登记，当日办理结婚登记{n}对"),
    ("M03", (5, 6), "{org}开展“六一”儿童节走访慰问孤困儿童活动", "为孤儿、事实无人抚养儿童送去学习用品和节日问候"),
    ("M03", (7,), "{place}开展困境儿童和留守儿童“暑期护苗”关爱行动", "儿童主任逐户走访，排查安全隐患，落实监护责任"),
    ("M06", (8,), "七夕节{place}婚姻登记处举行集体颁证仪式", "{n}对新人在颁证仪式上领取结婚证，倡导移风易俗、简约婚俗"),
    ("M08", (9,), "{org}开展“中华慈善日”主题宣传活动", "通过集中宣传、慈善项目推介等形式普及《慈善法》"),
    ("M02", (10,), "{place}“敬老月”系列活动启动", "开展走访慰问、健康义诊、法律咨询等为老服务活动{n}场"),
    ("M02", (10,), "{org}重阳节走访慰问百岁老人", "为全{unit}{n}位百岁老人送去慰问金和长寿补贴"),
    ("M02", (11, 12), "{org}开展冬季养老机构安全生产大检查", "重点检查消防设施、食品安全和冬季取暖用电用气安全"),
    ("M01", (12,), "{org}启动{year}年冬季“送温暖”救助行动", "提前发放取暖补贴，对生活困难群众开展走访摸排"),
    ("M05", (11, 12), "{place}{year}年度行政区域界线联合检查工作完成", "会同相邻地区完成界桩、界线走向的联合检查"),
)

NEWS: tuple[tuple[str, tuple[int, ...], str, str], ...] = (
    ("M01", (), "{org}开展低保专项治理“回头看”工作", "对在册低保对象逐户复核，规范认定和退出程序"),
    ("M01", (), "{town}开展社会救助政策宣传进社区活动", "发放低保、特困、临时救助政策宣传资料{n}份，现场解答群众咨询"),
    ("M01", (), "{org}举办全{unit}社会救助经办人员业务培训班", "围绕低保审核确认、家庭经济状况核对开展培训"),
    ("M01", (), "{place}低收入人口动态监测信息平台上线运行", "实现低收入人口数据定期比对、风险预警和常态化救助帮扶"),
    ("M01", (), "{org}开展社会救助资金使用情况专项检查", "抽查{n}个乡镇（街道）救助资金发放台账，确保资金安全"),
    ("M01", (), "{town}社会救助“一门受理、协同办理”窗口投入使用", "群众申请低保、临时救助可在一个窗口办理"),
    ("M01", (), "{org}召开困难群众基本生活保障工作协调机制会议", "通报社会救助工作进展，研究解决突出问题"),
    ("M01", (), "{org}开展“救急难”入户走访行动", "对因病、因灾导致基本生活陷入困境的家庭及时给予临时救助"),
    ("M01", (), "{place}城乡低保标准提高", "城市低保标准和农村低保标准同步提高，惠及困难群众{n}人"),
    ("M02", (), "{town}社区嵌入式养老服务中心投入运营", "提供日间照料、助餐、助浴和康复护理服务，设置床位{n}张"),
    ("M02", (), "{org}开展养老机构消防安全专项检查", "检查养老机构{n}家，督促整改隐患，确保入住老人安全"),
    ("M02", (), "{place}新增老年助餐服务点{n}个", "为辖区老年人提供就餐、送餐服务，对高龄、失能老人给予补贴"),
    ("M02", (), "{town}农村互助养老幸福院建设现场推进会召开", "推广互助养老经验，推动农村养老服务设施提质增效"),
    ("M02", (), "{place}养老护理员职业技能竞赛举行", "来自全{unit}养老机构的{n}名护理员参加比赛"),
    ("M02", (), "{org}召开养老服务质量提升推进会", "部署养老机构服务质量提升和等级评定工作"),
    ("M02", (), "{place}特殊困难老年人家庭适老化改造完成{n}户", "为特殊困难老年人家庭安装扶手、防滑地面等设施"),
    ("M02", (), "{org}开展养老服务领域非法集资风险排查", "提醒老年人警惕以养老服务为名的非法集资"),
    ("M03", (), "{org}督查孤儿和事实无人抚养儿童保障政策落实情况", "核查基本生活费发放和监护落实情况"),
    ("M03", (), "{place}儿童督导员、儿童主任业务培训班开班", "{n}名儿童督导员、儿童主任参加培训"),
    ("M03", (), "{town}未成年人保护工作站挂牌成立", "为困境儿童提供监护指导、心理疏导和资源链接服务"),
    ("M04", (), "{org}开展社会组织等级评估工作", "{n}家社会组织参加评估，评估结果将向社会公示"),
    ("M04", (), "{org}开展打击整治非法社会组织专项行动", "依法取缔非法社会组织，发布风险提示"),
    ("M04", (), "{org}开展行业协会商会乱收费专项清理", "督促行业协会商会规范收费行为、减轻企业负担"),
    ("M05", (), "{place}乡村地名信息服务提升行动取得阶段性成效", "新采集、上图乡村地名{n}条"),
    ("M05", (), "{org}开展不规范地名清理整治", "对“大、洋、怪、重”等不规范地名进行排查整改"),
    ("M06", (), "{place}婚姻登记“跨省通办”工作有序开展", "符合条件的群众可在经常居住地办理婚姻登记"),
    ("M06", (), "{org}婚姻家庭辅导室开展婚前辅导公益讲座", "为即将登记结婚的新人提供婚姻家庭辅导"),
    ("M06", (), "{org}开展婚俗改革宣传进村入户活动", "倡导简约适度的婚礼，抵制高价彩礼"),
    ("M07", (), "{org}开展殡葬领域突出问题专项整治", "整治违规建设经营性公墓、殡葬服务乱收费等问题"),
    ("M07", (), "{place}推行节地生态安葬", "今年以来已有{n}名逝者家属选择树葬、花坛葬等节地生态安葬方式"),
    ("M07", (), "{town}公益性公墓建设项目通过验收", "新建墓穴{n}个，满足群众基本安葬需求"),
    ("M08", (), "{place}乡镇（街道）社会工作站建设推进会召开", "推动社会工作服务向基层延伸，已建成社会工作站{n}个"),
    ("M08", (), "{org}开展“慈善助学”结对帮扶活动", "动员爱心企业和个人资助困难家庭学生{n}名"),
    ("M08", (), "{town}志愿服务队开展关爱空巢老人活动", "志愿者上门为空巢老人打扫卫生、检修电器"),
    ("M08", (), "{org}举办社会工作者职业水平考试考前培训", "{n}名基层民政工作人员参加培训"),
    ("M01", (), "{org}开展低收入人口认定工作业务督导", "赴{town}等地实地查看低收入人口认定和救助帮扶情况"),
    ("M01", (), "{town}为困难群众办理医疗救助“一站式”结算", "低保、特困人员住院费用在出院时一站式结算"),
    ("M02", (), "{place}老年人能力综合评估工作全面开展", "已完成老年人能力评估{n}人次，评估结果作为享受补贴的依据"),
    ("M02", (), "{org}开展养老机构服务质量星级评定", "{n}家养老机构申报参评，评定结果将向社会公布"),
    ("M02", (), "{town}“时间银行”互助养老志愿服务启动", "低龄健康老人为高龄、独居老人提供服务并储存服务时间"),
    ("M03", (), "{org}开展困境儿童基本生活保障情况摸底排查", "逐一核实困境儿童家庭情况，做到应保尽保"),
    ("M04", (), "{place}社会组织公益创投项目签约", "{n}个公益项目获得资助，涉及为老服务、儿童关爱等领域"),
    ("M05", (), "{org}开展“乡村著名行动”地名采集", "为村庄、道路、桥梁等设置标准地名标志{n}块"),
    ("M06", (), "{place}结婚登记颁证服务走进公园景区", "新人可预约在户外颁证点领取结婚证"),
    ("M07", (), "{org}开展殡葬服务收费专项检查", "检查殡仪馆、公墓收费公示和服务情况"),
    ("M08", (), "{place}慈善超市新增{n}家", "慈善超市为困难群众提供捐赠物资和就业岗位"),
)

CATEGORY_PARAGRAPHS = {
    "M01": "{org}将持续加强低保、特困供养、临时救助等社会救助工作，做到应保尽保、应救尽救。",
    "M02": "下一步，{org}将加快完善居家社区机构相协调、医养康养相结合的养老服务体系。",
    "M03": "{org}将进一步压实儿童督导员、儿童主任工作职责，织密困境儿童关爱保护网络。",
    "M04": "{org}将持续加强社会组织登记管理和事中事后监管，引导社会组织规范发展。",
    "M05": "{org}将继续做好地名管理和区划界线管理工作，服务经济社会发展。",
    "M06": "婚姻登记处工作时间为工作日上午8:30-12:00、下午14:30-17:30，群众可通过网上预约办理。",
    "M07": "{org}提醒广大群众文明节俭治丧，选择合法合规的殡葬服务机构。",
    "M08": "{org}将持续发展慈善事业和社会工作，动员社会力量参与困难群众帮扶。",
    "A11": "会议要求，各级民政部门要坚持人民至上，兜牢兜准兜好民生底线。",
}


def news_body(profile: Profile, on: dt.date, code: str, detail: str) -> str:
    closing = CATEGORY_PARAGRAPHS[code].format(org=profile.org)
    return f"<p>{on.month}月{on.day}日，{detail}。</p><p>{closing}</p>"


# --- monthly lists (名单) ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthlyList:
    key: str  # the duty it fulfils
    title: str  # after the period label, e.g. "2026年10月" + title
    duty_name: str
    columns: tuple[str, ...]
    born: tuple[int, int]


MONTHLY_LISTS = (
    MonthlyList(
        "dibao",
        "城乡最低生活保障对象名单",
        "城乡低保对象名单（每月10日前）",
        ("序号", "姓名", "身份证号", "所在乡镇（街道）", "类别", "保障人口", "月保障金（元）"),
        (1940, 1995),
    ),
    MonthlyList(
        "tekun",
        "特困人员救助供养对象名单",
        "特困人员救助供养名单（每月10日前）",
        ("序号", "姓名", "身份证号", "所在乡镇（街道）", "供养方式", "月基本生活标准（元）"),
        (1935, 1965),
    ),
    MonthlyList(
        "linshi",
        "临时救助对象名单",
        "临时救助对象名单（每月10日前）",
        ("序号", "姓名", "身份证号", "所在乡镇（街道）", "救助事由", "救助金额（元）"),
        (1950, 2000),
    ),
)

EMERGENCIES = ("因病", "因灾", "因意外事故", "因子女就学", "因火灾", "因重大疾病")


def list_rows(kind: str, rng: random.Random, people: list[tuple[str, str, str]]) -> list[tuple[str, ...]]:
    """The rows after 序号, 姓名 and 身份证号 for each recipient (name, id, town)."""
    rows = []
    for name, number, town in people:
        if kind == "dibao":
            size = rng.randrange(1, 5)
            extra = (rng.choice(("城市低保", "农村低保")), str(size), str(size * rng.randrange(420, 760)))
        elif kind == "tekun":
            extra = (rng.choice(("集中供养", "分散供养")), str(rng.randrange(900, 1200)))
        else:
            extra = (rng.choice(EMERGENCIES), str(rng.randrange(5, 60) * 100))
        rows.append((name, number, town, *extra))
    return rows


def table(columns: tuple[str, ...], rows: list[tuple[str, ...]], *, numbered: bool = False) -> str:
    head = "".join(f"<th>{c}</th>" for c in columns)
    body = "".join(
        "<tr>" + (f"<td>{i}</td>" if numbered else "") + "".join(f"<td>{v}</td>" for v in row) + "</tr>"
        for i, row in enumerate(rows, start=1)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def list_body(profile: Profile, label: str, spec: MonthlyList, rows: list[tuple[str, ...]]) -> str:
    basis = "《社会救助暂行办法》第十一条" if spec.key == "dibao" else "《社会救助暂行办法》"
    return (
        f"<p>根据{basis}和政府信息公开有关规定，现将{profile.place}{label}{spec.title.removesuffix('名单')}"
        f"名单公布如下（身份证号已作去标识化处理）。如有异议，请向{profile.org}社会救助科反映。</p>"
        + table(spec.columns, rows, numbered=True)
    )


# --- statistics, budgets, organisation, personnel ------------------------------------------------------------


def statistics_body(profile: Profile, label: str, rng: random.Random, scale: int) -> str:
    rows = [
        ("城市最低生活保障", f"{scale * rng.randrange(18, 24)}", f"{scale * rng.randrange(30, 40)}", ""),
        ("农村最低生活保障", f"{scale * rng.randrange(40, 55)}", f"{scale * rng.randrange(70, 90)}", ""),
        ("特困人员救助供养", f"{scale * rng.randrange(8, 12)}", f"{scale * rng.randrange(8, 12)}", ""),
        ("临时救助", f"{scale * rng.randrange(3, 8)}", f"{scale * rng.randrange(4, 10)}", ""),
    ]
    rows = [(r[0], r[1], r[2], f"{int(r[2]) * rng.randrange(38, 62) / 100:.2f}") for r in rows]
    return (
        f"<p>{label}，{profile.place}困难群众救助情况如下：</p>"
        + table(("项目", "户数（户）", "人数（人）", "支出（万元）"), rows)
        + "<p>注：临时救助户数、人数为本季度累计救助户次、人次。</p>"
    )


def budget_body(profile: Profile, year: int, final: bool, rng: random.Random, scale: int) -> str:
    basic = scale * rng.randrange(900, 1300)
    project = scale * rng.randrange(4000, 6500)
    three = rng.randrange(12, 30)
    word = "决算" if final else "预算"
    rows = [
        ("收入合计", f"{basic + project:.2f}"),
        ("支出合计", f"{basic + project:.2f}"),
        ("其中：基本支出", f"{basic:.2f}"),
        ("项目支出", f"{project:.2f}"),
        ("“三公”经费", f"{three:.2f}"),
    ]
    return (
        f"<p>{profile.place}民政局{year}年{'度' if final else ''}部门{word}已经批复，现予公开。</p>"
        + table(("项目", f"{word}数（万元）"), rows)
        + f"<p>附件：{year}年部门{word}公开表（收支总表、收入总表、支出总表、财政拨款收支总表、"
        "一般公共预算财政拨款“三公”经费支出表等）。</p>"
    )


ORGANISATION = (
    (
        "机构职能",
        "<p>贯彻落实党中央、省委、市委关于民政工作的方针政策和决策部署，负责社会救助、养老服务、"
        "儿童福利、社会组织登记管理、区划地名、婚姻登记、殡葬管理、慈善事业和社会工作等工作。</p>",
    ),
    ("内设机构", "<p>办公室、社会救助科（低收入人口认定）、养老服务科、儿童福利科、社会事务科、社会组织管理科。</p>"),
    ("办公地址、办公时间及联系方式", "<p>办公时间：工作日上午8:30-12:00，下午14:30-17:30。</p>"),
    (
        "领导信息",
        "<p>局长：{a}，主持全面工作。</p><p>副局长：{b}，负责社会救助、儿童福利工作。</p>"
        "<p>副局长：{c}，负责养老服务、社会事务工作。</p>",
    ),
)

PERSONNEL = (
    ("{year}年度考试录用公务员拟录用人员公示", 6, "公示期为5个工作日，对公示对象有异议的，可向{org}办公室反映。"),
    ("所属事业单位{year}年公开招聘工作人员拟聘用人员名单公示", 8, "公示期为7个工作日。"),
    ("{year}年干部任前公示", 10, "公示期为5个工作日，公示期间接受来信来电反映。"),
)


def personnel_body(kind: int, rng: random.Random, org: str, year: int) -> str:
    """Personnel notices (人事): names only, never ID numbers."""
    people = [person_name(rng) for _ in range(rng.randrange(3, 7))]
    if kind == 2:
        rows = [(n, f"{org}{rng.choice(('社会救助科', '养老服务科', '办公室'))}副科长", "科长") for n in people[:2]]
        columns = ("姓名", "现任职务", "拟任职务")
    else:
        rows = [
            (n, rng.choice(("男", "女")), rng.choice(("大学本科", "硕士研究生")), rng.choice(("综合管理", "社会工作")))
            for n in people
        ]
        columns = ("姓名", "性别", "学历", "拟录用（聘用）岗位")
    title, _, closing = PERSONNEL[kind]
    return (
        f"<p>经考试、考察和体检，现将{org}{title.format(year=year).removesuffix('公示')}有关情况公示如下：</p>"
        + table(columns, rows, numbered=False)
        + f"<p>{closing.format(org=org)}</p>"
    )


# --- normative documents (规范性文件) and their interpretations ---------------------------------------------------


@dataclass(frozen=True)
class Normative:
    key: str
    title: str
    subject: str
    genre: str
    year_offset: int  # formed in today.year + year_offset
    month: int
    day: int
    ends: tuple[int, int, int, str] | None = None  # (year offset, month, day, "repealed" | "expired")
    interpretation: str = "published"  # or "review" (still in the review chain), or "" (none)


NORMATIVES = {
    "civil": (
        Normative("old_linshi", "江源市临时救助实施细则", "临时救助", "细则", -4, 8, 12, (0, 4, 1, "repealed")),
        Normative(
            "old_tekun", "江源市特困人员认定办法（试行）", "特困人员认定", "办法", -3, 6, 25, (-1, 6, 30, "expired")
        ),
        Normative("pingding", "江源市养老机构等级评定管理办法", "养老机构等级评定", "办法", -3, 11, 8),
        Normative("dibao", "江源市最低生活保障审核确认办法", "最低生活保障审核确认", "办法", -1, 3, 5),
        Normative("tekun", "江源市特困人员认定办法", "特困人员认定", "办法", -1, 6, 20),
        Normative("jujia", "江源市社区居家养老服务补贴管理办法", "社区居家养老服务补贴", "办法", -1, 9, 15),
        Normative("zijin", "江源市困难群众基本生活救助资金管理办法", "困难群众基本生活救助资金", "办法", -1, 11, 20),
        Normative("linshi", "江源市临时救助实施办法", "临时救助", "办法", 0, 3, 20),
        Normative("gongmu", "江源市经营性公墓管理办法", "经营性公墓管理", "办法", 0, 7, 10),
        Normative("jiance", "江源市低收入人口动态监测和常态化救助帮扶实施细则", "低收入人口动态监测", "细则", 0, 9, 5),
    ),
    "county_civil": (
        Normative(
            "old_linshi", "青山县临时救助实施细则（试行）", "临时救助", "细则", -4, 5, 10, (-1, 12, 31, "expired")
        ),
        Normative("gongyang", "青山县农村特困人员供养服务机构管理办法", "农村特困人员供养服务机构", "办法", -3, 9, 1),
        Normative("dibao", "青山县最低生活保障工作规程", "最低生活保障", "规程", -1, 4, 10),
        Normative("linshi", "青山县临时救助实施办法", "临时救助", "办法", -1, 12, 20),
        Normative("canji", "青山县困难残疾人生活补贴和重度残疾人护理补贴实施细则", "残疾人两项补贴", "细则", 0, 5, 15),
        Normative("binzang", "青山县殡葬管理实施办法", "殡葬管理", "办法", 0, 8, 20, interpretation="review"),
    ),
}


def normative_body(profile: Profile, doc: Normative, effective: dt.date, replaces: str = "") -> str:
    articles = [
        f"为规范{doc.subject}工作，根据有关法律法规和政策规定，结合本{profile.unit}实际，制定本{doc.genre}。",
        f"本{doc.genre}适用于{profile.place}行政区域内的{doc.subject}工作。",
        f"{profile.org}负责全{profile.unit}{doc.subject}工作的组织实施和监督管理；乡镇人民政府（街道办事处）"
        "负责申请受理、调查核实等具体工作。",
        "有关部门和单位应当按照职责分工做好相关工作，定期公开政策执行情况，接受社会监督。",
        f"本{doc.genre}自{effective.year}年{effective.month}月{effective.day}日起施行，有效期五年。"
        + (f"《{replaces}》同时废止。" if replaces else ""),
    ]
    numbers = "一二三四五"
    return "".join(f"<p>第{numbers[i]}条 {text}</p>" for i, text in enumerate(articles))


def interpretation_body(profile: Profile, doc: Normative) -> str:
    return (
        f"<p>一、制定背景</p><p>为进一步规范{doc.subject}工作，{profile.org}在深入调研、广泛征求意见的基础上，"
        f"起草了《{doc.title}》。</p>"
        f"<p>二、主要内容</p><p>本{doc.genre}共五条，明确了适用范围、部门职责和监督要求。</p>"
        f"<p>三、解读机关及联系方式</p><p>{profile.org}政策法规科。</p>"
    )
