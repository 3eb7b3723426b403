"""``StaffQueue``: the queue's desks over one ``Storage``, built in one place."""

from __future__ import annotations

from dataclasses import dataclass

from bot.queue.config import QueueConfig
from bot.queue.delivery import DeliveryLog
from bot.queue.faq import FaqDesk
from bot.queue.notices import Notices
from bot.queue.officials import OfficialDesk
from bot.queue.staff import StaffDesk
from bot.queue.upkeep import Upkeep
from bot.settings import Settings
from bot.storage import Storage


@dataclass(frozen=True, slots=True)
class StaffQueue:
    """Everything the channels call; synchronous (async callers use ``asyncio.to_thread``)."""

    config: QueueConfig
    storage: Storage
    officials: OfficialDesk
    staff: StaffDesk
    faq: FaqDesk
    upkeep: Upkeep
    delivery: DeliveryLog

    @classmethod
    def over(cls, storage: Storage, config: QueueConfig | Settings) -> StaffQueue:
        """The desks over ``storage``; building them does no I/O."""
        if isinstance(config, Settings):
            config = QueueConfig.from_settings(config)
        notices = Notices(storage, config)
        return cls(
            config=config,
            storage=storage,
            officials=OfficialDesk(storage, config, notices),
            staff=StaffDesk(storage, config, notices),
            faq=FaqDesk(storage, config),
            upkeep=Upkeep(storage, config, notices),
            delivery=DeliveryLog(storage, notices),
        )
