"""Every sentence an official or a staff member reads, in Dutch (nl-BE), in one place.

Keeping them together lets VVSG staff review the tone of the whole product in one file.
Officials read "u", as the FAQ is written. Texts with ``{placeholders}`` are filled with
``str.format``; Telegram-facing code escapes values before they go into HTML. The texts an
official reads around an answer also exist in English and French (``localized``): the bot
answers in the official's language, quoting the Dutch sources.
"""

from __future__ import annotations

import sys

ESCALATE_OFFER = (
    "Hierop kan ik niet met voldoende zekerheid antwoorden uit de kennisbank van de VVSG. "
    "Zal ik uw vraag doorgeven aan een medewerker van Team Veiligheid?"
)
ESCALATE_OUT_OF_DOMAIN = (
    "Deze vraag valt buiten wat ik behandel: ik beantwoord vragen over de lokale aanpak van "
    "radicalisering, extremisme en polarisatie en over de LIVC R. Zal ik uw vraag toch doorgeven "
    "aan een medewerker van Team Veiligheid van de VVSG?"
)
ESCALATE_PERSON = "U vraagt om een medewerker. Ik geef uw vraag graag door aan Team Veiligheid van de VVSG."
ESCALATE_CASE = (
    "Let op: uw bericht bevatte gegevens waarmee een persoon herkend kan worden. Die heb ik "
    "onleesbaar gemaakt en niet bewaard. Stuur nooit namen, contactgegevens of details van een "
    "casus. Over een individuele situatie geeft een medewerker van Team Veiligheid u graag advies: "
    "zal ik uw vraag (zonder die gegevens) doorgeven?"
)
ESCALATE_SPECIFIC = (
    "Daarover staat geen actuele of specifieke informatie in de kennisbank. Zal ik uw vraag "
    "doorgeven aan een medewerker van Team Veiligheid van de VVSG?"
)
ESCALATE_SPECIFIC_DETAIL = (
    "Daarover vind ik geen sluitend antwoord in de kennisbank van de VVSG: uw vraag {explanation}. "
    "Zal ik uw vraag doorgeven aan een medewerker van Team Veiligheid voor een precies en actueel antwoord?"
)
SOURCES_IN_DUTCH = ""
GENERAL_GUIDANCE_INTRO = "Algemene informatie die u misschien al verder helpt:"
PII_WARNING = (
    "Ik heb persoonsgegevens in uw bericht onleesbaar gemaakt ({kinds}). Stuur nooit namen of "
    "details van personen of casussen."
)
ANSWER_FROM_FAQ_INTRO = ""
ANSWER_FROM_PASSAGE_INTRO = "Dit vond ik in de kennisbank:"
SOURCES_HEADER = "Bronnen:"
EMPTY_QUESTION = "Uw vraag is leeg. Typ een vraag over radicalisering, polarisatie of de LIVC R."
TOO_SHORT = (
    "Dat is wat kort om op te zoeken. Stel uw vraag in een volledige zin, bijvoorbeeld: "
    "'Wie zit er minimaal in een LIVC R?'"
)
GREETING = (
    "Dag! Ik ben de helpdeskbot van Team Veiligheid van de VVSG. Stel gerust uw vraag over "
    "radicalisering, polarisatie of de LIVC R."
)
THANKS = "Graag gedaan! Laat gerust weten als u nog een vraag hebt."
GOODBYE = "Tot later! U kunt hier altijd een nieuwe vraag stellen."
INTERNAL_ERROR = (
    "Sorry, er ging iets mis bij het verwerken van uw bericht. Probeer het zo dadelijk opnieuw, "
    "of typ /mens om een medewerker van Team Veiligheid te vragen."
)
CHAT_WELCOME = (
    "Vraagbaak: helpdesk radicalisering en LIVC R van de VVSG (consolechat).\n"
    "Typ uw vraag en druk op Enter. Typ /mens voor een medewerker, /stop om te stoppen.\n"
    "Stuur nooit namen of details van personen of casussen."
)
PERSON_REQUEST_TEXT = "Ik wil een medewerker spreken."
CHAT_ESCALATE_PROMPT = "Doorgeven aan een medewerker? [j/n] "
CHAT_TICKET_CREATED = (
    "Uw vraag is doorgegeven aan Team Veiligheid (vraag nr. {ticket_id}). We antwoorden binnen {hours} uur."
)
CHAT_NOT_PASSED = "Oké, ik geef uw vraag niet door."
CHAT_BYE = "Tot ziens!"

