"""Pure tests of support_portal/tools/articles.py: the words searched for the
new-ticket form's suggestions and their order; no database."""

from pure import load_tools

art = load_tools("support_portal").articles


def test_search_terms_keep_letters_and_digits_only():
    assert art.search_terms("How to archive the old price-lists?") == [
        "archive",
        "old",
        "price",
        "lists",
    ]
    assert art.search_terms("50% off'; DROP TABLE x;--") == ["off", "drop", "table"]
    assert art.search_terms("a_b%c__d") == []
    assert art.search_terms(None) == []


def test_search_terms_are_bounded_and_distinct():
    text = " ".join(f"word{i} word{i}" for i in range(20))
    terms = art.search_terms(text)
    assert len(terms) == art.MAX_TERMS
    assert len(set(terms)) == len(terms)
    assert art.search_terms("x" * 10 + " " + "y" * 500) == ["xxxxxxxxxx", "y" * 189]


def test_search_terms_skip_small_words_of_three_languages():
    assert art.search_terms("Comment archiver les listes de prix") == [
        "archiver",
        "listes",
        "prix",
    ]
    assert art.search_terms("Hur arkiverar vi prislistor") == [
        "arkiverar",
        "prislistor",
    ]


def test_rank_title_before_body_and_scope_counts():
    terms = ["archive", "price"]
    candidates = [
        (1, "Login timeout", "archive price in the body", False, 1),
        (2, "Archive price lists", "", False, 5),
        (3, "Unrelated", "nothing", False, 1),
        (4, "Unrelated", "nothing", True, 1),
        (5, "Archive", "", False, 1),
    ]
    assert art.rank(candidates, terms) == [2, 5, 1, 4]
    assert art.rank(candidates, terms, limit=1) == [2]
    assert art.rank(candidates, []) == [4]
