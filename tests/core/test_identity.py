"""Which photo a link shows: ids in order of trust, and never two photos merged."""

from __future__ import annotations

from app.core.downloads.identity import IdentityBook, candidates, query_id


def test_the_order_of_trust() -> None:
    assert candidates("a1.jpg", "https://s/x/download?id=q9", None) == ["a1", "q9"]
    assert candidates("", "https://s/x/download?image_id=q9", None) == ["q9"]
    assert candidates("", "https://s/x/q9.jpg", None) == []  # a path stem alone is no id
    asked = ["a1", "p7"]
    assert candidates("zz.jpg", "https://s/p7.jpg?sig=1", asked) == ["p7"]
    assert query_id("https://s/d?photoId=%20x1%20&sig=2") == "x1"


def test_the_same_photo_again_is_one_key() -> None:
    book = IdentityBook()
    first = book.assign("a1.jpg", "https://s/o/a1.jpg?sig=1", None)
    again = book.assign("a1.jpg", "https://s/o/a1.jpg?sig=2", None)  # fresh signature
    assert first == ("a1", "a1", True) and again == ("a1", "a1", False)


def test_same_names_with_different_query_ids_are_different_photos() -> None:
    book = IdentityBook()
    keys = [book.assign("photo.jpg", f"https://s/download?id=n{k}", None)[0] for k in range(3)]
    assert keys == ["photo", "n1", "n2"] and len(book) == 3


def test_no_id_at_all_still_keeps_distinct_urls_apart() -> None:
    book = IdentityBook()
    one = book.assign("", "https://s/a/x.bin", None)
    two = book.assign("", "https://s/b/x.bin", None)
    assert one[0] != two[0] and one[2] and two[2]
    assert book.assign("", "https://s/a/x.bin?sig=3", None) == (one[0], None, False)
