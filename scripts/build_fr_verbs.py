"""Build ``src/selon/nlp/lexicon/data/fr_verbs.txt``: French reporting verbs, by class, with their frames.

The French rules need to know which verbs report (and how: "que", "de" + infinitive, a noun phrase...)
and what kind of report each makes, since the certainty of a claim follows the class of its cue
(docs/attribution-guidelines.md, decision 1: cognition -> hedged, knowledge and perception ->
confirmed). Growing that list one article at a time overfits the articles; this builds it from
resources instead, in three steps:

1. **Projection.** The English cue verbs the project already has (``lexicon/en.py``) and the cues of
   the PolNeAR English gold (``shared/data/polnear/train``), each given a class by WordNet
   (``data/wordnet-senses-en.tsv.gz``: verb.communication, verb.cognition, verb.perception), are
   projected onto French through the 88 French/English articles aligned sentence by sentence
   (``shared/data/fr-en-pairs``): a French verb that keeps company with an English cue across the
   aligned sentences (Dice coefficient) is a candidate, with that cue's class.
2. **Expansion.** Seed verbs of each class are expanded by their nearest neighbours in the vectors
   of ``fr_core_news_md``, among the verbs its lemmatizer knows; a candidate's class is the one whose
   seeds it is closest to, unless the projection gave one.
3. **Review.** Every candidate was read and filtered by hand (:data:`REVIEW_TEXT` below): a verb is
   kept with its class and the frames in which it reports; any other candidate is dropped (most are
   vector noise; the notable drops are listed with their reason in :data:`DROPPED_TEXT`). The
   non-speech senses stay out through the frames: "expliquer" is kept without a noun phrase (a
   cause), "appeler" only with "à" (not naming), "assurer" only with "que" (and the rules leave the
   reflexive "s'assurer que" out).

Usage: ``python scripts/build_fr_verbs.py [--candidates]`` (from the repository root, with the
project's virtualenv). ``--candidates`` prints every candidate with its evidence and writes nothing.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from selon.nlp.lexicon import en as en_lexicon  # noqa: E402
from selon.nlp.lexicon import fr as fr_lexicon  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
PAIRS = SHARED / "fr-en-pairs" / "newstest2014-fren-dev.jsonl"
POLNEAR = SHARED / "polnear" / "train" / "attributions"
WORDNET = ROOT / "src" / "selon" / "data" / "wordnet-senses-en.tsv.gz"
OUT = ROOT / "src" / "selon" / "nlp" / "lexicon" / "data" / "fr_verbs.txt"

CLASSES = ("communication", "cognition", "perception", "request", "intention")
#: WordNet lexicographer files -> class (31 verb.cognition, 32 verb.communication, 39 verb.perception)
WORDNET_CLASSES = {31: "cognition", 32: "communication", 39: "perception"}
#: English cues whose WordNet class (communication, or none) hides a request or an intention
ENGLISH_REFINED = {
    **dict.fromkeys("ask urge call demand request invite recommend advise propose implore exhort".split(), "request"),
    **dict.fromkeys("want plan intend promise vow pledge threaten aim seek expect hope".split(), "intention"),
    **dict.fromkeys("know find show reveal prove discover learn realize realise notice".split(), "perception"),
}

SEEDS = {
    "communication": "dire déclarer affirmer annoncer expliquer préciser ajouter souligner indiquer répondre raconter",
    "cognition": "penser croire estimer juger considérer supposer craindre espérer douter soupçonner",
    "perception": "savoir constater observer voir remarquer montrer révéler prouver découvrir apprendre",
    "request": "demander exiger réclamer appeler exhorter inviter conseiller recommander enjoindre",
    "intention": "vouloir compter promettre prévoir envisager projeter menacer souhaiter entendre",
}
NEIGHBOURS = 25  # per seed
MIN_SIMILARITY = 0.55
MIN_DICE, MIN_PAIRS = 0.12, 2
MIN_POLNEAR = 5  # occurrences of an English cue lemma in PolNeAR train

#: irregular English forms of cue verbs (the rest is suffix stripping against WordNet's lemmas)
IRREGULAR = {
    "said": "say",
    "told": "tell",
    "thought": "think",
    "wrote": "write",
    "written": "write",
    "knew": "know",
    "known": "know",
    "felt": "feel",
    "saw": "see",
    "seen": "see",
    "heard": "hear",
    "spoke": "speak",
    "spoken": "speak",
    "found": "find",
    "sought": "seek",
    "meant": "mean",
    "taught": "teach",
    "foresaw": "foresee",
    "foreseen": "foresee",
}

# The hand review. Each kept verb: "class frames"; frames among
#   que   "dit que ..."                        inf   "dit vouloir ...", "estime avoir ..." (bare infinitive)
#   de    "demande de ...", "accuse X de ..."  a     "appelle à ...", "invite X à ..."
#   np    a noun phrase carrying a proposition ("annonce sa démission", "prévoit une baisse")
#   comme "présente X comme Y"            qualif "qualifie X de Y", "traite X de Y" (Y without article)
#   pred  "juge le texte dangereux"       si    "se demande si ..."       raise  "il semble que ..."
#   pass  its passive with an agent reports ("est jugé dangereux par les experts")
# A dropped candidate: "- reason".
REVIEW_TEXT = """
# -- communication: speech and writing; reported (a denial verb: denied)
dire communication que inf de
déclarer communication que inf
affirmer communication que inf
réaffirmer communication que inf
maintenir communication que            # "maintient qu'il n'y a pas de risque"; a noun phrase is kept, not said
indiquer communication que inf
souligner communication que
expliquer communication que inf        # not a noun phrase: "ce qui explique la hausse" is a cause
réexpliquer communication que
assurer communication que inf          # not a noun phrase ("assure la sécurité"), not "s'assurer que"
annoncer communication que inf np pass
ajouter communication que inf         # "ajoutant n'être pas surpris"
préciser communication que inf
démentir communication que np
nier communication que inf np
rapporter communication que
admettre communication que inf
avouer communication que inf
avertir communication que
prévenir communication que
rappeler communication que             # "appeler" meaning name is another verb, and takes no "que"
insister communication que
accuser communication de pass          # "accuse X de ...", "est accusé de ..."
reprocher communication de
dénoncer communication que np
répondre communication que
répliquer communication que
rétorquer communication que
objecter communication que
répéter communication que
raconter communication que
relater communication que
confier communication que
écrire communication que
noter communication que
signaler communication que np
relever communication que
conclure communication que
marteler communication que
soutenir communication que inf         # not a noun phrase: "soutient le projet" is support
proclamer communication que
clamer communication que inf
alerter communication que np
témoigner communication que
évoquer communication que              # not a noun phrase: "évoque la crise" is a topic
mentionner communication que
commenter communication que
détailler communication que
regretter communication que
déplorer communication que
plaider communication que
tweeter communication que
communiquer communication que
informer communication que
argumenter communication que
arguer communication que
jurer communication que inf
certifier communication que
garantir communication que
convenir communication que
concéder communication que
divulguer communication que np
publier communication que
protester communication que
saluer communication que
féliciter communication que            # "se félicite que"; "félicite X" is praise
fustiger communication np
pointer communication np               # "pointe les effets de ..."
exprimer communication np              # "exprime son inquiétude"
rejeter communication np               # "rejette toute faute": denied
contester communication que np
revendiquer communication np pass      # "a revendiqué l'attentat", "a été revendiquée"
qualifier communication qualif pass     # "qualifie X de Y", "qualifiée d'inédite"
traiter communication qualif           # only "traite X de Y" (Y without article)
décrire communication comme pass       # "décrit X comme Y", "est décrit comme"
présenter communication comme pass     # "présente X comme Y", "est présenté comme"
# -- cognition: belief, opinion, supposition, fear and hope; hedged
penser cognition que inf
croire cognition que inf
estimer cognition que inf              # not a noun phrase: "estime le coût à" is a figure
juger cognition que inf pred pass
considérer cognition que inf pred comme pass
percevoir cognition comme pass          # "la nouvelle est perçue comme une victoire"
trouver cognition que                  # "trouve que" is an opinion; "trouve X" is finding a thing
supposer cognition que
présupposer cognition que
soupçonner cognition que de pass
suspecter cognition que de pass
présumer cognition que
douter cognition que
imaginer cognition que np
espérer cognition que inf np
craindre cognition que de np
redouter cognition que de np
spéculer cognition que
subodorer cognition que
conjecturer cognition que
suggérer cognition que de
avancer cognition que                  # "avance que": put forward as a supposition
prétendre communication que inf       # "prétendent que": a claim, reported
prédire cognition que np
anticiper cognition que np
ignorer cognition que
sembler cognition raise                # "il semble que", "X semble ..."
paraître cognition raise
# -- perception and knowledge carrying a proposition; confirmed
savoir perception que
constater perception que np
observer perception que
remarquer perception que
voir perception que                    # not a noun phrase: "a vu le jour"
montrer perception que np
démontrer perception que
révéler perception que np pass
dévoiler perception que np pass
prouver perception que
découvrir perception que np
apprendre perception que np            # "apprend l'arrestation de ..." (the rules keep out a language)
confirmer perception que inf np pass
reconnaître perception que inf
vérifier perception que
attester perception que
corroborer perception que
# -- requests and advice; reported
demander request que de np
redemander request de
exiger request que de np
réclamer request que np
appeler request a                      # only "appelle (X) à ...": "appeler X Y" names
exhorter request a
inviter request a pass
inciter request a
encourager request a
conseiller request de
déconseiller request de
recommander request de que pass
enjoindre request de
sommer request de pass
prier request de
supplier request de
implorer request de
ordonner request que de np             # "a ordonné l'évacuation du site"
proposer request de
préconiser request de np
# -- intentions, plans, promises and threats; reported
vouloir intention inf que
compter intention inf                  # "compte se rendre": not "compter les voix"
entendre intention inf                 # "entend réformer": not "entendre des cris"
souhaiter intention que inf np pass
désirer intention que inf
promettre intention que de np
menacer intention de
envisager intention de
projeter intention de
ambitionner intention de
prévoir intention que de np            # "prévoit une baisse de 2 %"; "est prévu" is a schedule
préférer intention np
escompter intention que inf
# -- pronominal verbs, looked up with their "se"
se demander cognition si
s'interroger cognition si
s'inquiéter cognition que de
s'attendre cognition a
se douter cognition que
s'apercevoir perception que
se féliciter communication que de
se vanter communication que de
se targuer communication de
se plaindre communication que de
s'engager intention a
"""

#: candidates dropped by the review, by reason
DROPPED_TEXT = """
# speech only in an incise, which lexicon/fr.py CUE_VERBS already covers
glisser lâcher souffler résumer tempérer nuancer abonder renchérir ironiser poursuivre lancer
reprendre enchaîner sourire soupirer réagir interroger asséner assener trancher martèler analyser
décrypter expliciter invoquer
# an act or a decision, not a report
refuser accepter approuver autoriser adopter décider signer condamner opposer refacturer continuer participer
bloquer éviter empêcher sanctionner homologuer entériner statuer voter
# a topic or a thing talked about, not a proposition
discuter parler bavarder discutailler papoter reparler rediscuter débriefer disserter épiloguer
citer formuler
# figures, measures and evaluations of a quantity
calculer chiffrer compter évaluer réévaluer surestimer sous-évaluer surévaluer mésestimer dévaluer
recalculer recompter décompter mesurer comparer minorer
"""


def review() -> tuple[dict[str, str], set[str]]:
    """The kept verbs (verb -> "class frames") and the dropped ones, from the two tables above."""
    kept: dict[str, str] = {}
    for line in REVIEW_TEXT.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words = line.split()
            n = 2 if words[0] == "se" else 1  # "se demander"
            kept[" ".join(words[:n])] = " ".join(words[n:])
    dropped = {w for line in DROPPED_TEXT.splitlines() if not line.startswith("#") for w in line.split()}
    return kept, dropped - set(kept)


def wordnet_verbs() -> dict[str, list[int]]:
    """English verb lemma -> lexicographer files of its first senses."""
    out: dict[str, list[int]] = {}
    with gzip.open(WORDNET, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            lemma, verbs, _nouns = line.rstrip("\n").split("\t")
            if verbs:
                out[lemma] = [int(x) for x in verbs.split(",")]
    return out


def english_lemma(word: str, verbs: dict[str, list[int]]) -> str | None:
    """The verb lemma of an English form, by the irregular table or suffix stripping."""
    w = word.lower().strip(".,:;\"'“”’")
    if w in IRREGULAR:
        return IRREGULAR[w]
    tries = [w]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("d", ""),
    ):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)] + repl
            tries.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and not repl:
                tries.append(stem[:-1])  # "admitted" -> "admit"
    return next((t for t in tries if t in verbs), None)


def english_class(lemma: str, verbs: dict[str, list[int]]) -> str | None:
    if lemma in ENGLISH_REFINED:
        return ENGLISH_REFINED[lemma]
    return next((WORDNET_CLASSES[n] for n in verbs.get(lemma, []) if n in WORDNET_CLASSES), None)


def english_cues(verbs: dict[str, list[int]]) -> dict[str, str]:
    """English cue lemma -> class: the project's cue verbs and PolNeAR's frequent cue verbs."""
    counts: Counter[str] = Counter()
    for path in sorted(POLNEAR.glob("*.ann")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[1].startswith("Cue"):
                for word in parts[2].split():
                    lemma = english_lemma(word, verbs)
                    if lemma is not None:
                        counts[lemma] += 1
    lemmas = {lemma for lemma, n in counts.items() if n >= MIN_POLNEAR} | set(en_lexicon.CUE_VERBS)
    out = {}
    for lemma in sorted(lemmas):
        cls = english_class(lemma, verbs)
        if cls is not None:
            out[lemma] = cls
    return out


def french_verb(token: spacy.tokens.Token, known: set[str]) -> str | None:
    """A French token's verb lemma, when the lemmatizer's answer is a verb it knows."""
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    return lemma if lemma in known else None


def projection(
    nlp: spacy.language.Language, cues: dict[str, str], verbs_en: dict[str, list[int]], known: set[str]
) -> dict[str, tuple[str, float, int]]:
    """French verb -> (English cue, Dice, aligned pairs) for its best English cue across the pairs."""
    fr_sents, en_sents = [], []
    with open(PAIRS, encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            fr_sents += art["fr"]
            en_sents += art["en"]
    pair: Counter[tuple[str, str]] = Counter()
    n_en: Counter[str] = Counter()
    n_fr: Counter[str] = Counter()
    for doc, en in zip(nlp.pipe(fr_sents, batch_size=64), en_sents, strict=True):
        french = {v for t in doc if (v := french_verb(t, known))}
        english = {e for w in re.findall(r"[A-Za-z]+", en) if (e := english_lemma(w, verbs_en)) in cues}
        n_fr.update(french)
        n_en.update(english)
        pair.update((e, f) for e in english for f in french)
    best: dict[str, tuple[str, float, int]] = {}
    for (e, f), c in pair.items():
        dice = 2 * c / (n_en[e] + n_fr[f])
        if c >= MIN_PAIRS and dice >= MIN_DICE and dice > best.get(f, ("", 0.0, 0))[1]:
            best[f] = (e, dice, c)
    return best


def vector_space(nlp: spacy.language.Language, known: set[str]) -> tuple[list[str], np.ndarray]:
    """The French verbs with a vector, and their unit vectors."""
    words = sorted(w for w in known if nlp.vocab.has_vector(w))
    matrix = np.array([nlp.vocab.get_vector(w) for w in words], dtype="float32")
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    return words, matrix


def expansion(words: list[str], matrix: np.ndarray) -> dict[str, tuple[str, float]]:
    """French verb -> (seed, similarity) for the seeds' nearest neighbours."""
    index = {w: i for i, w in enumerate(words)}
    out: dict[str, tuple[str, float]] = {}
    for seeds in SEEDS.values():
        for seed in seeds.split():
            if seed not in index:
                continue
            sims = matrix @ matrix[index[seed]]
            for i in np.argsort(-sims)[: NEIGHBOURS + 1]:
                w, s = words[i], float(sims[i])
                if s >= MIN_SIMILARITY and s > out.get(w, ("", 0.0))[1]:
                    out[w] = (seed, s)
    return out


