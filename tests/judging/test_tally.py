"""A worked example, computed by hand, checked number by number.

Rubric: 1 (10), 2.1–2.5 (10 each), 3 (40). Four members, three dossiers A, B, C.
Member 4 is recused from B: their sheet for B holds full marks and must not count.

A   1   2.1-2.5 each   3   total        B   1   2.x   3   total      C   1  2.1-2.4 2.5  3  total
M1 10         8       30    80          M1  8    6   25    63        M1 10    9    9  27   82
M2 10         7       32    77          M2  9    7   27    71        M2 10    8    8  29   79
M3  9         9       28    82          M3  7    6   26    63        M3  9    9    9  26   80
M4 10         8       34    84          (M4 recused)                 M4 10    9    8  28   82

Means  A: 1 = 39/4 = 9.75, 2.x = 8, 3 = 124/4 = 31, total 80.75
       B: 1 = 8, 2.x = 19/3, 3 = 26, total 8 + 95/3 + 26 = 197/3 = 65.67 (3 sheets)
       C: 1 = 9.75, 2.1-2.4 = 8.75, 2.5 = 8.5, 3 = 27.5, total 80.75
A and C tie on 80.75; criterion 3 (31 against 27.5) puts A first. Ranking: A, C, B.
Spread of member totals: A 84 - 77 = 7, B 71 - 63 = 8, C 82 - 79 = 3.
Leniency (member total minus the dossier's mean total, averaged):
  M1: (-0.75 - 8/3 + 1.25) / 3 = -13/18     M2: (-3.75 + 16/3 - 1.75) / 3 = -1/18
  M3: (1.25 - 8/3 - 0.75) / 3 = -13/18      M4: (3.25 + 1.25) / 2 = 9/4
"""

from decimal import Decimal
from fractions import Fraction

from rangwan.judging.tally import Sheet, TieBreak, rounded, tally

CRITERIA = ["1", "2.1", "2.2", "2.3", "2.4", "2.5", "3"]
A, B, C = 101, 102, 103


def sheet(member, nomination, c1, conduct, c3):
    conduct = conduct if isinstance(conduct, list) else [conduct] * 5
    scores = {"1": c1, **{f"2.{i + 1}": v for i, v in enumerate(conduct)}, "3": c3}
    return Sheet(member, nomination, {k: Decimal(str(v)) for k, v in scores.items()})


SHEETS = [
    sheet("M1", A, 10, 8, 30),
    sheet("M2", A, 10, 7, 32),
    sheet("M3", A, 9, 9, 28),
    sheet("M4", A, 10, 8, 34),
    sheet("M1", B, 8, 6, 25),
    sheet("M2", B, 9, 7, 27),
    sheet("M3", B, 7, 6, 26),
    sheet("M1", C, 10, 9, 27),
    sheet("M2", C, 10, 8, 29),
    sheet("M3", C, 9, 9, 26),
    sheet("M4", C, 10, [9, 9, 9, 9, 8], 28),
]
RECUSED_SHEET = sheet("M4", B, 10, 10, 40)  # exists, but member 4 is recused from B


def worked_example():
    counted = [s for s in SHEETS if s is not RECUSED_SHEET]
    return tally(nominations=[A, B, C], criteria=CRITERIA, sheets=counted)


def test_means_per_criterion():
    result = worked_example()
    a, b, c = (result.result_for(n) for n in (A, B, C))
    assert a.means["1"] == Fraction(39, 4)
    assert all(a.means[f"2.{i}"] == 8 for i in range(1, 6))
    assert a.means["3"] == 31
    assert b.means["1"] == 8
    assert b.means["2.3"] == Fraction(19, 3)
    assert b.means["3"] == 26
    assert c.means["2.4"] == Fraction(35, 4)
    assert c.means["2.5"] == Fraction(17, 2)
    assert c.means["3"] == Fraction(55, 2)


def test_totals_and_the_recused_sheet_not_counted():
    result = worked_example()
    assert result.result_for(A).total == Fraction(323, 4)
    assert result.result_for(B).total == Fraction(197, 3)
    assert result.result_for(B).counted == 3
    assert rounded(result.result_for(B).total) == Decimal("65.67")
    assert result.result_for(C).total == Fraction(323, 4)


def test_ranking_breaks_the_tie_on_the_joint_work():
    result = worked_example()
    assert [(r.nomination, r.rank) for r in result.results] == [(A, 1), (C, 2), (B, 3)]
    assert result.result_for(A).decided_by == "criterion 3"
    assert result.result_for(C).decided_by == "criterion 3"
    assert not any(r.tied for r in result.results)


def test_spread_and_leniency_are_advisory_figures():
    result = worked_example()
    assert [result.result_for(n).spread for n in (A, B, C)] == [7, 8, 3]
    assert result.leniency == {
        "M1": Fraction(-13, 18),
        "M2": Fraction(-1, 18),
        "M3": Fraction(-13, 18),
        "M4": Fraction(9, 4),
    }


def test_conduct_total_breaks_a_tie_the_joint_work_leaves():
    # Same total (80), same criterion 3 (30): D has 2 more on conduct, 2 less on 1.
    d = sheet("M1", 1, 8, 8.4, 30)
    e = sheet("M1", 2, 10, 8, 30)
    result = tally(nominations=[2, 1], criteria=CRITERIA, sheets=[d, e])
    assert [(r.nomination, r.rank) for r in result.results] == [(1, 1), (2, 2)]
    assert result.results[0].decided_by == "conduct total"


def test_chairs_vote_breaks_a_complete_tie_and_without_it_the_tie_stands():
    twins = [sheet("M1", 1, 9, 8, 30), sheet("M1", 2, 9, 8, 30)]
    undecided = tally(nominations=[1, 2], criteria=CRITERIA, sheets=twins)
    assert [r.rank for r in undecided.results] == [1, 1]
    assert all(r.tied for r in undecided.results)
    decided = tally(nominations=[1, 2], criteria=CRITERIA, sheets=twins, votes={2: 5, 1: 4})
    assert [(r.nomination, r.rank) for r in decided.results] == [(2, 1), (1, 2)]
    assert decided.results[0].decided_by == "chair's vote"


def test_a_programme_can_set_its_own_chain():
    unequal = [sheet("M1", 1, 10, 7, 30), sheet("M1", 2, 9, 8, 29)]  # 75 and 78
    level = [sheet("M1", 1, 10, 8, 30), sheet("M1", 2, 9, 8.2, 30)]  # both 80
    chain = [TieBreak("criterion 1", ("1",))]
    result = tally(nominations=[1, 2], criteria=CRITERIA, sheets=level, tie_break=chain)
    assert [r.nomination for r in result.results] == [1, 2]
    assert result.results[0].decided_by == "criterion 1"
    plain = tally(nominations=[1, 2], criteria=CRITERIA, sheets=unequal, tie_break=chain)
    assert [r.nomination for r in plain.results] == [2, 1]
    assert plain.results[0].decided_by == ""


def test_a_dossier_nobody_scored_ranks_last_with_zero():
    result = tally(nominations=[1, 2], criteria=CRITERIA, sheets=[sheet("M1", 1, 5, 5, 20)])
    assert [(r.nomination, r.total, r.counted) for r in result.results] == [(1, 50, 1), (2, 0, 0)]
