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
