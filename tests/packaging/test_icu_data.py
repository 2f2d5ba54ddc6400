"""Which items of Qt's ICU data the Linux bundle leaves out (packaging/icu_data.py)."""

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "icu_data", Path(__file__).resolve().parents[2] / "packaging" / "icu_data.py"
)
icu_data = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(icu_data)


def test_other_languages_names_are_left_out():
    for item in ("fr.res", "zh_Hant_TW.res", "curr/de.res", "lang/ja.res", "zone/fr_CA.res",
                 "unit/es.res", "coll/sv.res", "translit/root.res", "rbnf/en.res"):
        assert icu_data.removable(item), item


def test_english_and_everything_not_tied_to_a_locale_stay():
    for item in ("root.res", "en.res", "en_GB.res", "en_001.res", "pool.res", "res_index.res",
                 "curr/en_GB.res", "coll/root.res", "coll/ucadata.icu", "brkitr/cjdict.dict",
                 "brkitr/word.brk", "ibm-5348_P100-1997.cnv", "cnvalias.icu", "nfc.nrm",
                 "supplementalData.res", "likelySubtags.res", "zoneinfo64.res", "metaZones.res",
                 "icuver.res", "plurals.res", "uts46.nrm", "unames.icu"):
        assert not icu_data.removable(item), item
