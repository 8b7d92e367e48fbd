"""Thin handlers built from the features' routes: a command or a button pattern calls a flow,
and its Outcome is delivered."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.channels.telegram import errors, links, messages
from bot.channels.telegram.reply import Handler, answer_with, press_with
from bot.conversation import flows as conversation
from bot.conversation import guidance
from bot.conversation import routes as conversation_routes
from bot.datatools import routes as datatools_routes
from bot.desk import routes as desk_routes
from bot.followups import routes as followups_routes
from bot.members import routes as members_routes
from bot.notices import routes as notices_routes
from bot.placements import routes as placements_routes
from bot.routing import CommandRoute, PressRoute

_PRIVATE = filters.ChatType.PRIVATE
# Every feature's routes. Their button patterns do not overlap, so their order among themselves
# does not matter; the unknown press, which takes anything, is registered after them all.
_FEATURES = (conversation_routes, members_routes, desk_routes, placements_routes, datatools_routes,
             followups_routes, notices_routes)


def register_handlers(app: Application) -> None:
    """Attach every handler and the error handler to the Application."""
    for feature in _FEATURES:
        for command in feature.COMMANDS:
            app.add_handler(CommandHandler(command.name, _command_handler(command), filters=_PRIVATE))
    for feature in _FEATURES:
        for button in feature.PRESSES:
            app.add_handler(CallbackQueryHandler(_press_handler(button), pattern=button.pattern))
    app.add_handler(CallbackQueryHandler(_press_handler(conversation_routes.UNKNOWN_PRESS),
                                         pattern=conversation_routes.UNKNOWN_PRESS.pattern))
    app.add_handler(MessageHandler(_PRIVATE & filters.CONTACT, messages.contact_received))
    app.add_handler(MessageHandler(_PRIVATE & filters.TEXT & ~filters.COMMAND, messages.text_received))
    app.add_handler(MessageHandler(_PRIVATE & filters.COMMAND, messages.command_unknown))
    app.add_handler(MessageHandler(_PRIVATE & ~filters.COMMAND, answer_with(conversation.other_received)))
    app.add_error_handler(errors.on_error)


def _command_handler(command: CommandRoute) -> Handler:
    """The command for the people it is for (others are told whom it is for), with its words."""
    gated = guidance.for_roles(command.name, command.flow)
    if command.bot_username:
        return links.with_bot_username(gated)
    return press_with(gated) if command.words else answer_with(gated)


def _press_handler(button: PressRoute) -> Handler:
    return links.with_bot_username(button.flow) if button.bot_username else press_with(button.flow)
