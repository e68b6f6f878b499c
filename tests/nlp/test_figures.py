"""The figures stage on small hand-made French and English sentences."""

from __future__ import annotations

import pytest

from selon.model import Figure

pytestmark = pytest.mark.slow


def figures(nlp, text: str) -> list[Figure]:
    found = nlp(text)._.selon_figures
    for f in found:
        assert f.text == text[f.start : f.end]
    return found


def one(found: list[Figure], value: float) -> Figure:
    hits = [f for f in found if f.value == value]
    assert len(hits) == 1, f"expected one figure of value {value}: {[(f.text, f.value) for f in found]}"
    return hits[0]


# -- numbers -----------------------------------------------------------------------------------


def test_french_number_writing(nlp_fr):
    found = figures(
        nlp_fr,
        "Le pays compte 2.000 soldats, 365 000 réfugiés et 2,7 millions d'habitants. "
        "La dette atteint 1,5 milliard d'euros et le taux 7,5 %.",
    )
    assert one(found, 2000).unit == "soldats"
    assert one(found, 365000).unit == "réfugiés"
    assert one(found, 2_700_000).unit == "habitants"
    assert one(found, 1_500_000_000).unit == "euro"
    assert one(found, 7.5).unit == "percent"


def test_french_nbsp_thousands(nlp_fr):
    found = figures(nlp_fr, "Au total, 12\u00a0500 personnes ont été évacuées.")
    assert one(found, 12500).unit == "personnes"


def test_english_number_writing(nlp_en):
    found = figures(
        nlp_en,
        "The ticket costs $6, the fine was 1,200 dollars and the army has 2.7 million "
        "soldiers; unemployment is 4 percent and the budget is 40 euros.",
    )
    assert one(found, 6).unit == "dollar"
    assert one(found, 6).text == "$6"
    assert one(found, 1200).unit == "dollar"
    assert one(found, 2_700_000).unit == "soldiers"
    assert one(found, 4).unit == "percent"
    assert one(found, 40).unit == "euro"


def test_spelled_numbers(nlp_fr, nlp_en):
    assert one(figures(nlp_fr, "Deux soldats ont été blessés."), 2).unit == "soldats"
    assert one(figures(nlp_en, "Three drones were shot down."), 3).unit == "drones"
    assert one(figures(nlp_en, "They hired twenty-five engineers."), 25).unit == "engineers"


def test_ranges(nlp_fr, nlp_en):
    f = one(figures(nlp_fr, "Le projet coûtera de 2 à 3 millions d'euros."), 2_000_000)
    assert (f.value_max, f.unit) == (3_000_000, "euro")
    f = one(figures(nlp_en, "Prices rose from 5 to 10 percent."), 5)
    assert (f.value_max, f.unit) == (10, "percent")
    f = one(figures(nlp_en, "The attack killed 5-10 people."), 5)
    assert (f.value_max, f.unit) == (10, "people")


def test_shared_unit_of_coordinated_numbers(nlp_fr, nlp_en):
    found = figures(nlp_fr, "Les obus de 122 et 152 mm sont rares.")
    assert one(found, 122).unit == "mm" and one(found, 152).unit == "mm"
    found = figures(nlp_en, "Rates of 5 and 6 percent were quoted.")
    assert one(found, 5).unit == "percent" and one(found, 6).unit == "percent"


# -- rate, bound, approximation ----------------------------------------------------------------


def test_rates(nlp_fr, nlp_en):
    assert one(figures(nlp_fr, "L'usine produit 300 drones par mois."), 300).per == "month"
    assert one(figures(nlp_fr, "Elle livre 40 000 tonnes annuelles."), 40000).per == "year"
    assert one(figures(nlp_en, "The plant makes 300 drones per month."), 300).per == "month"
    assert one(figures(nlp_en, "He earns $50,000 a year."), 50000).per == "year"
    assert one(figures(nlp_en, "The firm ships 2,000 cars annually."), 2000).per == "year"
    assert one(figures(nlp_en, "The firm ships 2,000 cars."), 2000).per is None


