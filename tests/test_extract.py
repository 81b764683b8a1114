"""The extractor on texts written for these tests (and, in test_extract_seeds.py, the seeds)."""

from datetime import date

import pytest

from sigact.extract import extract_document
from sigact.models import Document


def run(text: str, published: date | None = date(2024, 1, 10), doc_id: str = "t"):
    return extract_document(Document(id=doc_id, text=text, published=published)).reports


def by_place(reports):
    out: dict[str, list] = {}
    for r in reports:
        out.setdefault(r.place_id, []).append(r)
    return out


def test_lede_and_details_are_one_incident_each() -> None:
    text = (
        "Drones and rockets hit the US bases at Ain al-Asad, Al-Tanf and the Conoco field, "
        "militia-linked channels said.\n\n"
        "At Ain al-Asad, two drones struck the base on Tuesday night, a security source said.\n\n"
        "The Tanf garrison was targeted with a drone on Tuesday.\n\n"
        "Rockets were also fired at the Koniko gas field."
    )
    reports = run(text, date(2024, 1, 10))  # a Wednesday
    places = by_place(reports)
    assert sorted(places) == ["ain-al-asad", "al-tanf", "conoco"]
    assert all(len(v) == 1 for v in places.values())
    assert places["ain-al-asad"][0].date == "2024-01-09"
    assert places["ain-al-asad"][0].date_precision == "day"
    assert "drone" in places["ain-al-asad"][0].weapons


def test_twice_in_one_hour_is_two_incidents() -> None:
    text = "The US base at the Conoco gas field was targeted twice in less than an hour on Monday."
    reports = run(text, date(2024, 1, 10))
    assert [r.place_id for r in reports] == ["conoco", "conoco"]
    assert reports[0].date == reports[1].date == "2024-01-08"


def test_second_time_within_hours_is_two_incidents() -> None:
    text = ("The Islamic Resistance in Iraq targeted, for the second time within hours, the US base "
            "at the Conoco gas field on Monday.")
    reports = run(text, date(2024, 1, 10))
    assert [r.place_id for r in reports] == ["conoco", "conoco"]
    # the second attack this week is one incident here: the first is told elsewhere
    reports = run("Drones hit the Conoco gas field for the second time this week on Monday.")
    assert [r.place_id for r in reports] == ["conoco"]


def test_twice_in_a_sentence_that_goes_on_about_the_attack() -> None:
    text = (
        "The Islamic Resistance in Iraq claimed a drone and rocket attack on the US base at "
        "Al-Shaddadi on Monday. The group said its drones and rockets hit the base. A monitor "
        "confirmed that the base was targeted twice."
    )
    reports = run(text, date(2024, 1, 10))
    assert [r.place_id for r in reports] == ["shaddadi", "shaddadi"]
    assert {r.perpetrator for r in reports} == {"Islamic Resistance in Iraq"}


def test_claim_after_the_report_sets_perpetrator_and_basis() -> None:
    text = (
        "A drone attack targeted Ain al-Asad air base on Monday, officials said.\n\n"
        "The Islamic Resistance in Iraq later claimed responsibility for the attack, "
        "saying its drones achieved direct hits."
    )
    (r,) = run(text)
    assert (r.perpetrator, r.perpetrator_basis, r.outcome) == (
        "Islamic Resistance in Iraq", "claimed", "hit")
    assert len(r.evidence) == 2  # both sentences back it


def test_dateline_is_not_the_place() -> None:
    text = ("BAGHDAD (Wire) - A rocket hit the vicinity of the Ain al-Asad air base in Anbar "
            "province on Sunday, police said.")
    (r,) = run(text)
    assert r.place_id == "ain-al-asad"


def test_distance_reference_is_not_the_place() -> None:
    text = ("A drone struck the Al-Tanf garrison, 24 km west of the al-Walid crossing, "
            "on Sunday.")
    assert [r.place_id for r in run(text)] == ["al-tanf"]


def test_capital_standing_for_its_government_is_not_attacked() -> None:
    text = ("US jets struck militia sites near Al-Qaim on Friday. Baghdad condemned the strikes "
            "as a violation of sovereignty.")
    reports = run(text)
    assert [r.event_type for r in reports] == ["air_strike"]
    assert reports[0].perpetrator == "United States"


def test_who_struck_whom_in_two_clauses() -> None:
    text = ("US aircraft struck a Kataib Hezbollah depot near Jurf al-Sakhar early on Wednesday, "
            "hours after a ballistic missile hit Ain al-Asad air base.")
    reports = {r.place_id: r for r in run(text)}
    assert reports["jurf-al-sakhar"].event_type == "air_strike"
    assert reports["jurf-al-sakhar"].perpetrator == "United States"
    assert reports["ain-al-asad"].event_type == "remote_attack"
    assert reports["ain-al-asad"].perpetrator != "United States"


def test_threats_background_and_tallies_are_not_incidents() -> None:
    text = (
        "Iraqi factions warned they would strike Ain al-Asad again if the war continued.\n\n"
        "The group had repeatedly targeted the Harir air base in past years.\n\n"
        "US forces have been attacked at least 150 times since October 17, officials said.\n\n"
        "The base was first bombed by Iran in 2020."
    )
    assert run(text) == []


def test_events_outside_the_theatre_are_not_coded() -> None:
    text = "Houthi forces fired a missile at a ship in the Red Sea on Monday."
    assert run(text) == []


def test_undated_document_never_gets_an_invented_date() -> None:
    text = "Rockets were fired at the Al-Omar oil field on Tuesday night, local sources said."
    (r,) = run(text, published=None)
    assert r.date is None and r.date_precision == "unknown"


def test_undated_document_with_a_full_date_is_dated() -> None:
    text = "Rockets were fired at the Al-Omar oil field on October 31, 2023, sources said."
    (r,) = run(text, published=None)
    assert (r.date, r.date_precision) == ("2023-10-31", "day")


def test_undated_sentence_is_dated_to_the_week_before_publication() -> None:
    (r,) = run("Rockets targeted the Al-Omar oil field, local sources said.", date(2024, 1, 10))
    assert (r.date, r.date_precision) == ("2024-01-10", "week")


def test_casualties_and_no_harm() -> None:
    (r,) = run("A drone attack on Tower 22 in Jordan on Sunday killed three US soldiers and "
               "wounded 40 others.", date(2024, 1, 29))
    assert (r.country, r.killed, r.injured, r.outcome) == ("JO", 3, 40, "hit")
    (r,) = run("Rockets targeted Ain al-Asad on Monday but caused no casualties or damage.")
    assert (r.killed, r.injured) == (0, 0)


def test_intercepted() -> None:
    (r,) = run("A drone was shot down near the Al-Tanf garrison on Monday.")
    assert r.outcome == "intercepted"


