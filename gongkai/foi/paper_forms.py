"""The two internal forms an agency files on paper for each request: the 政府信息公开申请登记表 (registration) and the
政府信息公开申请答复审批表 (approval of the proposed reply), as printable HTML (A4, site.css's print rules) and DOCX.

Their fields follow the forms agencies publish with their 依申请公开 procedures, e.g. 宿迁市人民政府办公室《宿迁市
政府信息公开审查等制度配套图表及文书》(宿政办函〔2021〕21号, "1.政府信息公开申请登记表"),
https://suqian.gov.cn/zfb/gkzd/202108/31a3556eb7f94b9e9be773bd5d6ee65e.shtml, and 广东省依申请公开政府信息答复或告知
示范文书 with its 受理依申请信息公开审批表 (受理号, 受理员, the reply's basis), https://www.360docs.net/doc/1110631489.html;
the applicant's rows are those of the application form (条例 第二十九条第二款;
http://www.fbeltoni.com/file_read.aspx?id=15620 shows a published 样表). 承办科室 and 承办人 are not recorded by
gongkai and are left to fill in by hand, like the opinions and signatures.

The applicant's personal data appear only for those who see it in full (:func:`gongkai.foi.privacy.applicant_view`,
decided by ``agencies.access.sees_personal_data``); anyone else gets the applicant's kind and a note, and the
description and remarks pass through :meth:`ApplicantView.redact`.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.dates import chinese_date
from gongkai.core.paper import official_page
from gongkai.core.text import export_value
from gongkai.foi import paperwork
from gongkai.foi.models import CHANNEL_CHOICES, Delivery, InfoRequest, WantedForm
from gongkai.foi.privacy import ApplicantView
from gongkai.law import clock as law_clock
from gongkai.law import outcomes as law_outcomes

REGISTRATION_TITLE = "政府信息公开申请登记表"
APPROVAL_TITLE = "政府信息公开申请答复审批表"
REGULATIONS = "《中华人民共和国政府信息公开条例》"
BOX, TICKED = "□", "☑"
SIGNATURE = "签名：　　　　　　　　　日期：　　年　　月　　日"
PERSONAL_DATA_WITHHELD = "（申请人的个人信息只向承办人员显示，本表不予打印）"
# 条例 第三十三条第二款：需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长不得超过20个工作日。
EXTENSION_BASIS = f"{REGULATIONS}第三十三条第二款"
KINDS = {"registration": REGISTRATION_TITLE, "approval": APPROVAL_TITLE}


@dataclass(frozen=True)
class FormRow:
    label: str
    value: str
    tall: bool = False  # room to write by hand (opinions, remarks)


@dataclass(frozen=True)
class PaperForm:
    kind: str
    title: str
    agency: str
    number: str  # the request's tracking code, the form's 编号
    sections: tuple[tuple[str, tuple[FormRow, ...]], ...]

    @property
    def labels(self) -> list[str]:
        return [row.label for _, rows in self.sections for row in rows]


def _day(day) -> str:
    return chinese_date(day) if day else "待确认"


def _applicant_rows(applicant: ApplicantView) -> tuple[FormRow, ...]:
    rows = [FormRow("申请人类型", applicant.kind_label)]
    if not applicant.full:
        if not applicant.is_natural_person:  # an organisation's name is public register data
            rows.append(FormRow("名称", str(applicant.name)))
        rows.append(FormRow("申请人信息", PERSONAL_DATA_WITHHELD))
        return tuple(rows)
    person = applicant.is_natural_person
    rows += [
        FormRow("姓名" if person else "名称", str(applicant.name)),
        FormRow("证件类型", applicant.id_type_label or "—"),
        FormRow("证件号码" if person else "统一社会信用代码", str(applicant.id_number) or "—"),
    ]
    if not person:
        rows.append(FormRow("联系人", str(applicant.contact_person) or "—"))
    rows += [
        FormRow("联系电话", str(applicant.phone) or "—"),
        FormRow("电子邮箱", str(applicant.email) or "—"),
        FormRow("通信地址", str(applicant.address) or "—"),
    ]
    return tuple(rows)


def _label(choices, value: str) -> str:
    return dict(choices).get(value, value or "—")


def registration_form(info_request: InfoRequest, applicant: ApplicantView) -> PaperForm:
    """The 登记表 of a request, as ``applicant`` (the reader's view of the applicant) allows."""
    due = f"{chinese_date(info_request.due_on)}前" if info_request.due_on else "待确认（收到申请或补正后计算）"
    sections = (
        (
            "收到申请情况",
            (
                FormRow("收到申请日期", _day(info_request.received_on)),
                FormRow("提交日期", _day(info_request.submitted_on)),
                FormRow("申请方式", _label(CHANNEL_CHOICES, info_request.channel)),
            ),
        ),
        ("申请人信息", _applicant_rows(applicant)),
        (
            "所需信息",
            (
                FormRow("所需信息的内容描述", applicant.redact(info_request.description)),
                FormRow("用途", applicant.redact(info_request.purpose) or "—"),
                FormRow("所需信息的形式", _label(WantedForm.choices, info_request.wanted_form)),
                FormRow("获取信息的方式", _label(Delivery.choices, info_request.delivery)),
            ),
        ),
        (
            "办理",
            (
                FormRow("承办科室", ""),
                FormRow("承办人", ""),
                FormRow(
                    "法定期限",
                    f"自收到申请之日起{law_clock.REPLY_WORKDAYS}个工作日内答复（{paperwork.REPLY_BASIS}）；"
                    f"需要延长的，经政府信息公开工作机构负责人同意，延长不超过{law_clock.MAX_EXTENSION_WORKDAYS}"
                    f"个工作日（{EXTENSION_BASIS}）",
                ),
                FormRow("答复期限", due),
                FormRow("登记人", SIGNATURE),
                FormRow("备注", applicant.redact(info_request.note), tall=True),
            ),
        ),
    )
    return PaperForm("registration", REGISTRATION_TITLE, info_request.agency.name, info_request.tracking_code, sections)


def _reply_type(info_request: InfoRequest) -> tuple[str, str]:
    """The proposed (or given) reply type with its boxes, and the article it rests on."""
    groups = law_outcomes.RESULT_GROUPS
    if not info_request.outcome:
        return "　".join(f"{BOX}{label[3:]}" for label, _ in groups.values()), ""
    group = law_outcomes.group_of(info_request.outcome)
    boxes = "　".join(f"{TICKED if key == group else BOX}{label[3:]}" for key, (label, _) in groups.items())
    article = law_outcomes.ARTICLE_FOR_OUTCOME.get(info_request.outcome, "")
    label = law_outcomes.RESULT_SHORT_LABELS[info_request.outcome]
    return f"{boxes}\n（{label}）", f"{REGULATIONS}{article}" if article else ""


def _extension(info_request: InfoRequest) -> str:
    extensions = [event for event in info_request.events.all() if event.type == "extension"]
    if not extensions:
        return (
            f"{BOX}不需要延期　{BOX}需要延期，延长　　个工作日（{EXTENSION_BASIS}，经政府信息公开工作机构负责人同意）"
        )
    return "；".join(
        f"{chinese_date(event.on)}决定延长答复期限{event.data.get('workdays', '　　')}个工作日（{EXTENSION_BASIS}）"
        for event in extensions
    )


def approval_form(info_request: InfoRequest, applicant: ApplicantView) -> PaperForm:
    """The 审批表 of a request: the proposed reply, its basis and the three opinions with signatures."""
    reply_type, basis = _reply_type(info_request)
    name = str(applicant.name) if applicant.full or not applicant.is_natural_person else PERSONAL_DATA_WITHHELD
    sections = (
        (
            "申请情况",
            (
                FormRow("收到申请日期", _day(info_request.received_on)),
                FormRow("答复期限", chinese_date(info_request.due_on) if info_request.due_on else "待确认"),
                FormRow("申请人", f"{name}（{applicant.kind_label}）"),
                FormRow("所需信息的内容描述", applicant.redact(info_request.description)),
            ),
        ),
        (
            "拟答复意见",
            (
                FormRow("拟答复类型", reply_type),
                FormRow("法律依据", basis, tall=not basis),
                FormRow("延期审批", _extension(info_request)),
            ),
        ),
        (
            "审批意见",
            (
                FormRow("承办人意见", SIGNATURE, tall=True),
                FormRow("科室负责人意见", SIGNATURE, tall=True),
                FormRow("分管领导意见", SIGNATURE, tall=True),
            ),
        ),
    )
    return PaperForm("approval", APPROVAL_TITLE, info_request.agency.name, info_request.tracking_code, sections)


def build(kind: str, info_request: InfoRequest, applicant: ApplicantView) -> PaperForm:
    """The form of ``kind`` (KeyError for another)."""
    return {"registration": registration_form, "approval": approval_form}[kind](info_request, applicant)


def form_docx(form: PaperForm) -> bytes:
    """The form as an A4 DOCX on the official page (GB/T 9704-2012 margins, :mod:`gongkai.core.paper`)."""
    document = paperwork._document()
    official_page(document.sections[0], grid=False)
    paperwork._title(document, form.title)
    document.add_paragraph(export_value(f"受理机关：{form.agency}　　编号：{form.number}"))
    for heading, rows in form.sections:
        table = document.add_table(rows=1 + len(rows), cols=2)
        table.style = "Table Grid"
        head = table.rows[0].cells
        merged = head[0].merge(head[1])
        merged.text = heading
        merged.paragraphs[0].runs[0].bold = True
        cells = table._cells  # listed once: table.cell() walks the whole table at each call
        for index, row in enumerate(rows, start=1):
            label, value = cells[index * 2], cells[index * 2 + 1]
            label.text = row.label
            lines = export_value(row.value).split("\n")
            value.text = lines[0]
            for line in lines[1:]:
                value.add_paragraph(line)
            if row.tall:
                value.paragraphs[0].insert_paragraph_before("\n\n")  # room to write above the signature line
        document.add_paragraph()
    return paperwork._save(document)
