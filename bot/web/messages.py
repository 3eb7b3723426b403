"""Dutch (nl-BE) lines the workspace's pages show after an action or on a refusal."""

from __future__ import annotations

NOTICES = {
    "claimed": "De vraag is nu van u.",
    "taken": "Iemand anders heeft deze vraag al opgenomen.",
    "assigned": "De vraag is toegewezen.",
    "unclaimed": "De vraag staat weer open voor het hele team.",
    "answered": "Uw antwoord staat klaar; de bot bezorgt het binnen enkele seconden aan de ambtenaar.",
    "closed": "De vraag is afgesloten.",
    "noted": "De interne notitie is bewaard (de ambtenaar ziet ze niet).",
    "drafted": "Er is een FAQ-concept gemaakt; het staat bij FAQ-nazicht.",
    "edited": "Het FAQ-concept is bijgewerkt.",
    "approved": "Goedgekeurd: de vraag staat binnen een minuut in de kennisbank van de bot.",
    "rejected": "Het FAQ-concept is afgewezen.",
    "canned_added": "Het standaardantwoord is bewaard.",
    "canned_deleted": "Het standaardantwoord is verwijderd.",
    "logged_out": "U bent afgemeld.",
    "reindexing": "De herindexering loopt; de bot gebruikt de nieuwe versie zodra ze klaar is.",
    "rolled_back": "Die versie is weer in gebruik; de bot schakelt binnen enkele seconden over.",
}

LOGIN_REFUSED = "Dat e-mailadres of wachtwoord klopt niet."
LOGIN_THROTTLED = "Te veel mislukte pogingen. Probeer het over {minutes} minuten opnieuw."
CSRF_REFUSED = "Dit formulier is verlopen of niet van deze site. Laad de pagina opnieuw en probeer nog eens."
SESSION_ENDED = "Uw sessie is verlopen. Meld u opnieuw aan."
NOT_FOUND = "Deze pagina bestaat niet."
BAD_YEAR = "Kies een jaar tussen 2000 en 2200."
API_UNAUTHORISED = "login required"
ANSWER_HELD = (
    "Uw antwoord bevat gegevens van een derde ({kinds}) en is niet verstuurd. Zo zou het vertrekken, "
    "geredigeerd; bevestig om deze versie te versturen, of ga terug om het aan te passen."
)
