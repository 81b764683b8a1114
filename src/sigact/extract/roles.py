"""Which places of a sentence were attacked.

A sentence names more places than were attacked. The rules below drop, in this order:

- places inside an outlet's or actor's name ("Baghdad Al-Youm", "Deir ez-Zor Military
  Council"), institutions and outlets named after a place ("the Kurdistan Regional
  Government", "Suwayda 24"), capitals standing for governments ("Baghdad condemned"),
  people ("President Bashar al-Assad");
- datelines ("TEHRAN -", "ERBIL, Iraq (Reuters) -");
- containers: a place that only says where another one lies ("the Conoco field in Deir
  ez-Zor", "the Al-Malikiyah area of Al-Hasakah", "Al-Tanf, located in Homs Governorate");
- references: distances and directions ("24 km west of the al-Walid crossing", "north of
  Deir Ezzor", "near Baghdad airport"), and launch points ("fired from X"). A clause that
  names no other place is placed "near X" at X, never "south of X".

Who attacked is read in :mod:`sigact.extract.agents`.
"""

from __future__ import annotations

import re

from sigact.extract.clauses import Clause
from sigact.extract.endings import Ending
from sigact.extract.gates import Gated
from sigact.extract.lexicon import Hit
from sigact.extract.scan import SentenceScan
from sigact.places import PlaceMention

