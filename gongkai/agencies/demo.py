"""The demo jurisdiction: a city government, its 民政局 with three 科室, a county and its 民政局, and the city's
政务公开办 as supervisor; one user per role."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Role
from gongkai.agencies.services import agency_create, department_create, membership_grant, user_create
from gongkai.core.logs import service
from gongkai.law.identifiers import make_uscc

# Division code 990100 is not a real one: the demo must never be mistaken for a real agency.
CITY_GOV = make_uscc("11990100MB0000001")
CITY_OFFICE = make_uscc("11990100MB0000002")
CITY_CIVIL = make_uscc("11990100MB0000003")
COUNTY_GOV = make_uscc("11990121MB0000004")
COUNTY_CIVIL = make_uscc("11990121MB0000005")

CONTACT = {
    "address": "江源市人民路1号",
    "postcode": "999001",
    "phone": "0999-12345678",
    "office_hours": "工作日 上午8:30-12:00，下午14:30-17:30",
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    agency_code: str | None
    role: str
    department: str | None = None


DEMO_USERS = [
    DemoUser("officer", "王承办", CITY_CIVIL, Role.CASE_OFFICER, "办公室"),
    DemoUser("drafter", "李起草", CITY_CIVIL, Role.DRAFTER, "社会救助科"),
    DemoUser("reviewer", "赵审核", CITY_CIVIL, Role.REVIEWER, "办公室"),
    DemoUser(
        "secrecy", "郑保密", CITY_CIVIL, Role.REVIEWER, "办公室"
    ),  # 保密审查: another person (separation of duties)
    DemoUser("approver", "钱签发", CITY_CIVIL, Role.APPROVER),
    DemoUser("agency-admin", "孙管理", CITY_CIVIL, Role.AGENCY_ADMIN, "办公室"),
    DemoUser("supervisor", "周督查", CITY_OFFICE, Role.SUPERVISOR),
    DemoUser("county-officer", "吴经办", COUNTY_CIVIL, Role.CASE_OFFICER, "办公室"),
    DemoUser("sysadmin", "系统管理员", None, Role.SYSTEM_ADMIN),
]


def demo_exists() -> bool:
    return Agency.objects.filter(credit_code=CITY_CIVIL).exists()


@service
def load_jurisdiction() -> dict[str, Agency]:
    city = agency_create(
        actor=None,
        name="江源市人民政府",
        short_name="江源市政府",
        credit_code=CITY_GOV,
        kind=AgencyKind.GOVERNMENT,
        level=AgencyLevel.CITY,
        **CONTACT,
    )
    office = agency_create(
        actor=None,
        name="江源市人民政府办公室",
        short_name="市政务公开办",
        credit_code=CITY_OFFICE,
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.CITY,
        parent=city,
        **CONTACT,
    )
    civil = agency_create(
        actor=None,
        name="江源市民政局",
        short_name="市民政局",
        credit_code=CITY_CIVIL,
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.CITY,
        parent=city,
        supervisor=office,
        address="江源市民生路8号",
        postcode="999002",
        phone="0999-87654321",
        email="gongkai@mzj.jiangyuan.example",
        office_hours=CONTACT["office_hours"],
    )
    county = agency_create(
        actor=None,
        name="青山县人民政府",
        short_name="青山县政府",
        credit_code=COUNTY_GOV,
        kind=AgencyKind.GOVERNMENT,
        level=AgencyLevel.COUNTY,
        parent=city,
        supervisor=office,
        address="青山县城关镇府前街1号",
        postcode="999100",
        phone="0999-5551000",
    )
    county_civil = agency_create(
        actor=None,
        name="青山县民政局",
        short_name="县民政局",
        credit_code=COUNTY_CIVIL,
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.COUNTY,
        parent=county,
        supervisor=county,
        address="青山县城关镇民政路3号",
        postcode="999100",
        phone="0999-5552000",
        office_hours=CONTACT["office_hours"],
    )
    for name, aliases in (("办公室", "局办公室"), ("社会救助科", "社救办,社会救助办"), ("养老服务科", "养老科")):
        department_create(actor=None, agency=civil, name=name, aliases=aliases)
    for name in ("办公室", "社会救助股"):
        department_create(actor=None, agency=county_civil, name=name)
    return {"city": city, "office": office, "civil": civil, "county": county, "county_civil": county_civil}


@service
def load_users() -> list[tuple[DemoUser, str]]:
    """Create the demo users; returns (user, password) pairs to print once."""
    created = []
    for demo in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        user = user_create(
            actor=None,
            username=demo.username,
            password=password,
            full_name=demo.full_name,
            is_superuser=demo.role == Role.SYSTEM_ADMIN,
        )
        if demo.agency_code:
            agency = Agency.objects.get(credit_code=demo.agency_code)
            department = agency.departments.filter(name=demo.department).first() if demo.department else None
            membership_grant(actor=None, user=user, agency=agency, role=demo.role, department=department)
        created.append((demo, password))
    return created


@service
def reset_passwords() -> list[tuple[DemoUser, str]]:
    users = get_user_model().objects.in_bulk([d.username for d in DEMO_USERS], field_name="username")
    result = []
    for demo in DEMO_USERS:
        if demo.username in users:
            password = secrets.token_urlsafe(12)
            users[demo.username].set_password(password)
            users[demo.username].save(update_fields=["password"])
            result.append((demo, password))
    return result
