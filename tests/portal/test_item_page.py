"""The item page: the gov.cn metadata block, attachments linked to the public download, each policy with its
published interpretations and each interpretation with its policy, related items — published ones only."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from gongkai.disclosure import services
from gongkai.disclosure.models import Attachment, ItemState


def _page(item) -> str:
    response = Client().get(reverse("disclosure_public:item", args=[item.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _attach(item, name: str, size: int = 2048) -> Attachment:
    return Attachment.objects.create(
        item=item, file=f"disclosure/2026/11/{name}", original_name=name, content_type="application/pdf", size=size
    )


def test_unpublished_items_have_no_page(make_item, unpublished):
    for item in unpublished:
        assert Client().get(reverse("disclosure_public:item", args=[item.pk])).status_code == 404


def test_the_metadata_block_and_the_attachments(make_item):
    item = make_item(
        "关于调整城乡低保标准的通知", code="A01", doc_number="江民发〔2026〕5号", normative_kind="normative_document"
    )
    first, second = _attach(item, "低保标准表.pdf", 3 * 1024 * 1024), _attach(item, "政策问答.pdf")
    html = _page(item)
    for value in (item.index_number, "江民发〔2026〕5号", "江源市民政局", "2026年11月23日", "有效"):
        assert value in html
    assert html.index("低保标准表.pdf") < html.index("政策问答.pdf")
    for attachment in (first, second):
        assert f'href="{reverse("disclosure_files:download", args=[attachment.pk])}"' in html
    assert "3.0" in html  # the size, human-readable


def test_a_policy_shows_its_published_interpretations_only(make_item):
    policy = make_item("关于调整城乡低保标准的通知", code="A01", normative_kind="normative_document")
    published = make_item("《关于调整城乡低保标准的通知》政策解读", code="A01", interprets=policy)
    draft = make_item("图解：低保标准调整（草稿）", code="A01", interprets=policy, state=ItemState.DRAFT)
    withdrawn = make_item("低保标准调整答记者问", code="A01", interprets=policy, state=ItemState.WITHDRAWN)
    html = _page(policy)
    assert reverse("disclosure_public:item", args=[published.pk]) in html and published.title in html
    for hidden in (draft, withdrawn):
        assert hidden.title not in html and reverse("disclosure_public:item", args=[hidden.pk]) not in html


def test_an_interpretation_shows_its_policy_while_the_policy_is_published(make_item, staff):
    policy = make_item("关于调整城乡低保标准的通知", code="A01", normative_kind="normative_document")
    interpretation = make_item("《关于调整城乡低保标准的通知》政策解读", code="A01", interprets=policy)
    assert f'href="{reverse("disclosure_public:item", args=[policy.pk])}"' in _page(interpretation)
    services.item_withdraw(actor=staff["approver"], item=policy, reason="文件已被替代。")
    html = _page(interpretation)
    assert reverse("disclosure_public:item", args=[policy.pk]) not in html


def test_related_items_are_listed_when_published(make_item):
    earlier = make_item("2026年9月城市低保名单")
    hidden = make_item("2026年8月城市低保名单（撤下）", state=ItemState.WITHDRAWN)
    item = make_item("2026年10月城市低保名单", related=[earlier, hidden])
    html = _page(item)
    assert reverse("disclosure_public:item", args=[earlier.pk]) in html
    assert hidden.title not in html
    assert reverse("disclosure_public:item", args=[item.pk]) in _page(earlier)  # the link goes both ways


def test_the_item_page_makes_a_fixed_number_of_queries(make_item, django_assert_max_num_queries):
    policy = make_item("关于调整城乡低保标准的通知", code="A01", normative_kind="normative_document")
    others = [make_item(f"相关信息{n}") for n in range(4)]
    for n in range(3):
        make_item(f"政策解读{n}", code="A01", interprets=policy)
    item = make_item("低保政策问答", code="A01", interprets=policy, related=others)
    for n in range(5):
        _attach(item, f"附件{n}.pdf")
    with django_assert_max_num_queries(5):  # the item, attachments, interpretations, related, successors
        html = Client().get(reverse("disclosure_public:item", args=[item.pk])).content.decode()
    assert "附件4.pdf" in html and "相关信息3" in html and policy.title in html
    with django_assert_max_num_queries(5):  # the item, attachments, interpretations, related, successors
        html = Client().get(reverse("disclosure_public:item", args=[policy.pk])).content.decode()
    assert "政策解读2" in html
