from tests.fakes import FakeBotAPI
from tests.telegram.conftest import ask, reply_to
from bot.telegram import BotApplication


async def test_smoke(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    _, mid = ask(fake_bot_api, "Wie zit er minimaal in een LIVC R?")
    call = await reply_to(fake_bot_api, mid)
    print(call.params["text"])
    print(call.params.get("reply_markup"))
    print([c.method for c in fake_bot_api.calls()])
