"""Update builders produce JSON that PTB parses into the objects handlers expect."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType, MessageEntityType

from tests.support.fakes import FakeBotAPI

CHAT = 42
GROUP = -1001234567890


def parsed(server: FakeBotAPI, update: dict[str, object]) -> Update:
    server.enqueue(update)
    [queued] = server.pending.take(100)
    parsed_update = Update.de_json(queued, bot=None)
    assert parsed_update is not None
    server.pending.confirm(parsed_update.update_id + 1)
    return parsed_update


def test_text_message_in_private_chat() -> None:
    server = FakeBotAPI()

    update = parsed(server, server.make.text_message(CHAT, CHAT, "hoi", first_name="An", username="an_v"))

    assert update.update_id == 1
    assert update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE
    assert update.effective_user is not None and update.effective_user.first_name == "An"
    assert update.effective_message is not None and update.effective_message.text == "hoi"


def test_topic_message_in_forum_supergroup_with_reply() -> None:
    server = FakeBotAPI()
    server.set_forum(GROUP)
    first = server.make.text_message(GROUP, 7, "vraag")["message"]

    update = parsed(
        server,
        server.make.text_message(
            GROUP, 7, "vervolg", reply_to_message=first, message_thread_id=101, is_topic_message=True
        ),
    )

    message = update.effective_message
    assert message is not None and message.chat.type == ChatType.SUPERGROUP and message.chat.is_forum
    assert (message.message_thread_id, message.is_topic_message) == (101, True)
    assert message.reply_to_message is not None and message.reply_to_message.text == "vraag"
    assert message.message_id > first["message_id"]


def test_command_carries_bot_command_entity() -> None:
    server = FakeBotAPI()

    message = parsed(server, server.make.command(CHAT, CHAT, "/start abc")).effective_message

    assert message is not None
    assert message.entities[0].type == MessageEntityType.BOT_COMMAND
    assert message.entities[0].length == len("/start")


def test_media_location_contact_and_edit_builders() -> None:
    server = FakeBotAPI()
    make = server.make

    photo = parsed(server, make.photo(CHAT, CHAT, caption="foto")).effective_message
    document = parsed(server, make.document(CHAT, CHAT)).effective_message
    voice = parsed(server, make.voice(CHAT, CHAT)).effective_message
    sticker = parsed(server, make.sticker(CHAT, CHAT)).effective_message
    location = parsed(server, make.location(CHAT, CHAT)).effective_message
    contact = parsed(server, make.contact(CHAT, CHAT)).effective_message
    edited = parsed(server, make.edited_message(CHAT, CHAT, 1, "verbeterd"))

    assert photo is not None and len(photo.photo) == 2 and photo.caption == "foto"
    assert document is not None and document.document is not None
    assert voice is not None and voice.voice is not None
    assert sticker is not None and sticker.sticker is not None
    assert location is not None and location.location is not None
    assert contact is not None and contact.contact is not None and contact.contact.user_id == CHAT
    assert edited.edited_message is not None and edited.edited_message.message_id == 1


def test_callback_query_embeds_the_known_message() -> None:
    server = FakeBotAPI()
    server.methods.remember({"message_id": 5, "date": 0, "chat": {"id": CHAT, "type": "private"}, "text": "Kies"})

    query = parsed(server, server.make.callback_query(CHAT, CHAT, "ja", 5)).callback_query

    assert query is not None and query.data == "ja"
    assert query.message is not None and query.message.message_id == 5


def test_blocked_event_is_a_my_chat_member_kick() -> None:
    server = FakeBotAPI()

    change = parsed(server, server.make.my_chat_member_blocked(CHAT)).my_chat_member

    assert change is not None
    assert change.old_chat_member.status == ChatMemberStatus.MEMBER
    assert change.new_chat_member.status == ChatMemberStatus.BANNED
