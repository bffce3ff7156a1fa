"""What listeners and jobs need besides Slack: settings, database, content."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.backoff import PostingBackoff
from bot.beheer import Beheer
from bot.clock import Clock, system_clock
from bot.digest import WeekspiegelSender
from bot.learning import TeamModels
from bot.posting import PromptPoster
from bot.rapport import Floors
from bot.rapport_sender import RapportSender
from bot.settings import Settings
from bot.slack_copies import CopyEditor
from bot.submissions import SubmissionGuard
from prompts.casus_form import CaseForm, load_case_form
from prompts.library import PromptLibrary, load_library
from prompts.lijnen import Lines, load_lines
from prompts.modelfile import shipped_recogniser
from prompts.recogniser import Finding
from prompts.taxonomy import Taxonomy, load_taxonomy


def _nothing() -> None:
    return None


@dataclass
class Services:
    """Shared, thread-safe dependencies handed to every listener at registration."""

    settings: Settings
    engine: Engine
    library: PromptLibrary = field(default_factory=load_library)
    taxonomy: Taxonomy = field(default_factory=load_taxonomy)
    case_form: CaseForm = field(default_factory=load_case_form)
    # Called after a teamleider changed a team; the in-process scheduler re-syncs its jobs.
    on_team_changed: Callable[[], None] = _nothing
    # Where listeners read "now"; tests pin it.
    clock: Clock = system_clock
    # The planner's pause after Slack's app_rate_limited (set by a listener, read by posting).
    backoff: PostingBackoff = field(default_factory=PostingBackoff)
    # Modal submissions of the last seconds, so a double-click stores once.
    submissions: SubmissionGuard = field(default_factory=SubmissionGuard)

    def __post_init__(self) -> None:
        # The corpus model with this taxonomy's signals; teams with enough confirmed examples
        # get their own correction on top (bot/learning.py).
        self.models = TeamModels(shipped_recogniser(self.taxonomy))
        self.case_form.check_knelpunten(self.knelpunt_ids())
        self.lines: Lines = load_lines(self.case_form.destinations)

    @classmethod
    def for_settings(cls, settings: Settings, engine: Engine) -> Services:
        """Services with the shipped content plus the team's own knelpunten file, if any."""
        return cls(
            settings=settings,
            engine=engine,
            taxonomy=load_taxonomy(extra=settings.knelpunten_file),
        )

    def tag(self, text: str, team_id: int | None = None) -> list[str]:
        """The ids of the knelpunten a text confidently points at (for the team's model)."""
        return [f.knelpunt_id for f in self.recognise(text, team_id) if f.confident]

    def recognise(self, text: str, team_id: int | None = None) -> list[Finding]:
        """The knelpunten of a text, confident and possible, as the team's model sees them."""
        return self.models.recognise(text, team_id)

    def knelpunt_options(self) -> list[tuple[str, str]]:
        """(id, label) of every knelpunt, for select menus."""
        return [(knelpunt.id, knelpunt.label) for knelpunt in self.taxonomy]

    def knelpunt_labels(self, knelpunt_ids: Iterable[str]) -> list[str]:
        """The labels of these knelpunten, in the given order (unknown ids skipped)."""
        labels = dict(self.knelpunt_options())
        return [labels[knelpunt_id] for knelpunt_id in knelpunt_ids if knelpunt_id in labels]

    def knelpunt_ids(self) -> frozenset[str]:
        """Every known knelpunt id."""
        return frozenset(knelpunt.id for knelpunt in self.taxonomy)

    def weekspiegel_sender(self, client: WebClient) -> WeekspiegelSender:
        """A weekspiegel sender that talks to Slack through `client`."""
        return WeekspiegelSender(
            engine=self.engine,
            client=client,
            labels=dict(self.knelpunt_options()),
            library=self.library,
            form=self.case_form,
            timezone=self.settings.timezone,
            min_group_size=self.settings.min_group_size,
        )

    def floors(self) -> Floors:
        """The signalenrapport's floors, from MIN_GROUP_SIZE."""
        return Floors(min_group_size=self.settings.min_group_size)

    def rapport_sender(self, client: WebClient) -> RapportSender:
        """A signalenrapport sender that talks to Slack through `client`."""
        return RapportSender(
            engine=self.engine,
            client=client,
            labels=dict(self.knelpunt_options()),
            form=self.case_form,
            lines=self.lines,
            timezone=self.settings.timezone,
            floors=self.floors(),
            recipients=self.settings.beleidsadviseurs,
        )

    @property
    def beheer(self) -> Beheer:
        """The functioneel beheerders (FUNCTIONEEL_BEHEERDERS), if any are named."""
        return Beheer(self.settings.functioneel_beheerders)

    def copy_editor(self, client: WebClient) -> CopyEditor:
        """Edits the bot's own messages that quote an erased text, through `client`."""
        return CopyEditor(
            client=client, library=self.library, sender=self.weekspiegel_sender(client)
        )

    def poster(self, client: WebClient) -> PromptPoster:
        """A prompt poster that talks to Slack through `client`."""
        return PromptPoster(
            engine=self.engine,
            client=client,
            library=self.library,
            timezone=self.settings.timezone,
            min_group_size=self.settings.min_group_size,
            backoff=self.backoff,
        )