DATE_FORMAT_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

# Telegram ------------------------------------------------------------------------------------
# Plain text: bot/telegram escapes every value before it goes into HTML.
START = (
    "Dag! Ik ben Vraagbaak, de helpdeskbot van Team Veiligheid van de VVSG.\n\n"
    "Wat ik doe:\n"
    "• algemene vragen beantwoorden over de lokale aanpak van radicalisering, extremisme en "
    "polarisatie en over de LIVC R, altijd met de VVSG-publicaties waar het antwoord uit komt;\n"
    "• uw vraag doorgeven aan een medewerker als ik het antwoord niet met zekerheid ken, "
    "of als u daarom vraagt (/mens).\n\n"
    "Wat ik niet doe:\n"
    "• advies geven over een concrete casus of persoon;\n"
    "• hulp bieden bij een acute dreiging: bel dan 112 of de politie via 101.\n\n"
    "Privacy: stuur nooit namen, contactgegevens, foto's, documenten of details van een casus. "
    "Meer daarover met /privacy.\n\n"
    "Stel uw vraag gewoon in een volledige zin."
)
HELP = (
    "Zo werkt u met Vraagbaak:\n"
    "• Typ uw vraag in een volledige zin, bijvoorbeeld: 'Wie zit er minimaal in een LIVC R?' of "
    "'Mag de LIVC R informatie delen met het OCMW?'\n"
    "• Een korte vervolgvraag kan ook: 'En voor kleinere gemeenten?'\n"
    "• Onder elk antwoord geeft u met 👍 of 👎 aan of het u hielp.\n"
    "• Met 🙋 of /mens vraagt u een medewerker van Team Veiligheid.\n\n"
    "Opdrachten:\n"
    "/start: wat deze bot doet\n"
    "/help: deze uitleg\n"
    "/privacy: hoe we met uw gegevens omgaan\n"
    "/mens: een medewerker spreken\n\n"
    "In een groep antwoord ik alleen als u me vermeldt (@) of op een bericht van mij antwoordt."
)
COMMAND_START = "Wat deze bot doet en niet doet"
COMMAND_HELP = "Uitleg en voorbeeldvragen"
COMMAND_PRIVACY = "Hoe we met uw gegevens omgaan"
COMMAND_MENS = "Een medewerker van Team Veiligheid spreken"
PRIVACY_TITLE = "Privacy in het kort"
PRIVACY_VERSION = "Samenvatting van de privacyverklaring van {date}."
PRIVACY_RULES = "Deel nooit:"
PRIVACY_RETENTION = "Hoe lang we gegevens bewaren:"
PRIVACY_RIGHTS = "U hebt het recht om:"
PRIVACY_MORE = (
    "Vragen over uw gegevens of uw rechten uitoefenen? Neem contact op met de functionaris voor "
    "gegevensbescherming van de VVSG (contactgegevens op www.vvsg.be), of typ /mens."
)
PRIVACY_FALLBACK = (
    "Stuur nooit namen, contactgegevens, foto's, documenten of details van een casus. De VVSG "
    "bewaart uw vragen enkel om ze te beantwoorden en de kennisbank te verbeteren. Vragen over uw "
    "gegevens stelt u aan de functionaris voor gegevensbescherming van de VVSG (www.vvsg.be)."
)
HANDOVER_NOTED = (
    "Uw vraag om een medewerker is genoteerd. Team Veiligheid van de VVSG neemt zo snel mogelijk "
    "contact met u op. Dringend? U bereikt Team Veiligheid ook via de contactgegevens op www.vvsg.be. "
    "Bij een acute dreiging belt u 112 of de politie via 101."
)
HANDOVER_DECLINED = "Oké, ik geef uw vraag niet door. U kunt altijd een nieuwe vraag stellen of /mens typen."
NON_TEXT = (
    "Ik kan alleen tekstvragen behandelen; dit bericht heb ik niet geopend. Stuur nooit foto's, "
    "documenten, spraakberichten of andere bestanden uit een dossier. Typ uw vraag in een zin, "
    "zonder namen of details van een casus."
)
RATE_LIMITED = (
    "U stuurt veel vragen kort na elkaar. Ik heb ze bewaard en beantwoord ze allemaal, in de volgorde "
    "waarin u ze stuurde: het volgende antwoord krijgt u over ongeveer {seconds} seconden. "
    "U hoeft niets opnieuw te sturen."
)
RATE_LIMIT_FULL = (
    "U stuurde zo veel vragen kort na elkaar dat ik deze niet meer bewaar. De vragen die u eerder "
    "stuurde, beantwoord ik wel, in volgorde. Stuur deze vraag over een paar minuten opnieuw."
)
UPDATE_SET_ASIDE = (
    "Sorry, uw bericht kon ik ook na enkele pogingen niet verwerken. Het is bewaard voor onze "
    "beheerders. Typ /mens als u een medewerker van Team Veiligheid wilt spreken."
)
FEEDBACK_THANKS = "Bedankt voor uw feedback!"
FEEDBACK_SORRY = "Bedankt. Hielp dit niet? Druk op 🙋 om uw vraag aan een medewerker te stellen."
BUTTON_EXPIRED = "Deze knop werkt niet meer. Stel uw vraag gerust opnieuw."
BUTTON_HELPFUL = "👍 nuttig"
BUTTON_NOT_HELPFUL = "👎 niet nuttig"
BUTTON_PERSON = "🙋 spreek een medewerker"
BUTTON_HANDOVER_YES = "✅ ja, doorgeven"
BUTTON_HANDOVER_NO = "❌ nee"
GUIDANCE_SOURCE = "Bron:"