def test_evidence_spans_point_into_the_text() -> None:
    text = "Filler.\n\nA drone hit Ain al-Asad on Monday. Nothing else."
    (r,) = run(text)
    for ev in r.evidence:
        assert text[ev.start:ev.end] == ev.text
        for s, e, kind in ev.marks:
            assert kind in {"trigger", "place", "weapon", "actor", "date"}
            assert 0 <= s < e <= len(ev.text)
    assert 0 < r.confidence <= 1


@pytest.mark.parametrize("text", ["", "   \n\n ", "Nothing happened today."])
def test_no_incident_is_a_recorded_rejection(text: str) -> None:
    ex = extract_document(Document(id="x", text=text, published=date(2024, 1, 1)))
    assert ex.reports == [] and ex.rejections and ex.rejections[0].stage == "extract"


def test_tally_is_read() -> None:
    text = ("A US official said that until Wednesday US forces had been attacked at least 97 "
            "times since October 17. The attacks amounted to 45 in Iraq and 52 in Syria.")
    ex = extract_document(Document(id="t", text=text, published=date(2023, 12, 15)))
    (t,) = ex.tallies
    assert (t.total, t.by_country, t.as_of, t.since) == (
        97, {"IQ": 45, "SY": 52}, "2023-12-13", "2023-10-17")


def test_dateline_with_agency_parenthesis_and_second_place() -> None:
    text = ("Baghdad, (Wire Service - 3rd Feb, 2024) US strikes hit militia depots near Al-Qaim "
            "on Friday, officials said.\n\n"
            "ERBIL, Kurdistan Region - A drone targeted Harir air base on Friday.")
    reports = run(text, date(2024, 2, 3))
    assert [(r.place, r.event_type, r.perpetrator) for r in reports] == [
        ("Al Qā’im", "air_strike", "United States"), ("Harir Air Base", "remote_attack", None)]


def test_places_that_are_not_targets() -> None:
    # a capital as a government, an outlet named after a province, a president named Assad
    text = ("Mortar shells were fired at the town of Abu Kamal on Monday, a town under Damascus' "
            "control, the Suwayda 24 network said, as President Bashar al-Assad met officials.")
    assert [r.place for r in run(text)] == ["Ālbū Kamāl"]


def test_the_defender_is_not_the_attacker() -> None:
    text = ("A barrage of missiles and rockets targeted the Ain al-Asad base on Saturday evening, "
            "US Central Command said in a statement.")
    (r,) = run(text)
    assert r.event_type == "remote_attack" and r.perpetrator != "United States"
    (r,) = run("The US military downed a drone near its base at Tell Baydar on Monday.")
    assert r.event_type == "remote_attack" and r.outcome == "intercepted"
    assert r.perpetrator != "United States"


def test_details_take_the_agent_of_the_lede() -> None:
    text = ("US bombers struck more than 80 targets in Iraq and Syria on Friday, the military "
            "said.\n\nIn Iraq, the strikes hit command centres near Al-Qaim.")
    (r,) = run(text, date(2024, 2, 3))
    assert (r.event_type, r.perpetrator, r.date) == ("air_strike", "United States", "2024-02-02")


def test_those_attacks_do_not_inherit_the_strikes_agent() -> None:
    text = ("US jets struck two militia sites in Iraq on Tuesday. Officials said the strikes "
            "answered attacks on American bases. Those attacks included a ballistic missile "
            "fired at Ain al-Asad on Monday.")
    (r,) = run(text, date(2023, 11, 22))
    assert (r.place_id, r.event_type) == ("ain-al-asad", "remote_attack")
    assert r.perpetrator != "United States"


def test_undated_text_anchors_on_its_header_date_within_the_period() -> None:
    text = ("Caption: a base on Sunday, Jan. 28, 2024, seen from above.\n\n"
            "A drone struck Tower 22 on Sunday, officials said.")
    (r,) = run(text, published=None)
    assert r.date == "2024-01-28"
    old = ("A file photo from May 22, 2020, shows an airfield.\n\n"
           "A drone struck Tower 22 on Sunday, officials said.")
    (r,) = run(old, published=None)
    assert r.date is None  # a date before the codebook's period anchors nothing


def test_area_lede_folds_into_the_towns_it_names() -> None:
    text = ("Israeli airstrikes kill 19 in Syria's Deir Ezzor\n\n"
            "Israeli airstrikes on the city of Al-Bukamal killed at least 19 people on Saturday.")
    reports = run(text, date(2023, 12, 30))
    assert len(reports) == 1 and reports[0].perpetrator == "Israel"


def test_a_base_is_not_attacked_by_its_own_forces() -> None:
    text = ("The coalition announced on Friday the targeting of two bases in Iraq, the Harir base "
            "and the Ain al-Asad base.")
    reports = run(text)
    assert {r.place_id for r in reports} == {"harir-air-base", "ain-al-asad"}
    assert all(r.event_type == "remote_attack" and r.perpetrator != "United States" for r in reports)


def test_counts_of_attacks_are_tallies() -> None:
    assert run("- 11 attacks on the Al-Omar oil field base\n- 9 attacks on the Al-Tanf base") == []


def test_a_country_after_in_is_a_place_not_an_actor() -> None:
    (r,) = run("A drone attack in Jordan hit Tower 22 on Sunday, killing three soldiers.",
               date(2024, 1, 29))
    assert r.perpetrator != "Jordan"


def test_a_descriptive_label_gives_way_to_the_named_group() -> None:
    text = ("Rockets fired by Iran-backed militias hit the Conoco gas field on Monday, a US "
            "official said.\n\nSeparately, the Islamic Resistance in Iraq claimed a drone attack "
            "on the Tanf garrison on Monday.")
    reports = {r.place_id: r for r in run(text)}
    assert reports["al-tanf"].perpetrator == "Islamic Resistance in Iraq"
    assert reports["al-tanf"].perpetrator_basis == "claimed"
    assert reports["conoco"].perpetrator == "Islamic Resistance in Iraq"
    assert reports["conoco"].perpetrator_basis == "attributed"


def test_a_sentence_set_outside_the_theatre_places_nothing_in_it() -> None:
    text = "At least 35 people were killed in an Israeli airstrike on a camp in Rafah, Gaza, on Sunday."
    assert run(text) == []


def test_refuted_reports_are_not_incidents() -> None:
    assert run("Kurdish counter-terrorism refutes reports of a drone attack on Harir base.") == []


def test_a_surname_that_is_a_town_is_not_a_place() -> None:
    text = "The strike on Monday killed Hamas commander Yassin Rabia, the army said."
    assert run(text) == []


def test_a_city_beside_its_airport_is_one_incident() -> None:
    text = ("Suicide drone shot down over Erbil airport on Wednesday.\n\n"
            "A drone targeted US forces in Erbil on Wednesday, the counter-terrorism service said.")
    assert [r.place_id for r in run(text)] == ["erbil-airport"]


def test_a_group_that_has_targeted_bases_including_is_a_summary() -> None:
    text = "The resistance has also targeted US bases in Syria, including the Conoco field and Al-Tanf."
    assert run(text) == []