# "the Al-Sina'a neighbourhood in Al-Bokamal": the gazetteer knows no neighbourhoods, so a
# match there is a homonym elsewhere; the town it lies in is the place
_SUBPLACE_BETWEEN = re.compile(
    r"^['’]?\s+(?:neighbou?rhood|district|quarter|street|square|suburb|area)\s+(?:in|of)\s+(?:the\s+)?"
    r"(?:(?:city|town|capital)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_POSSESSOR_BETWEEN = re.compile(r"^['’]s\s+(?:[\w-]+\s+){0,3}$")
# "President Bashar al-Assad" is no air base
_PERSON_BEFORE = Ending(Gated(
    re.compile(r"\b(?:President|president|Bashar|Hafez|Maher|Asma|Mr\.?|Sheikh|Imam|Gen\.?|"
               r"General|Commander|commander|leader|Minister|minister|"
               # "military spokesperson Sabah al-Numan": a title before a name
               r"[Ss]pokes(?:person|man|woman)|[Ss]peaker|[Aa]mbassador|[Ee]nvoy|[Ll]awmaker|MP|"
               r"[Cc]olonel|Col\.|[Bb]rigadier|[Mm]ajor|Maj\.|[Ll]ieutenant|Lt\.|[Cc]aptain|Capt\.)\s+$"),
    "resident", "Bashar", "Hafez", "Maher", "Asma", "Mr", "Sheikh", "Imam", "Gen", "ommander", "leader",
    "inister", "pokes", "peaker", "mbassador", "nvoy", "awmaker", "MP", "olonel", "Col", "rigadier",
    "ajor", "Maj", "ieutenant", "Lt", "aptain", "Capt",
))
# "Hamas commander Yassin Rabia": a town's name after a given name is a surname
_GIVEN_NAME_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:The|In|At|On|Of|From|Near|And|But|By|To|For|With|Syria|Iraq|Jordan|Syrian|Iraqi|"
    r"Jordanian|Kurdish|Northern|Southern|Eastern|Western|North|South|East|West|Central|Upper|Lower|"
    r"Old|New|Greater|Camp|Base|Tell|Tal|Ain|Abu|Al|El|Deir|Ras|Jisr|Bab|Umm)\b)"
    r"(?-i:[A-Z][a-z]{2,})\s$"
)
_DATELINE_MARK = re.compile(r"\s*,?\s*[-–—(:]")
_DATELINE_GLUE = re.compile(r"^\s*[,/]\s*$")
# "Amman, 29 January 2024 -", "Washington, Feb. 8 (Reuters) -", "Erbil, Iraq -": a place-name
# dateline with its country or date
_DATELINE_DATE = re.compile(
    r"(?:\s*,\s*(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)){0,2}(?:\s*,\s*(?:[A-Z][a-z]+day,?\s+)?"
    r"(?-i:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?)?\s*"
    r"(?:\([^)\n]{1,60}\)\s*)?[-–—]\s|"
    # "Baghdad, Sept 4 The Islamic Resistance ..." (no dash, as some agencies write it)
    r"\s*,\s*(?-i:[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:\s*\([^)\n]{1,40}\))?\s+(?-i:[A-Z][a-z]*\s)")
_DATELINE_AFTER = re.compile(
    r"[\s,/A-Za-z0-9.]{0,25}?(?:\([^)]{1,80}\))?\s*[-–—:]|\s*,?\s*\([^)]{1,80}\)\s+(?-i:[A-Z])")
# what may stand before a dateline: a crawler's "date 2024-01-29", "(MENAFN- ...)", "Shafaq News/"
_LEAD_NOISE = re.compile(
    r"^\s*(?:date\s+\d{4}-\d\d-\d\d\s*)?(?:\([^)]{1,60}\)\s*)?(?:[A-Z][\w ]{0,30}/\s*)?")
_INSTITUTION_BEFORE = Ending(re.compile(
    r"\b(?:Service|Directorate|Government|Ministry|Council|Agency|Authority|Command|Department|"
    r"Group|Security|Police|Parliament|Presidency|[Oo]fficials?|[Aa]uthorities|government|police|"
    r"hospital|Hospital|governor|Governor|University|Court|Ambassador|ambassador|Embassy|embassy|"
    r"envoy|consulate|Consulate|correspondent|bureau|chief|head|Affaires|affaires)\s+(?:of|in|for|to)\s+"
    # ("Authorities in south Syria's Daraa said")
    r"(?:the\s+)?(?:(?:(?:north|south|east|west)(?:ern)?\s+)?(?:Syria|Iraq|Jordan)['’]s\s+)?$|"
    r"\b(?:backed|supported|funded|armed|sponsored|paid|ordered)\s+by\s+(?:the\s+)?$|"
    r"\b(?:loyal|close|allied|aligned|affiliated|linked|tied)\s+(?:to|with)\s+(?:the\s+)?$|"
    r"\b(?:visited|visiting|visit\s+to|trip\s+to|arrived\s+in|travell?ed\s+to|met\s+in|talks\s+in|"
    r"meeting\s+in|summit\s+in|conference\s+in|returned\s+to|flew\s+to)\s+(?:the\s+)?$|"
    # where forces were sent: "the US army sent reinforcements to its Al-Omar base"
    r"\b(?:reinforcements?|troops|convoys?|sent|deployed|dispatched|redeployed|withdrew|withdrawn|moved)\s+"
    r"(?:(?!on\b|at\b|in\b)\w+\s+){0,3}?(?:to|into|towards?)\s+(?:its\s+|their\s+|the\s+)?$|"
    # where a source spoke: "the spokesman, speaking in Amman, said", "told reporters in Erbil"
    r"\b(?:speaking|spoke|said|told\s+reporters|told\s+journalists|briefing|speech|interview)\s+"
    r"(?:in|from)\s+(?:the\s+)?$"
))
# capitals standing for governments: "the attacks sparked tensions between Erbil and Baghdad"
# (one of the institution's words before a place, asked apart where "between" is: read
# backwards, it tries every few words)
_BETWEEN_BEFORE = Ending(Gated(re.compile(
    r"\b(?:tensions?|relations|dispute|disputes|rift|row|talks|negotiations|agreements?|ties|friction|"
    r"standoff|coordination|cooperation|deal|feud)\s+between\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:and\s+)?(?:the\s+)?$"
), "between"))
# "near the US consulate in Erbil", "targeted the embassy in Baghdad": the mission's city is
# where the attack was, not a source
_MISSION_AT = Ending(re.compile(
    r"\b(?:near|at|on|outside|targeting|targeted|hit|struck|attacked|attacking)\s+(?:the\s+)?"
    r"(?:(?:US|U\.S\.|American|Israeli|Turkish|Iranian)\s+)?(?:consulate|embassy|Consulate|Embassy)\s+"
    r"(?:in|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
))
# "Baghdad condemned the raids": a capital standing for its government
_METONYMY_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+)?(?:said|says|condemned|condemns|warned|warns|accused|"
    r"accuses|announced|denied|denies|rejected|rejects|called|calls|urged|urges|summoned|"
    r"recalled|protested|blamed|blames|vowed|insisted|demanded|responded|retaliated)\b"
)
_CONTAINER_BETWEEN = re.compile(
    # "Tower 22 (a military outpost in Rukban ...": an apposition that says where it lies
    r"^\s*(?:[(,]\s*(?:an?\s+|the\s+)?(?:(?:small|large|remote|key|US|U\.S\.|American|military)\s+){0,3}"
    r"(?=(?:outpost|base|garrison|camp|facility|site|airbase|air\s+base)\b))?"
    r"(?:(?:air\s*base|airbase|base|bases|garrison|camp|camps|oil\s+field|oil\s+fields|"
    r"gas\s+field|gas\s+fields|natural\s+gas\s+field|field|fields|area|region|town|city|"
    r"district|square|outpost|crossing|border\s+crossing|airport|site|facility|"
    r"(?:(?!and\b|or\b)[\w'’-]+\s+){1,3})\s*)?"
    r"\)?\s*,?\s*(?:which\s+is\s+|located\s+|situated\s+|based\s+|that\s+is\s+)?"
    r"(?:in|of|at|within|inside|on\s+the\s+outskirts\s+of|in\s+the\s+suburbs\s+of)\s+"
    r"(?:the\s+)?(?:(?!and\b|or\b)[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
# the compass words of "south of Damascus", "30 km north-west of" (also read in incidents.py)
COMPASS = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
           r"south-east|south-west)")