# Staff queue: officials ---------------------------------------------------------------------
TICKET_CREATED = (
    "Uw vraag is doorgegeven aan Team Veiligheid van de VVSG (vraag nr. {ticket_id}). U krijgt "
    "hier een antwoord, normaal binnen {hours} uur. Met /mijnvragen volgt u uw vragen op; met "
    "/annuleer {ticket_id} trekt u deze vraag in."
)
TICKET_EXISTS = (
    "Deze vraag is al doorgegeven aan Team Veiligheid (vraag nr. {ticket_id}, {status}). U krijgt "
    "hier een antwoord, normaal binnen {hours} uur."
)
TICKET_NO_QUESTION = "(geen vraag opgegeven: de ambtenaar vraagt een medewerker te spreken)"
LOCAL_GOVERNMENT_ASK = (
    "Nog één vraag, zodat Team Veiligheid u vlot kan helpen: voor welk lokaal bestuur werkt u? "
    "Antwoord op dit bericht met de naam van uw gemeente, stad of politiezone. Liever niet? Laat "
    "dit bericht dan gewoon liggen: ik vraag het maar één keer."
)
LOCAL_GOVERNMENT_PLACEHOLDER = "Bijvoorbeeld: Stad Mechelen"
LOCAL_GOVERNMENT_THANKS = "Bedankt, genoteerd: {name}. Dat hoeft u niet opnieuw op te geven."
RELAY_HEADER = "Antwoord van Team Veiligheid (VVSG) op uw vraag nr. {ticket_id}:"
RELAY_FOOTER = "Wilt u hierop reageren? Antwoord dan op dit bericht (tik op 'Beantwoorden')."
FOLLOW_UP_SENT = "Uw reactie is doorgegeven aan Team Veiligheid (vraag nr. {ticket_id})."
FOLLOW_UP_REOPENED = "Uw reactie is doorgegeven en vraag nr. {ticket_id} staat weer open bij Team Veiligheid."
FOLLOW_UP_REFUSED = (
    "Vraag nr. {ticket_id} is ingetrokken of verwijderd, dus uw reactie is niet doorgegeven. Stel "
    "uw vraag gerust opnieuw, of typ /mens."
)
TICKET_CLOSED_NOTICE = (
    "Team Veiligheid heeft uw vraag nr. {ticket_id} afgesloten. Hebt u er nog een vraag over? "
    "Antwoord dan op dit bericht en ze gaat weer open."
)
MY_TICKETS_HEADER = "Uw vragen aan Team Veiligheid:"
MY_TICKETS_NONE = "U hebt nog geen vragen aan Team Veiligheid doorgegeven. Typ /mens om een medewerker te spreken."
MY_TICKET_LINE = "nr. {ticket_id} · {status} · {date}: {question}"
OFFICIAL_STATUS = {
    "open": "wacht op een medewerker",
    "claimed": "in behandeling",
    "answered": "beantwoord",
    "closed": "afgesloten",
    "withdrawn": "ingetrokken",
}
CANCEL_USAGE = (
    "Geef het nummer van de vraag die u wilt intrekken, bijvoorbeeld: /annuleer 12. Uw nummers ziet u met /mijnvragen."
)
CANCEL_DONE = "Vraag nr. {ticket_id} is ingetrokken. Team Veiligheid werkt er niet verder aan."
CANCEL_NOT_FOUND = "Ik vind geen vraag nr. {ticket_id} van u. Uw vragen ziet u met /mijnvragen."
CANCEL_NOT_ACTIVE = "Vraag nr. {ticket_id} is {status}; intrekken kan niet meer."
FORGET_CONFIRM = (
    "Wilt u dat we uw gegevens verwijderen? Uw naam, uw vragen, de antwoorden en uw gesprekken met "
    "Team Veiligheid worden onleesbaar gemaakt, en vragen die nog openstaan worden ingetrokken. "
    "Dat kan niet ongedaan gemaakt worden."
)
BUTTON_FORGET_YES = "🗑️ ja, verwijder mijn gegevens"
BUTTON_FORGET_NO = "❌ nee, bewaar ze"
FORGET_DONE = (
    "Uw gegevens zijn verwijderd. U kunt Vraagbaak gewoon verder gebruiken; nieuwe vragen worden "
    "bewaard zoals /privacy beschrijft."
)
FORGET_CANCELLED = "Oké, er is niets verwijderd."
COMMAND_MIJNVRAGEN = "Uw doorgegeven vragen en hun stand"
COMMAND_ANNULEER = "Een doorgegeven vraag intrekken"
COMMAND_VERGEETMIJ = "Uw gegevens laten verwijderen"

