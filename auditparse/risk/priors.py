"""Inherent-risk priors from the US DOL "List of Goods Produced by Child Labor or Forced Labor" (ILAB, 2021 release).

The parsed tables ship in ``auditparse/risk/data/`` so the package works without the source XML; rebuild them with
``python -m auditparse.risk.priors [SHARED_DIR]`` (reads ``risk-priors/ilab_goods_2021.xml`` and
``risk-priors/ilab_countries_2021.xml``).
"""

from __future__ import annotations

import csv
import logging
import re
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
GOODS_CSV = DATA_DIR / "dol_goods_2021.csv"
COUNTRIES_CSV = DATA_DIR / "dol_countries_2021.csv"
SOURCE = (
    "US Department of Labor, ILAB, 'List of Goods Produced by Child Labor or Forced Labor' and country data, "
    "2021 release (USDepartmentofLabor/Child-Labor-Android @ b8891386, app/src/main/assets/)"
)

#: the sectors the risk model knows; report sectors and DOL goods both map onto these
SECTORS: tuple[str, ...] = (
    "apparel",
    "electronics",
    "seafood",
    "palm_oil",
    "rubber_gloves",
    "agriculture",
    "construction_materials",
    "mining",
    "manufacturing",
)

# keyword -> sector, first match wins; applied to DOL good names and to the sector written in a report
_SECTOR_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"artificial|decoration|toy|furniture", "manufacturing"),
    (r"palm|oleochemical", "palm_oil"),
    (r"glove|rubber|latex", "rubber_gloves"),
    (r"garment|apparel|textile|cloth|yarn|thread|cotton|silk|jute|knit|fashion|footwear|shoe|sandal|leather|denim|jeans"
     r"|shirt|trouser|sweater|lingerie|sportswear|hosiery"
     r"|carpet|embellish|spinning|weaving|dye", "apparel"),
    (r"electronic|battery|batteries|solar|photovoltaic|polysilicon|semiconductor|component|pcb|circuit",
     "electronics"),
    (r"fish|shrimp|seafood|prawn|lobster|shellfish|perch|tilapia|tuna|squid|crab", "seafood"),
    (r"brick|cement|granite|gravel|sand|stone|construction|building|glass|ceramic|tile", "construction_materials"),
    (r"mining|mine|ore|coal|gold|silver|copper|cobalt|tin\b|zinc|mica|diamond|gem|jade|ruby|rubies|emerald"
     r"|sapphire|tanzanite|salt|trona|gypsum|fluorspar|amber|iron|mineral", "mining"),
    (r"agri|farm|plantation|crop|fruit|vegetable|tea|coffee|cocoa|sugar|tobacco|rice|wheat|corn|bean|nut"
     r"|flower|cattle|beef|meat|poultry|dairy|food|vanilla|pepper|tomato|berr|melon|grape|olive|potato"
     r"|onion|garlic|coconut|cashew|sesame|cumin|clove|sisal|timber|teak|bamboo|charcoal|livestock", "agriculture"),
)

_DOL_SECTOR_FALLBACK = {"Agriculture": "agriculture", "Mining": "mining", "Manufacturing": "manufacturing"}

_ADVANCEMENT = {"significant": 0.0, "moderate": 1.0, "minimal": 2.0, "no advancement": 3.0}

