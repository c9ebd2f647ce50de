"""Reply letters (告知书): default texts per kind, agency-editable templates, numbering, HTML and DOCX.

A letter is rendered once, when it is issued, and stored as issued; later template edits never change it.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Callable, Iterator
from typing import Any

from django.template import Context, Engine, TemplateSyntaxError
from django.utils.html import escape

from gongkai.agencies.services import next_serial
from gongkai.audit.services import record
from gongkai.core import paper
from gongkai.core.dates import chinese_date
from gongkai.core.errors import user_or_none
from gongkai.core.logs import service
from gongkai.core.text import export_value
from gongkai.foi import deliveries
from gongkai.foi.errors import FoiError
from gongkai.foi.letter_text import clause, document_list, quotation
from gongkai.foi.models import (
    FoiSettings,
    InfoRequest,
    Letter,
    LetterKind,
    LetterTemplate,
    RequestEvent,
)
from gongkai.law import clock as law_clock
from gongkai.law.outcomes import ARTICLE_FOR_OUTCOME, RESULT_SHORT_LABELS, letter_kind_for
from gongkai.law.remedies import reconsideration_first_required, remedies_sentence
from gongkai.workcalendar.selectors import working_calendar

LETTER_SERIALS = "foi.letter"  # the kind of agencies.SerialCounter that numbers letters (文号)
_ENGINE = Engine(builtins=["django.template.defaultfilters"], autoescape=False)

# GB/T 15834-2011: the values come without their own end mark (gongkai.foi.letter_text); the template adds it.
_OPENING = (
    "{{ applicant }}：\n\n本机关于{{ received_on }}收到您提出的政府信息公开申请（申请编号：{{ tracking_code }}）"
    "{% if description %}，申请获取“{{ description }}”{% endif %}。\n\n"
)
_REMEDIES = "\n\n{{ remedies }}"
# The officer who answers questions about the letter, from the agency's settings, when set.
_CONTACT = (
    "{% if contact_name or contact_phone %}\n\n{% if contact_name %}联系人：{{ contact_name }}{% endif %}"
    "{% if contact_name and contact_phone %}　　{% endif %}{% if contact_phone %}联系电话：{{ contact_phone }}{% endif %}"
    "{% endif %}"
)

DEFAULT_TEMPLATES: dict[str, str] = {
    LetterKind.DISCLOSE: _OPENING
    + "经审查，您申请获取的政府信息属于公开范围，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，"
    "本机关予以公开。{% if documents %}现向您提供：{{ documents }}。{% endif %}{% if reason %}\n\n{{ reason }}。{% endif %}"
    + _REMEDIES
    + _CONTACT,
    LetterKind.PARTIAL: _OPENING
    + "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》"
    "第三十七条的规定，本机关向您提供可以公开的部分{% if documents %}：{{ documents }}{% endif %}。"
    "{% if reason %}\n\n不予公开部分的理由：{{ reason }}。{% endif %}" + _REMEDIES + _CONTACT,
    LetterKind.WITHHOLD: _OPENING
    + "经审查，您申请获取的政府信息{{ outcome }}。根据《中华人民共和国政府信息公开条例》{{ article }}和第三十六条第（三）项的规定，"
    "本机关不予公开。{% if reason %}理由如下：{{ reason }}。{% endif %}" + _REMEDIES + _CONTACT,
    LetterKind.UNAVAILABLE: _OPENING
    + "经审查，{% if outcome %}{{ outcome }}。{% endif %}根据《中华人民共和国政府信息公开条例》{{ article }}的规定，本机关无法提供。"
    "{% if reason %}{{ reason }}。{% endif %}" + _REMEDIES + _CONTACT,
    LetterKind.NOT_PROCESSED: _OPENING
    + "经审查，您的申请{{ outcome }}。根据《中华人民共和国政府信息公开条例》{{ article }}的规定，本机关不予处理。"
    "{% if reason %}{{ reason }}。{% endif %}" + _REMEDIES + _CONTACT,
    LetterKind.OTHER: _OPENING
    + "{% if outcome %}{{ outcome }}。{% endif %}{% if reason %}{{ reason }}。{% endif %}"
    + _REMEDIES
    + _CONTACT,
    LetterKind.CORRECTION: _OPENING
    + "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您于{{ correction_due }}前"
    "补正以下内容：{{ reason|default:'所需政府信息的名称、文号或者便于查询的其他特征性描述' }}。答复期限自本机关收到补正的申请之日起计算。"
    "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该申请。" + _CONTACT,
    LetterKind.EXTENSION: _OPENING
    + "因{{ reason|default:'需要进一步核实、检索相关信息' }}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》"
    "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{ workdays }}个工作日，至{{ due }}。"
    + _CONTACT,
    LetterKind.THIRD_PARTY: "第三方：\n\n本机关于{{ received_on }}收到{% if description %}关于“{{ description }}”的{% endif %}"
    "政府信息公开申请。该信息的公开可能损害您的合法权益，"
    "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您的意见。请于{{ third_party_due }}前提出意见；"
    "逾期未提出意见的，由本机关依照条例的规定决定是否公开。" + _CONTACT,
    LetterKind.FEE: _OPENING
    + "您的申请数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》"
    "（国办函〔2020〕109号）的规定，本机关决定收取信息处理费{{ amount_yuan }}元{% if reason %}（{{ reason }}）{% endif %}。"
    "请您于{{ fee_due }}前缴纳；收费通知至缴费期间不计入答复期限。逾期未缴纳的，视为放弃申请，本机关不再处理该申请。"
    + _CONTACT,
}

EVENT_LETTERS = {
    "correction_requested": LetterKind.CORRECTION,
    "extension": LetterKind.EXTENSION,
    "third_party_sent": LetterKind.THIRD_PARTY,
    "fee_notice": LetterKind.FEE,
}


# The values a letter may have empty (the officer leaves them out, the outcome has no article, the agency set no
# contact, a description that was only punctuation): a template is tried with every combination of them set and
# empty, so a mistake inside {% if reason %} is caught on saving.
OPTIONAL_VALUES = ("documents", "reason", "outcome", "article", "description", "contact_name", "contact_phone")


def validate_template(body: str) -> None:
    """Refuse an edited template that does not render in every branch: a syntax error, or an error in any
    combination of the optional values set and empty (:attr:`FoiError.TEMPLATE_SYNTAX` on ``body``)."""
    try:
        template = _ENGINE.from_string(body)
    except TemplateSyntaxError as exc:
        raise FoiError.TEMPLATE_SYNTAX.refuse("body", reason=str(exc)) from exc
    for context in sample_contexts():
        try:
            template.render(Context(context))
        except Exception as exc:  # whatever a template can raise (missing include, bad filter argument …)
            empty = "、".join(k for k in OPTIONAL_VALUES if not context[k]) or "—"
            raise FoiError.TEMPLATE_BRANCH.refuse("body", reason=f"{type(exc).__name__}: {exc}", empty=empty) from exc


def sample_context() -> dict[str, Any]:
    """Plausible values for every variable a letter template may use, each optional one set."""
    return {
        "applicant": "张三",
        "received_on": "2026年3月2日",
        "tracking_code": "GK2026-ABC234",
        "description": "2025年度低保资金发放情况",
        "documents": document_list("《2025年低保资金发放表》\n《2025年低保对象名册》"),
        "reason": "申请公开的信息涉及第三方个人信息",
        "outcome": "属于国家秘密",
        "article": "第十四条",
        "remedies": "（救济途径）",
        "workdays": law_clock.MAX_EXTENSION_WORKDAYS,
        "due": "2026年4月29日",
        "correction_due": "2026年3月13日",
        "third_party_due": "2026年3月23日",
        "fee_due": "2026年3月30日",
        "amount_yuan": "100",
        "contact_name": "王五",
        "contact_phone": "0431-88886666",
    }


def sample_contexts() -> Iterator[dict[str, Any]]:
    """The sample context with every combination of the optional values set and empty (2⁷ = 128)."""
    full = sample_context()
    for flags in itertools.product((True, False), repeat=len(OPTIONAL_VALUES)):
        yield {**full, **{key: full[key] if keep else "" for key, keep in zip(OPTIONAL_VALUES, flags, strict=True)}}


def template_for(agency_id: int, kind: str) -> str:
    custom = LetterTemplate.objects.filter(agency_id=agency_id, kind=kind).values_list("body", flat=True).first()
    return custom or DEFAULT_TEMPLATES[kind]


def _context(request: InfoRequest, settings: FoiSettings | None, values: dict[str, Any]) -> dict[str, Any]:
    outcome = values.get("outcome", "")
    return {
        "applicant": request.applicant.name,
        "received_on": chinese_date(request.received_on),
        "tracking_code": request.tracking_code,
        "description": quotation(request.description),
        "outcome": RESULT_SHORT_LABELS.get(outcome, ""),
        "article": ARTICLE_FOR_OUTCOME.get(outcome, ""),
        # 行政复议法（2023年修订）第二十三条: a refusal to disclose must go to reconsideration before court.
        "remedies": remedies_sentence(
            reconsideration_body=settings.reconsideration_body if settings else "本级人民政府",
            court=settings.court if settings else "有管辖权的人民法院",
            reconsideration_first=bool(outcome) and reconsideration_first_required(outcome),
        ),
        "contact_name": settings.contact_name if settings else "",
        "contact_phone": settings.contact_phone if settings else "",
        **{k: chinese_date(v) if isinstance(v, dt.date) else v for k, v in values.items() if k != "outcome"},
        "reason": clause(values.get("reason")),
        "documents": document_list(values.get("documents")),
    }


@service
def letter_issue(*, actor: Any, request: InfoRequest, kind: str, on: dt.date, values: dict[str, Any]) -> Letter:
    """Number the letter (per agency and year, no gaps) and freeze its text."""
    settings = FoiSettings.objects.filter(agency=request.agency).first()
    serial = next_serial(agency=request.agency, kind=LETTER_SERIALS, year=on.year)
    prefix = settings.letter_prefix if settings else (request.agency.short_name or request.agency.name)
    try:
        body = _ENGINE.from_string(template_for(request.agency_id, kind)).render(
            Context(_context(request, settings, values))
        )
    except Exception as exc:  # a template saved before templates were tried in every branch
        raise FoiError.TEMPLATE_BROKEN.refuse(
            kind=LetterKind(kind).label, reason=f"{type(exc).__name__}: {exc}"
        ) from exc
    letter = Letter.objects.create(
        agency=request.agency,
        request=request,
        kind=kind,
        year=on.year,
        serial=serial,
        number=f"{prefix}〔{on.year}〕{serial}号",
        issued_on=on,
        title=LetterKind(kind).label,
        body=body.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(action="foi.letter.issue", actor=actor, obj=request, changes={"number": letter.number, "kind": kind})
    deliveries.letter_issued(letter)  # the applicant is told once this has committed
    return letter


_DEFAULT_COMPILED: dict[str, Any] = {}


def render_default(request: InfoRequest, kind: str, values: dict[str, Any], settings: FoiSettings | None) -> str:
    """The text a letter of ``kind`` is issued with under the default template, neither numbered nor saved (for
    generated data: ``request`` may be unsaved, with its applicant set)."""
    template = _DEFAULT_COMPILED.get(kind)
    if template is None:
        template = _DEFAULT_COMPILED[kind] = _ENGINE.from_string(DEFAULT_TEMPLATES[kind])
    return template.render(Context(_context(request, settings, values))).strip()


def letter_for_reply(outcome: str) -> str:
    return letter_kind_for(outcome)


def letter_paragraphs(letter: Letter, redact: Callable[[str], str] | None = None) -> list[str]:
    """The letter's paragraphs; ``redact`` (:meth:`gongkai.foi.privacy.ApplicantView.redact`) masks the applicant
    for a reader who may not see them — the stored, frozen text is never changed."""
    body = redact(letter.body) if redact else letter.body
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def letter_lines(paragraph: str) -> list[str]:
    """A paragraph's lines: the documents provided stand one per line."""
    return [line.strip() for line in paragraph.split("\n") if line.strip()]


