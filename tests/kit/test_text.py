from kit.text import clean_text


def test_text_with_a_nul_byte_or_a_lone_surrogate_can_be_stored_and_encoded():
    cleaned = clean_text("bin\x00 day \ud800 and \udfff 😀 Łódź")
    assert cleaned == "bin day \ufffd and \ufffd 😀 Łódź"
    cleaned.encode("utf-8")  # would raise UnicodeEncodeError with a surrogate left in
