"""Fill a fresh gongkai database for the backup tests: ``python -m tests.ops.populate`` (settings from the
environment, like the ``gongkai`` command).

The demo's jurisdiction, users, cases, work plan (with its source file) and engagement records, and online requests
with encrypted applicants' data and uploaded attachments (PDF and PNG): every kind of data a backup must carry.
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from gongkai.agencies import demo as agencies_demo  # noqa: E402
from gongkai.cases import demo as cases_demo  # noqa: E402
from gongkai.engagement import demo as engagement_demo  # noqa: E402
from gongkai.foi import services as foi_services  # noqa: E402
from gongkai.workplan import demo as workplan_demo  # noqa: E402

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(255, -1, -1)) * 20
ID_NUMBER = "11010519491231002X"  # GB 11643-1999's example: a valid check digit


def main() -> None:
    agencies = agencies_demo.load_jurisdiction()
    agencies_demo.load_users()
    for n, (name, data) in enumerate([("申请说明.pdf", PDF), ("身份证明.png", PNG), ("补充材料.pdf", PDF + b"2")]):
        foi_services.request_submit_online(
            agency=agencies["civil"],
            applicant={
                "kind": "natural_person",
                "name": f"申请人{n}",
                "id_type": "resident_id",
                "id_number": ID_NUMBER,
                "phone": f"1391234567{n}",
                "address": "江源市幸福路9号",
            },
            description=f"2025年度城乡低保资金发放明细（第{n}件）",
            submitter=f"198.51.100.{n}",
            attachment=SimpleUploadedFile(name, data, content_type="application/octet-stream"),
        )
    cases_demo.load_cases(agencies)
    workplan_demo.load_workplan(agencies)
    engagement_demo.load_engagement(agencies)


if __name__ == "__main__":
    main()
