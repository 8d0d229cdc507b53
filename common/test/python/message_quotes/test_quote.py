"""quoted/cut_text: short, bounded, one line, whatever the value."""

from __future__ import annotations

from message_quotes import QUOTE_LIMIT, cut_text, quoted


def test_short_values_are_their_repr() -> None:
    assert quoted("alpha") == "'alpha'"
    assert quoted(3) == "3"
    assert quoted(None) == "None"
    assert quoted(["a", 1]) == "['a', 1]"


def test_control_characters_show_escaped() -> None:
    assert quoted("a\x07b\nc") == "'a\\x07b\\nc'"


def test_a_long_string_is_cut_and_its_length_noted() -> None:
    text = quoted("x" * 5_000_000)
    assert text.endswith("(5000000 characters)")
    assert len(text) < QUOTE_LIMIT + 30


def test_an_alias_bomb_shaped_value_is_cut_without_expanding_it() -> None:
    # expanded, this would be 9**10 strings: it only finishes because the work is bounded
    value: object = ["lol"] * 9
    for _ in range(9):
        value = [value] * 9  # 9**10 leaves if expanded
    text = quoted(value)
    assert len(text) < QUOTE_LIMIT + 30


def test_cut_text_gives_one_short_line() -> None:
    assert cut_text("a\nb   c") == "a b c"
    long = cut_text("word " * 10_000)
    assert "\n" not in long and len(long) < 340 and long.endswith("(49999 characters)")
