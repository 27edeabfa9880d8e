"""Find the acronyms a reader may not know in a procedure's text, without crying wolf.

Words in capitals are acronyms unless they are ordinary words written in capitals for
emphasis in the document's language (NE PAS, DO NOT), Roman numerals, parts of shouted
phrases, or common acronyms everybody knows (PDF, SMS, TVA). Code spans, URLs, e-mail
addresses, phone numbers and file paths are not prose and are not read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from sopmodel.markup import (
    Block,
    Code,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Strong,
    Table,
    Text,
    parse,
)

__all__ = [
    "COMMON_ACRONYMS",
    "EMPHASIS_WORDS",
    "MAX_LENGTH",
    "acronyms",
    "all_known",
    "known",
    "prose",
]

MAX_LENGTH = 6
"""Longer runs of capitals are words written in capitals, not acronyms."""


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SHARED_ACRONYMS = _set(
    # documents, files and computers
    "PDF CSV XML HTML HTTP HTTPS WWW URL URI API PC IT USB DVD CD TV WIFI QR PIN SIM SMS MMS"
    " GPS VPN AI ID IP OS FAQ LED LCD NFC OTP JPEG JPG PNG GIF ZIP TXT DOCX XLSX PPTX"
    # money and time
    " OK EUR USD GBP CHF JPY CAD AUD CNY IBAN BIC SWIFT AM PM GMT UTC CET CEST"
    # organisations, standards and places
    " ISO IEC EN CE UL EU UK US USA UN NATO WHO"
    # health and safety, known from every workplace
    " PPE SDS MSDS UV AED CPR DNA"
    # everyday
    " CEO CFO CTO COO CIO HR KPI CV VIP DIY ASAP FYI ETA RSVP PS NB FAX"
)
COMMON_ACRONYMS: dict[str, frozenset[str]] = {
    "en": _SHARED_ACRONYMS
    | _set("VAT IRS LLC INC LTD PLC ATM ER ICU HSE EHS OSHA ANSI RPM PSI TBD CC BCC PO"),
    "fr": _SHARED_ACRONYMS
    | _set(
        # entreprise et administration
        "TVA HT TTC RH DRH DAF DSI PDG DG RIB SIRET SIREN NAF APE RCS KBIS TPE PME ETI SA SAS"
        " SASU SARL EURL CSE CDI CDD SMIC URSSAF CPAM CAF RGPD CNIL UE ONU NF AFNOR INRS"
        # santé et sécurité au travail
        " EPI SST AT MP DUERP SAMU"
        # au quotidien
        " SAV RDV SVP PV AR LRAR CB DAB DLC DDM BTP"
    ),
}
"""Acronyms known to every reader, by document language; `allowed-acronyms` adds to them."""

EMPHASIS_WORDS: dict[str, frozenset[str]] = {
    "en": _set(
        "A AN THE AND OR NOT NO NOR YES DO DOES DID DON DONT NEVER ALWAYS ONLY ALL ANY EACH"
        " EVERY NONE MUST SHALL SHOULD MAY CAN WILL BE IS ARE WAS IT ITS IF THEN ELSE WHEN"
        " BEFORE AFTER FIRST LAST NEXT ONCE TWICE AT BY FOR TO OF ON OFF IN OUT UP DOWN"
        " WITH INTO FROM OVER UNDER STOP WAIT GO HOLD KEEP CHECK DONE NOTE READ SEE WARN"
        " HOT COLD HIGH LOW FULL EMPTY OPEN CLOSED CLOSE LOCK LOCKED PUSH PULL START END"
        " NEW OLD LIVE DRY WET FIRE SAFE UNSAFE RISK TOXIC ACID BASE KEEP AWAY CLEAR EXIT"
        " URGENT STRICT STRICTLY DANGER ALERT ALARM TIP NOTICE WARNING CAUTION REMOVE"
        " NOBODY ANYONE NOW HERE THERE THIS THAT THESE THOSE WHAT WHY HOW MORE LESS MOST"
        " LEAST VERY TOO ALSO EVEN JUST STILL YET AGAIN SAME BOTH OTHER SUCH WITHIN UNTIL"
        " UNLESS WHILE DURING ABOVE BELOW NEAR LEFT RIGHT YOU YOUR WE OUR THEY HE SHE ME MY"
        " HAVE HAS HAD GET MAKE TAKE GIVE PUT SET USE WEAR STORE RUN TURN SHUT CUT PRESS"
        " ENTER TOUCH MIX ADD POUR DRINK EAT SMOKE STAY LOOK ASK TELL CALL SEND SAVE LEAVE"
        " BURN SHOCK DEATH POISON HAZARD STAFF ENTRY ZONE AREA DOOR TWO THREE ONE ZERO"
        " STEP STEPS TASK PART ITEM PHASE PAGE FORM LIST TABLE"
    ),
    "fr": _set(
        "LE LA LES UN UNE DES DU DE ET OU NI NE PAS PLUS NON OUI SI SANS AVEC POUR PAR SUR"
        " SOUS DANS EN AU AUX CE CES SA SON SES IL ELLE ILS ON QUE QUI TOUT TOUS TOUTE"
        " TOUTES AUCUN AUCUNE SEUL SEULE SEULS JAMAIS TOUJOURS RIEN DOIT DOIVENT FAUT EST"
        " SONT ETRE AVANT PUIS ENSUITE ENFIN ICI STOP ARRET FIN OK BIEN MAL NOTE VOIR LIRE"
        " HAUT BAS FROID CHAUD VIDE PLEIN OUVERT FERME FEU ACIDE BASE DANGER ALERTE"
        " URGENT ATTENTION IMPORTANT INTERDIT INTERDITE OBLIGATOIRE AVERTISSEMENT REMARQUE"
        # capitals often lose their accents: APRES for APRÈS, ETAPE for ÉTAPE
        " APRES DEJA ETAPE TRES ARRET ACCES ENTREE SORTIE ZONE PORTE FUMER EAU GAZ DEFENSE"
        " PERSONNE VOUS NOUS VOTRE VOS NOTRE LEUR CECI CELA DONC MAIS CAR COMME QUAND LORS"
        " MOINS AUSSI ENCORE DEUX TROIS NUL NULLE VITE HORS CHEZ VERS ENTRE CONTRE SELON"
        " MEME AUTRE CHAQUE ETAT FAIRE METTRE PORTER COUPER TENIR GARDER PEUT PEUVENT"
        " ETAPES PARTIE PHASE PAGE LISTE FICHE"
    ),
}
"""Ordinary words that people write in capitals for emphasis, by document language."""

_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&]*[A-Z])s?(?![\w-])(?!['’](?!s\b))")
"""A run of capitals standing alone as a word, a plural or possessive s allowed (PDFs, the
CEO's): not DON of DON'T, nor a part of SALES-001 or rapport_RH."""
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})\Z")
_CAPITAL = "A-ZÀ-ÖØ-ÞŒŸ"
_WORD = rf"[{_CAPITAL}][{_CAPITAL}0-9'’&-]*"
_SHOUTED = re.compile(rf"(?<![\w'’-]){_WORD}(?:[ \t,;:]+{_WORD})+(?![\w'’-])")
"""Two or more words in capitals in a row, within a sentence: a candidate shouted phrase."""
_PARTS = re.compile(r"[^\s,;:'’-]+")
_NOT_WORDS = re.compile(
    r"(?P<url>\b(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.|mailto:|tel:)[^\s<>()\[\]]*)"
    r"|(?P<mail>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<phone>(?<![\w])(?:\+|00)?\d[\d \t.()/-]{6,}\d(?![\w]))"
    r"|(?P<path>[\w~.-]*[/\\][\w~./\\-]+|\b[\w-]+\.(?:[A-Za-z][A-Za-z0-9]{1,4})\b)"
)
"""What is not words in a text: URLs, e-mail addresses, phone numbers, paths and file names."""


def _words(inlines: tuple[Inline, ...]) -> str:
    """Return the words of inlines: a link's text, not a code span."""
    parts = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Strong | Emphasis | Link):
            parts.append(_words(node.children))
        else:  # a code span is left out, a line break kept
            parts.append(" " if isinstance(node, Code) else "\n")
    return "".join(parts)


