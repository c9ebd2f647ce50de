"""Forms for requests: the public form, the officer's registration, and one small form per clock action."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.foi.models import (
    APPLICANT_KIND_CHOICES,
    CHANNEL_CHOICES,
    OUTCOME_CHOICES,
    Delivery,
    IdType,
    WantedForm,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Allowed uploads, recognised by their first bytes, never by name or declared type.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"PK\x03\x04": "application/zip",  # DOCX/XLSX are ZIP containers; checked further below
}
OFFICE_TYPES = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sniff_content_type(upload) -> str | None:
    """The real type of an upload from its content; None for anything not allowed."""
    import zipfile

    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            if content_type != "application/zip":
                return content_type
            try:
                names = zipfile.ZipFile(upload).namelist()
            except zipfile.BadZipFile:
                return None
            finally:
                upload.seek(0)
            for prefix, office_type in OFFICE_TYPES.items():
                if any(name.startswith(prefix) for name in names):
                    return office_type
            return None
    return None


def _date_field(label: str, *, required: bool = True, initial_today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate if initial_today else None,
    )


class ApplicantFields(forms.Form):
    kind = forms.ChoiceField(label="申请人类型", choices=APPLICANT_KIND_CHOICES, initial="natural_person")
    name = forms.CharField(label="姓名或名称", max_length=200)
    id_type = forms.ChoiceField(label="证件类型", choices=[("", "—"), *list(IdType.choices)], required=False)
    id_number = forms.CharField(
        label="证件号码",
        max_length=40,
        required=False,
        help_text="自然人填写居民身份证号码；法人或其他组织填写统一社会信用代码。",
    )
    contact_person = forms.CharField(label="联系人", max_length=100, required=False)
    phone = forms.CharField(label="联系电话", max_length=40)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=300, required=False)

    APPLICANT_KEYS = ("kind", "name", "id_type", "id_number", "contact_person", "phone", "email", "address")

    def applicant_data(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in self.APPLICANT_KEYS}


class RequestFields(forms.Form):
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    wanted_form = forms.ChoiceField(label="获取信息的方式", choices=WantedForm.choices, initial=WantedForm.ELECTRONIC)
    delivery = forms.ChoiceField(label="获取信息的途径", choices=Delivery.choices, initial=Delivery.EMAIL)

    def request_data(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in ("wanted_form", "delivery")}


class PublicRequestForm(ApplicantFields, RequestFields):
    attachment = forms.FileField(label="附件（可选，PDF、Word、Excel 或图片，不超过10MB）", required=False)
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill it in.
    website = forms.CharField(required=False, label="请勿填写此项")

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError("附件不能超过10MB。", code="too_large")
        content_type = sniff_content_type(upload)
        if content_type is None:
            raise forms.ValidationError("附件只能是 PDF、Word（docx）、Excel（xlsx）或图片（PNG、JPEG）。", code="type")
        upload.sniffed_type = content_type
        return upload


class RegisterForm(ApplicantFields, RequestFields):
    channel = forms.ChoiceField(label="申请方式", choices=CHANNEL_CHOICES)
    submitted_on = _date_field("提交日期", initial_today=True)
    signed_on = _date_field("签收日期（挂号信、快递）", required=False)
    confirmed_on = _date_field("与申请人确认的日期（平信、网上、传真、电子邮件）", required=False)
    registered_mail = forms.BooleanField(label="需要签收的邮件", required=False, initial=True)


class OnForm(forms.Form):
    on = _date_field("日期", initial_today=True)
    reason = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class CorrectionForm(OnForm):
    period_workdays = forms.IntegerField(label="补正期限（工作日）", min_value=1, max_value=60, initial=10)


class ExtensionForm(OnForm):
    workdays = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)


class DelayForm(OnForm):
    until = _date_field("延迟答复至")


class FeeForm(OnForm):
    amount_yuan = forms.DecimalField(label="金额（元）", min_value=0, max_digits=10, decimal_places=2)


class ReplyForm(OnForm):
    outcome = forms.ChoiceField(
        label="办理结果",
        choices=[("", "—")] + [c for c in OUTCOME_CHOICES if c[0] not in ("other_no_correction", "other_fee_unpaid")],
    )
    documents = forms.CharField(label="提供的信息", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TrackForm(forms.Form):
    tracking_code = forms.CharField(label="申请编号", max_length=20)
    query_code = forms.CharField(label="查询码", max_length=20)


ACTION_FORMS: dict[str, tuple[type[forms.Form], str]] = {
    "receipt_confirmed": (OnForm, "确认收到申请"),
    "correction_requested": (CorrectionForm, "发出补正通知"),
    "correction_received": (OnForm, "收到补正材料"),
    "third_party_sent": (OnForm, "征求第三方意见"),
    "third_party_replied": (OnForm, "第三方答复"),
    "other_agency_sent": (OnForm, "征求其他机关意见"),
    "other_agency_replied": (OnForm, "其他机关答复"),
    "extension": (ExtensionForm, "延长答复期限（需负责人）"),
    "reasonable_delay": (DelayForm, "确定延迟答复期限（第三十五条，需负责人）"),
    "fee_notice": (FeeForm, "发出收费通知"),
    "fee_paid": (OnForm, "申请人已缴费"),
    "withdrawn": (OnForm, "申请人撤回"),
    "reply": (ReplyForm, "答复"),
}


class FoiSettingsForm(forms.Form):
    letter_prefix = forms.CharField(
        label="文书编号前缀", max_length=30, help_text="如“江民公开”，文书编号为 江民公开〔2026〕12号"
    )
    reconsideration_body = forms.CharField(label="行政复议机关", max_length=200)
    court = forms.CharField(label="有管辖权的人民法院", max_length=200)
    fee_method = forms.ChoiceField(
        label="信息处理费计收方式", choices=[("per_piece", "按件计收"), ("per_page", "按量计收")]
    )


class LetterTemplateForm(forms.Form):
    body = forms.CharField(
        label="模板正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="可用变量：{{ applicant }} {{ received_on }} {{ tracking_code }} {{ description }} "
        "{{ outcome }} {{ article }} {{ documents }} {{ reason }} {{ remedies }} {{ due }} "
        "{{ workdays }} {{ correction_due }} {{ fee_due }} {{ amount_yuan }}。清空后保存即恢复默认文本。",
    )