# Staff queue: staff -------------------------------------------------------------------------
TRIGGER_LABELS = {
    "low_confidence": "onvoldoende zekerheid",
    "out_of_domain": "buiten het domein",
    "not_helpful": "antwoord niet nuttig",
    "asked_for_person": "vroeg om een medewerker",
    "case_question": "casusvraag",
    "specific_facts": "specifieke feiten",
}
STAFF_STATUS = {
    "open": "open",
    "claimed": "opgepakt",
    "answered": "beantwoord",
    "closed": "afgesloten",
    "withdrawn": "ingetrokken",
}
STAFF_POST_TITLE = "Vraag {ticket_id} · {trigger}"
STAFF_POST_FROM = "Van: {name} · lokaal bestuur: {local_government}"
STAFF_NO_LOCAL_GOVERNMENT = "nog niet opgegeven"
STAFF_POST_QUESTION = "Vraag:"
STAFF_POST_ATTEMPT = "Poging van de bot (zekerheid {confidence}):"
STAFF_POST_NO_ATTEMPT = "De bot gaf nog geen antwoord."
STAFF_POST_SOURCES = "Gevonden bronnen:"
STAFF_POST_HOWTO = (
    "Antwoord in dit onderwerp (of met 'Beantwoorden' op dit bericht): je bericht gaat als antwoord "
    "van de VVSG naar de ambtenaar. Begin met #intern voor een notitie die hier blijft."
)
STAFF_INTERNAL_PREFIX = "#intern"
STAFF_TOPIC_NAME = "Vraag {ticket_id}: {question}"
BUTTON_CLAIM = "🙋 Oppakken"
BUTTON_CLOSE = "✅ Afsluiten"
BUTTON_MAKE_FAQ = "📝 Maak FAQ"
BUTTON_APPROVE_FAQ = "👍 FAQ goedkeuren"
STAFF_CLAIMED = "{name} heeft vraag {ticket_id} opgepakt."
STAFF_CLAIM_WON = "Vraag {ticket_id} is nu van jou."
STAFF_CLAIM_TAKEN = "Vraag {ticket_id} is al opgepakt door {name}."
STAFF_CLAIM_NOT_OPEN = "Vraag {ticket_id} is {status}; oppakken kan niet meer."
STAFF_CLOSED = "{name} heeft vraag {ticket_id} afgesloten."
STAFF_CLOSE_DONE = "Vraag {ticket_id} is afgesloten."
STAFF_NOT_POSSIBLE = "Dat kan niet: vraag {ticket_id} is {status}."
STAFF_FOLLOW_UP = "💬 Reactie van de ambtenaar op vraag {ticket_id}:"
STAFF_REOPENED = "Vraag {ticket_id} staat weer open: de ambtenaar reageerde."
STAFF_WITHDRAWN = "De ambtenaar heeft vraag {ticket_id} ingetrokken."
STAFF_FORGOTTEN = "Vraag {ticket_id} is ingetrokken: de ambtenaar liet zijn gegevens verwijderen."
STAFF_LOCAL_GOVERNMENT = "Lokaal bestuur bij vraag {ticket_id}: {name}"
STAFF_TERMINAL_ANSWER = "✉️ Antwoord van {name} via de terminal, doorgestuurd naar de ambtenaar:"
STAFF_WEB_ANSWER = "✉️ Antwoord van {name} via de werkplek, doorgestuurd naar de ambtenaar:"
STAFF_RELAY_BLOCKED = (
    "⚠️ Een bericht bij vraag {ticket_id} kon niet bezorgd worden: de ambtenaar heeft de bot "
    "geblokkeerd. Het antwoord is bewaard; neem zo nodig op een andere manier contact op."
)
STAFF_RELAY_FAILED = "⚠️ Een bericht bij vraag {ticket_id} kon niet bezorgd worden ({reason}). Het is bewaard."
STAFF_REMINDER = "⏰ Vraag {ticket_id} wacht al {age} (streefdoel {target} uur) · {assignee}"
STAFF_UNASSIGNED = "nog door niemand opgepakt"
STAFF_ASSIGNED = "opgepakt door {name}"
STAFF_NOBODY = "niemand"
STAFF_OPEN_HEADER = "Openstaande vragen ({count}):"
STAFF_OPEN_NONE = "Er staan geen vragen open."
STAFF_OPEN_LINE = "{ticket_id} · {age} · {status} · {assignee} · {question}"
STAFF_HISTORY = "Gesprek:"
STAFF_HISTORY_LINE = "{when} · {author}: {text}"
STAFF_AUTHOR_OFFICIAL = "ambtenaar"
STAFF_AUTHOR_SYSTEM = "systeem"
STAFF_TICKET_USAGE = "Gebruik: /ticket N (het nummer van de vraag)."
STAFF_CLOSE_USAGE = "Gebruik: /close N (het nummer van de vraag)."
STAFF_TICKET_NOT_FOUND = "Vraag {ticket_id} bestaat niet."
STAFF_REFUSED = "Dit is alleen voor medewerkers van Team Veiligheid van de VVSG."
AGE_MINUTES = "{n} min"
AGE_HOURS = "{n} u"
AGE_DAYS = "{n} d"
FAQ_DRAFT_TITLE = "📝 FAQ-concept {draft_id} bij vraag {ticket_id}"
FAQ_DRAFT_QUESTION = "Vraag:"
FAQ_DRAFT_ANSWER = "Antwoord:"
FAQ_DRAFT_HOWTO = (
    "Persoonsgegevens zijn al weggelaten; kijk de [plaatshouders] na. Aanpassen: /faq {draft_id} "
    "nieuw antwoord, of /faq {draft_id} vraag nieuwe vraag. Goedkeuren: /faqok {draft_id} of de knop."
)
FAQ_NO_ANSWER = "Vraag {ticket_id} heeft nog geen antwoord van een medewerker om een FAQ van te maken."
FAQ_USAGE = "Gebruik: /faq N nieuw antwoord, of /faq N vraag nieuwe vraag."
FAQ_OK_USAGE = "Gebruik: /faqok N (het nummer van het FAQ-concept)."
FAQ_NOT_FOUND = "FAQ-concept {draft_id} bestaat niet."
FAQ_NOT_DRAFT = "FAQ-concept {draft_id} is al {status}."
FAQ_APPROVED = (
    "✅ FAQ-concept {draft_id} is goedgekeurd door {name} en bewaard als {path}. Na de volgende "
    "herindexering beantwoordt de bot deze vraag zelf."
)
DRAFT_STATUS = {"draft": "een concept", "approved": "goedgekeurd", "rejected": "afgewezen"}
FAQ_THEME = "Antwoorden van Team Veiligheid"
FAQ_QUESTION_KEYWORD = "vraag"
NOT_HELPFUL_OFFER = (
    "Jammer dat dit antwoord u niet verder hielp. Zal ik uw vraag doorgeven aan een medewerker van "
    "Team Veiligheid van de VVSG?"
)