def letter_html(letter: Letter, redact: Callable[[str], str] | None = None) -> str:
    # a paragraph's lines (the documents provided, one per line) are kept apart
    paragraphs = "".join(
        "<p>" + "<br>".join(escape(line) for line in letter_lines(p)) + "</p>"
        for p in letter_paragraphs(letter, redact)
    )
    return (
        f'<article class="letter"><h1>{escape(letter.agency.name)}<br>{escape(letter.title)}</h1>'
        f'<p class="letter-number">{escape(letter.number)}</p>{paragraphs}'
        f'<p class="letter-sign">{escape(letter.agency.name)}<br>{chinese_date(letter.issued_on)}</p></article>'
    )


def letter_docx(letter: Letter, redact: Callable[[str], str] | None = None) -> bytes:
    """The letter as a DOCX on the official page (GB/T 9704-2012, :mod:`gongkai.core.paper`: A4, its margins, 3号
    仿宋, 22 lines of 28 characters): agency and title centred, number right, body, signature right; each document
    provided on its own line; ``redact`` as for :func:`letter_paragraphs`."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    paper.official_page(document.sections[0])
    style = document.styles["Normal"]
    style.font.name = "FangSong"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    paper.official_text(style)

    def paragraph(text: str, *, align=None, bold=False, size=None, indent=False):
        para = document.add_paragraph()
        run = para.add_run(export_value(text))  # a letter frozen with a control character still downloads
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            para.alignment = align
        if indent:
            para.paragraph_format.first_line_indent = Pt(2 * paper.BODY_PT)  # two characters
        return para

    paragraph(letter.agency.name, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22)
    paragraph(letter.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22)
    paragraph(letter.number, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for index, text in enumerate(letter_paragraphs(letter, redact)):
        for line in letter_lines(text):
            paragraph(line, indent=index > 0)
    paragraph(letter.agency.name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(chinese_date(letter.issued_on), align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def issue_letter_for_event(*, actor: Any, request: InfoRequest, event: RequestEvent, result: Any) -> None:
    """The letter an event sends to the applicant (or the third party), numbered and frozen."""
    data = event.data
    values: dict[str, Any] = {"reason": data.get("reason", ""), "documents": data.get("documents", "")}
    if event.type == "reply":
        kind = letter_kind_for(data["outcome"])
        values["outcome"] = data["outcome"]
    elif event.type in EVENT_LETTERS:
        kind = EVENT_LETTERS[event.type]
        values.update(
            workdays=data.get("workdays"),
            amount_yuan=data.get("amount_yuan"),
            due=result.due,
            correction_due=result.correction_due,
            fee_due=result.fee_payment_due,
        )
        if event.type == "third_party_sent":
            values["third_party_due"] = (
                working_calendar().add_workdays(event.on, law_clock.THIRD_PARTY_MAX_WORKDAYS).date
            )
    else:
        return
    letter = letter_issue(actor=actor, request=request, kind=kind, on=event.on, values=values)
    RequestEvent.objects.create(
        request=request,
        type="letter_issued",
        on=event.on,
        actor=user_or_none(actor),
        data={"letter_id": letter.pk, "number": letter.number, "kind": kind},
    )
