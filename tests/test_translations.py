"""Issue 7: complete French and Swedish translations of the five addons."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = [
    "support_contract",
    "support_ticket",
    "support_sla",
    "support_billing",
    "support_portal",
]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{\{.*?\}\}")


@pytest.mark.parametrize("lang", ["fr", "sv"])
@pytest.mark.parametrize("addon", ADDONS)
def test_translation_is_complete_and_keeps_placeholders(addon, lang):
    path = ROOT / addon / "i18n" / f"{lang}.po"
    assert path.is_file(), f"{addon} has no {lang}.po"
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") == lang
    missing = [e.msgid for e in po if not e.msgstr and not e.obsolete]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:3]}"
    for entry in po:
        assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(
            PLACEHOLDER.findall(entry.msgstr)
        ), f"placeholders differ in {entry.msgid!r}"
