"""Every sentence an official or a staff member reads, in Dutch (nl-BE), in one place.

Keeping them together lets VVSG staff review the tone of the whole product in one file.
Texts with ``{placeholders}`` are filled with ``str.format``; Telegram-facing code escapes
values before they go into HTML.
"""

from __future__ import annotations

ESCALATE_OFFER = (
    "Hierop kan ik niet met voldoende zekerheid antwoorden uit de kennisbank van de VVSG. "
    "Zal ik je vraag doorgeven aan een medewerker van Team Veiligheid?"
)
ESCALATE_OUT_OF_DOMAIN = (
    "Deze vraag valt buiten wat ik behandel: ik beantwoord vragen over de lokale aanpak van "
    "radicalisering, extremisme en polarisatie en over de LIVC R. Zal ik je vraag toch doorgeven "
    "aan een medewerker van Team Veiligheid van de VVSG?"
)
ESCALATE_PERSON = "Je vraagt om een medewerker. Ik geef je vraag graag door aan Team Veiligheid van de VVSG."
ESCALATE_CASE = (
    "Let op: je bericht bevatte gegevens waarmee een persoon herkend kan worden. Die heb ik "
    "onleesbaar gemaakt en niet bewaard. Stuur nooit namen, contactgegevens of details van een "
    "casus. Over een individuele situatie geeft een medewerker van Team Veiligheid je graag advies: "
    "zal ik je vraag (zonder die gegevens) doorgeven?"
)
ESCALATE_SPECIFIC = (
    "Daarover staat geen actuele of specifieke informatie in de kennisbank. Zal ik je vraag "
    "doorgeven aan een medewerker van Team Veiligheid van de VVSG?"
)
GENERAL_GUIDANCE_INTRO = "Algemene informatie die je misschien al verder helpt:"
PII_WARNING = (
    "Ik heb persoonsgegevens in je bericht onleesbaar gemaakt ({kinds}). Stuur nooit namen of "
    "details van personen of casussen."
)
ANSWER_FROM_FAQ_INTRO = ""
ANSWER_FROM_PASSAGE_INTRO = "Dit vond ik in de kennisbank:"
SOURCES_HEADER = "Bronnen:"
EMPTY_QUESTION = "Je vraag is leeg. Typ een vraag over radicalisering, polarisatie of de LIVC R."
TOO_SHORT = (
    "Dat is wat kort om op te zoeken. Stel je vraag in een volledige zin, bijvoorbeeld: "
    "'Wie zit er minimaal in een LIVC R?'"
)
GREETING = (
    "Dag! Ik ben de helpdeskbot van Team Veiligheid van de VVSG. Stel gerust je vraag over "
    "radicalisering, polarisatie of de LIVC R."
)
THANKS = "Graag gedaan! Laat gerust weten als je nog een vraag hebt."
GOODBYE = "Tot later! Je kunt hier altijd een nieuwe vraag stellen."
INTERNAL_ERROR = (
    "Sorry, er ging iets mis bij het verwerken van je bericht. Probeer het zo dadelijk opnieuw, "
    "of typ /mens om een medewerker van Team Veiligheid te vragen."
)
CHAT_WELCOME = (
    "Vraagbaak: helpdesk radicalisering en LIVC R van de VVSG (consolechat).\n"
    "Typ je vraag en druk op Enter. Typ /mens voor een medewerker, /stop om te stoppen.\n"
    "Stuur nooit namen of details van personen of casussen."
)
PERSON_REQUEST_TEXT = "Ik wil een medewerker spreken."
CHAT_ESCALATE_PROMPT = "Doorgeven aan een medewerker? [j/n] "
CHAT_TICKET_CREATED = (
    "Je vraag is doorgegeven aan Team Veiligheid (vraag nr. {ticket_id}). We antwoorden binnen {hours} uur."
)
CHAT_NOT_PASSED = "Oké, ik geef je vraag niet door."
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
    "• je vraag doorgeven aan een medewerker als ik het antwoord niet met zekerheid ken, "
    "of als je daarom vraagt (/mens).\n\n"
    "Wat ik niet doe:\n"
    "• advies geven over een concrete casus of persoon;\n"
    "• hulp bieden bij een acute dreiging: bel dan 112 of de politie via 101.\n\n"
    "Privacy: stuur nooit namen, contactgegevens, foto's, documenten of details van een casus. "
    "Meer daarover met /privacy.\n\n"
    "Stel je vraag gewoon in een volledige zin."
)
HELP = (
    "Zo werk je met Vraagbaak:\n"
    "• Typ je vraag in een volledige zin, bijvoorbeeld: 'Wie zit er minimaal in een LIVC R?' of "
    "'Mag de LIVC R informatie delen met het OCMW?'\n"
    "• Een korte vervolgvraag kan ook: 'En voor kleinere gemeenten?'\n"
    "• Onder elk antwoord geef je met 👍 of 👎 aan of het je hielp.\n"
    "• Met 🙋 of /mens vraag je een medewerker van Team Veiligheid.\n\n"
    "Opdrachten:\n"
    "/start: wat deze bot doet\n"
    "/help: deze uitleg\n"
    "/privacy: hoe we met je gegevens omgaan\n"
    "/mens: een medewerker spreken\n\n"
    "In een groep antwoord ik alleen als je me vermeldt (@) of op een bericht van mij antwoordt."
)
COMMAND_START = "Wat deze bot doet en niet doet"
COMMAND_HELP = "Uitleg en voorbeeldvragen"
COMMAND_PRIVACY = "Hoe we met je gegevens omgaan"
COMMAND_MENS = "Een medewerker van Team Veiligheid spreken"
PRIVACY_TITLE = "Privacy in het kort"
PRIVACY_VERSION = "Samenvatting van de privacyverklaring van {date}."
PRIVACY_RULES = "Deel nooit:"
PRIVACY_RETENTION = "Hoe lang we gegevens bewaren:"
PRIVACY_RIGHTS = "Je hebt het recht om:"
PRIVACY_MORE = (
    "Vragen over je gegevens of je rechten uitoefenen? Neem contact op met de functionaris voor "
    "gegevensbescherming van de VVSG (contactgegevens op www.vvsg.be), of typ /mens."
)
PRIVACY_FALLBACK = (
    "Stuur nooit namen, contactgegevens, foto's, documenten of details van een casus. De VVSG "
    "bewaart je vragen enkel om ze te beantwoorden en de kennisbank te verbeteren. Vragen over je "
    "gegevens stel je aan de functionaris voor gegevensbescherming van de VVSG (www.vvsg.be)."
)
HANDOVER_NOTED = (
    "Je vraag om een medewerker is genoteerd. Team Veiligheid van de VVSG neemt zo snel mogelijk "
    "contact met je op. Dringend? Je bereikt Team Veiligheid ook via de contactgegevens op www.vvsg.be. "
    "Bij een acute dreiging bel je 112 of de politie via 101."
)
HANDOVER_DECLINED = "Oké, ik geef je vraag niet door. Je kunt altijd een nieuwe vraag stellen of /mens typen."
NON_TEXT = (
    "Ik kan alleen tekstvragen behandelen; dit bericht heb ik niet geopend. Stuur nooit foto's, "
    "documenten, spraakberichten of andere bestanden uit een dossier. Typ je vraag in een zin, "
    "zonder namen of details van een casus."
)
RATE_LIMITED = (
    "Je stuurt veel berichten kort na elkaar. Ik beantwoord ze allemaal, maar even rustiger: "
    "het volgende antwoord krijg je over ongeveer {seconds} seconden. Je hoeft niets opnieuw te sturen."
)
RATE_LIMIT_FULL = (
    "Je stuurde te veel berichten kort na elkaar: dit bericht heb ik niet verwerkt. Stuur het over "
    "een paar minuten opnieuw."
)
FEEDBACK_THANKS = "Bedankt voor je feedback!"
FEEDBACK_SORRY = "Bedankt. Hielp dit niet? Druk op 🙋 om je vraag aan een medewerker te stellen."
BUTTON_EXPIRED = "Deze knop werkt niet meer. Stel je vraag gerust opnieuw."
BUTTON_HELPFUL = "👍 nuttig"
BUTTON_NOT_HELPFUL = "👎 niet nuttig"
BUTTON_PERSON = "🙋 spreek een medewerker"
BUTTON_HANDOVER_YES = "✅ ja, doorgeven"
BUTTON_HANDOVER_NO = "❌ nee"
GUIDANCE_SOURCE = "Bron:"