# English and French -------------------------------------------------------------------------
# The texts around an answer, for officials who ask in English or French; the rest stays Dutch.
_TRANSLATIONS: dict[str, dict[str, str]] = {
    "en": {
        "ESCALATE_OFFER": "I cannot answer this with enough certainty from the VVSG knowledge base. "
        "Shall I pass your question on to a member of VVSG's Team Veiligheid?",
        "ESCALATE_OUT_OF_DOMAIN": "This question is outside what I handle: I answer questions about the local "
        "approach to radicalisation, extremism and polarisation and about the LIVC R. Shall I pass your question "
        "on to a member of VVSG's Team Veiligheid anyway?",
        "ESCALATE_PERSON": "You asked for a staff member. I will gladly pass your question on to VVSG's "
        "Team Veiligheid.",
        "ESCALATE_CASE": "Please note: your message contained details that could identify a person. I have "
        "removed them and did not store them. Never send names, contact details or details of a case. A member "
        "of Team Veiligheid will gladly advise you on an individual situation: shall I pass your question on "
        "(without those details)?",
        "ESCALATE_SPECIFIC": "The knowledge base holds no specific or current information on this. Shall I pass "
        "your question on to a member of VVSG's Team Veiligheid?",
        "ESCALATE_SPECIFIC_DETAIL": "The VVSG knowledge base does not hold a precise answer to this (it asks for a "
        "specific or current fact). Shall I pass your question on to a member of Team Veiligheid?",
        "GENERAL_GUIDANCE_INTRO": "General information that may already help you:",
        "PII_WARNING": "I removed personal data from your message ({kinds}). Never send names or details of "
        "persons or cases.",
        "ANSWER_FROM_PASSAGE_INTRO": "This is what I found in the knowledge base:",
        "SOURCES_HEADER": "Sources:",
        "SOURCES_IN_DUTCH": "The VVSG sources are in Dutch; here is the relevant passage.",
        "GUIDANCE_SOURCE": "Source:",
        "BUTTON_HELPFUL": "👍 helpful",
        "BUTTON_NOT_HELPFUL": "👎 not helpful",
        "BUTTON_PERSON": "🙋 talk to a staff member",
        "BUTTON_HANDOVER_YES": "✅ yes, pass it on",
        "BUTTON_HANDOVER_NO": "❌ no",
        "HANDOVER_DECLINED": "All right, I will not pass your question on. You can always ask a new question or "
        "type /mens.",
    },
    "fr": {
        "ESCALATE_OFFER": "Je ne peux pas répondre avec suffisamment de certitude à partir de la base de "
        "connaissances de la VVSG. Voulez-vous que je transmette votre question à un membre de la Team "
        "Veiligheid de la VVSG ?",
        "ESCALATE_OUT_OF_DOMAIN": "Cette question sort de mon domaine : je réponds aux questions sur l'approche "
        "locale de la radicalisation, de l'extrémisme et de la polarisation et sur la LIVC R. Voulez-vous que je "
        "transmette tout de même votre question à la Team Veiligheid de la VVSG ?",
        "ESCALATE_PERSON": "Vous demandez un collaborateur. Je transmets volontiers votre question à la Team "
        "Veiligheid de la VVSG.",
        "ESCALATE_CASE": "Attention : votre message contenait des données permettant d'identifier une personne. "
        "Je les ai supprimées et ne les ai pas conservées. N'envoyez jamais de noms, de coordonnées ou de détails "
        "d'un cas. Un membre de la Team Veiligheid vous conseillera volontiers sur une situation individuelle : "
        "voulez-vous que je transmette votre question (sans ces données) ?",
        "ESCALATE_SPECIFIC": "La base de connaissances ne contient pas d'information spécifique ou actuelle à ce "
        "sujet. Voulez-vous que je transmette votre question à la Team Veiligheid de la VVSG ?",
        "ESCALATE_SPECIFIC_DETAIL": "La base de connaissances de la VVSG ne contient pas de réponse précise à cette "
        "question (elle porte sur un fait précis ou actuel). Voulez-vous que je la transmette à un membre de la "
        "Team Veiligheid ?",
        "GENERAL_GUIDANCE_INTRO": "Des informations générales qui peuvent déjà vous aider :",
        "PII_WARNING": "J'ai supprimé des données personnelles de votre message ({kinds}). N'envoyez jamais de "
        "noms ni de détails de personnes ou de cas.",
        "ANSWER_FROM_PASSAGE_INTRO": "Voici ce que j'ai trouvé dans la base de connaissances :",
        "SOURCES_HEADER": "Sources :",
        "SOURCES_IN_DUTCH": "Les sources de la VVSG sont en néerlandais ; voici le passage pertinent.",
        "GUIDANCE_SOURCE": "Source :",
        "BUTTON_HELPFUL": "👍 utile",
        "BUTTON_NOT_HELPFUL": "👎 pas utile",
        "BUTTON_PERSON": "🙋 parler à un collaborateur",
        "BUTTON_HANDOVER_YES": "✅ oui, transmettre",
        "BUTTON_HANDOVER_NO": "❌ non",
        "HANDOVER_DECLINED": "D'accord, je ne transmets pas votre question. Vous pouvez toujours poser une "
        "nouvelle question ou taper /mens.",
    },
}


