"""Each feature's button codec reads back exactly what it makes, in the format already in
people's chats, and each button is taken by one route only (so their order does not matter but
for the unknown press, registered last)."""

from __future__ import annotations

import re

import pytest

from bot.conversation import routes as conversation_routes
from bot.datatools import routes as datatools_routes
from bot.datatools.callbacks import invitee_data, read_deletion, read_invitee
from bot.desk import routes as desk_routes
from bot.desk.callbacks import read_open
from bot.followups import routes as followups_routes
from bot.followups.callbacks import read_checkin
from bot.members import routes as members_routes
from bot.members.callbacks import profile_data, read_member_action, read_page, read_pause, read_profile, read_verify
from bot.notices import routes as notices_routes
from bot.notices.callbacks import read_broadcast
from bot.placements import routes as placements_routes
from bot.placements.callbacks import (
    filter_data,
    read_end,
    read_filter,
    read_listing,
    read_message,
    read_offer,
    read_queue,
)
from bot.refusals import OldButton
from bot.talent_requests.callbacks import read_close, read_desk, read_own_request

ROUND_TRIPS = [
    (read_queue, "q:ok:17"), (read_queue, "q:no:17"), (read_queue, "q:alt:17"), (read_queue, "q:next:17"),
    (read_queue, "q:card:17"), (read_queue, "q:undo:17"), (read_queue, "q:byname:17"),
    (read_queue, "q:pick:17:4"), (read_queue, "q:hand:17:4"),
    (read_listing, "qr:3"), (read_listing, "ql:0"), (read_listing, "ql:2"),
    (read_offer, "o:acc:5"), (read_offer, "o:dec:5"), (read_end, "pl:end:5"), (read_end, "pl:undo:5"),
    (read_message, "pm:5"),
    (read_verify, "v:ok:w:3"), (read_verify, "v:no:n:3"), (read_page, "vm:prev:n:2"), (read_page, "vm:next:w:2"),
    (read_member_action, "fn:w:3"), (read_member_action, "fe:n:4"),
    (read_pause, "ps:pause:w:3:20261220"), (read_pause, "ps:resume:n:2:-"),
    (read_close, "rc:close:3"), (read_close, "rc:yes:3"), (read_close, "rc:keep:3"),
    (read_desk, "rd:edit:3"), (read_desk, "rd:pause:3"), (read_desk, "rd:resume:3"),
    (read_own_request, "rq:new"), (read_own_request, "rq:edit:4"), (read_own_request, "rq:close:4"),
    (read_open, "fd:w:9"), (read_open, "fd:p:9"), (read_broadcast, "nb:send:2"), (read_broadcast, "nb:cancel:2"),
    (read_checkin, "fu:r:7:3"), (read_checkin, "fu:p:7"), (read_deletion, "del:yes:ab12cd34"),
    (read_deletion, "del:no:ab12cd34"),
]


@pytest.mark.parametrize(("read", "data"), ROUND_TRIPS)
def test_a_button_reads_back_as_the_same_data(read, data):
    assert read(data).data == data


def test_the_plain_buttons_read_back_too():
    assert invitee_data(read_invitee("inv:12")) == "inv:12"
    assert profile_data(read_profile("p:edit")) == "p:edit"
    assert filter_data(read_filter("pls:active")) == "pls:active"


@pytest.mark.parametrize(("read", "data"), [
    (read_queue, "q:ok:0"), (read_queue, "q:pick:17"), (read_queue, "q:ok:1e3"), (read_listing, "qr:x"),
    (read_offer, "o:yes:5"), (read_end, "pl:end:"), (read_message, "pm:-1"), (read_verify, "v:ok:x:3"),
    (read_page, "vm:up:w:2"), (read_member_action, "fx:w:3"), (read_pause, "ps:pause:r:3:-"),
    (read_close, "rc:shut:3"), (read_desk, "rd:edit:٣"), (read_open, "fd:z:9"), (read_broadcast, "nb:send"),
    (read_checkin, "fu:r:7:6"), (read_checkin, "fu:p:7:1"), (read_deletion, "del:maybe:x"), (read_invitee, "inv:0"),
    (read_profile, "p:delete"),
])
def test_data_the_bot_did_not_make_is_an_old_button(read, data):
    with pytest.raises(OldButton):
        read(data)


FEATURES = (conversation_routes, members_routes, desk_routes, placements_routes, datatools_routes,
            followups_routes, notices_routes)


@pytest.mark.parametrize("data", [data for _, data in ROUND_TRIPS] + [
    "inv:12", "p:edit", "pls:active", "role:worker", "lang:zh", "f:3:pick:a"])
def test_each_button_is_taken_by_one_route(data):
    taking = [press.pattern for feature in FEATURES for press in feature.PRESSES if re.search(press.pattern, data)]
    assert len(taking) == 1, taking
    assert re.search(conversation_routes.UNKNOWN_PRESS.pattern, data)


def test_every_command_is_declared_once():
    names = [command.name for feature in FEATURES for command in feature.COMMANDS]
    assert len(names) == len(set(names)) == 20  # as registered before the routes moved into the features