# Staff queue: officials ---------------------------------------------------------------------
TICKET_CREATED = (
    "Je vraag is doorgegeven aan Team Veiligheid van de VVSG (vraag nr. {ticket_id}). Je krijgt "
    "hier een antwoord, normaal binnen {hours} uur. Met /mijnvragen volg je je vragen op; met "
    "/annuleer {ticket_id} trek je deze vraag in."
)
TICKET_EXISTS = (
    "Deze vraag is al doorgegeven aan Team Veiligheid (vraag nr. {ticket_id}, {status}). Je krijgt "
    "hier een antwoord, normaal binnen {hours} uur."
)
TICKET_NO_QUESTION = "(geen vraag opgegeven: de ambtenaar vraagt een medewerker te spreken)"
LOCAL_GOVERNMENT_ASK = (
    "Nog één vraag, zodat Team Veiligheid je vlot kan helpen: voor welk lokaal bestuur werk je? "
    "Antwoord op dit bericht met de naam van je gemeente, stad of politiezone. Liever niet? Laat "
    "dit bericht dan gewoon liggen: ik vraag het maar één keer."
)
LOCAL_GOVERNMENT_PLACEHOLDER = "Bijvoorbeeld: Stad Mechelen"
LOCAL_GOVERNMENT_THANKS = "Bedankt, genoteerd: {name}. Dat hoef je niet opnieuw op te geven."
RELAY_HEADER = "Antwoord van Team Veiligheid (VVSG) op je vraag nr. {ticket_id}:"
RELAY_FOOTER = "Wil je hierop reageren? Antwoord dan op dit bericht (tik op 'Beantwoorden')."
FOLLOW_UP_SENT = "Je reactie is doorgegeven aan Team Veiligheid (vraag nr. {ticket_id})."
FOLLOW_UP_REOPENED = "Je reactie is doorgegeven en vraag nr. {ticket_id} staat weer open bij Team Veiligheid."
FOLLOW_UP_REFUSED = (
    "Vraag nr. {ticket_id} is ingetrokken of verwijderd, dus je reactie is niet doorgegeven. Stel "
    "je vraag gerust opnieuw, of typ /mens."
)
TICKET_CLOSED_NOTICE = (
    "Team Veiligheid heeft je vraag nr. {ticket_id} afgesloten. Heb je er nog een vraag over? "
    "Antwoord dan op dit bericht en ze gaat weer open."
)
MY_TICKETS_HEADER = "Je vragen aan Team Veiligheid:"
MY_TICKETS_NONE = "Je hebt nog geen vragen aan Team Veiligheid doorgegeven. Typ /mens om een medewerker te spreken."
MY_TICKET_LINE = "nr. {ticket_id} · {status} · {date}: {question}"
OFFICIAL_STATUS = {
    "open": "wacht op een medewerker",
    "claimed": "in behandeling",
    "answered": "beantwoord",
    "closed": "afgesloten",
    "withdrawn": "ingetrokken",
}
CANCEL_USAGE = (
    "Geef het nummer van de vraag die je wilt intrekken, bijvoorbeeld: /annuleer 12. Je nummers zie je met /mijnvragen."
)
CANCEL_DONE = "Vraag nr. {ticket_id} is ingetrokken. Team Veiligheid werkt er niet verder aan."
CANCEL_NOT_FOUND = "Ik vind geen vraag nr. {ticket_id} van jou. Je vragen zie je met /mijnvragen."
CANCEL_NOT_ACTIVE = "Vraag nr. {ticket_id} is {status}; intrekken kan niet meer."
FORGET_CONFIRM = (
    "Wil je dat we je gegevens verwijderen? Je naam, je vragen, de antwoorden en je gesprekken met "
    "Team Veiligheid worden onleesbaar gemaakt, en vragen die nog openstaan worden ingetrokken. "
    "Dat kan niet ongedaan gemaakt worden."
)
BUTTON_FORGET_YES = "🗑️ ja, verwijder mijn gegevens"
BUTTON_FORGET_NO = "❌ nee, bewaar ze"
FORGET_DONE = (
    "Je gegevens zijn verwijderd. Je kunt Vraagbaak gewoon verder gebruiken; nieuwe vragen worden "
    "bewaard zoals /privacy beschrijft."
)
FORGET_CANCELLED = "Oké, er is niets verwijderd."
COMMAND_MIJNVRAGEN = "Je doorgegeven vragen en hun stand"
COMMAND_ANNULEER = "Een doorgegeven vraag intrekken"
COMMAND_VERGEETMIJ = "Je gegevens laten verwijderen"

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
STAFF_NOT_RELAYED = "Je bericht is niet doorgestuurd: vraag {ticket_id} is {status}."
STAFF_TERMINAL_ANSWER = "✉️ Antwoord van {name} via de terminal, doorgestuurd naar de ambtenaar:"
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
    "Jammer dat dit antwoord je niet verder hielp. Zal ik je vraag doorgeven aan een medewerker van "
    "Team Veiligheid van de VVSG?"
)

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
