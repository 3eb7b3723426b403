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

# Telegram ------------------------------------------------------------------------------------
# Plain text: bot/telegram escapes every value before it goes into HTML.
START = (
    "Dag! Ik ben Vraagbaak, de helpdeskbot van Team Veiligheid van de VVSG.\n\n"
    "Wat ik doe:\n"
    "• algemene vragen beantwoorden over de lokale aanpak van radicalisering, extremisme en "
    "polarisatie en over de LIVC R, altijd met de VVSG-publicaties waar het antwoord uit komt;\n"
    "• je vraag doorgeven aan een medewerker als ik het antwoord niet met zekerheid ken, of als je daarom vraagt (/mens).\n\n"
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