def test_fire_at_a_base_that_hosts_us_forces_is_a_remote_attack() -> None:
    text = ("American air defenses tried to counter the missile attacks on the Conoco base, but the "
            "air force and helicopters could not stop them, sources said on Friday.")
    (r,) = run(text)
    assert (r.place_id, r.event_type) == ("conoco", "remote_attack")


def test_a_record_of_several_dates_is_a_summary() -> None:
    text = "So far, the US has retaliated three times, on Oct. 26, Nov. 8 and Nov. 12, in Deir ez-Zor."
    assert run(text, date(2023, 11, 14)) == []


def test_a_far_target_word_does_not_unmake_the_agent() -> None:
    text = ("A US defense official said the US military carried out a strike on Baghdad on Thursday "
            "against a leader of a faction that is believed to be responsible for attacks on US forces.")
    (r,) = run(text)
    assert (r.event_type, r.perpetrator) == ("air_strike", "United States")


def test_a_tally_list_is_no_incident() -> None:
    text = (
        "The monitor listed the attacks on US bases in Syria this year:\n"
        "• Seven attacks on the Tanf garrison.\n"
        "• One attack on the American base in the Conoco gas field.\n"
        "Dozens of attacks have targeted Ain al-Asad, officials say."
    )
    assert run(text, date(2024, 1, 10)) == []


def test_a_running_total_keeps_the_sentence_incident() -> None:
    text = ("On Sunday evening, a drone struck the Conoco gas field, bringing the number of "
            "attacks on the field to ten attacks, the monitor said.")
    reports = run(text, date(2024, 1, 15))  # a Monday
    assert [(r.place_id, r.date) for r in reports] == [("conoco", "2024-01-14")]


def test_distance_to_a_capital_and_a_time_zone_place_nothing() -> None:
    text = ('"At about 7 p.m. (Baghdad time) on January 20, rockets were fired at Ain al-Asad," '
            "the command said. Separately, US jets struck a depot in Deir ez-Zor province, "
            "some 450 km from the capital, Damascus, on Saturday.")
    places = {r.place_id for r in run(text, date(2024, 1, 21))}
    assert "ain-al-asad" in places
    assert not places & {"gn-98182", "gn-170654"}  # Baghdad, Damascus (GeoNames)


def test_an_agent_of_an_event_outside_the_theatre_is_no_default() -> None:
    text = ("Strikes hit a militia depot near Abu Kamal on Saturday, a monitor said.\n\n"
            "Much like the strikes in Gaza by Israeli jets, the raids were said to target weapons.")
    (r,) = run(text, date(2024, 1, 21))
    assert r.event_type == "air_strike" and r.perpetrator is None


def test_a_strike_on_a_militia_or_its_vehicle_is_an_air_strike() -> None:
    (r,) = run("A drone strike on a vehicle in Baghdad killed a senior commander on Wednesday.",
               date(2024, 2, 8))
    assert r.event_type == "air_strike"
    (r,) = run("Drone strikes targeting a PMF base in Babil province left casualties on Tuesday.",
               date(2024, 2, 8))
    assert r.event_type == "air_strike" and r.perpetrator is None
    # militants as the subject still attack the base
    (r,) = run("Militants attacked the Ain al-Asad air base with drones on Monday.", date(2024, 2, 8))
    assert r.event_type == "remote_attack"


def test_an_undated_text_reads_its_undated_sentences_against_its_caption_date() -> None:
    text = (
        "Rockets fall on the Green Zone\n\n"
        "Smoke rises over Baghdad after the rocket fire, early on December 8, 2023.\n\n"
        "Rockets were fired on Friday at the US embassy in Baghdad, officials said.\n\n"
        "Drones were also launched against the Ain al-Asad air base, a US official said."
    )
    places = by_place(run(text, published=None))
    assert places["ain-al-asad"][0].date == "2023-12-08"
    assert places["ain-al-asad"][0].date_precision in ("day", "week")
    # with no full date at all, nothing is dated
    undated = run(text.replace(", early on December 8, 2023", ""), published=None)
    assert undated and all(r.date is None for r in undated)


def test_an_actor_fighting_abroad_is_no_default_perpetrator() -> None:
    text = ("Drones attacked the Ain al-Asad air base on Friday, officials said.\n\n"
            "The Houthis launched a drone attack on Thursday, a spokesman said.")
    (r,) = run(text, date(2023, 12, 8))
    assert r.place_id == "ain-al-asad" and r.perpetrator is None


def test_a_summary_of_recent_attacks_on_bases_is_no_incident() -> None:
    text = ("Attacks have recently been carried out on US military bases in the Tanf region and "
            "near Shaddadi, using drones and rockets.")
    assert run(text, date(2024, 1, 5)) == []
    # a dated attack on bases stays an incident
    dated = "Drones attacked US bases at Tanf and Shaddadi on Thursday, the monitor said."
    assert {r.place_id for r in run(dated, date(2024, 1, 5))} >= {"al-tanf"}


def test_a_remote_attack_credited_to_a_state_is_its_air_strike() -> None:
    from sigact.extract.context import Mention, state_strikes
    from sigact.extract.frames import Frame
    from sigact.extract.scan import SentenceScan
    from sigact.extract.sentences import Sentence
    from sigact.places import Place, PlaceMention

    # real objects, not stand-ins: the compiled module checks its arguments' types
    frame = Frame(index=0, sentence=SentenceScan(Sentence(0, 0, 1, "x", 0, False)), places=[],
                  event_types={}, triggers=[], date=None, weapons=set(), agent=None, basis="unknown",
                  target=None, outcome="unknown", killed=None, injured=None)

    def mention(perp, target=None, hosts=()):
        place = Place("x", "X", "air_base", "IQ", None, 33.0, 43.0, "site", hosts=hosts)
        return Mention(frame=frame, place=PlaceMention(0, 1, "X", place, 1.0), event_type="remote_attack",
                       date=None, precision="unknown", perpetrator=perp, target=target, weapons={"drone"})

    kinds = {"United States": "state", "Islamic Revolutionary Guard Corps": "state",
             "Kataib Hezbollah": "non_state"}
    ms = [mention("United States"), mention("United States", hosts=("United States",)),
          mention("United States", target="US forces"), mention("Islamic Revolutionary Guard Corps"),
          mention("Kataib Hezbollah"), mention(None)]
    # the codebook's remote_fire states (the IRGC) fire from afar: their attacks stay remote
    state_strikes(ms, kinds, frozenset({"Islamic Revolutionary Guard Corps"}))
    assert [m.event_type for m in ms] == ["air_strike"] + ["remote_attack"] * 5


def test_in_reprisal_for_parts_the_clauses() -> None:
    text = ("US jets struck a depot near Abu Kamal on Monday in reprisal for the drone attack on "
            "the Tanf garrison.")
    kinds = {r.place_id: r.event_type for r in run(text, date(2024, 1, 10))}
    assert kinds.get("al-tanf") in (None, "remote_attack")
    assert "air_strike" in kinds.values()