_REFERENCE_BEFORE = Ending(Gated(re.compile(
    # "some 450 km from the capital, Damascus"
    r"(?:\b(?:km|kms|kilometers|kilometres|miles|mi)\b[^,.;]{0,30}?\s+(?:the\s+)?(?:\w+\s+){0,2}"
    r"(?:capital|city|town)\s*,|"
    # "near the capital city of the Kurdistan Region, Erbil"
    r"\bnear\s+(?:the\s+)?(?:[\w-]+\s+){0,5}?(?:capital|city|region|province|governorate)\s*,|"
    r"\b(?:km|kms|kilometers|kilometres|miles|mi)\b[^,.;]{0,30}?|"
    r"\b" + COMPASS + r"\s+of|\bnear|\bnearby|\bclose\s+to|\boutside(?:\s+of)?|"
    r"\bfrom|\bborder\s+with|\btoward\s+the\s+border\s+of|\bon\s+the\s+border\s+of|"
    r"\boff\s+(?:the\s+)?(?:coast|shore|shores)\s+(?:of|near)|"
    r"\bacross\s+from|"
    # "Tal Jumu, located between the towns of Nawa and Tasil"
    r"\bbetween\s+(?:the\s+)?(?:towns?|villages?|cities)\s+of(?:(?:\s+[\w'’-]+){1,3}\s+and)?)"
    r"\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:(?:Syrian|Iraqi|Jordanian|Kurdish|city|town|"
    + COMPASS + r"(?:ern)?|"
    r"village|province|governorate|capital|provincial|regional|Kurdistan|region|of|the)\s+){0,5}$",
    re.IGNORECASE,
), "km", "kilomet", "mi", "near", "north", "south", "east", "west", "close", "outside", "from", "border",
    "toward", "across", "coast", "shore", "between"))