def nearest_class(word: str, words: list[str], matrix: np.ndarray) -> tuple[str | None, float]:
    """The class whose seeds the word is closest to on average, and that mean similarity."""
    index = {w: i for i, w in enumerate(words)}
    if word not in index:
        return None, 0.0
    v = matrix[index[word]]
    scores = {
        cls: float(np.mean([matrix[index[s]] @ v for s in seeds.split() if s in index and s != word]))
        for cls, seeds in SEEDS.items()
    }
    cls = max(scores, key=lambda c: scores[c])
    return cls, scores[cls]


def candidates(nlp: spacy.language.Language) -> list[dict]:
    """Every candidate French verb with its evidence and its proposed class."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    known = set(lemmatizer.lookups.get_table("lemma_index")["verb"])  # type: ignore[attr-defined]
    verbs_en = wordnet_verbs()
    cues = english_cues(verbs_en)
    projected = projection(nlp, cues, verbs_en, known)
    words, matrix = vector_space(nlp, known)
    expanded = expansion(words, matrix)
    seeds = {s for v in SEEDS.values() for s in v.split()}
    existing = {v for v in fr_lexicon.CUE_VERBS if " " not in v and not v.startswith("s'")}
    out = []
    for verb in sorted(set(projected) | set(expanded) | seeds | existing):
        near, sim = nearest_class(verb, words, matrix)
        proj = projected.get(verb)
        cls = cues[proj[0]] if proj else next((c for c, s in SEEDS.items() if verb in s.split()), near)
        out.append(
            {
                "verb": verb,
                "class": cls,
                "projected": f"{proj[0]}:{proj[1]:.2f}:{proj[2]}" if proj else "",
                "neighbour": f"{expanded[verb][0]}:{expanded[verb][1]:.2f}" if verb in expanded else "",
                "nearest": f"{near}:{sim:.2f}",
                "origin": ",".join(
                    k
                    for k, hit in (
                        ("projected", verb in projected),
                        ("vectors", verb in expanded),
                        ("seed", verb in seeds),
                        ("lexicon", verb in existing),
                    )
                    if hit
                ),
            }
        )
    return out


def main(argv: list[str]) -> int:
    nlp = spacy.load("fr_core_news_md", exclude=["ner"])
    found = candidates(nlp)
    if "--candidates" in argv:
        for c in found:
            print("\t".join(str(c[k]) for k in ("verb", "class", "origin", "projected", "neighbour", "nearest")))
        return 0
    return write(found)


def write(found: list[dict]) -> int:
    """The verbs the review keeps to ``OUT``; a candidate it does not keep is dropped (the notable
    ones are listed with their reason in ``DROPPED_TEXT``), and counted on stderr."""
    kept, dropped = review()
    by_verb = {c["verb"]: c for c in found}
    lines = []
    for verb in sorted(kept):
        cls, *frames = kept[verb].split()
        assert cls in CLASSES, (verb, cls)
        origin = by_verb[verb]["origin"] if verb in by_verb else "review"
        lines.append(f"{verb}\t{cls}\t{','.join(frames)}\t{origin}")
    header = (
        "# French reporting verbs: lemma, class, frames, origin (projected | vectors | seed | lexicon | review).\n"
        "# Built by scripts/build_fr_verbs.py (English cues projected through aligned French/English news,\n"
        "# seeds expanded by fr_core_news_md vectors, then reviewed by hand). Do not edit: edit the review.\n"
    )
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    from_resources = sum(1 for v in kept if v in by_verb)
    print(
        f"{OUT}: {len(lines)} verbs ({from_resources} among the {len(by_verb)} candidates, "
        f"{len(lines) - from_resources} added by the review); {len(set(by_verb) - set(kept))} candidates dropped, "
        f"{len(dropped & set(by_verb))} of them with a reason",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
