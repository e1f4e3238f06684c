"""The talks owed each year (appraisal.rules.coverage), on plain ids."""

from appraisal.choices import CoveragePairKind as K
from appraisal.rules.coverage import Member, owed_pairs, pair_key


def kinds(pairs):
    return {(p.kind, p.senior, p.junior) for p in pairs}


def test_the_four_kinds_of_pair():
    members = [Member(1, secretary=True), Member(2, oversees=frozenset({10})), Member(3)]
    pairs = owed_pairs(members=members, heads={10: [20]}, deputies={10: [21, 22]}, talked=set())
    assert kinds(pairs) == {
        (K.SECRETARY_MEMBER, 1, 2),
        (K.SECRETARY_MEMBER, 1, 3),
        (K.MEMBER_MEMBER, 2, 3),
        (K.MEMBER_HEAD, 2, 20),
        (K.HEAD_DEPUTY, 20, 21),
        (K.HEAD_DEPUTY, 20, 22),
    }
    assert not any(p.talked for p in pairs)


def test_a_talk_either_way_covers_the_pair():
    members = [Member(1, secretary=True), Member(2)]
    pairs = owed_pairs(members=members, heads={}, deputies={}, talked={pair_key(2, 1)})
    assert [(p.senior, p.junior, p.talked) for p in pairs] == [(1, 2, True)]


def test_a_pair_owed_twice_is_owed_once_under_the_first_reason():
    # Member 2 is also the head of unit 10, which member 1 (the secretary) oversees.
    members = [Member(1, secretary=True, oversees=frozenset({10})), Member(2)]
    pairs = owed_pairs(members=members, heads={10: [2]}, deputies={}, talked=set())
    assert kinds(pairs) == {(K.SECRETARY_MEMBER, 1, 2)}


def test_no_secretary_leaves_members_among_themselves():
    pairs = owed_pairs(members=[Member(1), Member(2)], heads={}, deputies={}, talked=set())
    assert kinds(pairs) == {(K.MEMBER_MEMBER, 1, 2)}


def test_a_unit_without_a_head_owes_its_deputies_nothing():
    assert owed_pairs(members=[], heads={}, deputies={10: [21]}, talked=set()) == []