# "... square in the suburbs of Deir ez-Zor": the container of a spot the gazetteer does
# not know; it locates the attack only when nothing more specific is named
_UNNAMED_INNER_BEFORE = re.compile(
    r"(?<![\w-])(?!(?-i:American|Syrian|Iraqi|Jordanian|Kurdish|Iranian|Russian|Turkish|Israeli|"
    r"Coalition|Occupation|Military|Army|The|A|An|This|That|Its|Their)\b)"
    r"(?-i:[A-Z][a-z][\w'’-]*|(?:al|el|ad|ash|as|ar|at|az)-[A-Z]?[\w'’-]+)\s+"
    r"(?:square|area|district|neighbou?rhood|village|camp|base|bases|field|fields|airport|"
    r"compound|facility|site|plant|outpost|position|positions|depot|headquarters)\s*,?\s+"
    r"(?:located\s+|situated\s+)?(?:in|of|near|outside)\s+(?:the\s+(?:suburbs|outskirts|"
    r"countryside|vicinity|province|governorate|city|town)\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_NEAR_BEFORE = Ending(re.compile(
    r"\b(?:near|nearby|close\s+to|outside(?:\s+of)?|on\s+the\s+outskirts\s+of|in\s+the\s+vicinity\s+of|"
    # "killed three fighters south of Damascus" (no distance: "24 km west of" stays a reference)
    r"(?<![\d.]\s)(?<!km\s)(?<!kilometers\s)(?<!kilometres\s)(?<!miles\s)"
    + COMPASS + r"\s+of)"
    r"\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:(?:Syrian|Iraqi|Jordanian|Kurdish|city|town|village|capital|"
    r"provincial|of)\s+){0,3}$",
    re.IGNORECASE,
))
_TOWN_BEFORE = Ending(re.compile(
    r"\b(?:in|near|around|outside|at|and|of|from|towards?|struck|hit|targeted|bombed)\s+"
    r"(?:the\s+)?(?:(?:town|city|cities|area|countryside|outskirts|desert)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
))
_INSTITUTION_AFTER = re.compile(
    r"\s*(?:Regional\s+)?(?:Government|Security\s+Council|Counter[- ]?Terrorism|Ministry|"
    r"Parliament|Directorate|Police|Military\s+Council|Operations\s+Command|Provincial\s+Council|"
    r"Governorate\s+Council|Health\s+Directorate|Asayish|Peshmerga\s+Ministry|24|Post|Today|News|"
    r"Network|TV|Radio|Press|Times|Agency|Media|Voice|Observer|Eye|Military\s+Airport\s+Authority)\b|"
    r"['’]s?\s+(?:control|government|forces|army|regime|troops|authorities|backing|approval)\b"
)
# "X, an umbrella group of ..., claimed": the apposition does not part X from its verb
_AND_BETWEEN = re.compile(r"^\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?$")
_BRACKET_BETWEEN = re.compile(r"^\s*(?:region|province|governorate)?\s*[(,]\s*$", re.IGNORECASE)


_RANK = {"site": 0, "town": 1, "region": 2}


def _between(text: str, a: int, b: int) -> str:
    return text[a:b] if a <= b else ""


