from rangwan.honours.codes import ALPHABET, LENGTH, grouped, new_code, normalise


def test_new_codes_are_twelve_unambiguous_characters_and_do_not_repeat():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == LENGTH
        assert set(code) <= set(ALPHABET)
        assert not set(code) & set("ILOU")


def test_typed_codes_are_read_forgivingly():
    assert normalise("k7qm-3xwd-9trb") == "K7QM3XWD9TRB"
    assert normalise(" K7QM 3XWD 9TRB ") == "K7QM3XWD9TRB"
    # O, I and L cannot be in a code: they are read as 0, 1 and 1.
    assert normalise("O0IL-3XWD-9TRB") == "0011" + "3XWD9TRB"


def test_malformed_codes_are_not_codes():
    for typed in ("", "K7QM", "K7QM3XWD9TRBX", "K7QM3XWD9TR!", "เกียรติบัตร", "../etc/passwd"):
        assert normalise(typed) is None


def test_codes_print_in_groups_of_four():
    assert grouped("K7QM3XWD9TRB") == "K7QM-3XWD-9TRB"
