"""Dutch (nl-BE) texts of the workspace that staff read: labels of figures, charts and exports.

The web pages' own wording lives in their templates and ``bot/web/messages.py``.
"""

from __future__ import annotations

OTHER_THEME = "Overig"

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
CHART_MONTHS = "Vragen per maand in {year}"
CHART_THEMES = "Thema's in {year}"
CHART_QUESTIONS = "Vragen"
CHART_TICKETS = "Aan het team doorgegeven"

FIGURE_LABELS = {
    "questions": "Vragen gesteld",
    "answered_by_bot": "Beantwoord door de bot",
    "escalated": "Door de bot doorverwezen (aanbod om door te geven)",
    "tickets": "Doorgegeven aan Team Veiligheid",
    "local_governments": "Lokale besturen",
    "unknown_local_government": "Vragen zonder gekend lokaal bestuur",
    "answered_tickets": "Vragen met een antwoord van het team",
    "median_first_response_hours": "Eerste antwoord van het team: mediaan (uur)",
    "p90_first_response_hours": "Eerste antwoord van het team: 90e percentiel (uur)",
    "within_target": "Eerste antwoord binnen de beloofde termijn",
    "reopened": "Ambtenaar reageerde opnieuw na het antwoord van het team",
    "helpful": "Botantwoorden als nuttig beoordeeld",
    "not_helpful": "Botantwoorden als niet nuttig beoordeeld",
}
CSV_FIGURE = "Cijfer"
THEME_HEADER = ("Thema", "Vragen", "Doorgegeven")
GOVERNMENT_HEADER = ("Lokaal bestuur", "Vragen", "Doorgegeven")
SHEET_FIGURES = "Cijfers"
SHEET_THEMES = "Thema's"
SHEET_GOVERNMENTS = "Lokale besturen"

OUTCOMES = {
    "answered": "Beantwoord",
    "referred": "Doorverwezen naar elders",
    "no_answer": "Geen antwoord mogelijk",
    "unrecorded": "Afgesloten zonder uitkomst (in Telegram)",
    "withdrawn": "Ingetrokken door de ambtenaar",
}
STATUSES = {
    "open": "Open",
    "claimed": "Opgenomen",
    "answered": "Beantwoord",
    "closed": "Afgesloten",
    "withdrawn": "Ingetrokken",
}
TRIGGERS = {
    "low_confidence": "Geen zeker antwoord",
    "out_of_domain": "Buiten het domein",
    "not_helpful": "Antwoord niet nuttig",
    "asked_for_person": "Vroeg naar een mens",
    "case_question": "Casusvraag",
    "specific_facts": "Specifieke feiten",
}

# Errors staff see in the browser (the queue's own errors are English for operators).
TICKET_NOT_FOUND = "Vraag {ticket_id} bestaat niet."
DRAFT_NOT_FOUND = "FAQ-concept {draft_id} bestaat niet."
NOT_POSSIBLE = "Dat kan niet meer: de vraag of het concept is intussen gewijzigd ({status})."
NOTHING_TO_DRAFT = "Er is nog geen antwoord van het team om een FAQ van te maken."
ADMIN_ONLY = "Alleen een beheerder kan dit doen."
EMPTY_TEXT = "Vul eerst een tekst in."
NO_REINDEX = "Deze werkplek kan geen herindexering starten."
UNKNOWN_VERSION = "Versie {version} bestaat niet (meer)."
INDEX_BUSY = "Er loopt net een herindexering; probeer het zo meteen opnieuw."
OTHER_MODEL = "Versie {version} is met een ander taalmodel gemaakt en kan niet terug in gebruik."

ACTIONS = {
    "ticket.created": "vraag doorgegeven aan het team",
    "ticket.claimed": "opgenomen",
    "ticket.reassigned": "toegewezen",
    "ticket.unclaimed": "vrijgegeven",
    "ticket.answered": "antwoord verstuurd",
    "ticket.noted": "interne notitie",
    "ticket.closed": "afgesloten",
    "ticket.outcome": "uitkomst genoteerd",
    "ticket.withdrawn": "ingetrokken door de ambtenaar",
    "faq.drafted": "FAQ-concept gemaakt",
    "faq.edited": "FAQ-concept bewerkt",
    "faq.approved": "FAQ goedgekeurd",
    "faq.rejected": "FAQ-concept afgewezen",
    "relay.failed": "bericht kon niet bezorgd worden",
    "staff.refused": "actie geweigerd (geen teamlid)",
}