def test_us_forces_as_the_subject_of_a_strike_are_its_agent() -> None:
    (r,) = run("U.S. forces carried out airstrikes on two facilities in Deir ez-Zor province on Thursday.",
               date(2024, 2, 9))
    assert (r.event_type, r.perpetrator) == ("air_strike", "United States")
    # ... and the target when the verb is passive
    (r,) = run("US forces hit by drones at the Tanf garrison on Monday, officials said.", date(2024, 2, 9))
    assert (r.event_type, r.target) == ("remote_attack", "US forces")
    assert r.perpetrator != "United States"


def test_a_strike_that_set_off_a_series_of_explosions_is_an_incident() -> None:
    (r,) = run("A U.S. airstrike triggered a series of explosions at a warehouse in Al-Qaim, Iraq, "
               "early on Saturday.", date(2024, 2, 3))
    assert r.event_type == "air_strike" and r.place_id and r.date == "2024-02-03"
    # "a series of attacks" with no day is still no one incident
    assert run("A series of attacks hit the Tanf garrison, the monitor said.", date(2024, 2, 3)) == []


def test_a_city_and_its_province_of_one_name_are_one_place() -> None:
    from sigact.extract.incidents import _same_place
    from sigact.places import load_gazetteer

    gov, city, town = load_gazetteer().mentions(
        "Sources in Deir Ezzor governorate said clashes hit Deir Ezzor and Abu Kamal.")
    assert (gov.place.precision, city.place.precision) == ("region", "town")
    assert _same_place(gov, city) and _same_place(city, gov)
    assert not _same_place(gov, town)  # another town of the province is another place


def test_a_place_dateline_with_its_date_is_not_the_place() -> None:
    (r,) = run("Amman, 29 January 2024 - A drone struck Tower 22, a small US base in northeast Jordan, "
               "on Sunday.", date(2024, 1, 29))
    assert (r.place_id, r.date) == ("tower-22", "2024-01-28")
    (r,) = run("Washington, Feb. 8 (Wire) - Drones hit the Tanf garrison on Wednesday.", date(2024, 2, 8))
    assert r.place_id == "al-tanf"
    (r,) = run("Erbil, Iraq - A drone was shot down near Harir air base, northeast of the city, on "
               "Thursday night.", date(2024, 2, 8))
    assert r.place_id == "harir-air-base"


def test_where_a_source_spoke_is_not_attacked() -> None:
    reports = run("A drone struck Tower 22 on Sunday. The government spokesman, speaking in Amman, "
                  "said the attack was condemned.", date(2024, 1, 29))
    assert [r.place_id for r in reports] == ["tower-22"]


def test_who_killed_someone_in_a_strike_carried_it_out() -> None:
    (r,) = run("US forces killed a militia commander in a drone strike in eastern Baghdad on Wednesday, "
               "the Pentagon said.", date(2024, 2, 8))
    assert (r.event_type, r.perpetrator, r.date) == ("air_strike", "United States", "2024-02-07")
    assert r.target != "US forces"


def test_the_strikes_hit_x_after_a_clause_about_another_event() -> None:
    text = ("The United States carried out air strikes on Monday against three facilities used by "
            "Kataib Hezbollah, hours after a drone attack on Erbil air base wounded three US service "
            "members, officials said. The strikes, ordered by the president, hit sites in Babil province.")
    places = by_place(run(text, date(2023, 12, 26)))
    (babil,) = places["gov-iq-bb"]
    assert (babil.event_type, babil.perpetrator, babil.date) == ("air_strike", "United States", "2023-12-25")
    # "hours after": the attack the clause tells of happened that day too
    (erbil,) = places["erbil-airport"]
    assert (erbil.event_type, erbil.date, erbil.date_precision) == ("remote_attack", "2023-12-25", "day")


def test_a_day_after_counts_back_from_the_antecedent() -> None:
    text = ("A drone attack targeted Ain al-Asad air base in western Anbar on Wednesday morning. "
            "The attack came a day after two drones were downed near the Harir base in Erbil.")
    places = by_place(run(text, date(2023, 10, 25)))
    assert [(r.date, r.date_precision) for r in places["harir-air-base"]] == [("2023-10-24", "day")]
    assert [r.date for r in places["ain-al-asad"]] == ["2023-10-25"]


def test_a_district_named_after_its_town_is_the_town() -> None:
    (r,) = run("An armed drone struck a Peshmerga base in the Chamchamal district of Sulaymaniyah "
               "province on Saturday.", date(2024, 3, 2))
    assert r.place_id == "gn-97417"  # Chamchamal, not the governorate


def test_a_blame_sentence_names_the_agent_of_the_event_before() -> None:
    text = ("An armed drone struck a Peshmerga base in Sulaymaniyah province on Saturday, killing two "
            "fighters. Kurdish officials accused Turkey.")
    (r,) = run(text, date(2024, 3, 2))
    assert (r.perpetrator, r.perpetrator_basis, r.event_type) == ("Turkey", "attributed", "air_strike")
    # a defender "accused" of something else is not the attacker
    text = ("Rockets hit the Ain al-Asad air base on Saturday. Iraq's government accused the United "
            "States of violating its sovereignty.")
    (r,) = run(text, date(2024, 3, 2))
    assert r.perpetrator != "United States"


def test_a_place_outside_the_theatre_named_apart_does_not_unplace_the_towns() -> None:
    text = ("US jets struck a training facility and a safe house near the cities of Abu Kamal and "
            "Mayadin in eastern Syria on Sunday, where the IRGC helps move weapons into Syria and Lebanon.")
    assert sorted(r.place_id for r in run(text, date(2023, 11, 12))) == ["gn-174448", "mayadin"]


def test_an_undated_text_keeps_the_days_it_names_apart() -> None:
    text = ("Two drones were shot down Tuesday at the Ayn al-Asad Airbase. The Islamic Resistance in "
            "Iraq said its fighters launched two separate drone attacks on the Ayn al-Asad Airbase.\n\n"
            "On Saturday, about 20 rockets were launched toward the Ayn al-Asad Airbase.")
    reports = run(text, None)
    assert [r.place_id for r in reports] == ["ain-al-asad"] * 3
    assert sorted(tuple(r.weapons) for r in reports) == [("drone",), ("drone",), ("rocket",)]
    assert all(r.date is None for r in reports)


def test_the_day_a_period_began_is_not_the_event_day() -> None:
    text = ("Rockets hit the US embassy in Baghdad on Friday. The attack was the first on the embassy "
            "in the Green Zone since the beginning of the war on Oct. 7.")
    assert [r.date for r in run(text, date(2023, 12, 8))] == ["2023-12-08"]
    text = ("Rockets hit the US embassy in Baghdad on Friday. This is the first attack against the US "
            "embassy in Iraq since the Israel-Hamas war started on Oct 7.")
    assert [r.date for r in run(text, date(2023, 12, 8))] == ["2023-12-08"]