def _lines(blocks: tuple[Block, ...]) -> Iterator[str]:
    """Yield the lines of words of Markdown blocks: each table cell apart, no code block."""
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            yield _words(block.inlines)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _lines(item)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                yield from (_words(cell) for cell in row)
        elif isinstance(block, Quote):
            yield from _lines(block.blocks)


def prose(text: str, language: str = "en") -> str:
    """Return what a Markdown text says in words: without its code, URLs, e-mail addresses,
    phone numbers and file paths, each table cell on a line of its own."""
    return _NOT_WORDS.sub(" ", "\n".join(_lines(parse(text, language))))


def known(language: str, allowed: Iterable[str] = ()) -> frozenset[str]:
    """Return the words in capitals that need no definition in a document of this language."""
    return (
        COMMON_ACRONYMS.get(language, frozenset())
        | EMPHASIS_WORDS.get(language, frozenset())
        | frozenset(allowed)
    )


_CAPITALS = re.compile(r"[A-Z][A-Z0-9&]*[A-Z]")
"""Every run of capitals: a quick superset of the acronyms, to skip the precise search."""


def all_known(text: str, defined: frozenset[str]) -> bool:
    """Return True when every run of capitals in text is defined: nothing to search for."""
    return defined.issuperset(_CAPITALS.findall(text))


