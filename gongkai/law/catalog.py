"""The proactive-disclosure catalog as the law sets it out.

- 条例 第二十条 lists fifteen kinds of information every agency publishes proactively (shared/reference/regulation.md).
- 条例 第二十六条: proactively disclosed information is published within 20 working days of being formed or changed.
- 索引号: unique and stable per item; commonly the agency's 统一社会信用代码, a category code, the year and a serial
  (regulation.md, section E, e.g. ``11350100MB00000012/2025-00123``).
"""

from __future__ import annotations

# 条例 第二十六条
PUBLICATION_WORKDAYS = 20

# 条例 第二十条（一）至（十五）: (code, name, article)
ARTICLE_20_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("A01", "行政法规、规章和规范性文件", "第二十条第（一）项"),
    ("A02", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", "第二十条第（二）项"),
    ("A03", "国民经济和社会发展规划、专项规划、区域规划及相关政策", "第二十条第（三）项"),
    ("A04", "国民经济和社会发展统计信息", "第二十条第（四）项"),
    ("A05", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", "第二十条第（五）项"),
    ("A06", "实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定", "第二十条第（六）项"),
    ("A07", "财政预算、决算信息", "第二十条第（七）项"),
    ("A08", "行政事业性收费项目及其依据、标准", "第二十条第（八）项"),
    ("A09", "政府集中采购项目的目录、标准及实施情况", "第二十条第（九）项"),
    ("A10", "重大建设项目的批准和实施情况", "第二十条第（十）项"),
    ("A11", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", "第二十条第（十一）项"),
    ("A12", "突发公共事件的应急预案、预警信息及应对情况", "第二十条第（十二）项"),
    ("A13", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", "第二十条第（十三）项"),
    ("A14", "公务员招考的职位、名额、报考条件等事项以及录用结果", "第二十条第（十四）项"),
    ("A15", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", "第二十条第（十五）项"),
)

# The civil-affairs basic catalog (民政部 主动公开基本目录; regulation.md section E), under 第二十条第（十一）项.
CIVIL_AFFAIRS_ITEMS: tuple[tuple[str, str], ...] = (
    ("M01", "社会救助"),
    ("M02", "养老服务"),
    ("M03", "儿童福利"),
    ("M04", "社会组织"),
    ("M05", "区划地名"),
    ("M06", "婚姻登记"),
    ("M07", "殡葬管理"),
    ("M08", "慈善与社会工作"),
)


def index_number(*, credit_code: str, category_code: str, year: int, serial: int) -> str:
    """索引号: ``{统一社会信用代码}/{类目代码}-{年份}-{五位流水号}``, e.g. ``11990100MB00000031/M01-2026-00012``."""
    if serial <= 0 or serial > 99999:
        raise ValueError("流水号应在 1 到 99999 之间")
    return f"{credit_code}/{category_code}-{year}-{serial:05d}"


# The 政府信息公开制度 column: the agency's own disclosure rules (保密审查、发布协调、依申请公开办理 …). 条例 第四条 has
# each agency set up its disclosure rules (建立健全政府信息公开工作制度); published, they form a top-level category of
# their own beside the Art. 20 items: (code, name, legal basis).
DISCLOSURE_RULES_CATEGORY: tuple[str, str, str] = ("G01", "政府信息公开制度", "第四条")
