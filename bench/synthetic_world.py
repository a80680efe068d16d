"""The made-up conflict the synthetic timelines describe: its ten years, actors, places,
outlets and word lists, the source articles events cite, and the titles and descriptions
of its events.

``synthetic.py`` (and ``synthetic_hard.py``) draw events from this world; the names here
are importable from ``synthetic`` too.
"""

from __future__ import annotations

import random
from datetime import date

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.model import Source

FIRST_DAY = date(2014, 1, 1)
SPAN_DAYS = (date(2024, 1, 1) - FIRST_DAY).days  # ten years
N_SOURCES = 50

# (id, name, colour, weight): how often the actor takes part in an event.
ACTORS = [
    ("gov", "Government forces", "#1f5fa8", 30),
    ("rebels", "Rebel coalition", "#c0392b", 26),
    ("militia-a", "Militia A", "#2e8b57", 12),
    ("militia-b", "Militia B", "#8e44ad", 9),
    ("foreign", "Foreign contingent", "#7f5a35", 7),
    ("police", "Police and security services", "#d35400", 7),
    ("un", "UN mission", "#5d6d7e", 4),
    ("tribal", "Tribal council", "#b7950b", 5),
]

PLACES = [
    "Al-Qasr", "Bir Hamra", "Wadi Sahel", "Port Ismar", "Tell Abyad", "Ras Naqa",
    "Kafr Daoud", "Jebel Sur", "New Marsa", "Ain Tawil", "Dar es Salam district",
    "Old Town", "Hilltop checkpoint", "Sidi Bilal", "Umm Ruwaba", "Khor Amal",
    "Zawiyat Nur", "Qarat Hajj", "Beit Lahm", "Bab al-Gharb", "East Bank",
    "Northern ring road", "Industrial zone", "Airport road", "Al-Mina", "Tarfaya",
    "Sabkha", "Hamadat", "Ghadir", "Misrin", "Nahr Azraq", "Wadi Rum crossing",
    "Jisr al-Hadid", "Saqiya", "Kharruba", "Mazraa", "Deir Hanna", "Tal Afar road",
    "Abu Samra", "Bani Walid junction", "El Obeid", "Kassala", "Hama countryside",
    "Qalaat", "Souk al-Juma", "Ain Zara", "Wadi Rabie", "Salahuddin", "Qasr Bin Ghashir",
    "Tajura", "Garabulli", "Zliten", "Khoms", "Sirte outskirts", "Jufra",
    "Brak", "Sebha", "Ubari", "Murzuq", "Ghat",
]
CITIES = ["the capital", "Port Ismar", "Al-Qasr", "Geneva", "Cairo", "Tunis", "Amman", "Doha"]
PORTS = ["Port Ismar", "Al-Mina", "Khoms", "Ras Naqa", "New Marsa"]
TARGETS = [
    "an ammunition depot", "a military airbase", "a weapons convoy", "a command centre",
    "a fuel depot", "a training camp", "a bridge", "a radar installation", "a field hospital",
    "a market", "a residential block", "a power station",
]
OUTLETS = [
    "Regional Observer", "The Daily Monitor", "Coastal Herald", "Frontline Wire",
    "Al-Wasat Weekly", "Humanitarian Update", "The Evening Courier", "Crisis Desk",
    "Le Journal du Sahel", "Independent Press Agency",
]
TAG_SETS = {
    "clash": ["clashes", "ground-fighting"],
    "airstrike": ["airstrike", "casualties"],
    "drone": ["drone", "airstrike"],
    "shelling": ["shelling", "casualties"],
    "capture": ["territorial-control"],
    "withdraw": ["territorial-control", "withdrawal"],
    "ceasefire": ["ceasefire", "diplomacy"],
    "talks": ["diplomacy", "negotiations"],
    "protest": ["protest", "civilians"],
    "displaced": ["displacement", "humanitarian"],
    "ambush": ["ambush", "ground-fighting"],
    "arrests": ["arrests", "security"],
    "exchange": ["prisoners", "diplomacy"],
    "statement": ["statement"],
    "siege": ["siege", "humanitarian"],
    "offensive": ["offensive", "ground-fighting"],
    "truce": ["ceasefire"],
    "blockade": ["blockade", "humanitarian"],
    "curfew": ["curfew", "security"],
    "hold": ["territorial-control"],
    "negotiations": ["negotiations", "diplomacy"],
}
# (kind, weight); titles are made in ``_title``.
POINT_KINDS = [
    ("clash", 22), ("airstrike", 10), ("drone", 6), ("shelling", 12), ("capture", 5),
    ("withdraw", 4), ("ceasefire", 2), ("talks", 4), ("protest", 5), ("displaced", 5),
    ("ambush", 6), ("arrests", 7), ("exchange", 2), ("statement", 10),
]
RANGE_KINDS = [
    ("siege", 14), ("offensive", 24), ("truce", 10), ("blockade", 6), ("curfew", 12),
    ("hold", 20), ("negotiations", 14),
]
DATE_NOTES = [
    "date of the report",
    "resolved from \u201clast Saturday\u201d relative to the publication date",
    "the source gives only the month",
    "taken from a second source published the same week",
    "date of the first report; the source says \u201cearlier this week\u201d",
    "resolved from \u201cyesterday\u201d relative to the publication date",
]
_OPENINGS = [
    "Local sources reported heavy fighting in and around {p} from the early morning.",
    "Residents of {p} described explosions and gunfire lasting several hours.",
    "A statement circulated on social media claimed responsibility for the operation in {p}.",
    "Medical staff in {p} said that the wounded were taken to the only working clinic.",
    "Journalists who reached {p} the next day found damaged buildings and burnt vehicles.",
    "According to officials, the situation in {p} remained tense but under control.",
    "Aid agencies said that access to {p} had been cut for most of the week.",
    "The announcement was made at a press conference held near {p}.",
]
_DETAILS = [
    "Casualty figures could not be independently verified.",
    "Both sides accused each other of violating earlier agreements.",
    "The report does not say how many fighters took part.",
    "Witnesses gave conflicting accounts of who fired first.",
    "Several families left the area towards the coast.",
    "A monitoring group later confirmed the main details.",
    "The road remained closed to civilian traffic until the next day.",
    "No official statement followed from the government.",
]
_SENTENCES = [
    "Fighting resumed on the outskirts of {p}, where {a} and {b} have exchanged fire for weeks.",
    "{a} said in a statement that it had repelled an attack near {p} and taken prisoners.",
    "Residents of {p} told reporters that shelling began shortly after dawn and lasted hours.",
    "The UN mission called on all parties to respect the ceasefire and to open a corridor to {p}.",
    "An airstrike hit {t} near {p}, according to a spokesman for {a}.",
    "Talks between {a} and {b} were postponed after a convoy was ambushed on the road to {p}.",
    "Hospitals in {p} reported dozens of wounded, most of them civilians.",
    "{a} announced a curfew in {p} from 8 p.m. to 6 a.m. until further notice.",
    "Thousands of families have fled {p} since the start of the offensive.",
    "Witnesses said that {b}\u2019s fighters withdrew from {p} overnight, leaving checkpoints "
    "empty.",
    "A local council official in {p} said the town\u2019s water supply had been cut for a week.",
    "Negotiators from {a} and {b} met in {c} to discuss a prisoner exchange.",
    "Drone footage shared online appeared to show damage to {t} in {p}.",
    "The ministry denied reports that {a} had lost control of {p}.",
]