def localized(name: str, language: str = "nl") -> str:
    """The text ``name`` in ``language`` ("nl", "en", "fr"); Dutch when there is no translation."""
    translated = _TRANSLATIONS.get(language, {}).get(name)
    if translated is not None:
        return translated
    text = getattr(sys.modules[__name__], name)
    if not isinstance(text, str):
        raise KeyError(f"no message text named {name!r}")
    return text


# --- Reliability and authorization (issue 12) ---------------------------------------------------
FAQ_ADMIN_ONLY = (
    "Alleen een beheerder van de medewerkersgroep kan een FAQ-concept goedkeuren: het verandert wat "
    "elke ambtenaar te horen krijgt."
)
# /privacy's retention rows, generated from the retention settings (bot.settings.Retention).
RETENTION_ROWS = (
    ("questions_days", "Gesprekken zonder doorverwijzing", "{days} dagen, daarna automatisch verwijderd"),
    ("tickets_days", "Vragen doorgegeven aan een medewerker",
     "{days} dagen na de laatste activiteit op de vraag, daarna onherkenbaar gemaakt"),
    ("audit_days", "Logboek van wat medewerkers deden", "{days} dagen"),
    ("logs_days", "Technische logbestanden", "{days} dagen"),
)  # fmt: skip
RETENTION_STATISTICS = ("Geanonimiseerde statistieken", "onbeperkt, want niet tot personen te herleiden")