@pytest.mark.parametrize(
    "text,value,bound",
    [
        ("Environ 300 soldats sont morts.", 300, "~"),
        ("Près de 300 soldats sont morts.", 300, "~"),
        ("Quelque 300 soldats sont morts.", 300, "~"),
        ("Plus de 300 soldats sont morts.", 300, ">"),
        ("Moins de 300 soldats sont morts.", 300, "<"),
    ],
)
def test_bounds_fr(nlp_fr, text, value, bound):
    f = one(figures(nlp_fr, text), value)
    assert f.bound == bound and f.approximate is (bound == "~")
    assert f.text.lower().startswith(text.split()[0].lower())


@pytest.mark.parametrize(
    "text,value,bound",
    [
        ("About 300 soldiers died.", 300, "~"),
        ("Nearly 300 soldiers died.", 300, "~"),
        ("Around 300 soldiers died.", 300, "~"),
        ("More than 300 soldiers died.", 300, ">"),
        ("Over 300 soldiers died.", 300, ">"),
        ("Less than 300 soldiers died.", 300, "<"),
        ("Under 300 soldiers died.", 300, "<"),
        ("Exactly 300 soldiers died.", 300, "="),
    ],
)
def test_bounds_en(nlp_en, text, value, bound):
    f = one(figures(nlp_en, text), value)
    assert f.bound == bound and f.approximate is (bound == "~")


# -- kind and time -----------------------------------------------------------------------------


def test_kinds_fr(nlp_fr):
    assert one(figures(nlp_fr, "L'entreprise ambitionne d'atteindre 5.000 ventes."), 5000).kind == "target"
    assert one(figures(nlp_fr, "Le groupe vise 300 magasins."), 300).kind == "target"
    assert one(figures(nlp_fr, "L'objectif est de 10 % de croissance."), 10).kind == "target"
    assert one(figures(nlp_fr, "La production devrait atteindre 3000 obus."), 3000).kind == "forecast"
    assert one(figures(nlp_fr, "Le gouvernement prévoit 2 % de croissance."), 2).kind == "forecast"
    assert one(figures(nlp_fr, "Le coût est estimé à 40 millions d'euros."), 40_000_000).kind == "estimate"
    assert one(figures(nlp_fr, "L'usine a produit 3000 obus."), 3000).kind == "actual"


def test_kinds_en(nlp_en):
    assert one(figures(nlp_en, "The company aims to reach 5,000 stores."), 5000).kind == "target"
    assert one(figures(nlp_en, "Its target is 300 stores."), 300).kind == "target"
    assert one(figures(nlp_en, "Sales are expected to reach 3 million units."), 3_000_000).kind == "forecast"
    assert one(figures(nlp_en, "Sales will reach 300 units."), 300).kind == "forecast"
    f = one(figures(nlp_en, "An estimated 40,000 people died."), 40000)
    assert f.kind == "estimate" and f.approximate
    assert one(figures(nlp_en, "The factory built 300 tanks."), 300).kind == "actual"


def test_time_and_years(nlp_fr, nlp_en):
    found = figures(nlp_fr, "En 2024, la Russie a produit environ 2 millions d'obus.")
    assert [f.value for f in found] == [2_000_000]
    assert found[0].time == "2024" and found[0].approximate
    found = figures(nlp_en, "In 2023, the company sold 4,000 cars.")
    assert [f.value for f in found] == [4000] and found[0].time == "2023"


@pytest.mark.parametrize(
    "text",
    [
        "Le sommet aura lieu le 5 mars 2024 à 10 heures.",
        "Appelez le 01 45 67 89 10 pour en savoir plus.",
        "Il est arrivé troisième, au 2e tour.",
    ],
)
def test_not_figures_fr(nlp_fr, text):
    assert figures(nlp_fr, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The summit was held on March 5, 2023 at 10 a.m. in Paris.",
        "He finished 3rd in the 2019 race.",
        "Call 555-1234 for details.",
    ],
)
def test_not_figures_en(nlp_en, text):
    assert figures(nlp_en, text) == []


