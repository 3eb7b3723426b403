"""``StaffQueue``: the queue's desks over one ``Storage``, built in one place."""

from __future__ import annotations

from dataclasses import dataclass

from ..settings import Settings
from ..storage import Storage
from .config import QueueConfig
from .delivery import DeliveryLog
from .faq import FaqDesk
from .notices import Notices
from .officials import OfficialDesk
from .staff import StaffDesk
from .upkeep import Upkeep


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