def test_damage_between_two_dates_is_no_incident() -> None:
    assert run("Half of the Harir Air Base was hit by strikes sometime between 24 October and "
               "2 December, sources said.", date(2023, 12, 8)) == []


def test_a_calendar_day_outranks_a_weekday_of_the_statement() -> None:
    text = ("The PMF accused the United States on Wednesday of conducting drone strikes in northern Babil. "
            "The statement said that on Tuesday, July 30, 2024, a headquarters was hit by drone strikes "
            "by American aircraft in Jurf al-Nasr in Babil Governorate.")
    (r,) = run(text, date(2024, 7, 31))
    assert (r.place_id, r.date) == ("jurf-al-sakhar", "2024-07-30")


def test_an_undated_text_does_not_part_a_weekday_from_a_calendar_day() -> None:
    text = ("On 17 November, the Harir base was targeted by drones. The group said on Friday that its "
            "drones hit the Harir base.")
    assert len(run(text, None)) == 1


def test_a_sentence_that_locates_the_target_places_the_event_before() -> None:
    text = ("US fighter aircraft conducted airstrikes on two sites in eastern Syria on Wednesday, officials "
            "said. The safe house, located in the Bulbul district of Mayadin, served as a headquarters.")
    (r,) = run(text, date(2023, 11, 9))
    assert (r.place_id, r.event_type, r.date) == ("mayadin", "air_strike", "2023-11-08")
    assert len(r.evidence) == 2
    # a placed event keeps its place: the locating sentence adds no second incident
    text = ("Drones hit the Tanf garrison on Wednesday. The garrison, located in Homs province near "
            "the Jordanian border, hosts US troops.")
    assert [r.place_id for r in run(text, date(2023, 11, 9))] == ["al-tanf"]


def test_a_city_possessing_a_site_only_locates_it() -> None:
    reports = run("Baghdad's heavily fortified Green Zone housing the U.S. Embassy was targeted with "
                  "several rockets on Friday.", date(2023, 12, 8))
    assert [r.place_id for r in reports] == ["us-embassy-baghdad"]


def test_since_a_year_long_past_is_background() -> None:
    assert run("Since 2016, the US garrison at Tanf has served as a launching point for counter-ISIS "
               "operations and training for opposition factions fighting the terrorist group.",
               date(2024, 1, 29)) == []


def test_a_definite_event_told_again_in_the_same_words_keeps_its_day() -> None:
    text = ("A drone strike on a military base in Jordan killed three US troops, Washington said on "
            "Sunday.\n\nWhere is the base?\n\nLittle is known about it. Officials gave no details. "
            "Jordan condemned it.\n\nThe drone strike which killed three US troops happened at the "
            "outpost Tower 22.")
    (r,) = run(text, date(2024, 1, 29))
    assert (r.place_id, r.date, r.date_precision) == ("tower-22", "2024-01-28", "day")


def test_an_apposition_that_says_where_a_base_lies_is_no_second_place() -> None:
    for text in ("Three US soldiers were killed in a drone attack at Tower 22 (a military outpost in Rukban "
                 "in northeast Jordan) on Sunday.",
                 "A drone hit Tower 22, a small US base in Rukban, on Sunday."):
        assert [r.place_id for r in run(text, date(2024, 1, 29))] == ["tower-22"]


def test_outside_the_syrian_capital_places_the_strike_at_the_capital() -> None:
    (r,) = run("An Israeli air strike outside the Syrian capital Damascus on Monday killed a senior adviser "
               "in Iran's Revolutionary Guards.", date(2023, 12, 26))
    assert (r.place, r.event_type, r.perpetrator) == ("Damascus", "air_strike", "Israel")
    assert r.date == "2023-12-25"


def test_iran_fires_missiles_near_a_consulate_as_a_remote_attack() -> None:
    (r,) = run("Iran fired ballistic missiles late Monday at what it called a spy headquarters near the US "
               "consulate in Erbil, killing four civilians.", date(2024, 1, 16))
    assert (r.place, r.event_type, r.perpetrator, r.date) == (
        "Erbil", "remote_attack", "Islamic Revolutionary Guard Corps", "2024-01-15")


def test_a_far_by_and_a_name_inside_a_compound_are_not_the_agent() -> None:
    text = ("US F-16 jets struck weapons storage facilities near Abu Kamal on Friday. In the wake of these "
            "strikes, the US deployed more aircraft to deter further aggression by Iran and its affiliates.")
    (r,) = run(text, date(2023, 10, 27))
    assert (r.event_type, r.perpetrator) == ("air_strike", "United States")
    (r,) = run("Iran-backed militants fired rockets at the Tanf garrison on Friday.", date(2023, 10, 27))
    assert r.perpetrator != "Islamic Revolutionary Guard Corps"


def test_an_agency_dateline_without_a_dash_is_not_the_place() -> None:
    text = ("Baghdad, Sept 4 The Islamic Resistance in Iraq claimed a drone attack on the Ain al-Asad "
            "air base on Wednesday morning.")
    assert [r.place_id for r in run(text, date(2024, 9, 4))] == ["ain-al-asad"]


def test_a_link_to_another_story_is_no_incident() -> None:
    text = ("Clashes between tribal fighters and the SDF went on in Dhiban on Wednesday.\n\n"
            "Read more: Several US personnel injured in Ain al-Asad air base attack")
    assert "ain-al-asad" not in {r.place_id for r in run(text, date(2024, 8, 7))}


def test_where_reinforcements_were_sent_is_not_attacked() -> None:
    text = ("US helicopters targeted tribal fighters near the Euphrates on Wednesday, and the US army "
            "sent reinforcements to its Al-Omar base.")
    assert "al-omar" not in {r.place_id for r in run(text, date(2024, 8, 7))}


def test_the_toll_of_an_unplaced_strike_places_it() -> None:
    text = ("The group made the announcement following US strikes that targeted PMF members. The US "
            "aggression led to the death of a PMF member who was killed in al-Qaim, while a training "
            "facility was damaged in Jurf al-Nasr.")
    reports = run(text, date(2024, 1, 31))
    assert sorted((r.place_id, r.event_type) for r in reports) == [
        ("gn-92138", "air_strike"), ("jurf-al-sakhar", "air_strike")]  # al-Qaim, Jurf al-Sakhar


def test_the_placed_detail_of_an_unplaced_dated_lede_takes_its_day() -> None:
    text = ("A drone attack Friday was reported against a US military base in northeastern Syria.\n\n"
            "Sources said the base in the town of Al-Shaddadi was attacked with an explosive-laden drone.")
    (r,) = run(text, date(2024, 1, 5))
    assert (r.place_id, r.date, r.date_precision) == ("shaddadi", "2024-01-05", "day")