def _unshouted(text: str, ordinary: frozenset[str]) -> str:
    """Return text without its shouted phrases: words in capitals in a row among which is an
    ordinary word (DO NOT MIX ACIDS, N'OUVREZ JAMAIS LE SAS)."""

    def shouted(match: re.Match[str]) -> str:
        return " " if any(p in ordinary for p in _PARTS.findall(match.group())) else match.group()

    return _SHOUTED.sub(shouted, text)


def acronyms(text: str, language: str, defined: frozenset[str] = frozenset()) -> Iterator[str]:
    """Yield the acronyms in text that are not defined nor known, in reading order."""
    if all_known(text, defined):
        return
    ordinary = EMPHASIS_WORDS.get(language, frozenset())
    for found in _ACRONYM.findall(_unshouted(prose(text, language), ordinary)):
        if len(found) > MAX_LENGTH or found in defined or _ROMAN.match(found):
            continue
        if _PLACEHOLDER.fullmatch(found) or (found.endswith("S") and found[:-1] in defined):
            continue  # XXXXXX left to fill in; CSIRTS, the plural of a defined CSIRT
        yield found


_PLACEHOLDER = re.compile(r"(.)\1+")
"""One letter repeated (XXX, XXXXXX): a blank left to fill in, not an acronym."""
_BRACKETED = re.compile(r"\(\s*([A-Z][A-Z0-9&]*[A-Z])s?\s*\)")
"""An acronym in brackets, after the words it stands for: "an Incident Commander (IC)"."""
_WORDS_BEFORE = 200
"""How far before the bracket the words an acronym stands for are looked for."""
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to"}
    | {"à", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "sur"}
)


def _spelled(acronym: str, before: str) -> bool:
    """Return True when the words just before spell the acronym by their initials (small
    words such as of, and, de, du may be skipped): Incident Commander (IC)."""
    words = re.findall(r"[^\W\d_]+", before)
    letters = [c for c in acronym if c.isalpha()]
    while letters and words:
        word = words.pop()
        if unicodedata.normalize("NFD", word[0])[0].upper() == letters[-1]:
            letters.pop()
        elif word.lower() not in _SMALL_WORDS:
            return False
    return not letters


def defined_in(text: str) -> set[str]:
    """Return the acronyms text defines as it uses them: the words they stand for, then the
    acronym in brackets ("an Incident Commander (IC)"; not "a guide (NIST)")."""
    found = set()
    for match in _BRACKETED.finditer(text):
        before = text[max(0, match.start() - _WORDS_BEFORE) : match.start()]
        before = before[max(before.rfind("("), before.rfind(")")) + 1 :]
        if before and _spelled(match[1], before):
            found.add(match[1])
    return found
