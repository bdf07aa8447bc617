"""The word lists that name parsing, attribution, sentence splitting and answers share: one place for each list.

Only words live here (no patterns over text): honorifics and ranks, name particles, titles, person and
organisation nouns, the nouns of written sources, the function words a name or subject cannot start with, and the
verbs and nouns that tell of one act in news.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "dr": None}
"""Honorifics before a surname, and the gender each gives (None: either)."""
RANK_WORDS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "col": "colonel",
    "lt": "lieutenant",
    "sgt": "sergeant",
    "capt": "captain",
    "cmdr": "commander",
    "adm": "admiral",
    "prof": "professor",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "maj": "major",
    "cpl": "corporal",
    "pvt": "private",
}
"""What each rank abbreviation stands for: "Capt. Lena Moroz" answers "Who was the captain?"."""
RANK_TITLES = frozenset(RANK_WORDS) | _words("rev hon pres")
"""Abbreviated ranks and titles that stand before a name ("Sen. John McCain", "Lt. Col. Dana Reyes")."""
RANKS = RANK_TITLES | _words("st jr sr")
"""Abbreviated titles and ranks ("Lt. Col. Dana Reyes"): their full stop ends no sentence and they stay in a name."""
ABBREVIATIONS = (
    frozenset(HONORIFIC_GENDER)
    | RANKS
    | _words(
        """inc co corp ltd plc bros no nos vs v etc al fig approx dept univ ave blvd rd mt ft
        jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m d.c l.a n.y"""
    )
)
"""Words whose full stop does not end a sentence."""
PARTICLES = _words("van von de der den du da di del al bin ibn le la")
"""Lower-case words inside a surname ("Louis van Gaal")."""
WRITTEN_NOUNS = _words("words statement message tweet letter comment comments remark remarks post email note claim")
"""What a written source is called ("his latest message", "the minister's statement")."""
DOCUMENT_NOUNS = _words(
    """report study survey review inquiry investigation audit ruling judgment judgement verdict affidavit complaint
    lawsuit indictment analysis poll"""
)
"""Documents that speak for a body ("A report by the Audit Office found"); WRITTEN_NOUNS are a person's words."""
QUANTIFIERS = _words("new these those such many some no any other recent latest")
TITLES_KEPT = _words("prince princess king queen sir dame lord lady pope")
TITLES = _words(
    """president president-elect vice prime minister senator sen. rep. representative governor gov. secretary
    chancellor judge justice general gen. colonel captain chief director investigator inspector detective sergeant
    officer constable commissioner mayor ambassador professor prof. dr dr. coach manager chairman leader attorney
    sheriff deputy superintendent rev. reverend bishop cardinal teacher passenger
    principal treasurer councillor councilman councilwoman pastor analyst lieutenant major commander
    ceo cfo coo cto chairwoman chairperson"""
)
PERSON_NOUNS = _words(
    """actress actor star singer player photographer teacher manager coach boss captain minister president officer
    mother father wife husband woman man girl boy lawyer attorney entrepreneur millionaire billionaire businessman
    businesswoman spokesman spokeswoman spokesperson official doctor nurse student fan passenger driver pilot
    presenter host writer author journalist reporter correspondent expert scientist researcher professor judge
    investigator detective striker defender midfielder goalkeeper winger keeper dad mum mom son daughter brother
    sister friend neighbour neighbor resident owner founder chef comedian rapper model designer critic activist
    victim witness pensioner grandmother grandfather youngster teenager legend head fellow member analyst principal
    counsel prosecutor diplomat envoy co-host artist musician novelist poet economist historian lawmaker executive
    cousin uncle aunt nephew niece grandson granddaughter stepfather stepmother veteran"""
)
PEOPLE_NOUNS = _words("people men women children locals")
"""Plural nouns for people that are not a person noun plus "s"."""
FEMALE_NOUNS = _words(
    """actress mother wife woman girl spokeswoman businesswoman mum mom daughter sister grandmother queen princess
    girlfriend widow aunt niece granddaughter stepmother"""
)
MALE_NOUNS = _words(
    "father husband man boy spokesman businessman dad son brother grandfather king prince boyfriend widower uncle "
    "nephew grandson stepfather"
)
NOT_NAME = _words(
    """the a an this that these those his her its their our my your but and or so yet however meanwhile also then
    now yesterday today tonight tomorrow last earlier later speaking following according despite although though
    while when where after before since until under over as at in on of for from with without by to if because
    asked overall instead even still just only it he she they we i you there here what who which why how some many
    most one two both all each every several other another such scroll video watch read more photo picture
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december either neither whether unlike perhaps maybe indeed once among amid
    across inside outside"""
)
"""Words that are never a name nor part of one, even capitalised at the start of a sentence or caption."""
ORG_WORDS = _words(
    """council department school court police agency society station university college service services company
    ltd inc corp party office committee house ministry bureau authority administration association federation union
    commission organisation organization institute foundation trust bank group club united city airlines airport
    hospital church news post times journal herald guardian telegraph mail sun mirror express press network sports
    radio tv board constabulary army navy forces government parliament senate congress assembly kremlin palace
    street road valley ocean sea river island park stadium theater theatre centre center hall festival league cup
    review rules conduct den"""
)
OUTLET_WORDS = _words(
    """news newspaper paper times journal herald guardian telegraph mail sun mirror express press gazette courier post
    tribune chronicle observer standard independent radio tv television network agency broadcaster channel bbc cnn
    reuters ap afp tass itv sky nbc abc cbs fox"""
)
"""Words of the name of a news outlet, which relays what others say ("according to the Evening Courier")."""
AUXILIARIES = _words(
    """is are was were be been being has have had do does did will would can could may might must should shall
    also then later still now previously repeatedly clearly just already never often who which whose that"""
)
"""Auxiliaries, and the adverbs and relatives that stand where one would: a name or role phrase ends before them."""
PAST_VERBS = _words(
    "spoke took made met gave went came saw found left led won lost sent ran began broke felt kept got put thought"
)
"""Irregular past tenses: after a person's name they end the name phrase ("Alan Brice spoke on Monday")."""
NAMING_PARTICIPLES = _words("titled entitled called named dubbed")
DETERMINERS = _words("the a an his her their its one this that")
ROLE_PREPOSITIONS = _words("of from at in for with")
PRONOUNS: dict[str, str | None] = {
    "he": "m",
    "she": "f",
    "his": "m",
    "her": "f",
    "it": None,
    "they": None,
    "we": None,
    "their": None,
}
"""The gender each pronoun points to; None when it may stand for anyone."""
NOT_ADVERBS = _words("family elderly friendly early only italy july assembly")
ARTICLES = _words("the a an one")
"""How a noun phrase may open in lower case ("the auditor", "a spokesman", "one fan")."""
BODY_NOUNS = _words(
    "organisation organization company firm group charity union agency council department ministry party"
)
"""Nouns by which news refers back to a body it has named: "The organisation called the cuts ..."."""
SENTENCE_ADVERBS = _words(
    "yesterday today tonight earlier later meanwhile however now then also overall but and so yet"
)
"""Words a sentence may open with before its subject ("Meanwhile, the council said ...")."""
OPENING_PREPOSITIONS = _words(
    """in on at after before since until under over during despite although though while when whereas if as because
    following given with without for from by ostensibly outside inside across among amid beyond near within
    throughout against like unlike besides"""
)
"""Words that open an adverbial phrase before a sentence's subject ("In a statement, ...")."""
CONCESSIVES = _words("although though while if when because since whereas unless despite")
"""Words that open a subordinate clause: a quote after one is the clause's, not attributed by what follows."""
NOT_AGENT_NOUNS = _words(
    """senior junior minor interior exterior former latter further other inner outer upper lower prior superior
    inferior super center centre water paper order number member-state corner border letter matter"""
)
"""Words that end like an agent noun ("-or", "-er") and name no person: "a senior French official"."""
NEWS_ACTS = tuple(
    _words(group)
    for group in (
        "win won wins winning victory victories triumph beat beating",
        "lose lost losing loss defeat defeated",
        "die died dies dying death deaths dead",
        "kill killed killing murder murdered",
        "write wrote written writer author authored",
        "direct directed director",
        "arrest arrested detain detained custody",
        "buy bought purchase purchased acquire acquired acquisition",
        "sell sold sale",
        "marry married marriage wedding wed",
        "born birth",
        "injure injured injury injuries hurt wounded",
        "steal stole stolen theft",
        "elect elected election",
        "resign resigned resignation quit",
        "sue sued lawsuit",
        "pay paid payment",
        "fly flew flight",
        "found founded founder",
    )
)
"""Verbs and nouns that tell of one act in news language ("Liverpool *beat* Stoke" - "a 1-0 *victory* over Stoke"):
readers ask in one form, articles say it in another. Only acts, never names or places."""
LIGHT_VERBS = _words("give gave given gives take took taken takes make made makes get got gets have has had put")
"""Verbs whose act is in their object ("Who *gave* Arsenal the lead?" - "a lead through Monreal"): they name none."""