# ILAB country names -> ISO 3166-1 alpha-2 (every name used in the 2021 release)
ISO2: dict[str, str] = {
    "Afghanistan": "AF", "Albania": "AL", "Algeria": "DZ", "Angola": "AO", "Anguilla": "AI", "Argentina": "AR",
    "Armenia": "AM", "Azerbaijan": "AZ", "Bangladesh": "BD", "Belize": "BZ", "Benin": "BJ", "Bhutan": "BT",
    "Bolivia": "BO", "Bosnia and Herzegovina": "BA", "Botswana": "BW", "Brazil": "BR",
    "British Virgin Islands": "VG", "Burkina Faso": "BF", "Burma": "MM", "Burundi": "BI", "Cabo Verde": "CV",
    "Cambodia": "KH", "Cameroon": "CM", "Central African Republic": "CF", "Chad": "TD", "Chile": "CL",
    "China": "CN", "Christmas Island": "CX", "Cocos (Keeling) Islands": "CC", "Colombia": "CO", "Comoros": "KM",
    "Congo, Democratic Republic of the": "CD", "Congo, Republic of the": "CG", "Cook Islands": "CK",
    "Costa Rica": "CR", "Côte d'Ivoire": "CI", "Djibouti": "DJ", "Dominica": "DM", "Dominican Republic": "DO",
    "Ecuador": "EC", "Egypt": "EG", "El Salvador": "SV", "Eritrea": "ER", "Eswatini": "SZ", "Ethiopia": "ET",
    "Falkland Islands (Islas Malvinas)": "FK", "Fiji": "FJ", "Gabon": "GA", "Georgia": "GE", "Ghana": "GH",
    "Grenada": "GD", "Guatemala": "GT", "Guinea": "GN", "Guinea-Bissau": "GW", "Guyana": "GY", "Haiti": "HT",
    "Honduras": "HN", "India": "IN", "Indonesia": "ID", "Iran": "IR", "Iraq": "IQ", "Jamaica": "JM",
    "Jordan": "JO", "Kazakhstan": "KZ", "Kenya": "KE", "Kiribati": "KI", "Kosovo": "XK", "Kyrgyz Republic": "KG",
    "Lebanon": "LB", "Lesotho": "LS", "Liberia": "LR", "Madagascar": "MG", "Malawi": "MW", "Malaysia": "MY",
    "Maldives": "MV", "Mali": "ML", "Mauritania": "MR", "Mauritius": "MU", "Mexico": "MX", "Moldova": "MD",
    "Mongolia": "MN", "Montenegro": "ME", "Montserrat": "MS", "Morocco": "MA", "Mozambique": "MZ",
    "Namibia": "NA", "Nepal": "NP", "Nicaragua": "NI", "Niger": "NE", "Nigeria": "NG", "Niue": "NU",
    "Norfolk Island": "NF", "North Korea": "KP", "North Macedonia": "MK", "Oman": "OM", "Pakistan": "PK",
    "Panama": "PA", "Papua New Guinea": "PG", "Paraguay": "PY", "Peru": "PE", "Philippines": "PH",
    "Russia": "RU", "Rwanda": "RW", "Saint Helena, Ascension, and Tristan da Cunha": "SH", "Saint Lucia": "LC",
    "Saint Vincent and the Grenadines": "VC", "Samoa": "WS", "São Tomé and Príncipe": "ST", "Senegal": "SN",
    "Serbia": "RS", "Sierra Leone": "SL", "Solomon Islands": "SB", "Somalia": "SO", "South Africa": "ZA",
    "South Sudan": "SS", "Sri Lanka": "LK", "Sudan": "SD", "Suriname": "SR", "Taiwan": "TW", "Tajikistan": "TJ",
    "Tanzania": "TZ", "Thailand": "TH", "The Gambia": "GM", "Timor-Leste": "TL", "Togo": "TG", "Tokelau": "TK",
    "Tonga": "TO", "Tunisia": "TN", "Turkey (Türkiye)": "TR", "Turkmenistan": "TM", "Tuvalu": "TV",
    "Uganda": "UG", "Ukraine": "UA", "Uzbekistan": "UZ", "Vanuatu": "VU", "Venezuela": "VE", "Vietnam": "VN",
    "Wallis and Futuna": "WF", "West Bank and the Gaza Strip": "PS", "Western Sahara": "EH", "Yemen": "YE",
    "Zambia": "ZM", "Zimbabwe": "ZW",
}  # fmt: skip


def sector_of(text: str | None, fallback: str | None = None) -> str | None:
    """Map a free-text sector or DOL good name to one of :data:`SECTORS` (None when nothing matches)."""
    if text:
        low = text.lower()
        if low in SECTORS:
            return low
        for pattern, sector in _SECTOR_KEYWORDS:
            if re.search(pattern, low):
                return sector
    return fallback


