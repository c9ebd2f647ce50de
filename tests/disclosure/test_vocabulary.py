"""主题分类 (the 国务院公文主题分类) and 体裁 as controlled vocabularies kept by the system administrator."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.disclosure import services
from gongkai.disclosure.forms import ItemForm
from gongkai.disclosure.models import CatalogItem, VocabularyKind, VocabularyTerm
from gongkai.disclosure.vocabulary import LEGACY_PREFIX, load_terms, read_data, terms_for_values


def _term(kind: str, label: str, parent: str | None = None) -> VocabularyTerm:
    return VocabularyTerm.objects.get(kind=kind, label=label, **({"parent__label": parent} if parent else {}))


def _options(field) -> dict[str, list[str]]:
    """A select's options as {optgroup label or "": [option labels]}."""
    groups: dict[str, list[str]] = {}
    for value, label in field.choices:
        if isinstance(label, list | tuple):
            groups[value] = [child for _pk, child in label]
        elif value != "":
            groups.setdefault("", []).append(label)
    return groups


# --- the data -------------------------------------------------------------------------------------------------


def test_the_migration_loads_the_state_councils_subject_classification(db):
    tops = VocabularyTerm.objects.filter(kind=VocabularyKind.TOPIC, parent=None)
    assert tops.count() == 22
    assert list(tops.values_list("label", flat=True)[:4]) == [
        "国务院组织机构",
        "综合政务",
        "国民经济管理、国有资产监管",
        "财政、金融、审计",
    ]
    civil = _term("topic", "民政、扶贫、救灾")
    assert list(civil.children.values_list("label", flat=True)) == [
        "减灾救灾",
        "优抚安置",
        "社会福利",
        "行政区划与地名",
        "社团管理",
        "扶贫",
        "其他",
    ]
    assert VocabularyTerm.objects.filter(kind=VocabularyKind.TOPIC).count() == 22 + 121
    assert str(_term("topic", "社会福利")) == "民政、扶贫、救灾\\社会福利"  # as gov.cn shows it: 大类\小类


def test_the_genres_include_the_usual_ones_of_a_catalog(db):
    genres = set(VocabularyTerm.objects.filter(kind=VocabularyKind.GENRE).values_list("label", flat=True))
    usual = {"通知", "公告", "通告", "意见", "决定", "办法", "规定", "批复", "报告", "函", "方案", "规划", "其他"}
    assert usual <= genres
    assert not VocabularyTerm.objects.filter(kind=VocabularyKind.GENRE, parent__isnull=False).exists()


def test_the_data_file_names_its_sources_and_its_codes_are_unique():
    data = read_data()
    codes = [t["code"] for t in data["topic"]] + [c["code"] for t in data["topic"] for c in t["children"]]
    assert len(codes) == len(set(codes))
    assert len({g["code"] for g in data["genre"]}) == len(data["genre"])
    from gongkai.disclosure.vocabulary import DATA_FILE

    assert "gov.cn" in DATA_FILE.read_text(encoding="utf-8")


# --- the data migration: free text becomes terms, nothing lost ----------------------------------------------------

# value → (the term's display, active) it becomes; None for a blank value
MIGRATION_CASES = [
    ("topic", "综合政务\\政务公开", ("综合政务\\政务公开", True)),  # gov.cn's own 大类\小类 form
    ("topic", "政务公开", ("综合政务\\政务公开", True)),  # a 小类 whose label is unique
    ("topic", "民政、扶贫、救灾", ("民政、扶贫、救灾", True)),  # a 大类
    ("topic", "其他", ("其他", False)),  # every 大类 has its 其他: ambiguous, kept as typed
    ("topic", "社会救助", ("社会救助", False)),  # not in the classification: kept as typed, inactive
    ("topic", "  ", None),
    ("genre", "通知", ("通知", True)),
    ("genre", "工作动态", ("工作动态", True)),
    ("genre", "解读", ("解读", False)),
]


@pytest.mark.parametrize(("kind", "value", "expected"), MIGRATION_CASES)
def test_the_data_migration_maps_exact_matches_and_keeps_the_others_visible(db, kind, value, expected):
    term = terms_for_values(VocabularyTerm, kind, [value])[value]
    if expected is None:
        assert term is None
        return
    assert (str(term), term.active) == expected
    if not term.active:
        assert term.code.startswith(LEGACY_PREFIX) and term.kind == kind


