"""Block Kit ids, defined once and used by builders and listeners alike."""

ANSWER_PRIVATELY_ACTION = "reflectie_prive_beantwoorden"
ANSWER_MODAL_CALLBACK = "reflectie_antwoord"
ANSWER_BLOCK = "antwoord"
ANSWER_INPUT = "antwoord_tekst"
OPTIONS_BLOCK = "opties"
OPTIONS_INPUT = "opties_keuze"
OPTION_ANONYMOUS = "anoniem"
OPTION_QUOTABLE = "citeerbaar"
KNELPUNTEN_BLOCK = "knelpunten"
KNELPUNTEN_INPUT = "knelpunten_keuze"

PROMPT_METADATA_EVENT = "reflectiebot_prompt"
STORED_REACTION = "white_check_mark"

CASE_MODAL_CALLBACK = "casus_vastleggen"
CASE_SAVED_CALLBACK = "casus_bewaard"
CASE_DESCRIPTION_BLOCK = "casus_omschrijving"
CASE_DOMAINS_BLOCK = "casus_leefgebieden"
CASE_INTAKE_BLOCK = "casus_binnenkomst"
CASE_DECISION_BLOCK = "casus_besluit"
CASE_DESTINATIONS_BLOCK = "casus_doorverwezen_naar"
CASE_REASONS_BLOCK = "casus_waarom"
CASE_REASON_NOTE_BLOCK = "casus_waarom_toelichting"
CASE_BRING_UP_BLOCK = "casus_inbrengen"
CASE_BRING_UP_OPTION = "inbrengen"
CASE_EDIT_ACTION = "casus_bewerken"
CASE_DELETE_ACTION = "casus_verwijderen"
TEAM_BLOCK = "team"
# Every input block has one element; its action_id is the block id with this suffix.
INPUT_SUFFIX = "_invoer"

SIGNAL_MODAL_CALLBACK = "knelpunt_signaal"
SIGNAL_TEXT_BLOCK = "knelpunt_tekst"
SIGNAL_RETAG_CALLBACK = "knelpunt_labels"
SIGNAL_RETAG_ACTION = "knelpunt_labels_aanpassen"
SIGNAL_REWRITE_ACTION = "knelpunt_tekst_aanpassen"


def input_id(block_id: str) -> str:
    """The action_id of the one element in an input block."""
    return block_id + INPUT_SUFFIX


AGENDA_ACTION = "weekspiegel_op_agenda"

DOWNLOAD_ACTION = "mijn_gegevens_downloaden"
ERASE_ACTION = "mijn_gegevens_wissen"
PREVIEW_ACTION = "weekspiegel_voorproef"
LEADER_REMOVE_ACTION = "teamleider_weg"
UNLINK_KEEP_ACTION = "ontkoppel_bewaar"
UNLINK_ERASE_ACTION = "ontkoppel_wis"

GEMEENTE_SIGNAL_ACTION = "gemeente_signaleren"
GEMEENTE_SIGNAL_SELECT = "gemeente_signaleren_kies"
GEMEENTE_SIGNAL_CALLBACK = "gemeente_signaal"
GEMEENTE_NOTE_BLOCK = "gemeente_toelichting"
SHARE_ON_ACTION = "maandcijfers_delen"
SHARE_OFF_ACTION = "maandcijfers_niet_delen"
RAPPORT_ACTION = "signalenrapport_sturen"