def _sources(rng: random.Random, ymd: list[tuple[int, int, int]]) -> tuple[
    list[Source], list[list[tuple[int, int, str]]]
]:
    """~50 source articles of a few KB, and the (start, end, quote) of each sentence."""
    names = [a[1] for a in ACTORS]
    sources: list[Source] = []
    spans: list[list[tuple[int, int, str]]] = []
    for k in range(N_SOURCES):
        outlet = OUTLETS[k % len(OUTLETS)]
        place = rng.choice(PLACES)
        title = f"{rng.choice(['Fighting', 'Tension', 'Talks', 'Crisis', 'Ceasefire'])} " \
                f"{rng.choice(['continues', 'grows', 'stalls', 'deepens', 'holds'])} in {place}"
        paragraphs: list[str] = [outlet, title]
        text = "\n\n".join(paragraphs) + "\n\n"
        sentence_spans: list[tuple[int, int, str]] = []
        n_sentences = rng.randint(18, 40)
        for s in range(n_sentences):
            a, b = rng.sample(names, 2)
            sentence = rng.choice(_SENTENCES).format(
                p=rng.choice(PLACES), a=a, b=b, t=rng.choice(TARGETS), c=rng.choice(CITIES)
            )
            sentence = sentence[0].upper() + sentence[1:]
            start = len(text)
            text += sentence
            sentence_spans.append((start, len(text), sentence))
            text += "\n\n" if s % 4 == 3 else " "
        day = rng.randrange(SPAN_DAYS)
        y, m, d = ymd[day]
        slug = title.lower().replace(" ", "-")
        sources.append(
            Source(
                id=f"src-{k + 1:03d}",
                title=title,
                outlet=outlet,
                url=f"https://news.example.org/{y}/{m:02d}/{d:02d}/{slug}",
                published=PartialDate(y, m, d),
                language="fr" if outlet.startswith("Le ") else "en",
                text=text.rstrip() + "\n",
            )
        )
        spans.append(sentence_spans)
    return sources, spans