def attacked_places(
    sc: SentenceScan, doc_text: str, first_in_block: bool, clauses: list[Clause] | None = None
) -> list[PlaceMention]:
    """The places of a sentence that an incident there happened at (see module doc)."""
    # an outlet's name is never a place; an actor's longer name swallows a place in it
    outlets = [(h.start, h.end) for h in sc.get("outlet")]
    actors = [(h.start, h.end) for h in sc.get("actor") if len(h.phrase.split()) > 1]
    places = [
        p for p in sc.places
        if not any(_is_outlet(doc_text, p, s, e) for s, e in outlets)
        and not any(s <= p.start and p.end <= e and (e - s) > (p.end - p.start) for s, e in actors)
    ]
    # datelines: "TEHRAN-", "BAGHDAD (Reuters) -" at the start of a paragraph
    if first_in_block and places:
        p = places[0]
        lead = _LEAD_NOISE.sub("", doc_text[sc.start:p.start]).strip()
        if len(lead) <= 3 and ((_DATELINE_AFTER.match(doc_text, p.end) and (
                p.text.isupper() or _DATELINE_MARK.match(doc_text, p.end)))
                or _DATELINE_DATE.match(doc_text, p.end)):
            places = places[1:]
            # "ERBIL, Kurdistan Region -": the dateline's second place goes too
            while places and _DATELINE_GLUE.match(doc_text[p.end:places[0].start]) and (
                    _DATELINE_AFTER.match(doc_text, places[0].end)):
                p, places = places[0], places[1:]
    # institutions named after a place are sources, not targets ("the Counter-Terrorism
    # Service in the Kurdistan Region said", "the Kurdistan Regional Government")
    before_filters = places
    places = [p for p in places if not (
        (_INSTITUTION_BEFORE.ends(doc_text[max(sc.start, p.start - 50):p.start])
         or _BETWEEN_BEFORE.ends(doc_text[max(sc.start, p.start - 50):p.start]))
        and not _MISSION_AT.ends(doc_text[max(sc.start, p.start - 60):p.start]))
        and not _INSTITUTION_AFTER.match(doc_text, p.end)
        and not _PERSON_BEFORE.ends(doc_text[max(sc.start, p.start - 25):p.start])
        and not (p.place.precision == "town" and _GIVEN_NAME_BEFORE.search(
            doc_text[max(sc.start, p.start - 25):p.start]))]
    # "a convoy heading to the Tishreen Dam, located near Manbij": a place that only says where
    # a source, a destination or a mission lies is no more attacked than it
    set_aside = [p for p in before_filters if p not in places]
    places = [p for p in places if not (
        p.place.precision != "site" and _METONYMY_AFTER.match(doc_text, p.end)
    )]
    # "the Masyaf-Wadi al-Oyoun highway": towns that name a road are not where it was hit
    places = [p for p in places if not _road_name(doc_text, p)]
    # "Tal Jumu", "Abu Hardoub": a generic first word of a longer name the gazetteer lacks
    places = [p for p in places if not (
        p.text.lower() in _NAME_PREFIXES and _CAPITALISED_NEXT.match(doc_text, p.end))]
    # "Iraq's Kurdistan region" spans several governorates: too vague to place an incident
    places = [p for p in places if p.place.kind != "region"]
    # "an Israeli airstrike on a camp in Rafah, Gaza": a town named beside a place outside the
    # theatre is a homonym there; sites, and towns told apart from it ("near Abu Kamal and
    # Mayadin, ... helping move weapons into Lebanon"), stay
    outside = sc.get("outside")
    if outside:
        places = [p for p in places if not any(o.start <= p.start < o.end for o in outside)
                  and (p.place.precision == "site" or not any(_beside(doc_text, p, o) for o in outside))]
    # (but "the Chamchamal district of Sulaymaniyah province" is the district of its seat town)
    # "Baghdad's heavily fortified Green Zone": the city only says where the site lies
    places = [p for i, p in enumerate(places) if not (
        i + 1 < len(places) and _rank(places[i + 1]) <= _rank(p)
        and _POSSESSOR_BETWEEN.match(doc_text[p.end:places[i + 1].start]))]
    places = [p for i, p in enumerate(places) if not (
        i + 1 < len(places) and _SUBPLACE_BETWEEN.match(doc_text[p.end:places[i + 1].start])
        and not (places[i + 1].place.precision == "region" and p.place.precision == "town"))]
    if not places:
        return []
    keep: list[PlaceMention] = []
    refs: list[PlaceMention] = []
    inner: list[PlaceMention] = []
    dropped: set[int] = set()
    for i, p in enumerate(places):
        # "Baghdad International Airport (BIAP)": the bracket shares its name's role
        if (i and _BRACKET_BETWEEN.match(doc_text[places[i - 1].end:p.start])
                and (i - 1 in dropped or places[i - 1] in refs)):
            dropped.add(i)
            continue
        container = False
        for q in [*[q for q in set_aside if q.end <= p.start], *places[:i]]:
            between = _between(doc_text, q.end, p.start)
            if len(between) < 90 and _CONTAINER_BETWEEN.match(between) and (
                _rank(q) <= _rank(p)
            ):
                container = True
                break
        if container:
            dropped.add(i)
            continue
        before = doc_text[max(sc.start, p.start - 60):p.start]
        if _REFERENCE_BEFORE.ends(before):
            refs.append(p)
            continue
        if p.place.precision != "site" and _UNNAMED_INNER_BEFORE.search(before):
            inner.append(p)  # "a Peshmerga base in Erbil province": Erbil, failing better
            continue
        keep.append(p)
    # "near Al Anbar and Jurf al-Sakhar": a near-place joined by "and" to a kept one is kept
    for p in list(refs):
        if _NEAR_BEFORE.ends(doc_text[max(sc.start, p.start - 40):p.start]) and any(
                _AND_BETWEEN.match(doc_text[p.end:k.start]) for k in keep if k.start > p.end):
            keep.append(p)
            refs.remove(p)
    # a clause that names no place but "near X" is placed at X (not at "south of X")
    spans = clauses or [(sc.start, sc.sentence.end, False)]
    for c in spans:
        if any(c[0] <= p.start < c[1] for p in keep):
            continue
        near = [p for p in refs if c[0] <= p.start < c[1]
                and _NEAR_BEFORE.ends(doc_text[max(sc.start, p.start - 40):p.start])]
        near += [p for p in inner if c[0] <= p.start < c[1]]
        keep.extend(near[:1])
    keep.sort(key=lambda p: p.start)
    # one mention per place: the first keeps the slot
    seen: set[str] = set()
    out = []
    for p in keep:
        if p.place.id not in seen:
            seen.add(p.place.id)
            out.append(p)
    return out