def test_a_drone_strike_on_a_militia_headquarters_is_an_air_strike_and_rockets_never_are() -> None:
    (r,) = run("Two militants were killed in an unknown drone strike on a headquarters of an Iran-backed "
               "militia in eastern Baghdad on Thursday.", date(2024, 2, 8))
    assert r.event_type == "air_strike"
    (r,) = run("An Israeli rocket strike hit a building in Quneitra on Monday, local sources said.",
               date(2024, 8, 12))
    assert (r.event_type, r.perpetrator) == ("remote_attack", "Israel")


def test_an_accusation_about_another_event_blames_no_one_for_the_attack() -> None:
    text = ("This attack follows a recent rocket strike on Al-Asad Airbase in Iraq on Monday, which "
            "injured several US service members. Hamas and Iranian officials have accused Israel of being "
            "behind the assassination.")
    (r,) = run(text, date(2024, 8, 11))
    assert (r.event_type, r.perpetrator) == ("remote_attack", None)


def test_a_date_in_the_clause_of_an_earlier_event_is_that_events() -> None:
    text = ("A US drone strike killed a militia commander in Baghdad on Wednesday. The Baghdad strike "
            "follows retaliatory strikes on 85 targets in Iraq and Syria last week.")
    assert [(r.place_id, r.date) for r in run(text, date(2024, 2, 7))] == [("gn-98182", "2024-02-07")]
    # "just before midnight on Nov. 8" is a time, not another event's clause
    text = "Drones attacked the Harir base just before midnight on Nov. 8, officials said."
    assert [r.date for r in run(text, date(2023, 11, 11))] == ["2023-11-08"]


def test_a_groups_own_base_is_struck_not_striking() -> None:
    (r,) = run("Drone strikes targeted a base belonging to the pro-Iran Popular Mobilization Forces (PMF) in "
               "Iraq's Babil province late Tuesday, resulting in several casualties.", date(2024, 7, 31))
    assert (r.event_type, r.perpetrator) == ("air_strike", None)


def test_to_which_the_us_responded_is_another_event_with_its_own_agent() -> None:
    text = ("The attack comes days after the group targeted the Ain al-Asad base in Anbar, to which the US "
            "responded with retaliatory airstrikes on facilities of Kataib Hezbollah near Qaim and "
            "Jurf al-Nasr.")
    got = sorted((r.place_id, r.event_type, r.perpetrator) for r in run(text, None))
    assert ("jurf-al-sakhar", "air_strike", "United States") in got
    assert ("ain-al-asad", "remote_attack", "United States") not in got


def test_a_city_named_for_its_province_stands_for_it_beside_its_towns() -> None:
    text = ("Renewed clashes between the SDF and rival militias in Deir ez-Zor left 25 dead on Monday.\n\n"
            "On Monday, local gunmen attacked SDF checkpoints in Thiban, sparking clashes.")
    assert [r.place_id for r in run(text, date(2023, 10, 30))] == ["diban"]
    # listed beside another town it is the city
    text = ("The Al-Omar oil field where US forces are based as well as US bases in Al-Shaddadi and "
            "Al-Hasakah were attacked with missiles on Monday.")
    assert len(run(text, date(2023, 10, 24))) == 3


def test_a_road_named_for_two_towns_and_a_peshmerga_headquarters_are_no_militia_targets() -> None:
    reports = run("Israeli strikes on Masyaf on Sunday caused major damage to the Masyaf-Wadi al-Oyoun "
                  "highway, officials said.", date(2024, 9, 9))
    assert [r.place for r in reports] == ["Maşyāf"]
    (r,) = run("The headquarters of the Peshmerga forces in Erbil was attacked by two explosive drones "
               "on Sunday.", date(2024, 1, 2))
    assert r.event_type == "remote_attack"


def test_where_the_dead_are_mourned_is_not_where_they_were_struck() -> None:
    assert run("Iraqis attend the funeral of Kataib Hezbollah members in Najaf, Iraq, on November 22, after "
               "US air strikes.", date(2023, 11, 23)) == []
    (r,) = run("Mourners carried the coffins of three fighters killed in a US strike on Jurf al-Sakhar on "
               "Tuesday.", date(2023, 11, 23))
    assert (r.place_id, r.event_type) == ("jurf-al-sakhar", "air_strike")


def test_summaries_counts_and_offshore_targets_are_no_incidents() -> None:
    assert run("The attacks against US forces have hit Ain al-Asad in western Iraq and the Harir base in "
               "Erbil, officials said.", date(2023, 11, 12)) == []
    assert run("The Tishrin Dam has been subjected to more than 180 airstrikes by Turkish drones, the SDF "
               "said.", date(2024, 12, 26)) == []
    assert run("The airstrikes also targeted a floating object off the coast of the northwestern city of "
               "Baniyas on Sunday.", date(2024, 9, 9)) == []


def test_two_bases_joined_by_and_are_not_one_inside_the_other() -> None:
    text = "Drones hit Ain al-Asad in western Iraq and the Harir base in Erbil on Sunday."
    assert sorted(r.place_id for r in run(text, date(2023, 11, 12))) == ["ain-al-asad", "harir-air-base"]


def test_an_unattributed_mention_at_an_air_strikes_place_and_day_is_that_strike() -> None:
    text = ("A US drone strike killed a militia commander in eastern Baghdad on Wednesday, officials said. "
            "The vehicle was allegedly targeted the same type of drone that was used to kill two commanders "
            "in Bagdad.")
    (r,) = run(text, date(2024, 2, 7))
    assert (r.event_type, r.perpetrator) == ("air_strike", "United States")


def test_an_air_strike_that_names_no_weapon_was_flown() -> None:
    (r,) = run("The United States carried out strikes on Monday against facilities used by militias "
               "near Al-Qaim, officials said.", date(2024, 1, 23))
    assert (r.event_type, r.weapons) == ("air_strike", ["aircraft"])


def test_the_strikes_targeted_a_town_are_air_strikes() -> None:
    text = ("Jordanian air strikes on southern Syria killed at least 10 people.\n\n"
            "- The strikes targeted residential areas in the towns of Arman and Malah in the province of "
            "Sweida.")
    reports = run(text, date(2024, 1, 18))
    assert reports and all(r.event_type == "air_strike" for r in reports)
    (r,) = run("Jordanian air strikes killed ten people in the town of Malah in Sweida province on "
               "Thursday.", date(2024, 1, 19))
    assert (r.event_type, r.perpetrator) == ("air_strike", "Jordan")


def test_phrases_that_hold_a_trigger_word_but_tell_of_no_event() -> None:
    # "attacking forces" names the forces; the supply routes are not places attacked
    text = ("Sources said all attacking forces would withdraw, as the SDF holds supply routes "
            "to Raqqa and Manbij. The US-led coalition fighting ISIS moved troops to Hasakah.")
    assert run(text) == []
    # the same words as an event still count
    (r,) = run("Gunmen were attacking SDF forces in Manbij on Monday.")
    assert (r.place, r.event_type, r.date) == ("Manbij", "armed_clash", "2024-01-08")