def test_one_unmatched_value_becomes_one_term_and_later_runs_do_not_collide(db):
    first = terms_for_values(VocabularyTerm, "genre", ["解读", "解读", "简报"])
    assert first["解读"].code != first["简报"].code
    again = terms_for_values(VocabularyTerm, "genre", ["解读", "汇编"])
    assert again["解读"] == first["解读"]  # matched now: the inactive term made before has this label
    assert len({t.code for t in VocabularyTerm.objects.filter(code__startswith=LEGACY_PREFIX)}) == 3


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_stored_text_into_terms():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("disclosure", "0008_vocabularies_and_settings")], [("disclosure", "0011_items_vocabulary_fields")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    # an earlier transactional test may have flushed the terms 0008 loads: load them again (it only adds missing ones)
    load_terms(old.get_model("disclosure", "VocabularyTerm"))
    agency = old.get_model("agencies", "Agency").objects.create(name="测试局", credit_code="11990100MB0000003X")
    category = old.get_model("disclosure", "CatalogCategory").objects.create(agency=agency, code="A01", name="规章")
    items = old.get_model("disclosure", "CatalogItem").objects
    for title, topic, genre in (("一", "政务公开", "通知"), ("二", "社会救助", "名单"), ("三", "", "解读")):
        items.create(agency=agency, category=category, title=title, topic=topic, genre=genre)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    shown = {
        item.title: (str(item.topic.label) if item.topic else "", item.genre.label, item.genre.active)
        for item in new.get_model("disclosure", "CatalogItem").objects.select_related("topic", "genre")
    }
    assert shown == {"一": ("政务公开", "通知", True), "二": ("社会救助", "名单", True), "三": ("", "解读", False)}
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


# --- the form and the services --------------------------------------------------------------------------------


def test_the_form_offers_active_terms_grouped_under_their_main_term(catalog):
    agency = catalog.first().agency
    VocabularyTerm.objects.filter(kind="genre", label="函").update(active=False)
    _term("topic", "民政、扶贫、救灾").children.filter(label="扶贫").update(active=False)
    VocabularyTerm.objects.filter(kind="topic", label="国防", parent=None).update(active=False)
    form = ItemForm(agency=agency)
    topics, genres = _options(form.fields["topic"]), _options(form.fields["genre"])
    assert topics["民政、扶贫、救灾"] == ["减灾救灾", "优抚安置", "社会福利", "行政区划与地名", "社团管理", "其他"]
    assert "国防" not in topics  # a main term switched off takes its sub-terms with it
    assert topics[""] == ["其他"]  # the one main term without sub-terms is itself a choice
    assert "通知" in genres[""] and "函" not in genres[""]


def test_an_item_keeps_its_inactive_term_but_no_new_item_gets_it(catalog, staff):
    agency, category = catalog.first().agency, catalog.get(code="A01")
    notice, welfare = _term("genre", "通知"), _term("topic", "社会福利", "民政、扶贫、救灾")
    item = services.item_create(
        actor=staff["drafter"], agency=agency, category=category, title="通知", genre=notice, topic=welfare
    )
    VocabularyTerm.objects.filter(pk=notice.pk).update(active=False)
    notice.refresh_from_db()
    assert "通知" in _options(ItemForm(agency=agency, item=item).fields["genre"])[""]
    assert "通知" not in _options(ItemForm(agency=agency).fields["genre"])[""]
    services.item_update(actor=staff["drafter"], item=item, genre=notice, title="通知（修改）")  # unchanged: kept
    with pytest.raises(ValidationError) as refused:
        services.item_create(actor=staff["drafter"], agency=agency, category=category, title="新通知", genre=notice)
    assert refused.value.error_dict["genre"][0].code == "disclosure.term_inactive"
    assert refused.value.messages == ["“通知”已停用，请从体裁列表中另选一项。"]
    with pytest.raises(ValidationError) as refused:
        services.item_update(actor=staff["drafter"], item=item, topic=notice)  # a genre as the subject
    assert refused.value.error_dict["topic"][0].code == "disclosure.term"


def test_the_form_saves_the_chosen_terms_and_the_public_page_shows_their_labels(catalog, staff, client_for):
    agency = catalog.first().agency
    welfare, notice = _term("topic", "社会福利", "民政、扶贫、救灾"), _term("genre", "通知")
    client = Client()
    client.force_login(staff["drafter"])
    data = {"category": catalog.get(code="A01").pk, "title": "关于发放补贴的通知", "topic": welfare.pk}
    response = client.post(reverse("disclosure_staff:new", args=[agency.pk]), data | {"genre": notice.pk})
    assert response.status_code == 302
    item = CatalogItem.objects.get(title="关于发放补贴的通知")
    assert (item.topic, item.genre) == (welfare, notice)
    services.item_submit(actor=staff["drafter"], item=item)
    for user in (staff["reviewer"], staff["secrecy"], staff["approver"]):
        item = services.item_decide(actor=user, item=item, approved=True)
    page = Client().get(reverse("disclosure_public:item", args=[item.pk])).content.decode()
    assert "民政、扶贫、救灾\\社会福利" in page and "<td>通知</td>" in page
    assert agency.pk == item.agency_id


def test_the_system_admin_keeps_the_vocabularies_and_each_change_is_audited(db, make_user):
    client = Client()
    admin = make_user(superuser=True)
    client.force_login(admin)
    notice = _term("genre", "通知")
    assert client.get("/admin/disclosure/vocabularyterm/").status_code == 200
    assert client.get(f"/admin/disclosure/vocabularyterm/{notice.pk}/change/").status_code == 200
    response = client.post(
        f"/admin/disclosure/vocabularyterm/{notice.pk}/change/", {"label": "通知", "position": 7}
    )  # unticked: deactivated
    assert response.status_code == 302
    notice.refresh_from_db()
    assert not notice.active
    entry = AuditEntry.objects.get(action="disclosure.term.save")
    assert entry.actor == admin and entry.changes["active"] == [True, False]
    response = client.post(
        "/admin/disclosure/vocabularyterm/add/",
        {
            "kind": "topic",
            "code": "1708",
            "label": "婚姻登记",
            "parent": _term("topic", "民政、扶贫、救灾").pk,
            "active": "on",
            "position": 7,
        },
    )
    assert response.status_code == 302
    assert str(VocabularyTerm.objects.get(code="1708")) == "民政、扶贫、救灾\\婚姻登记"
    genre_parent = {"kind": "genre", "code": "99", "label": "子体裁", "parent": notice.pk, "position": 0}
    response = client.post("/admin/disclosure/vocabularyterm/add/", genre_parent)  # genres have one level only
    assert response.status_code == 200 and not VocabularyTerm.objects.filter(code="99").exists()
    assert "子项只能归入同一列表的一级类目" in response.content.decode()
    assert client.get(f"/admin/disclosure/vocabularyterm/{notice.pk}/delete/").status_code == 403
