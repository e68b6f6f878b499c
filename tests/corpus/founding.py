"""The founding example (French) and an English account of the same claims, built by hand.

The English account (tests/fixtures/corpus/founding_en.txt) gives other values for the
GUR's drone production and for the munitions, so that the corpus must line them up as
conflicting figures, and names the sources the English way (Kyrylo Budanov, HUR,
Ukraine's military intelligence).
"""

from __future__ import annotations

from pathlib import Path

from corpus.build import C, article
from selon.model import Article

ROOT = Path(__file__).resolve().parents[2]
FRENCH_TEXT = (ROOT / "examples" / "000_b08981ffb30c04a9.txt").read_text(encoding="utf-8")
ENGLISH_TEXT = (ROOT / "tests" / "fixtures" / "corpus" / "founding_en.txt").read_text(encoding="utf-8")

ROLE_FR = "chef du renseignement militaire ukrainien (GUR)"
ORG_FR = "renseignement militaire ukrainien"


def french(doc_id: str = "founding-fr", outlet: str = "Business News", published: str = "2025-06-25") -> Article:
    t = FRENCH_TEXT
    return article(
        doc_id,
        t,
        [
            C(
                "La Russie fournirait à la Corée du Nord des technologies militaires avancées pour l'aider à améliorer "
                "ses missiles balistiques et développer la production locale de drones kamikazes",
                "Kirill Boudanov",
                "Kirill Boudanov",
                role=ROLE_FR,
                organization=ORG_FR,
                certainty="hedged",
            ),
            C(
                "Moscou et Pyongyang intensifient leur coopération militaro-industrielle, dans un contexte de guerre "
                "prolongée en Ukraine",
                "il",
                "Kirill Boudanov",
                channel=["The War Zone"],
            ),
            C(
                "la Russie transmet à la Corée du Nord des savoir-faire technologiques visant à perfectionner la "
                "précision "
                "des missiles balistiques KN-23",
                "Boudanov",
                "Boudanov",
            ),
            C(
                "Moscou produit actuellement environ 2.000 drones par mois",
                "GUR",
                "GUR",
                kind="assessment",
                figures=[("2.000 drones par mois", 2000, "drones", "month")],
            ),
            C(
                "les améliorations apportées aux missiles KN-23 pourraient s'étendre à d'autres modèles balistiques "
                "nord-coréens",
                "Le renseignement ukrainien",
                "Le renseignement ukrainien",
                kind="organization",
                certainty="hedged",
            ),
            C(
                "En 2024, la Russie a produit environ 2 millions d'obus d'artillerie de calibres 122 mm et 152 mm, "
                "mais a dû "
                "importer environ 2,7 millions de munitions supplémentaires en provenance de Corée du Nord",
                "le GUR",
                "GUR",
                kind="organization",
                channel=["Reuters"],
                time="2024",
                figures=[
                    ("2 millions d'obus", 2_000_000, "obus d'artillerie", None),
                    ("2,7 millions de munitions", 2_700_000, "munitions", None),
                ],
            ),
        ],
        language="fr",
        outlet=outlet,
        published=published,
        entities=[
            ("Russie", "Russie", "place"),
            ("Corée du Nord", "Corée du Nord", "place"),
            ("Moscou", "Moscou", "place"),
            ("Pyongyang", "Pyongyang", "place"),
            ("renseignement militaire ukrainien", "renseignement militaire ukrainien", "organization"),
            ("GUR", "GUR", "organization"),
            ("Kirill Boudanov", "Kirill Boudanov", "person"),
            ("Reuters", "Reuters", "organization"),
            ("Ukraine", "Ukraine", "place"),
        ],
    )


def english(doc_id: str = "founding-en", outlet: str = "Kyiv Wire", published: str = "2025-06-27") -> Article:
    t = ENGLISH_TEXT
    return article(
        doc_id,
        t,
        [
            C(
                "Russia is giving North Korea advanced military technology to help it improve its ballistic missiles "
                "and "
                "develop local production of kamikaze drones",
                "Kyrylo Budanov",
                "Kyrylo Budanov",
                role="head of Ukraine's military intelligence (HUR)",
                organization="Ukraine's military intelligence",
            ),
            C(
                "Moscow and Pyongyang are stepping up their military-industrial cooperation as the war in Ukraine "
                "drags on",
                "Budanov",
                "Kyrylo Budanov",
                channel=["The War Zone"],
            ),
            C(
                "Russia is passing on technological know-how to North Korea to improve the accuracy of its KN-23 "
                "ballistic "
                "missiles",
                "Budanov",
                "Kyrylo Budanov",
            ),
            C(
                "Moscow currently produces about 2,700 drones a month",
                "HUR",
                "HUR",
                kind="assessment",
                figures=[("2,700 drones a month", 2700, "drones", "month")],
            ),
            C(
                "the improvements made to the KN-23 missiles could extend to other North Korean ballistic missile "
                "models",
                "Ukraine's military intelligence",
                "Ukraine's military intelligence",
                kind="organization",
                certainty="hedged",
            ),
            C(
                "In 2024, Russia produced about 3 million artillery shells of 122mm and 152mm calibre, but had to "
                "import "
                "about 3.5 million additional munitions from North Korea",
                "the HUR",
                "HUR",
                kind="organization",
                channel=["Reuters"],
                time="2024",
                figures=[
                    ("3 million artillery shells", 3_000_000, "artillery shells", None),
                    ("3.5 million additional munitions", 3_500_000, "munitions", None),
                ],
            ),
        ],
        language="en",
        outlet=outlet,
        published=published,
        entities=[
            ("Russia", "Russia", "place"),
            ("North Korea", "North Korea", "place"),
            ("Moscow", "Moscow", "place"),
            ("Pyongyang", "Pyongyang", "place"),
            ("Kyrylo Budanov", "Kyrylo Budanov", "person"),
            ("HUR", "HUR", "organization"),
            ("Reuters", "Reuters", "organization"),
            ("Ukraine", "Ukraine", "place"),
        ],
    )