# words that begin many Levantine place names ("Tal Jumu", "Ain Issa", "Kafr Nabl"): matched
# alone, before a capitalised word, they are the start of a name the gazetteer does not know
_NAME_PREFIXES = frozenset({
    "tal", "tall", "tell", "ain", "ayn", "abu", "umm", "ras", "kafr", "deir", "dayr", "beit", "bayt",
    "bir", "khirbet", "khirbat", "qasr", "wadi", "jabal", "jebel", "sheikh", "shaykh", "hawija",
    "hawijat", "hawayij", "tal'at", "jisr", "marj", "nahr", "bab", "mazraat", "qaryat",
})
_CAPITALISED_NEXT = re.compile(r"[ -](?-i:[A-Z][a-z'’]+)\b(?!\s+(?:and|or)\b)")
_ROAD_AFTER = re.compile(r"[\w'’ -]{0,30}?\b(?:highway|road|motorway|expressway|route)\b", re.IGNORECASE)


def _road_name(text: str, p: PlaceMention) -> bool:
    """A place joined by a hyphen to another name, the pair naming a road."""
    if text[p.end:p.end + 1] == "-" or text[p.start - 1:p.start] == "-":
        return bool(_ROAD_AFTER.match(text, p.end))
    return False


_OUTSIDE_REACH = 40


def _beside(text: str, p: PlaceMention, o: Hit) -> bool:
    """A place and an outside name in one stretch of words: close, no stop between."""
    gap = text[p.end:o.start] if p.end <= o.start else text[o.end:p.start]
    return len(gap) <= _OUTSIDE_REACH and not any(c in gap for c in ".;")


def _is_outlet(text: str, p: PlaceMention, s: int, e: int) -> bool:
    """Does the outlet name at s:e swallow the place p? "Baghdad Al-Youm" always does;
    "al-Mayadeen" does unless it reads as the town ("near al-Bukamal and al-Mayadeen")."""
    if not (s < p.end and p.start < e):
        return False
    if (e - s) > (p.end - p.start):
        return True
    return not _TOWN_BEFORE.ends(text[max(0, s - 40):s])


def _rank(p: PlaceMention) -> int:
    """Smaller is more specific."""
    return _RANK.get(p.place.precision, 3)