def test_a_state_named_before_its_strike_noun_is_the_agent_even_after_in() -> None:
    (r,) = run("Militia commander killed in US drone strike in Baghdad on Wednesday")
    assert (r.event_type, r.perpetrator) == ("air_strike", "United States")
    # "in Jordan" is still a place, not Jordan's forces
    (r,) = run("A drone attack in Jordan hit Tower 22 on Sunday, killing three US soldiers.")
    assert r.perpetrator is None


def test_an_army_shelling_positions_is_a_remote_attack() -> None:
    (r,) = run("Syrian government forces shelled the positions of the factions around Atarib on Tuesday.")
    assert (r.event_type, r.perpetrator, r.weapons) == (
        "remote_attack", "Syrian government forces", ["artillery"])


def test_the_attack_on_a_place_told_before_is_that_attack_whenever_it_was() -> None:
    text = ("Eight US troops were hurt after a drone attack in northeastern Syria on Friday, Aug. 9. "
            "The attackers targeted the Rumalyn Landing Zone, which hosts US forces. "
            "Officials gave no more details. "
            "The attack on the Rumalyn Landing Zone comes just days after attackers targeted the "
            "Asad Airbase in Iraq.")
    places = by_place(run(text, date(2024, 8, 14)))
    (r,) = places["rmelan"]
    assert (r.date, r.date_precision, len(r.evidence)) == ("2024-08-09", "day", 2)


def test_a_group_announcing_a_strike_on_its_own_men_claims_nothing() -> None:
    (r,) = run("The PMF announced on Wednesday that a drone strike had targeted one of its brigades "
               "stationed in Jurf al-Nasr.")
    assert r.perpetrator is None
    (r,) = run("The Islamic Resistance in Iraq announced that its fighters targeted the Harir base "
               "with drones on Tuesday.")
    assert (r.perpetrator, r.perpetrator_basis) == ("Islamic Resistance in Iraq", "claimed")


def test_a_speaker_telling_of_another_actors_strike_is_not_its_agent() -> None:
    (r,) = run("Kataib Hezbollah said in a statement that a US strike targeted a group of its "
               "drone experts near Karbala on Tuesday.")
    assert (r.event_type, r.perpetrator) == ("air_strike", "United States")


def test_capitals_in_tensions_between_them_are_governments_not_places() -> None:
    (r,) = run("Drones hit Erbil International Airport on Monday. The attacks have sparked tensions "
               "between Erbil and Baghdad.")
    assert r.place_id == "erbil-airport"


def test_intercepted_drones_by_no_one_named_are_a_remote_attack() -> None:
    reports = run("Twice on Monday, drones were intercepted near the Peshmerga headquarters in "
                  "Sulaymaniyah.")
    assert [r.event_type for r in reports] == ["remote_attack", "remote_attack"]
    # a strike that "neutralized" its target is still a strike
    (r,) = run("The commander was neutralized by a US drone strike on a vehicle in Baghdad on Monday.")
    assert (r.event_type, r.perpetrator) == ("air_strike", "United States")


def test_the_occupied_golan_is_outside_the_theatre() -> None:
    assert run("Israel blamed Hezbollah for Saturday's rocket attack on the Druze town of Majdal "
               "Shams in the occupied Golan Heights.") == []


def test_a_ground_force_attacking_positions_with_no_remote_weapon_is_a_clash() -> None:
    (r,) = run("Hayat Tahrir al-Sham and allied factions launched a major attack on Syrian army "
               "positions near Atarib on Wednesday.")
    assert (r.event_type, r.perpetrator) == ("armed_clash", "Hayat Tahrir al-Sham")


def test_militia_members_killed_in_a_drone_strike_were_struck_from_the_air() -> None:
    (r,) = run("Three Kataib Hezbollah members killed in Baghdad drone strike on Wednesday, militia says")
    assert r.event_type == "air_strike"
    # a drone strike on a US base is the militia's remote attack
    (r,) = run("A drone strike hit the Tower 22 base on Sunday, killing three US soldiers.")
    assert r.event_type == "remote_attack"


def test_a_city_named_for_its_province_does_not_fold_into_a_far_city() -> None:
    text = ("The Israel Defense Forces stated that it has attacked the entrance of the Syrian army's "
            "headquarters in Damascus. Meanwhile, Israel launched strikes against Syrian government "
            "forces advancing toward Sweida.")
    places = by_place(run(text, date(2025, 7, 16)))
    assert sorted(r.place for rs in places.values() for r in rs) == ["As-Suwayda", "Damascus"]


def test_a_sentence_before_an_unplaced_event_may_say_where_it_was() -> None:
    text = ("Investigators have not determined the cause of the explosion at a PMF camp in Babil "
            "province. Sources said three missiles targeted the brigade's headquarters inside the "
            "camp on Friday.")
    (r,) = run(text, date(2024, 4, 20))
    assert (r.place, r.date) == ("Babil Governorate", "2024-04-19")
    # an event that names its own place keeps it
    text = ("The explosion at a PMF camp in Babil province is under investigation. "
            "Separately, drones targeted Ain al-Asad air base on Friday.")
    assert [r.place_id for r in run(text, date(2024, 4, 20))] == ["ain-al-asad"]


def test_the_place_a_struck_convoy_was_heading_for_and_its_town_are_not_the_scene() -> None:
    text = ("On Wednesday a drone strike hit a civilian convoy heading to the Tishrin Dam, located "
            "in the vicinity of Manbij. The alleged Turkish strike attacked the convoy before it "
            "reached the dam. Local TV said the bombing happened near Sarrin.")
    (r,) = run(text, date(2025, 1, 9))
    assert (r.place, r.event_type, r.perpetrator) == ("Şirrīn ash Shamālīyah", "air_strike", "Turkey")


def test_a_generic_first_word_of_an_unknown_name_is_no_place() -> None:
    # "Tal Jumu" is not the town of At Tall; the towns it lies between are only references
    assert run("Israeli artillery shelled the areas of Tal Jumu, located between the towns of Nawa "
               "and Tasil, on Monday.") == []
    (r,) = run("Turkish drones struck Tal Tamr on Monday.")
    assert r.place == "Tall Tamr"


def test_drones_a_defender_shot_down_over_a_province_are_no_attack_there() -> None:
    assert run("The US military also shot down a number of Iranian drones over Sweida and Daraa "
               "provinces on Saturday.") == []
    (r,) = run("US forces shot down a drone near the al-Tanf garrison on Monday.")
    assert (r.place_id, r.outcome) == ("al-tanf", "intercepted")


def test_an_event_dated_only_by_its_year_is_no_incident() -> None:
    assert run("As the army collapsed late last year, the SNA struck the SDF in Manbij.",
               date(2025, 1, 24)) == []
    assert run("The tensions escalated in early 2020 with the US strike in Baghdad.", None) == []


