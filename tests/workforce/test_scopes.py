import pytest

from workforce.scopes import Scope, UnknownScope, all_scopes, parse_scope


@pytest.mark.django_db
def test_scope_keys_round_trip(place, own_org):
    for scope in [Scope.ics(), Scope.for_place(place), Scope.for_organisation(own_org)]:
        assert parse_scope(scope.key) == scope


@pytest.mark.django_db
def test_empty_key_is_the_ics():
    assert parse_scope("") == Scope.ics()
    assert parse_scope(None).kind == "ics"


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["place:nowhere", "organisation:none", "region:north", "place:"])
def test_unknown_scopes_are_refused(key):
    with pytest.raises(UnknownScope):
        parse_scope(key)


@pytest.mark.django_db
def test_scope_organisations(place, own_org, other_org):
    assert set(Scope.for_place(place).organisations()) == {own_org, other_org}
    assert list(Scope.for_organisation(own_org).organisations()) == [own_org]
    assert [s.kind for s in all_scopes()] == ["ics", "place", "organisation", "organisation"]
