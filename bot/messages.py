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
ESCALATE_PERSON = (
    "Je vraagt om een medewerker. Ik geef je vraag graag door aan Team Veiligheid van de VVSG."
)
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
CHAT_ESCALATE_PROMPT = "Doorgeven aan een medewerker? [j/n] "
CHAT_TICKET_CREATED = "Je vraag is doorgegeven aan Team Veiligheid (vraag nr. {ticket_id}). We antwoorden binnen {hours} uur."
CHAT_NOT_PASSED = "Oké, ik geef je vraag niet door."
CHAT_BYE = "Tot ziens!"

DATE_FORMAT_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