def _title(kind: str, a: str, b: str | None, rng: random.Random) -> tuple[str, str]:
    """A title and a location for an event of ``kind`` between actors a and b."""
    p = PLACES[int(rng.random() * len(PLACES))]
    if kind == "clash":
        if b:
            return f"Clashes between {a} and {b} near {p}", p
        return f"Clashes involving {a} near {p}", p
    if kind == "airstrike":
        return f"Airstrike on {TARGETS[int(rng.random() * len(TARGETS))]} in {p}", p
    if kind == "drone":
        return f"Drone strike near {p}", p
    if kind == "shelling":
        return f"Shelling of {p} by {a}", p
    if kind == "capture":
        return f"{a} take control of {p}", p
    if kind == "withdraw":
        return f"{a} withdraw from {p}", p
    if kind == "ceasefire":
        return f"Ceasefire announced in {p}", p
    if kind == "talks":
        c = CITIES[int(rng.random() * len(CITIES))]
        return (f"Talks between {a} and {b} in {c}" if b else f"{a} hold talks in {c}"), c
    if kind == "protest":
        return f"Protest in {p} against {a}", p
    if kind == "displaced":
        return f"Families displaced from {p} after fighting", p
    if kind == "ambush":
        q = PLACES[int(rng.random() * len(PLACES))]
        return f"Convoy ambushed on the {p}\u2013{q} road", p
    if kind == "arrests":
        return f"{a} detain {2 + int(rng.random() * 60)} people in {p}", p
    if kind == "exchange":
        return (f"Prisoner exchange between {a} and {b}" if b else f"{a} release prisoners"), p
    if kind == "statement":
        return f"{a} statement on the situation in {p}", p
    if kind == "siege":
        return f"Siege of {p}", p
    if kind == "offensive":
        return f"{a} offensive on {p}", p
    if kind == "truce":
        return f"Local truce in {p}", p
    if kind == "blockade":
        port = PORTS[int(rng.random() * len(PORTS))]
        return f"Blockade of {port}", port
    if kind == "curfew":
        return f"Curfew in {p}", p
    if kind == "hold":
        return f"{a} hold {p}", p
    c = CITIES[int(rng.random() * len(CITIES))]
    return (f"Negotiations between {a} and {b} in {c}" if b else f"Negotiations in {c}"), c


def descriptions_by_place() -> dict[str, list[str]]:
    return {
        p: [f"{o.format(p=p)} {d}" for o in _OPENINGS for d in _DETAILS] for p in PLACES + CITIES
        + PORTS
    }