def test_list_numbering_is_not_a_figure(nlp_en):
    found = figures(nlp_en, "The plan has two parts.\n1. Hire 30 teachers.\n2. Build 4 schools.")
    assert sorted(f.value for f in found) == [2, 4, 30]


# -- generic counts ----------------------------------------------------------------------------


def test_generic_word_takes_the_counted_thing_fr(nlp_fr):
    text = (
        "Moscou produit actuellement environ 2.000 drones par mois, selon les estimations du GUR, "
        "et ambitionne d'atteindre 5.000 unités mensuelles."
    )
    found = figures(nlp_fr, text)
    first, second = one(found, 2000), one(found, 5000)
    assert (first.unit, first.per, first.approximate, first.kind) == ("drones", "month", True, "actual")
    assert (second.unit, second.unit_mention, second.per, second.kind) == ("drones", "unités", "month", "target")
    assert first.text == "environ 2.000 drones par mois"


def test_generic_word_takes_the_counted_thing_en(nlp_en):
    found = figures(nlp_en, "The plant builds 200 tanks a year. It plans to reach 500 units by 2030.")
    f = one(found, 500)
    assert (f.unit, f.unit_mention, f.kind) == ("tanks", "units", "target")


# -- further classes ---------------------------------------------------------------------------


def test_relative_time_and_negative_values(nlp_fr, nlp_en):
    f = one(figures(nlp_fr, "L'armée a perdu 3 chars l'an dernier."), 3)
    assert (f.unit, f.time) == ("chars", "l'an dernier")
    f = one(figures(nlp_en, "Exports will reach 3 million next year."), 3_000_000)
    assert f.unit is None and f.time == "next year" and f.kind == "forecast"
    assert one(figures(nlp_fr, "Il fait moins 5 degrés."), -5).unit == "degrés"
    assert one(figures(nlp_en, "It is about minus 387 Fahrenheit."), -387).approximate is False


def test_prices_and_glued_multipliers(nlp_en):
    assert one(figures(nlp_en, "Land sells for $80 per square foot."), 80).unit == "dollar per square foot"
    assert one(figures(nlp_en, "Oil traded at $58.24 per barrel."), 58.24).unit == "dollar per barrel"
    assert one(figures(nlp_en, "The yacht sold for USD10m."), 10_000_000).unit == "dollar"
    assert one(figures(nlp_en, "They paid $2.5bn."), 2_500_000_000).unit == "dollar"


def test_numbers_inside_names_are_not_figures(nlp_en):
    found = figures(nlp_en, "Shares rose 0.68 percent on the S&P 500 and the iPhone 11 sold well.")
    assert [f.value for f in found] == [0.68]


def test_fractions(nlp_en):
    assert one(figures(nlp_en, "Nearly two-thirds of voters agreed."), 2 / 3).approximate
    assert one(figures(nlp_en, "A fluid ounce is 1/16 of a pint."), 1 / 16).unit == "pint"


def test_word_tables_kept_across_docs_change_no_figure(nlp_en, monkeypatch: pytest.MonkeyPatch) -> None:
    """The readings and non-number words kept from Doc to Doc give the figures a fresh start gives."""
    from selon.nlp.figures import reader as fig

    text = "About two million people voted, up 3% from the 1.5 million of last year, and five states counted twice."
    other = "The two senators spent $4 billion a year, some three times more than in 2010."
    monkeypatch.setattr(fig, "_READING", {})
    monkeypatch.setattr(fig, "_NOT_WORDS", {})
    cold = figures(nlp_en, text)
    figures(nlp_en, other)
    assert figures(nlp_en, text) == cold
    monkeypatch.setattr(fig, "_CACHE_LIMIT", 0)  # every Doc starts new tables
    assert figures(nlp_en, text) == cold and figures(nlp_en, other)
    assert [f.value for f in cold][:2] == [2_000_000, 3]
