"""What officials and staff read about themes, digests and announcements (Dutch; officials read "u")."""

from __future__ import annotations

COMMAND_VOLG = "Thema's volgen: nieuws over nieuwe publicaties"
COMMAND_VOLGEND = "Welke thema's volg ik?"
COMMAND_STOPVOLGEN = "Alle thema's niet meer volgen"

FOLLOW_PROMPT = (
    "Kies de thema's die u wilt volgen. Verschijnt er iets nieuws over, dan krijgt u hoogstens één "
    "bericht per dag, op werkdagen overdag. Tik opnieuw op een thema om het niet meer te volgen."
)
FOLLOW_BUTTON_ON = "✅ {name}"
FOLLOW_BUTTON_OFF = "➕ {name}"
FOLLOW_TOAST_ON = "U volgt nu: {name}."
FOLLOW_TOAST_OFF = "U volgt {name} niet meer."
FOLLOW_OFFER = (
    "Wilt u op de hoogte blijven van nieuwe publicaties over {name}? Dan stuur ik u hoogstens één bericht "
    "per dag. (Ik vraag dit maar één keer; later kan het altijd met /volg.)"
)
FOLLOW_OFFER_BUTTON = "➕ Volg {name}"
FOLLOW_UNKNOWN = "Dit thema bestaat niet meer. Kies opnieuw met /volg."
FOLLOWING_HEADER = "U volgt deze thema's:"
FOLLOWING_NONE = "U volgt nog geen thema's. Kies er met /volg."
FOLLOWING_FOOTER = "Aanpassen: /volg — alles stoppen: /stopvolgen."
STOPPED = "U volgt geen thema's meer. U krijgt geen berichten meer over nieuwe publicaties of activiteiten."
STOPPED_NONE = "U volgde geen thema's. U krijgt van ons geen berichten over nieuwe publicaties."

DIGEST_HEADER = "📚 Nieuw bij de VVSG over uw thema's"
DIGEST_NEW = "nieuw"
DIGEST_UPDATED = "bijgewerkt"
DIGEST_MORE = "… en nog {n} andere publicaties. Vraag het mij gerust."
PUSH_FOOTER = "U krijgt dit bericht omdat u thema's volgt. Kiezen: /volg — stoppen: /stopvolgen."

ANNOUNCEMENT_HEADER = "📣 Van Team Veiligheid van de VVSG"
RSVP_COMING = "Ik kom"
RSVP_INTERESTED = "Interesse"
RSVP_TOAST = {"kom": "Genoteerd: u komt. Tot dan!", "interesse": "Genoteerd: u hebt interesse."}
RSVP_GONE = "Deze aankondiging bestaat niet meer."

SOURCE_THEMES = "thema: {themes}"

SURVEY_INVITE = (
    "📋 Bevraging van Team Veiligheid: {title}\n\n{count} korte vragen; antwoorden kan tot {deadline}. "
    "Uw antwoorden helpen ons de ondersteuning van lokale besturen te verbeteren. Doet u mee?"
)
SURVEY_JOIN = "Doe mee"
SURVEY_REMINDER = "⏰ Herinnering: de bevraging '{title}' sluit op {deadline}. Doet u nog mee?"
SURVEY_QUESTION_MARK = "📋 Vraag "
SURVEY_QUESTION = SURVEY_QUESTION_MARK + "{number}/{total}: {text}"
SURVEY_TEXT_HINT = "(Antwoord met een reply op dit bericht. Vermeld geen namen of andere persoonsgegevens.)"
SURVEY_THANKS = "Dank u! Uw antwoorden zijn bewaard."
SURVEY_ALREADY = "U hebt deze bevraging al ingevuld; een tweede antwoord kan niet."
SURVEY_CLOSED = "Deze bevraging is afgesloten."
SURVEY_NOT_INVITED = "Deze bevraging is niet voor u bestemd."
SURVEY_REDACTED = "Persoonsgegevens in uw antwoord hebben we weggelaten."