def _yes(el: ET.Element, tag: str) -> int:
    return int((el.findtext(tag) or "").strip().lower() == "yes")


def build_tables(shared: Path) -> tuple[int, int]:
    """Parse the ILAB XML files under ``shared/risk-priors`` into the two CSV tables shipped in the package.

    Returns:
        (number of good x country rows, number of countries).
    """
    goods_xml = shared / "risk-priors" / "ilab_goods_2021.xml"
    countries_xml = shared / "risk-priors" / "ilab_countries_2021.xml"
    rows = []
    for good in ET.parse(goods_xml).getroot().iter("Good"):
        name = (good.findtext("Good_Name") or "").strip()
        dol_sector = (good.findtext("Good_Sector") or "").strip()
        sector = sector_of(name, _DOL_SECTOR_FALLBACK.get(dol_sector, "manufacturing"))
        for c in good.iter("Country"):
            cname = (c.findtext("Country_Name") or "").strip()
            rows.append({
                "iso2": ISO2[cname], "country": cname, "good": name, "dol_sector": dol_sector, "sector": sector,
                "forced_labor": _yes(c, "Forced_Labor"), "child_labor": _yes(c, "Child_Labor"),
                "forced_child_labor": _yes(c, "Forced_Child_Labor"),
            })  # fmt: skip
    countries = []
    for c in ET.parse(countries_xml).getroot().findall("Country"):
        cname = (c.findtext("Name") or "").strip()
        level = (c.findtext("Advancement_Level") or "").strip()
        score = next((v for k, v in _ADVANCEMENT.items() if level.lower().startswith(k)), "")
        countries.append({"iso2": ISO2[cname], "country": cname, "region": c.findtext("Region") or "",
                          "advancement_level": level, "advancement_score": score})  # fmt: skip
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    for path, table in ((GOODS_CSV, rows), (COUNTRIES_CSV, countries)):
        with path.open("w", newline="", encoding="utf-8") as f:
            f.write(f"# source: {SOURCE}\n")
            writer = csv.DictWriter(f, fieldnames=list(table[0]))
            writer.writeheader()
            writer.writerows(table)
    return len(rows), len(countries)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@cache
def _tables() -> tuple[list[dict[str, str]], dict[str, dict[str, str]]]:
    return _read(GOODS_CSV), {r["iso2"]: r for r in _read(COUNTRIES_CSV)}


def prior_features(country: str | None, sector: str | None) -> dict[str, float]:
    """Inherent-risk features of a country (ISO2) x sector from the DOL list.

    Unknown country or sector give zeros for the flags (the list names no good there) and NaN for the
    advancement score (no assessment).
    """
    goods, countries = _tables()
    cc = (country or "").upper()
    sec = sector_of(sector)
    here = [g for g in goods if g["iso2"] == cc]
    in_sector = [g for g in here if g["sector"] == sec]
    adv = countries.get(cc, {}).get("advancement_score", "")
    return {
        "prior_fl_country_sector": float(any(g["forced_labor"] == "1" for g in in_sector)),
        "prior_cl_country_sector": float(any(g["child_labor"] == "1" for g in in_sector)),
        "prior_country_fl_goods": float(sum(g["forced_labor"] == "1" for g in here)),
        "prior_country_cl_goods": float(sum(g["child_labor"] == "1" for g in here)),
        "prior_sector_fl_countries": float(len({g["iso2"] for g in goods if g["sector"] == sec and g["forced_labor"] == "1"})),
        "prior_country_advancement": float(adv) if adv != "" else float("nan"),
    }  # fmt: skip


if __name__ == "__main__":
    from auditparse.settings import shared_dir

    n_rows, n_countries = build_tables(Path(sys.argv[1]) if len(sys.argv) > 1 else shared_dir())
    print(f"wrote {n_rows} good x country rows to {GOODS_CSV} and {n_countries} countries to {COUNTRIES_CSV}")
