from __future__ import annotations

import pytest

from gongkai.foi.models import FoiSettings


@pytest.fixture
def foi_settings(jurisdiction):
    return FoiSettings.objects.create(
        agency=jurisdiction["civil"],
        letter_prefix="江民公开",
        reconsideration_body="江源市人民政府",
        court="江源市江城区人民法院",
    )
