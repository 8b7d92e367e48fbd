"""Thin handlers: parse the update, call a flow of bot.conversation.flows, deliver its Outcome."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.channels.telegram import errors, links, messages
from bot.channels.telegram.reply import answer_with, press_with
from bot.conversation import flows as conversation
from bot.conversation import guidance
from bot.datatools import director_tools, personal_data
from bot.desk import directing
from bot.desk import find as director_search
from bot.followups.answers import checkin_pressed
from bot.members import own_records as membership
from bot.members import pauses
from bot.notices import broadcast as notices
from bot.placements import offering
from bot.placements import views as placement_views

_PRIVATE = filters.ChatType.PRIVATE


def register_handlers(app: Application) -> None:
    """Attach every handler and the error handler to the Application."""
    commands = {
        "help": conversation.show_help,
        "language": conversation.ask_language,
        "cancel": conversation.cancel,
        "profile": membership.show_profile,
        "requests": membership.list_requests,
        "queue": directing.show_queue,
        "members": directing.show_members,
        "match": directing.match_now,
        "placements": placement_views.list_placements,
        "status": placement_views.show_status,
        "stats": director_tools.show_stats,
        "mydata": personal_data.send_my_data,
        "deleteme": personal_data.ask_to_delete,
        "notice": notices.start_notice,
    }
    for name, flow in commands.items():
        app.add_handler(CommandHandler(name, answer_with(guidance.for_roles(name, flow)), filters=_PRIVATE))
    worded_commands = {"start": conversation.start, "export": director_tools.send_export,
                       "find": director_search.find_command, "pause": pauses.director_pause,
                       "resume": pauses.director_resume}
    for name, worded in worded_commands.items():
        app.add_handler(CommandHandler(name, press_with(guidance.for_roles(name, worded)), filters=_PRIVATE))
    invite = guidance.for_roles("invite", director_tools.make_invite)
    app.add_handler(CommandHandler("invite", links.with_bot_username(invite), filters=_PRIVATE))
    app.add_handler(CallbackQueryHandler(links.with_bot_username(director_tools.invite_pressed),
                                         pattern=r"^(inv:\d+)$"))
    buttons = {
        r"^role:(\w+)$": conversation.choose_role,
        r"^lang:(\w+)$": conversation.choose_language,
        r"^(f:.*)$": conversation.form_pressed,
        r"^(p:.*)$": membership.profile_pressed,
        r"^(rq:.*)$": membership.request_pressed,
        r"^(v:.*)$": directing.verify_pressed,
        r"^(vm:.*)$": directing.members_paged,
        r"^(fd:.*)$": director_search.open_pressed,
        r"^(pm:.*)$": directing.message_pressed,
        r"^(rc:.*)$": directing.request_close_pressed,
        r"^(rd:.*)$": directing.request_desk_pressed,
        r"^(f[ne]:.*)$": director_search.member_action_pressed,
        r"^(q:.*)$": directing.queue_pressed,
        r"^(q[lr]:.*)$": directing.queue_listing_pressed,
        r"^(o:.*)$": offering.offer_pressed,
        r"^(pl:.*)$": offering.end_pressed,
        r"^pls:(\w+)$": placement_views.filter_pressed,
        r"^(del:.*)$": personal_data.deletion_pressed,
        r"^(fu:.*)$": checkin_pressed,
        r"^(nb:.*)$": notices.notice_pressed,
        r"^(ps:.*)$": pauses.pause_pressed,
        r"(?s)^(.*)$": conversation.unknown_press,
    }
    for pattern, flow in buttons.items():
        app.add_handler(CallbackQueryHandler(press_with(flow), pattern=pattern))
    app.add_handler(MessageHandler(_PRIVATE & filters.CONTACT, messages.contact_received))
    app.add_handler(MessageHandler(_PRIVATE & filters.TEXT & ~filters.COMMAND, messages.text_received))
    app.add_handler(MessageHandler(_PRIVATE & filters.COMMAND, messages.command_unknown))
    app.add_handler(MessageHandler(_PRIVATE & ~filters.COMMAND, answer_with(conversation.other_received)))
    app.add_error_handler(errors.on_error)