def test_a_description_of_the_attackers_is_given_in_the_reports_own_words() -> None:
    (r,) = run("Iranian-backed militias fired rockets at the Ain al-Asad air base on Monday.")
    assert (r.perpetrator, r.perpetrator_basis) == ("Iranian-backed militias", "attributed")
    # a named group keeps the codebook's name, whatever alias the report uses
    (r,) = run("The IRI claimed a drone attack on the Ain al-Asad air base on Monday.")
    assert r.perpetrator == "Islamic Resistance in Iraq"


def test_outcome_follows_what_was_reported() -> None:
    # a strike reported as carried out hit what it aimed at
    (r,) = run("US jets struck a weapons depot in Al-Qaim on Friday.")
    assert (r.event_type, r.outcome) == ("air_strike", "hit")
    # an attack that wounded people hit; one with no result told stays unknown
    (r,) = run("Rockets targeted Ain al-Asad air base on Monday, wounding two US soldiers.")
    assert (r.outcome, r.injured) == ("hit", 2)
    (r,) = run("Rockets targeted Ain al-Asad air base on Monday.")
    assert r.outcome == "unknown"
    # fighting has casualties, not a hit or a miss
    (r,) = run("Clashes between the SDF and tribal fighters in Diban on Monday killed five people.")
    assert (r.event_type, r.outcome) == ("armed_clash", "unknown")


def test_that_same_day_is_the_day_named_a_few_sentences_back() -> None:
    text = ("Twenty US personnel were hurt on Oct. 18 when two drones targeted the al-Tanf garrison. "
            "One of the drones was shot down, officials said. "
            "On that same day, two separate drone attacks targeted US forces at Ain al-Asad air base.")
    places = by_place(run(text, date(2023, 10, 27)))
    assert [(r.date, r.date_precision) for r in places["ain-al-asad"]] == [("2023-10-18", "day")] * 2


def test_a_place_also_struck_in_a_report_of_a_states_air_strikes_is_one_of_them() -> None:
    text = ("Israeli aircraft struck military facilities near Tartus on Monday. Ten strikes hit the "
            "area, a monitor said. Military facilities in Latakia were also struck.")
    places = by_place(run(text, date(2024, 12, 16)))
    (r,) = places["gn-173576"]
    assert (r.place, r.event_type, r.perpetrator) == ("Latakia", "air_strike", "Israel")


def test_gunmen_firing_on_a_checkpoint_is_a_clash_a_turkish_attack_on_one_is_not() -> None:
    (r,) = run("Two SDF members were killed in an attack on a checkpoint in Diban on Monday.")
    assert r.event_type == "armed_clash"
    (r,) = run("A Turkish attack targeted an Asayish checkpoint in Qamishli on Monday.")
    assert (r.event_type, r.perpetrator) == ("air_strike", "Turkey")


def test_a_spokespersons_name_is_not_a_place() -> None:
    (r,) = run("Rockets hit near the US embassy in Baghdad on Saturday, military spokesperson Sabah "
               "al-Numan said on Saturday.")
    assert r.place_id == "us-embassy-baghdad"


def test_the_day_a_source_spoke_is_not_the_day_of_the_attack_it_answers() -> None:
    text = ("The United States carried out strikes on three militia targets in Iraq in response to a "
            "drone attack on Erbil Air Base, the Pentagon said on Tuesday. On Monday, the Iraqi "
            "military said a base near Erbil airport had been attacked by a drone.")
    (r,) = by_place(run(text, date(2023, 12, 26)))["erbil-airport"]
    assert (r.date, r.date_precision) == ("2023-12-25", "day")


def test_south_of_a_city_places_an_event_that_names_nothing_nearer() -> None:
    (r,) = run("Israeli strikes on Friday killed three pro-Iranian fighters south of Damascus.")
    assert (r.place, r.event_type, r.perpetrator) == ("Damascus", "air_strike", "Israel")
    # a distance keeps it a reference
    assert run("A drone hit an unnamed outpost 24 km west of Ain al-Asad on Friday.") == []
    # beside the town the details name, it is that town's area
    text = ("US jets struck Kataib Hezbollah sites in Jurf al-Sakhar on Tuesday. Five fighters were "
            "killed in the strikes south of Baghdad on Tuesday, officials said.")
    assert [r.place_id for r in run(text)] == ["jurf-al-sakhar"]


def test_a_ground_militia_striking_checkpoints_without_remote_weapons_is_fighting() -> None:
    (r,) = run("ISIS fighters struck several SDF checkpoints in Diban on Friday.")
    assert (r.event_type, r.perpetrator) == ("armed_clash", "Islamic State")
    (r,) = run("ISIS cells fired a rocket at an SDF checkpoint in Diban on Friday.")
    assert r.event_type == "remote_attack"


def test_a_states_own_drone_shot_down_over_a_town_is_an_interception() -> None:
    assert run("The armed Turkish drone was shot down near Hasakah on Thursday after it came too close "
               "to US troops.") == []
    (r,) = run("A drone was shot down over the al-Tanf garrison on Thursday.")
    assert (r.place_id, r.outcome) == ("al-tanf", "intercepted")


def test_a_neighbourhood_of_the_city_of_x_is_in_x() -> None:
    (r,) = run("Five people were killed in Israeli attacks on a building in the Hamra neighborhood of the "
               "city of Homs on Wednesday.")
    assert r.place == "Homs"


def test_a_second_attack_counted_is_not_doubled_when_the_first_is_told_apart() -> None:
    text = ("Israel targeted Aleppo International Airport for the second time in 24 hours on Saturday. "
            "On Friday, Israel simultaneously targeted the international airports in Damascus and "
            "Aleppo, putting them out of service.")
    reports = run(text, date(2023, 10, 15))
    assert [(r.place, r.date) for r in reports if r.place.startswith("Aleppo")] == [
        ("Aleppo International Airport (Nayrab air base)", "2023-10-14"), ("Aleppo", "2023-10-13")]
    # told alone, the count stands for both
    reports = run("Israel targeted Aleppo International Airport for the second time in 24 hours on "
                  "Saturday.", date(2023, 10, 15))
    assert [r.date for r in reports] == ["2023-10-14", "2023-10-14"]


def test_adding_that_another_actor_struck_is_another_event_adding_detail_is_not() -> None:
    text = ("Government forces shelled the positions of the factions around Atarib on Wednesday, the "
            "monitor said, adding that a Russian warplane also conducted airstrikes.")
    (r,) = run(text, date(2024, 11, 28))
    assert (r.event_type, r.perpetrator, r.weapons) == ("remote_attack", "Syrian government forces",
                                                       ["artillery"])
    text = ("An Israeli strike hit a building in Kafr Sousa on Wednesday, the monitor said, adding "
            "that air defences failed to stop the missiles.")
    (r,) = run(text, date(2024, 10, 24))
    assert r.weapons == ["missile"]  # the adding clause goes on about the same strike


def test_authorities_of_a_province_are_a_source_not_a_scene() -> None:
    assert run("Authorities in south Syria's Daraa on Telegram late Wednesday said that Israeli military "
               "vehicles entered an area in the province's west, reporting that three artillery shells "
               "targeted the area.") == []
