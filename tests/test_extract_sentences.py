from sigact.extract.sentences import split_sentences


def test_offsets_point_at_the_text() -> None:
    text = "Title line\n\nThe U.S. base was hit. Gen. Smith said so.\nA new line here!"
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Title line", "The U.S. base was hit.", "Gen. Smith said so.", "A new line here!"]
    for s in sents:
        assert text[s.start:s.end] == s.text
    assert sents[0].heading and not sents[1].heading
    assert sents[1].block == sents[2].block != sents[3].block


def test_quotes_close_a_sentence() -> None:
    sents = split_sentences('"We hit the base," the group said. Officials denied it.')
    assert len(sents) == 2


WRAPPED = """Rockets fall near a base in western Iraq
Several rockets struck the edge of a military base
in western Anbar province on Monday night, two
security officials said, adding that nobody was hurt.
The officials, who spoke on condition of anonymity,
said the rockets were launched from a farm north of
the base.

A second paragraph starts after a blank line and
goes on for a while before it ends here.
"""


def test_hard_wrapped_lines_are_joined_into_sentences() -> None:
    sents = split_sentences(WRAPPED)
    texts = [" ".join(s.text.split()) for s in sents]
    assert texts == [
        "Rockets fall near a base in western Iraq",
        "Several rockets struck the edge of a military base in western Anbar province on Monday "
        "night, two security officials said, adding that nobody was hurt.",
        "The officials, who spoke on condition of anonymity, said the rockets were launched from "
        "a farm north of the base.",
        "A second paragraph starts after a blank line and goes on for a while before it ends here.",
    ]
    assert sents[0].heading and not sents[1].heading
    for s in sents:
        assert WRAPPED[s.start:s.end] == s.text


def test_one_paragraph_a_line_is_not_taken_for_wrapping() -> None:
    text = "\n".join(["A headline without a stop"] + [
        f"Paragraph {i} tells a long story about events in the region that goes on well past the "
        "width of any wrapped line, so it is no wrapped text." for i in range(6)])
    assert len(split_sentences(text)) == 7


def test_a_scraped_page_that_dropped_the_space_after_a_stop_still_splits() -> None:
    from sigact.extract.sentences import split_sentences

    got = [s.text for s in split_sentences("Rockets hit the base.No group claimed it.Officials said so.")]
    assert got == ["Rockets hit the base.", "No group claimed it.", "Officials said so."]
    # initials and domain names are no sentence ends
    assert len(split_sentences("The U.S.Army said so on Reuters.com today.")) == 1