# --- Relays that never repeat silently, checked staff answers, neutral topics (issue 12) ----------
POSSIBLE_REPEAT = "⚠️ Door een onderbreking kan dit bericht een herhaling zijn."
STAFF_POSSIBLE_REPEAT = "⚠️ Mogelijk een herhaling: het versturen werd onderbroken."
STAFF_RELAY_REPEATED = (
    "⚠️ Een bericht bij vraag {ticket_id} is na een onderbreking opnieuw verstuurd: de ambtenaar ziet "
    "het mogelijk twee keer (met een melding dat het een herhaling kan zijn)."
)
STAFF_NOT_RELAYED_RETRY = "⚠️ Niet doorgestuurd: {reason} Probeer opnieuw."
STAFF_REASON_STATUS = "vraag {ticket_id} is {status}."
STAFF_REASON_DATABASE = "de databank was niet bereikbaar of bezet."
STAFF_REASON_UNKNOWN = "er liep iets mis bij het verwerken."
STAFF_POST_UNDELIVERABLE = (
    "⚠️ Vraag {ticket_id} kon na {attempts} pogingen niet in de medewerkersgroep geplaatst worden "
    "({reason}). De bot blijft het proberen; bekijk ze intussen met /ticket {ticket_id}."
)
STAFF_ANSWER_HELD = (
    "🛑 Je antwoord op vraag {ticket_id} is niet doorgestuurd: het bevat gegevens van een derde ({kinds}). "
    "Zo zou het vertrekken, geredigeerd:"
)
BUTTON_SEND_REDACTED = "✉️ Verstuur geredigeerd"
BUTTON_CANCEL_HELD = "✖️ Annuleer"
STAFF_HELD_SENT = "Het geredigeerde antwoord op vraag {ticket_id} is doorgestuurd."
STAFF_HELD_CANCELLED = "Het antwoord op vraag {ticket_id} is geannuleerd; niets is verstuurd."
STAFF_HELD_GONE = "Dit antwoord is al verstuurd of geannuleerd."
TICKET_FORGOTTEN_NEUTRAL = "Vraag {ticket_id} — verwijderd op verzoek"
TICKET_PURGED_NEUTRAL = "Vraag {ticket_id} — verwijderd (bewaartermijn)"
_TRANSLATIONS["en"]["POSSIBLE_REPEAT"] = "⚠️ Because of an interruption, this message may be a repeat."
_TRANSLATIONS["fr"]["POSSIBLE_REPEAT"] = "⚠️ À cause d'une interruption, ce message est peut-être un doublon."
